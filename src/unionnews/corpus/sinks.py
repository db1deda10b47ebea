"""Where parsed articles go: JSON Lines, CSV tables, or Parquet tables when pyarrow is installed.

A sink takes outcomes one at a time and holds at most one batch in memory.  Every
sink can resume (:meth:`done` lists the identities a previous run already wrote,
after cutting what a killed run left half written) and none overwrites earlier
output unless asked (``overwrite``).  A failed write raises :class:`OutputError`
naming the file.
"""

from __future__ import annotations

import csv
import functools
import glob
import json
import os
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol

from unionnews.corpus.records import Outcome, Render
from unionnews.corpus.tables import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    NON_STRING_COLUMNS,
    PERSON_COLUMNS,
    Row,
    article_row,
    event_rows,
    person_rows,
)
from unionnews.errors import UnionnewsError

if TYPE_CHECKING:
    import pyarrow

try:
    import orjson
except ImportError:  # the fast extra is not installed: json gives the same text
    orjson = None  # type: ignore[assignment]

#: Articles collected before a Parquet part is written (a kill loses at most this many) ...
PARQUET_BATCH = 500
#: ... or seconds since the last part, whichever comes first.
PARQUET_SECONDS = 30.0
#: The tables of a Parquet or CSV output folder.
TABLES = {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS, "people": PERSON_COLUMNS}
PARQUET_TABLES = TABLES
#: Keys every JSON line has besides the article contract.
LINE_KEYS = ("origin", "id")


class OutputError(UnionnewsError):
    """The output cannot be written (disk full, permissions); the message names the file."""


class Sink(Protocol):
    @property
    def render(self) -> Render:
        """Turns a parsed outcome into what :meth:`write` stores; run in the worker processes."""

    def done(self) -> set[str]: ...
    def write(self, outcome: Outcome) -> None: ...
    def close(self) -> None: ...


def dumps(data: Any) -> str:
    """Compact JSON with characters as they are: orjson when installed (``unionnews[fast]``), else json.

    Both give the same text for the contract's values; anything orjson refuses
    (a lone surrogate, a huge integer) goes through json.
    """
    if orjson is not None:
        try:
            return orjson.dumps(data).decode()
        except (TypeError, ValueError):
            pass
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def article_line(outcome: Outcome, fields: Sequence[str] | None = None, drop: Sequence[str] = ()) -> str:
    """The JSON Lines form of a parsed outcome: the article's contract plus ``origin``, ``id``, kept fields.

    ``fields`` keeps only those contract fields; ``drop`` leaves some out (``--no-repairs``).
    """
    if outcome.article is None:
        raise ValueError(f"{outcome.origin} has no article: {outcome.error}")
    data = outcome.article.to_dict()
    if fields is not None:
        data = {k: v for k, v in data.items() if k in fields}
    for key in drop:
        data.pop(key, None)
    data["origin"] = outcome.origin
    data["id"] = outcome.id or outcome.origin
    data.update(outcome.fields)
    data.update(outcome.extra)
    return dumps(data)


def line_renderer(fields: Sequence[str] | None = None, drop: Sequence[str] = ()) -> Render:
    """A picklable :func:`article_line` with these options, for the worker processes."""
    if fields is None and not drop:
        return article_line
    return functools.partial(
        article_line, fields=tuple(fields) if fields is not None else None, drop=tuple(drop)
    )


def encoded_line(render: Render, outcome: Outcome) -> bytes | str:
    """The rendered line as UTF-8, made in the worker so the parent process only writes bytes.

    Text that UTF-8 cannot encode (a lone surrogate) stays a string: the writer
    raises on it as it always did.
    """
    line = render(outcome)
    try:
        return bytes(line.encode())
    except UnicodeEncodeError:
        return str(line)


def done_origins_jsonl(path: str) -> set[str]:
    """Identities already written to a JSON Lines output (for ``--resume``); a torn last line is ignored.

    A line's ``id`` when it has one (older outputs only have ``origin``).
    """
    done: set[str] = set()
    if not os.path.exists(path):
        return done
    with open(path, "rb") as f:
        for line in f:
            try:
                data = json.loads(line)
                key = data.get("id") or data.get("origin")
            except (ValueError, AttributeError):
                continue
            if isinstance(key, str):
                done.add(key)
    return done


