"""Copy groups marked in a written output: the post-pass of ``unionnews parse --group-copies``.

Grouping needs every article's signature before any group is known, so it runs
after the parse, over what the parse wrote: a first pass signs each article
(keeping signatures, not texts), :func:`~unionnews.corpus.copies.group_signatures`
groups them, and a second pass rewrites the output with each article's
``copy_group`` and ``canonical``.  Both passes stream (a line, or a Parquet batch,
at a time), so memory stays flat but for the signatures.

The same post-pass writes the events counted once (:mod:`unionnews.corpus.dedupe`)
beside the output: ``OUT.events.jsonl`` next to a JSON Lines file, an
``events_once/`` table in a Parquet folder.  The per-article events are streamed
from what was written, canonical copies first (so a row's fields come from the
least damaged copy), and the ledger keeps one row per distinct event.
"""

from __future__ import annotations

import glob
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from unionnews.corpus.copies import CopyAssignment, Signature, group_signatures, signature
from unionnews.corpus.dedupe import LEDGER_COLUMNS, EventLedger
from unionnews.errors import UnionnewsError

#: Parquet rows read and written at a time.
BATCH_ROWS = 2000
_KEY = '"copy_group":'
#: The folder of the events table in a Parquet output; the suffix of its file beside a JSON Lines one.
EVENTS_ONCE_TABLE = "events_once"
EVENTS_ONCE_SUFFIX = ".events.jsonl"
#: Columns of the Parquet ``events`` table the ledger reads.
_EVENT_INPUT = (
    "kind",
    "organizer",
    "name",
    "date",
    "value",
    "unit",
    "subject",
    "category",
    "organization",
    "text",
)
#: Arrow types of the ``events_once`` columns that are not strings.
_ONCE_TYPES = {"value": "float64", "reported_by": "int64", "copy_groups": "int64"}


@attrs.frozen(slots=True)
class GroupSummary:
    """What the post-pass found: articles, groups, and articles with at least one copy besides them."""

    articles: int
    groups: int
    copied: int
    #: Events as the articles report them, the rows they make once counted, and where those were written.
    events: int = 0
    events_once: int = 0
    events_table: str | None = None


def summarize(assignments: list[CopyAssignment]) -> GroupSummary:
    """Counts of a grouping."""
    return GroupSummary(
        len(assignments), len({a.copy_group for a in assignments}), sum(1 for a in assignments if a.size > 1)
    )


def record_signature(record: dict[str, Any]) -> Signature:
    """The signature of one written article (its JSON form: ``origin``, ``text``, ``repairs``)."""
    repairs = record.get("repairs") or ()
    damage = repairs if isinstance(repairs, int) else len(repairs)
    return signature(str(record["origin"]), record.get("text") or "", repairs=damage)


def group_jsonl(path: str) -> GroupSummary:
    """Add ``copy_group`` and ``canonical`` to every line of a JSON Lines output, in place.

    When the lines carry ``events``, also write the events counted once to
    :func:`events_once_path` (replacing what an earlier run left there).
    """
    signatures: list[Signature] = []
    has_events = True
    for line in _lines(path):
        record = json.loads(line)
        signatures.append(record_signature(record))
        has_events = has_events and "events" in record
    assignments = group_signatures(signatures)
    by_origin = {a.article_id: a for a in assignments}
    ledger = EventLedger()
    tmp = path + ".grouping"
    with open(tmp, "w", encoding="utf-8") as out:
        for line, sig in zip(_lines(path), signatures, strict=True):
            assignment = by_origin[sig.article_id]
            out.write(_with_group(line, assignment) + "\n")
            if has_events and assignment.canonical:
                _add_record(ledger, json.loads(line), assignment)
    os.replace(tmp, path)
    summary = summarize(assignments)
    if not has_events:
        remove_events_once(path, "jsonl")
        return summary
    for line, sig in zip(_lines(path), signatures, strict=True):
        assignment = by_origin[sig.article_id]
        if not assignment.canonical:
            _add_record(ledger, json.loads(line), assignment)
    target = events_once_path(path, "jsonl")
    rows = events_once_rows(ledger)
    _write_jsonl(target, rows)
    return attrs.evolve(summary, events=ledger.events_in, events_once=len(rows), events_table=target)


