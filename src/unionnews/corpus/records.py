"""Corpus runs: stream records in, parse them on N processes, stream outcomes out.

Memory stays flat however large the corpus: files are read one at a time, JSON
Lines line by line, and at most ``2 * jobs`` chunks of records are in flight.  A
record that cannot be read or parsed becomes a :class:`BadRecord` (file, line,
error) and the run goes on.  The ``unionnews parse`` command and
:mod:`unionnews.corpus.cluster` (Dask) are both built from these functions, so a run on
one process, on N processes and on a cluster give the same output.
"""

from __future__ import annotations

import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import attrs

from unionnews.errors import UnionnewsError
from unionnews.models import Article

#: Records handed to a worker process at a time.
CHUNK_SIZE = 64
#: File names a folder is searched for.
CORPUS_SUFFIXES = (".txt", ".jsonl")


@attrs.frozen(slots=True)
class Record:
    """One article to parse: where it came from (``path`` or ``path:line``) and its content.

    With ``jsonl`` the content is still one undecoded JSON Lines record: decoding it
    is left to the worker that parses it, so the reading process stays light.
    """

    origin: str
    raw: str | bytes
    jsonl: bool = False


@attrs.frozen(slots=True)
class BadRecord:
    """A record that could not be read or parsed, and why."""

    origin: str
    error: str


@attrs.frozen(slots=True)
class Outcome:
    """The result of parsing one record: an article (or its rendered form), or the error that stopped it.

    In a run with a renderer (:func:`parse_records`) the worker renders the article
    and ships only ``rendered`` back: building and pickling the output in the
    workers keeps the parent process from becoming the bottleneck.
    """

    origin: str
    article: Article | None = None
    error: str | None = None
    rendered: Any = None
    repaired: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


Render = Callable[[Outcome], Any]


OnBadRecord = Callable[[BadRecord], None]


def iter_records(paths: Sequence[str], on_bad: OnBadRecord) -> Iterator[Record]:
    """Articles in files, folders (recursively, ``.txt`` and ``.jsonl``) and ``-`` (stdin).

    A ``.txt`` file is one article (bytes, decoded by :func:`unionnews.normalize`);
    a ``.jsonl`` file holds one article per line as ``{"text": ..., "id": ...}``
    (``id`` optional; the origin is ``path:line``).  Unreadable files go to
    ``on_bad``; a bad JSON line becomes an outcome with an error when it is parsed.
    """
    for path in paths:
        if path == "-":
            yield Record("<stdin>", sys.stdin.buffer.read())
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(CORPUS_SUFFIXES):
                        yield from file_records(os.path.join(root, name), on_bad)
        else:
            yield from file_records(path, on_bad)


def file_records(path: str, on_bad: OnBadRecord) -> Iterator[Record]:
    """The records of one file (see :func:`iter_records`)."""
    try:
        if path.endswith(".jsonl"):
            with open(path, "rb") as f:
                for n, line in enumerate(f, 1):
                    if line.strip():
                        yield Record(f"{path}:{n}", line, jsonl=True)
        else:
            with open(path, "rb") as f:
                yield Record(path, f.read())
    except OSError as e:
        on_bad(BadRecord(path, e.strerror or str(e)))


def jsonl_record(line: bytes | str, origin: str) -> Record | BadRecord:
    """One JSON Lines record: an object with a string ``text``."""
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise TypeError(f"a JSON {type(obj).__name__}, not an object")
        text = obj["text"]
        if not isinstance(text, str):
            raise TypeError("'text' is not a string")
    except (ValueError, KeyError, TypeError) as e:
        return BadRecord(origin, f"bad record: {type(e).__name__}: {e}")
    return Record(origin, text)


def parse_record(record: Record) -> Outcome:
    """Parse one record; any failure becomes the outcome's ``error``, never an exception."""
    from unionnews.assemble import parse

    if record.jsonl:
        decoded = jsonl_record(record.raw, record.origin)
        if isinstance(decoded, BadRecord):
            return Outcome(record.origin, error=decoded.error)
        record = decoded
    try:
        article = parse(record.raw)
    except UnionnewsError as e:
        return Outcome(record.origin, error=f"{type(e).__name__}: {e}")
    except Exception as e:  # one bad page must not stop a corpus run
        return Outcome(record.origin, error=f"internal error {type(e).__name__}: {e}")
    return Outcome(record.origin, article, repaired=bool(article.repairs))


def parse_chunk(records: list[Record], render: Render | None = None) -> list[Outcome]:
    """Parse ``records``; with ``render``, each article is replaced by its rendered form."""
    outcomes = [parse_record(r) for r in records]
    if render is None:
        return outcomes
    return [
        attrs.evolve(o, article=None, rendered=render(o)) if o.article is not None else o for o in outcomes
    ]


def parse_records(
    records: Iterable[Record], jobs: int = 1, render: Render | None = None
) -> Iterator[Outcome]:
    """Outcomes in input order, parsed on ``jobs`` processes with a bounded window in flight.

    ``render`` (a module-level function, so that it pickles) turns each outcome into
    what the sink writes, inside the worker.
    """
    chunks = _chunks(records, CHUNK_SIZE)
    if jobs <= 1:
        for chunk in chunks:
            yield from parse_chunk(chunk, render)
        return
    with ProcessPoolExecutor(jobs) as pool:
        window: deque[Future[list[Outcome]]] = deque()
        for chunk in chunks:
            window.append(pool.submit(parse_chunk, chunk, render))
            if len(window) >= 2 * jobs:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for r in records:
        chunk.append(r)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
