"""Copy groups marked in a written output: the post-pass of ``unionnews parse --group-copies``.

Grouping needs every article's signature before any group is known, so it runs
after the parse, over what the parse wrote: a first pass signs each article
(keeping signatures, not texts), :func:`~unionnews.corpus.copies.group_signatures`
groups them, and a second pass rewrites the output with each article's
``copy_group`` and ``canonical``.  Both passes stream (a line, or a Parquet batch,
at a time), so memory stays flat but for the signatures.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from typing import Any

import attrs

from unionnews.corpus.copies import CopyAssignment, Signature, group_signatures, signature
from unionnews.errors import UnionnewsError

#: Parquet rows read and written at a time.
BATCH_ROWS = 2000
_KEY = '"copy_group":'


@attrs.frozen(slots=True)
class GroupSummary:
    """What the post-pass found: articles, groups, and articles with at least one copy besides them."""

    articles: int
    groups: int
    copied: int


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
    """Add ``copy_group`` and ``canonical`` to every line of a JSON Lines output, in place."""
    signatures = [record_signature(json.loads(line)) for line in _lines(path)]
    assignments = group_signatures(signatures)
    by_origin = {a.article_id: a for a in assignments}
    tmp = path + ".grouping"
    with open(tmp, "w", encoding="utf-8") as out:
        for line, sig in zip(_lines(path), signatures, strict=True):
            out.write(_with_group(line, by_origin[sig.article_id]) + "\n")
    os.replace(tmp, path)
    return summarize(assignments)


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
    return summarize(assignments)


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