def refuse_overwrite(path: str) -> None:
    """Raise unless ``path`` is missing, empty or not a regular file (``/dev/stdout``, a pipe)."""
    if os.path.isfile(path) and os.path.getsize(path) > 0:
        raise UnionnewsError(f"{path} exists: --resume continues it, --overwrite replaces it")


class JsonlSink:
    """One JSON object per line: the article contract plus ``origin``, ``id`` and the kept fields.

    ``path=None`` writes to ``stream`` (stdout).  With ``resume`` the file is
    appended to, after cutting a line a killed run left half written; an existing
    file is replaced only with ``overwrite``.
    """

    def __init__(
        self,
        path: str | None,
        *,
        resume: bool = False,
        overwrite: bool = False,
        stream: IO[str] | None = None,
        render: Render = article_line,
    ) -> None:
        self.path = path
        self.render: Render = functools.partial(encoded_line, render)
        self._stream = stream
        self._out: IO[bytes] | None = None
        if path is None:
            if stream is None:
                raise ValueError("JsonlSink needs a path or a stream")
            return
        if resume:
            _cut_torn_last_line(path)
        elif not overwrite:
            refuse_overwrite(path)
        self._out = open(path, "ab" if resume else "wb")

    def done(self) -> set[str]:
        return done_origins_jsonl(self.path) if self.path else set()

    def write(self, outcome: Outcome) -> None:
        line = outcome.rendered if outcome.rendered is not None else self.render(outcome)
        if isinstance(line, str):  # not encodable (a lone surrogate): the write below reports it
            line = line.encode()
        if outcome.extra and outcome.rendered is not None:
            line = line[:-1] + b"," + dumps(outcome.extra).encode()[1:]  # columns added after rendering
        with _naming(self.path or "<stdout>"):
            if self._out is not None:
                self._out.write(line + b"\n")
            elif self._stream is not None:
                self._stream.write(line.decode() + "\n")

    def close(self) -> None:
        with _naming(self.path or "<stdout>"):
            if self._out is not None:
                self._out.close()
            elif self._stream is not None:
                self._stream.flush()


class _naming:
    """Turn an ``OSError`` while writing into an :class:`OutputError` that names the file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: Any, tb: Any) -> None:
        if isinstance(error, OSError) and not isinstance(error, BrokenPipeError):
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from error


def _cut_torn_last_line(path: str) -> None:
    if not os.path.exists(path):
        return
    with open(path, "rb+") as f:
        data_end = f.seek(0, os.SEEK_END)
        if data_end == 0:
            return
        f.seek(max(data_end - 1, 0))
        if f.read(1) == b"\n":
            return
        block = 1 << 16
        pos = data_end
        while pos > 0:
            start = max(pos - block, 0)
            f.seek(start)
            chunk = f.read(pos - start)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                f.truncate(start + newline + 1)
                return
            pos = start
        f.truncate(0)


TableRows = dict[str, list[Row]]


def table_rows(outcome: Outcome) -> TableRows:
    """The rows one parsed article adds to each table; kept fields and extras are article columns."""
    article = outcome.article
    if article is None:
        raise ValueError(f"{outcome.origin} has no article: {outcome.error}")
    key = outcome.id or outcome.origin
    extra = {**{name: _cell(value) for name, value in outcome.fields.items()}, **outcome.extra}
    return {
        "articles": [article_row(article, outcome.origin, key, extra)],
        "events": event_rows(article, outcome.origin, key),
        "people": person_rows(article, outcome.origin, key),
    }


def _rows(outcome: Outcome) -> TableRows:
    """The outcome's table rows, with the ``extra`` columns set after a worker rendered them."""
    if outcome.rendered is None:
        return table_rows(outcome)
    rows: TableRows = outcome.rendered
    if outcome.extra:
        rows = {**rows, "articles": [{**row, **outcome.extra} for row in rows["articles"]]}
    return rows


def _cell(value: Any) -> str | None:
    """A kept input field as a table cell: strings as they are, other JSON values as JSON."""
    if value is None or isinstance(value, str):
        return value
    return dumps(value)


def table_columns(extra_columns: Sequence[str] = ()) -> dict[str, tuple[str, ...]]:
    """Each table's columns, the articles table with ``extra_columns`` appended."""
    return {**TABLES, "articles": ARTICLE_COLUMNS + tuple(extra_columns)}


PART = re.compile(r"part-(\d+)")