def _add_record(ledger: EventLedger, record: dict[str, Any], assignment: CopyAssignment) -> None:
    """One written article's events into the ledger, its ``id`` (else ``origin``) as the evidence."""
    article = str(record.get("id") or record["origin"])
    ledger.add(article, record.get("events") or (), assignment.copy_group)


def _write_jsonl(path: str, rows: Iterable[dict[str, Any]]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def events_once_path(output: str, fmt: str | None) -> str:
    """Where the events counted once go: ``OUT/events_once`` (Parquet), ``OUT.events.jsonl`` (``.jsonl`` dropped)."""
    if fmt == "parquet":
        return os.path.join(output, EVENTS_ONCE_TABLE)
    stem = output[: -len(".jsonl")] if output.endswith(".jsonl") else output
    return stem + EVENTS_ONCE_SUFFIX


def remove_events_once(output: str, fmt: str | None) -> None:
    """Drop the events table an earlier grouped run left (an ungrouped ``--overwrite`` replaces the output whole)."""
    target = events_once_path(output, fmt)
    paths = glob.glob(os.path.join(target, "part-*.parquet")) if fmt == "parquet" else [target]
    for path in paths:
        if os.path.isfile(path):
            os.remove(path)


def events_once_rows(ledger: EventLedger) -> list[dict[str, Any]]:
    """The ledger's rows in an order that does not depend on the order articles were written.

    Most reported first, then by kind, date and who; each row's ``articles`` sorted.
    """
    rows = ledger.rows()
    for row in rows:
        row["articles"] = sorted(row["articles"])
    rows.sort(key=_row_order)
    return rows


def _row_order(row: dict[str, Any]) -> tuple[Any, ...]:
    keys = ("kind", "date", "organizer", "name", "subject", "unit", "organization", "text")
    value = row["value"]
    return (
        -row["reported_by"],
        *("" if row[k] is None else str(row[k]) for k in keys),
        value is not None,
        float(value) if value is not None else 0.0,
        row["articles"],
    )


def _lines(path: str) -> Iterator[str]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip():
                yield line


def _with_group(line: str, assignment: CopyAssignment) -> str:
    """The line with the group fields appended (re-encoded only when a previous grouping left them)."""
    if _KEY in line:
        data = json.loads(line)
        data["copy_group"], data["canonical"] = assignment.copy_group, assignment.canonical
        return json.dumps(data, ensure_ascii=False)
    if not line.endswith("}"):
        raise UnionnewsError(f"not a JSON object line: {line[:60]!r}")
    fields = json.dumps({"copy_group": assignment.copy_group, "canonical": assignment.canonical})
    return line[:-1] + ", " + fields[1:]


def group_parquet(folder: str) -> GroupSummary:
    """Add ``copy_group`` and ``canonical`` columns to the ``articles`` table of a Parquet output, in place."""
    pa, pq = _pyarrow()
    parts = sorted(glob.glob(os.path.join(folder, "articles", "part-*.parquet")))
    if not parts:
        raise UnionnewsError(f"{folder} holds no articles table to group")
    signatures: list[Signature] = []
    for part in parts:
        for batch in pq.ParquetFile(part).iter_batches(BATCH_ROWS, columns=["origin", "text", "repairs"]):
            signatures += [record_signature(row) for row in batch.to_pylist()]
    assignments = group_signatures(signatures)
    by_origin = {a.article_id: a for a in assignments}
    for part in parts:
        source = pq.ParquetFile(part)
        schema = _grouped_schema(pa, source.schema_arrow)
        tmp = part + ".grouping"
        with pq.ParquetWriter(tmp, schema) as writer:
            for batch in source.iter_batches(BATCH_ROWS):
                table = pa.Table.from_batches([batch])
                origins = table.column("origin").to_pylist()
                table = _set_column(table, "copy_group", pa.array([by_origin[o].copy_group for o in origins]))
                table = _set_column(table, "canonical", pa.array([by_origin[o].canonical for o in origins]))
                writer.write_table(table.select(schema.names).cast(schema))
        os.replace(tmp, part)
    summary = summarize(assignments)
    ledger = _parquet_ledger(folder, by_origin)
    if ledger is None:
        remove_events_once(folder, "parquet")
        return summary
    target = events_once_path(folder, "parquet")
    rows = events_once_rows(ledger)
    _write_parquet_table(target, rows)
    return attrs.evolve(summary, events=ledger.events_in, events_once=len(rows), events_table=target)


def _parquet_ledger(folder: str, by_origin: dict[str, CopyAssignment]) -> EventLedger | None:
    """The ledger of the ``events`` table, streamed twice: canonical copies' rows, then the others'."""
    _, pq = _pyarrow()
    parts = sorted(glob.glob(os.path.join(folder, "events", "part-*.parquet")))
    if not parts and not os.path.isdir(os.path.join(folder, "events")):
        return None
    ledger = EventLedger()
    for canonical in (True, False):
        for part in parts:
            source = pq.ParquetFile(part)
            names = source.schema_arrow.names
            ident = "id" if "id" in names else "origin"
            columns = sorted({ident, "origin", *(c for c in _EVENT_INPUT if c in names)}, key=names.index)
            rows = (row for b in source.iter_batches(BATCH_ROWS, columns=columns) for row in b.to_pylist())
            mine = (r for r in rows if _is_canonical(by_origin.get(r["origin"])) == canonical)
            _add_rows(ledger, mine, ident, lambda origin: by_origin.get(origin))
    return ledger


def _is_canonical(assignment: CopyAssignment | None) -> bool:
    return assignment is None or assignment.canonical


def _add_rows(
    ledger: EventLedger,
    rows: Iterable[dict[str, Any]],
    ident: str,
    assignment_of: Callable[[str], CopyAssignment | None],
) -> None:
    """Event rows into the ledger, one article (a run of rows with one identity) at a time."""
    for (article, origin), events in itertools.groupby(
        rows, key=lambda r: (r[ident] or r["origin"], r["origin"])
    ):
        assignment = assignment_of(origin)
        ledger.add(str(article), list(events), assignment.copy_group if assignment else None)


def _write_parquet_table(folder: str, rows: list[dict[str, Any]]) -> None:
    """The rows as ``folder/part-0.parquet`` (typed columns, ``articles`` a list of strings), replacing any parts."""
    pa, pq = _pyarrow()
    fields = [
        pa.field(c, getattr(pa, _ONCE_TYPES.get(c, "string"))()) for c in LEDGER_COLUMNS if c != "articles"
    ]
    schema = pa.schema([*fields, pa.field("articles", pa.list_(pa.string()))])
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, ".part-0.tmp")
    with pq.ParquetWriter(tmp, schema) as writer:
        for start in range(0, max(len(rows), 1), BATCH_ROWS):
            writer.write_table(pa.Table.from_pylist(rows[start : start + BATCH_ROWS], schema=schema))
    for old in glob.glob(os.path.join(folder, "part-*.parquet")):
        os.remove(old)
    os.replace(tmp, os.path.join(folder, "part-0.parquet"))


def _grouped_schema(pa: Any, schema: Any) -> Any:
    for name, kind in (("copy_group", pa.string()), ("canonical", pa.bool_())):
        if name not in schema.names:
            schema = schema.append(pa.field(name, kind))
    return schema


def _set_column(table: Any, name: str, values: Any) -> Any:
    if name in table.column_names:
        return table.set_column(table.column_names.index(name), name, values)
    return table.append_column(name, values)


def group_output(output: str, fmt: str | None) -> GroupSummary:
    """Mark copy groups in what ``unionnews parse -o output`` wrote (JSON Lines file or Parquet folder)."""
    if fmt == "parquet":
        return group_parquet(output)
    return group_jsonl(output)


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise UnionnewsError("Parquet output needs pyarrow: pip install 'unionnews[parquet]'") from e
    return pyarrow, pyarrow.parquet
