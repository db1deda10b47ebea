"""Where parsed articles go: JSON Lines, or Parquet tables when pyarrow is installed.

A sink takes outcomes one at a time and holds at most one batch in memory.
Both can resume: :meth:`done` lists the origins a previous run already wrote.
"""

from __future__ import annotations

import glob
import json
import os
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

#: Rows of the articles table collected before a Parquet row group is written.
PARQUET_BATCH = 2000
#: The tables of a Parquet output folder, each a subfolder of part files.
PARQUET_TABLES = {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS, "people": PERSON_COLUMNS}


class Sink(Protocol):
    @property
    def render(self) -> Render:
        """Turns a parsed outcome into what :meth:`write` stores; run in the worker processes."""

    def done(self) -> set[str]: ...
    def write(self, outcome: Outcome) -> None: ...
    def close(self) -> None: ...


def article_line(outcome: Outcome) -> str:
    """The JSON Lines form of a parsed outcome: the article's contract plus its ``origin``."""
    if outcome.article is None:
        raise ValueError(f"{outcome.origin} has no article: {outcome.error}")
    data = outcome.article.to_dict()
    data["origin"] = outcome.origin
    return json.dumps(data, ensure_ascii=False)


def done_origins_jsonl(path: str) -> set[str]:
    """Origins already written to a JSON Lines output (for ``--resume``); a torn last line is ignored."""
    done: set[str] = set()
    if not os.path.exists(path):
        return done
    with open(path, "rb") as f:
        for line in f:
            try:
                origin = json.loads(line).get("origin")
            except (ValueError, AttributeError):
                continue
            if isinstance(origin, str):
                done.add(origin)
    return done


class JsonlSink:
    """One JSON object per line: the article contract plus ``origin``.

    ``path=None`` writes to ``stream`` (stdout).  With ``resume`` the file is
    appended to, after cutting a line a killed run left half written.
    """

    render = staticmethod(article_line)

    def __init__(self, path: str | None, *, resume: bool = False, stream: IO[str] | None = None) -> None:
        self.path = path
        if path is None:
            if stream is None:
                raise ValueError("JsonlSink needs a path or a stream")
            self._out = stream
            return
        if resume:
            _cut_torn_last_line(path)
        self._out = open(path, "a" if resume else "w", encoding="utf-8")

    def done(self) -> set[str]:
        return done_origins_jsonl(self.path) if self.path else set()

    def write(self, outcome: Outcome) -> None:
        line = outcome.rendered if outcome.rendered is not None else article_line(outcome)
        self._out.write(line + "\n")

    def close(self) -> None:
        if self.path is not None:
            self._out.close()
        else:
            self._out.flush()


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


class ParquetSink:
    """A folder with ``articles/``, ``events/`` and ``people/`` tables of Parquet parts.

    Each run adds one part file per table (``part-00000.parquet``, ...), so a
    resumed run never rewrites what is there; ``pandas.read_parquet(folder /
    "events")`` loads every part.  Needs pyarrow (``pip install unionnews[parquet]``).
    """

    def __init__(self, folder: str, *, resume: bool = False, part: int | None = None) -> None:
        _pyarrow()
        self.folder = folder
        existing = sorted(glob.glob(os.path.join(folder, "articles", "part-*.parquet")))
        if existing and not resume:
            raise UnionnewsError(f"{folder} already holds Parquet parts; use --resume or another folder")
        self._previous = existing
        number = len(existing) if part is None else part
        self._part = f"part-{number:05d}.parquet"
        self._writers: dict[str, Any] = {}
        self._batches: dict[str, list[Row]] = {name: [] for name in PARQUET_TABLES}

    def done(self) -> set[str]:
        _, pq = _pyarrow()
        done: set[str] = set()
        for path in self._previous:
            done.update(pq.read_table(path, columns=["origin"]).column("origin").to_pylist())
        return done

    @staticmethod
    def render(outcome: Outcome) -> TableRows:
        return table_rows(outcome)

    def write(self, outcome: Outcome) -> None:
        rows = outcome.rendered if outcome.rendered is not None else table_rows(outcome)
        for name, table in rows.items():
            self._batches[name].extend(table)
        if len(self._batches["articles"]) >= PARQUET_BATCH:
            self._flush()

    def _flush(self) -> None:
        pa, _ = _pyarrow()
        for name, rows in self._batches.items():
            if not self._writers and not self._batches["articles"]:
                return
            writer = self._writers.get(name) or self._open(name)
            writer.write_table(pa.Table.from_pylist(rows, schema=writer.schema))
            rows.clear()

    def _open(self, name: str) -> Any:
        """A table's part file, created on the first batch (a run that writes nothing leaves none)."""
        _, pq = _pyarrow()
        os.makedirs(os.path.join(self.folder, name), exist_ok=True)
        path = os.path.join(self.folder, name, self._part)
        self._writers[name] = pq.ParquetWriter(path, arrow_schema(PARQUET_TABLES[name]))
        return self._writers[name]

    def close(self) -> None:
        self._flush()
        for writer in self._writers.values():
            writer.close()


TableRows = dict[str, list[Row]]


def table_rows(outcome: Outcome) -> TableRows:
    """The rows one parsed article adds to each Parquet table."""
    article = outcome.article
    if article is None:
        raise ValueError(f"{outcome.origin} has no article: {outcome.error}")
    return {
        "articles": [article_row(article, outcome.origin)],
        "events": event_rows(article, outcome.origin),
        "people": person_rows(article, outcome.origin),
    }


def arrow_schema(columns: tuple[str, ...]) -> pyarrow.Schema:
    """The Arrow schema of a table: strings, except :data:`~unionnews.corpus.tables.NON_STRING_COLUMNS`."""
    pa, _ = _pyarrow()
    return pa.schema([(c, getattr(pa, NON_STRING_COLUMNS.get(c, "string"))()) for c in columns])


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise UnionnewsError("Parquet output needs pyarrow: pip install 'unionnews[parquet]'") from e
    return pyarrow, pyarrow.parquet