class ParquetSink:
    """A folder with ``articles/``, ``events/`` and ``people/`` tables of Parquet parts.

    Parts are written every :data:`PARQUET_BATCH` articles or :data:`PARQUET_SECONDS`
    seconds, each to a hidden temporary name renamed when complete, so a killed run
    leaves only whole parts (``pandas.read_parquet(folder / "events")`` loads them)
    and loses at most one batch; the articles part is renamed last, and on resume
    temporary files and events/people parts without their articles part are
    removed.  Needs pyarrow (``pip install unionnews[parquet]``).
    """

    def __init__(
        self,
        folder: str,
        *,
        resume: bool = False,
        overwrite: bool = False,
        part: int | None = None,
        extra_columns: Sequence[str] = (),
        column_types: Mapping[str, str] | None = None,
        batch_rows: int = PARQUET_BATCH,
        batch_seconds: float = PARQUET_SECONDS,
    ) -> None:
        _pyarrow()
        self.folder = folder
        self.columns = table_columns(extra_columns)
        self.column_types = dict(column_types or {})
        existing = self._parts("articles")
        if part is None:  # a whole run; with ``part``, one worker of a run set up elsewhere
            if existing and overwrite:
                self._remove_parts()
                existing = []
            elif existing and not resume:
                raise UnionnewsError(
                    f"{folder} already holds Parquet parts: --resume continues, --overwrite replaces"
                )
            if resume:
                self._remove_incomplete()
                existing = self._parts("articles")
        self._previous = existing
        numbers = [int(m.group(1)) for p in existing if (m := PART.match(os.path.basename(p)))]
        #: The run number in this sink's part names (``part-RUN-SEQ.parquet``).
        self.run = part if part is not None else max(numbers, default=-1) + 1
        self._seq = 0
        self._batch_rows = batch_rows
        self._batch_seconds = batch_seconds
        self._last = time.monotonic()
        self._batches: dict[str, list[Row]] = {name: [] for name in TABLES}

    def _parts(self, table: str) -> list[str]:
        return sorted(glob.glob(os.path.join(self.folder, table, "part-*.parquet")))

    def _remove_parts(self) -> None:
        for table in TABLES:
            for path in self._parts(table) + glob.glob(os.path.join(self.folder, table, ".part-*.tmp")):
                os.remove(path)

    def _remove_incomplete(self) -> None:
        """What a killed run left: temporary parts, and events/people parts whose articles part is missing."""
        whole = {os.path.basename(p) for p in self._parts("articles")}
        for table in TABLES:
            for path in glob.glob(os.path.join(self.folder, table, ".part-*.tmp")):
                os.remove(path)
            for path in self._parts(table):
                if os.path.basename(path) not in whole:
                    os.remove(path)

    def done(self) -> set[str]:
        _, pq = _pyarrow()
        done: set[str] = set()
        for path in self._previous:
            try:
                names = pq.read_schema(path).names
                column = "id" if "id" in names else "origin"
                done.update(pq.read_table(path, columns=[column]).column(column).to_pylist())
            except Exception as e:  # pyarrow raises several types for a damaged file
                raise UnionnewsError(
                    f"{path} is not a readable Parquet file ({e}); remove it and resume"
                ) from e
        return done

    @staticmethod
    def render(outcome: Outcome) -> TableRows:
        return table_rows(outcome)

    def write(self, outcome: Outcome) -> None:
        rows = _rows(outcome)
        for name, table in rows.items():
            self._batches[name].extend(table)
        if len(self._batches["articles"]) >= self._batch_rows or (
            time.monotonic() - self._last >= self._batch_seconds
        ):
            self.flush()

    def flush(self) -> None:
        """Write the batch as one whole part per table (articles last); nothing when the batch is empty."""
        self._last = time.monotonic()
        if not self._batches["articles"]:
            return
        pa, pq = _pyarrow()
        name = f"part-{self.run:05d}-{self._seq:05d}.parquet"
        for table in ("events", "people", "articles"):
            folder = os.path.join(self.folder, table)
            final, temporary = os.path.join(folder, name), os.path.join(folder, f".{name}.tmp")
            with _naming(final):
                os.makedirs(folder, exist_ok=True)
                schema = arrow_schema(self.columns[table], self.column_types)
                data = pa.Table.from_pylist(self._batches[table], schema=schema)
                with open(temporary, "wb") as f:
                    pq.write_table(data, f)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(temporary, final)
            self._batches[table].clear()
        self._seq += 1

    def close(self) -> None:
        self.flush()


class CsvSink:
    """A folder with ``articles.csv``, ``events.csv`` and ``people.csv`` (UTF-8, a header row each).

    An article's events and people rows are written before its articles row, so on
    resume the articles table says what is done: a half-written last row is cut
    from each file and rows of an article whose articles row is missing are dropped.
    Timestamps are ISO 8601; empty cells are nulls.
    """

    def __init__(
        self,
        folder: str,
        *,
        resume: bool = False,
        overwrite: bool = False,
        extra_columns: Sequence[str] = (),
    ) -> None:
        self.folder = folder
        self.columns = table_columns(extra_columns)
        paths = {name: os.path.join(folder, f"{name}.csv") for name in TABLES}
        if not resume and not overwrite:
            for path in paths.values():
                refuse_overwrite(path)
        self._done: set[str] = set()
        with _naming(folder):
            os.makedirs(folder, exist_ok=True)
            if resume:
                self._done = _recover_csv(paths["articles"], self.columns["articles"], None)
                for name in ("events", "people"):
                    _recover_csv(paths[name], self.columns[name], self._done)
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}
        for name, path in paths.items():
            with _naming(path):
                f = open(path, "a" if resume else "w", encoding="utf-8", newline="")
            self._files[name] = f
            self._writers[name] = csv.writer(f, lineterminator="\n")
            if f.tell() == 0:
                self._writers[name].writerow(self.columns[name])

    def done(self) -> set[str]:
        return set(self._done)

    @staticmethod
    def render(outcome: Outcome) -> TableRows:
        return table_rows(outcome)

    def write(self, outcome: Outcome) -> None:
        rows = _rows(outcome)
        for name in ("events", "people", "articles"):
            with _naming(self._files[name].name):
                for row in rows[name]:
                    self._writers[name].writerow([_csv_cell(row.get(c)) for c in self.columns[name]])

    def close(self) -> None:
        for f in self._files.values():
            with _naming(f.name):
                f.close()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _recover_csv(path: str, columns: Sequence[str], keep: set[str] | None) -> set[str]:
    """Ids of the whole rows of a CSV table; cut a torn last row (and, with ``keep``, rows not in it).

    Rows are read with the byte offset where each ends, so the file is cut exactly
    after the last row to keep.
    """
    if not os.path.exists(path):
        return set()
    ids: set[str] = set()
    end = 0
    offset = 0
    whole = True

    def lines(f: IO[bytes]) -> Iterator[str]:
        nonlocal offset, whole
        for line in f:
            offset += len(line)
            whole = line.endswith(b"\n")
            yield line.decode("utf-8", errors="replace")

    with open(path, "rb+") as f:
        reader = csv.reader(lines(f), strict=True)
        try:
            header = next(reader, None)
            if header is not None and list(header) != list(columns):
                raise UnionnewsError(f"{path} has other columns than this run writes; use another folder")
            end = offset
            for row in reader:
                if len(row) != len(columns) or not whole:
                    break
                if keep is None or row[0] in keep:
                    ids.add(row[0])
                    end = offset
        except csv.Error:
            pass
        f.truncate(end)
    return ids


def arrow_schema(columns: tuple[str, ...], types: Mapping[str, str] | None = None) -> pyarrow.Schema:
    """The Arrow schema of a table: strings, except :data:`~unionnews.corpus.tables.NON_STRING_COLUMNS`
    and the ``types`` given for extra columns (Arrow type names: ``int64``, ``bool_``, ``timestamp``...)."""
    pa, _ = _pyarrow()
    known = {**NON_STRING_COLUMNS, **(types or {})}
    return pa.schema([(c, _arrow_type(pa, known.get(c, "string"))) for c in columns])


def _arrow_type(pa: Any, name: str) -> Any:
    return pa.timestamp("us") if name == "timestamp" else getattr(pa, name)()


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise UnionnewsError("Parquet output needs pyarrow: pip install 'unionnews[parquet]'") from e
    return pyarrow, pyarrow.parquet


__all__ = [
    "CsvSink",
    "JsonlSink",
    "OutputError",
    "ParquetSink",
    "Sink",
    "TableRows",
    "arrow_schema",
    "article_line",
    "done_origins_jsonl",
    "dumps",
    "line_renderer",
    "refuse_overwrite",
    "table_columns",
    "table_rows",
]
