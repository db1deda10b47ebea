"""Corpus runs: stream records in, parse them on N processes, stream outcomes out.

Memory stays flat however large the corpus: files are read one at a time, JSON
Lines line by line, and at most ``2 * jobs`` chunks of records are in flight.  A
record that cannot be read or parsed becomes a :class:`BadRecord` (file, line,
error) and the run goes on.  The ``unionnews parse`` command and
:mod:`unionnews.corpus.cluster` (Dask) are both built from these functions, so a run on
one process, on N processes and on a cluster give the same output.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

import attrs

from unionnews.corpus.inputs import InputOptions, Source, find_sources, open_source
from unionnews.errors import UnionnewsError
from unionnews.models import Article

if TYPE_CHECKING:
    from unionnews.plugins import Plugins

#: The most records handed to a worker process at a time (chunks start at 1 and double up to it).
CHUNK_SIZE = 64


@attrs.frozen(slots=True)
class Record:
    """One article to parse: where it came from (``path`` or ``path:line``), its identity and content.

    ``key`` identifies the record across runs (``--resume`` keys on it): the
    JSON record's id when it has one (decoded in the worker), otherwise the
    file's real path (plus ``:line``), so a path typed differently is still the
    same record.  With ``jsonl`` the content is one undecoded JSON Lines record:
    decoding it is left to the worker that parses it, so the reading process stays light.
    """

    origin: str
    raw: str | bytes
    jsonl: bool = False
    key: str = ""

    def __reduce__(self) -> tuple[type[Record], tuple[str, str | bytes, bool, str]]:
        """Pickle as a plain tuple: records cross to the workers by the thousand (4x cheaper than attrs' state)."""
        return Record, (self.origin, self.raw, self.jsonl, self.key)


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
    workers keeps the parent process from becoming the bottleneck.  ``id`` is the
    record's identity (see :class:`Record`), ``fields`` the input fields kept
    (``--keep-fields``) and ``extra`` further per-article columns a run adds;
    ``hook_errors`` lists the plugin errors recorded on the article (a hook that
    raised or was cut off by its budget).
    """

    origin: str
    article: Article | None = None
    error: str | None = None
    rendered: Any = None
    repaired: bool = False
    id: str = ""
    fields: dict[str, Any] = attrs.field(factory=dict)
    extra: dict[str, Any] = attrs.field(factory=dict)
    hook_errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    def __reduce__(self) -> tuple[type[Outcome], tuple[Any, ...]]:
        """Pickle as a plain tuple: outcomes cross back from the workers by the thousand, and the
        parent process that unpickles them is the one every worker waits on."""
        return Outcome, (
            self.origin,
            self.article,
            self.error,
            self.rendered,
            self.repaired,
            self.id,
            self.fields,
            self.extra,
            self.hook_errors,
        )


@attrs.frozen(slots=True)
class ParseOptions:
    """How each record is parsed: plugins left out, script conversion, the plugin budget."""

    disable: tuple[str, ...] = ()
    convert_script: bool = True
    plugin_budget: float | None = None
    default_budget: bool = True


Render = Callable[[Outcome], Any]
OnBadRecord = Callable[[BadRecord], None]


def iter_records(
    paths: Sequence[str],
    on_bad: OnBadRecord,
    options: InputOptions | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[Record]:
    """Articles in files, folders (recursively) and ``-`` (stdin); see :mod:`unionnews.corpus.inputs`.

    A text file is one article (bytes, decoded by :func:`unionnews.normalize`); a
    JSON Lines file holds one article per line as ``{"text": ..., "id": ...}``.
    Unreadable files go to ``on_bad``; files a folder holds but that are not read
    (other suffixes, special files, symlinks out of the tree) go to ``on_skip``;
    a bad JSON line becomes an outcome with an error when it is parsed.
    """
    options = options or InputOptions()
    for source in find_sources(paths, options, on_bad, on_skip or (lambda path, why: None)):
        yield from source_records(source, on_bad, options)


def file_records(path: str, on_bad: OnBadRecord, options: InputOptions | None = None) -> Iterator[Record]:
    """The records of one file (see :func:`iter_records`)."""
    options = options or InputOptions()
    for source in find_sources([path], options, on_bad, lambda path, why: None):
        yield from source_records(source, on_bad, options)


def source_records(
    source: Source, on_bad: OnBadRecord, options: InputOptions, span: tuple[int, int, int] | None = None
) -> Iterator[Record]:
    """The records of one source, each no larger than ``options.max_record_bytes``.

    ``span`` (``start``, ``end``, number of the line at ``start``) reads only the
    JSON lines starting in that byte range of an uncompressed file (a Dask partition).
    """
    limit = options.max_record_bytes
    start, end, first_number = span if span is not None else (0, None, 1)
    try:
        with open_source(source) as f:
            if start:
                f.seek(start)
            if not source.jsonl:
                prefix = source.first_line or b""
                data = prefix + f.read(limit + 1 - len(prefix))
                if len(data) > limit:
                    on_bad(BadRecord(source.origin, _too_large(limit)))
                else:
                    yield Record(source.origin, data, key=source.key)
                return
            for n, line in _limited_lines(f, limit, source.first_line, first_number, end):
                origin = f"{source.origin}:{n}"
                if line is None:
                    on_bad(BadRecord(origin, _too_large(limit)))
                elif line.strip():
                    yield Record(origin, line, jsonl=True, key=f"{source.key}:{n}")
    except (OSError, EOFError) as e:
        on_bad(BadRecord(source.origin, getattr(e, "strerror", None) or str(e) or type(e).__name__))


def _too_large(limit: int) -> str:
    return f"record larger than {limit} bytes (raise it with --max-record-size)"


def _limited_lines(
    f: Any, limit: int, first: bytes | None, number: int = 1, end: int | None = None
) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of ``f`` (up to those starting before ``end``); one longer than ``limit`` is drained
    in blocks and given as ``None``."""
    n = number - 1
    while end is None or f.tell() < end:
        line, first = (first, None) if first is not None else (f.readline(limit + 1), None)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = f.readline(1 << 20)
            yield n, None
        else:
            yield n, line


def jsonl_record(line: bytes | str, origin: str, options: InputOptions | None = None) -> Record | BadRecord:
    """One JSON Lines record: an object with a string text field (``text`` unless configured)."""
    decoded = _decode_object(line, origin, options or InputOptions())
    return decoded if isinstance(decoded, BadRecord) else Record(origin, decoded[1])


def _decode_object(
    line: bytes | str, origin: str, options: InputOptions
) -> tuple[dict[str, Any], str] | BadRecord:
    """A JSON Lines record's object and its text, or why it is not a record."""
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise TypeError(f"a JSON {type(obj).__name__}, not an object")
        text = obj[options.text_field]
        if not isinstance(text, str):
            raise TypeError(f"{options.text_field!r} is not a string")
    except (ValueError, KeyError, TypeError) as e:
        return BadRecord(origin, f"bad record: {type(e).__name__}: {e}")
    return obj, text


def record_identity(line: bytes | str, options: InputOptions) -> str | None:
    """The id a JSON Lines record carries in ``options.id_field`` (as a string), if any."""
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return _id_of(obj, options) if isinstance(obj, dict) else None


def _id_of(obj: dict[str, Any], options: InputOptions) -> str | None:
    value = obj.get(options.id_field)
    if value is None or isinstance(value, (dict, list)):
        return None
    return value if isinstance(value, str) else json.dumps(value)


def decode_record(record: Record, options: InputOptions) -> tuple[Record, dict[str, Any]] | BadRecord:
    """A JSON Lines record decoded into its text, identity and kept fields (other records as they are)."""
    if not record.jsonl:
        return record, {}
    decoded = _decode_object(record.raw, record.origin, options)
    if isinstance(decoded, BadRecord):
        return decoded
    obj, text = decoded
    key = _id_of(obj, options) or record.key
    fields = {name: obj.get(name) for name in options.keep_fields}
    return Record(record.origin, text, key=key), fields


def parse_record(
    record: Record, options: ParseOptions | None = None, inputs: InputOptions | None = None
) -> Outcome:
    """Parse one record; any failure becomes the outcome's ``error``, never an exception."""
    from unionnews.assemble import assemble, parse
    from unionnews.normalize import normalize

    options = options or ParseOptions()
    decoded = decode_record(record, inputs or InputOptions())
    if isinstance(decoded, BadRecord):
        return Outcome(record.origin, error=decoded.error, id=record.key)
    record, fields = decoded
    try:
        if options == ParseOptions():
            article = parse(record.raw)
        else:
            norm = normalize(record.raw, convert_script=options.convert_script)
            article = assemble(
                norm, _registry(options.disable, options.default_budget, options.plugin_budget)
            )
    except UnionnewsError as e:
        return Outcome(record.origin, error=f"{type(e).__name__}: {e}", id=record.key, fields=fields)
    except Exception as e:  # one bad page must not stop a corpus run
        return Outcome(
            record.origin, error=f"internal error {type(e).__name__}: {e}", id=record.key, fields=fields
        )
    hook_errors = tuple(f"{e.plugin} {e.hook}: {e.error}" for e in article.errors)
    return Outcome(
        record.origin,
        article,
        repaired=bool(article.repairs),
        id=record.key,
        fields=fields,
        hook_errors=hook_errors,
    )


def plugins_for(options: ParseOptions) -> Plugins:
    """The plugins a run with ``options`` parses with, built once per process.

    The command builds them before any worker starts (a broken plugin stops the run
    with one message), so forked workers inherit them ready.
    """
    return _registry(options.disable, options.default_budget, options.plugin_budget)


@functools.cache
def _registry(disable: tuple[str, ...], default_budget: bool, budget: float | None) -> Plugins:
    """The plugins of a run with options, built once per process (not once per record)."""
    from unionnews.plugins import DEFAULT_PLUGIN_BUDGET, build_plugins, default_plugins

    if not disable and default_budget:
        return default_plugins()  # what ``parse()`` uses
    return build_plugins(disable=disable, budget=DEFAULT_PLUGIN_BUDGET if default_budget else budget)


def warm_up(options: ParseOptions | None = None) -> None:
    """Parse a short made-up article, so that this process loads what parsing needs before workers fork.

    Forked workers inherit the lazily loaded tables (OpenCC, pinyin readings, the
    mojibake model, the extractors' word lists) instead of each loading them
    (~0.13 s of CPU per worker).  Only the built-in extractors run: a third-party
    hook runs on articles in the workers alone, where a crash or a hang cannot take
    the command down.
    """
    from unionnews.assemble import assemble
    from unionnews.normalize import normalize
    from unionnews.plugins import build_plugins

    options = options or ParseOptions()
    try:
        builtins = build_plugins(disable=options.disable, entry_points_enabled=False)
        assemble(normalize(warm_up_text(), convert_script=options.convert_script), builtins)
    except Exception:  # a warm-up only: the run reports errors on its records
        return


def warm_up_text() -> str:
    """Traditional script, a pinyin reading and UTF-8 misread as cp1252: one of each repair's tables."""
    misread = "职工之家".encode().decode("cp1252", "replace")
    return f"河南省總工會召開職工代表大會\n本報訊 工会（gōng huì）驿站 {misread} 2024年3月5日\n（記者 張偉）"


def parse_chunk(
    records: list[Record],
    render: Render | None = None,
    options: ParseOptions | None = None,
    inputs: InputOptions | None = None,
) -> list[Outcome]:
    """Parse ``records``; with ``render``, each article is replaced by its rendered form."""
    outcomes = [parse_record(r, options, inputs) for r in records]
    if render is None:
        return outcomes
    return [
        attrs.evolve(o, article=None, rendered=render(o)) if o.article is not None else o for o in outcomes
    ]


def parse_records(
    records: Iterable[Record],
    jobs: int = 1,
    render: Render | None = None,
    options: ParseOptions | None = None,
    inputs: InputOptions | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[Outcome]:
    """Outcomes in input order, parsed on ``jobs`` processes with a bounded window in flight.

    ``render`` (a module-level function, so that it pickles) turns each outcome into
    what the sink writes, inside the worker.  When ``stop()`` turns true the run
    ends after the outcomes already yielded: queued chunks are cancelled, busy
    workers finish their chunk (dropped; a resumed run parses it again).  A
    ``KeyboardInterrupt`` ends the workers at once, and every worker exits on its
    own if this process dies.
    """
    chunks = _chunks(records)
    if jobs <= 1:
        for chunk in chunks:
            for record in chunk:
                if stop():
                    return
                yield from parse_chunk([record], render, options, inputs)
        return
    warm_up(options)
    pool = ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(os.getpid(),))
    window: deque[Future[list[Outcome]]] = deque()
    abandoned = False
    try:
        for chunk in chunks:
            window.append(pool.submit(parse_chunk, chunk, render, options, inputs))
            if len(window) >= 2 * jobs:
                if not (yield from _drain_one(window, stop)):
                    return
        while window:
            if not (yield from _drain_one(window, stop)):
                return
    except KeyboardInterrupt:  # asked to stop at once: end the workers, wait for nothing
        abandoned = True
        _terminate(pool, window)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        if not abandoned:
            _wind_down(pool, window)


def _wind_down(pool: ProcessPoolExecutor, window: deque[Future[list[Outcome]]]) -> None:
    """Cancel queued chunks and let running ones finish (at most a chunk each).

    Terminating a worker instead could cut it off while it sends a result, leaving
    the result pipe half-written and the pool's shutdown waiting forever.
    """
    for future in window:
        future.cancel()
    pool.shutdown(wait=True, cancel_futures=True)


def _drain_one(
    window: deque[Future[list[Outcome]]], stop: Callable[[], bool]
) -> Generator[Outcome, None, bool]:
    """Yield the oldest chunk's outcomes once done; False when ``stop()`` turned true while waiting."""
    future = window[0]
    while True:
        if stop():
            return False
        try:
            outcomes = future.result(timeout=0.1)
        except FutureTimeout:
            continue
        break
    window.popleft()
    yield from outcomes
    return True


def _terminate(pool: ProcessPoolExecutor, window: deque[Future[list[Outcome]]]) -> None:
    """Cancel queued chunks and end the workers now (a busy worker would otherwise finish its chunk)."""
    for future in window:
        future.cancel()
    for process in list(getattr(pool, "_processes", {}).values()):  # no public API for this
        process.terminate()


def _worker_init(parent: int) -> None:
    """In each worker: Ctrl-C is the parent's to handle, and the worker exits when its parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    """Chunks of 1, 2, 4, ... up to :data:`CHUNK_SIZE` records, so a small run still reaches every worker."""
    chunk: list[Record] = []
    size = 1
    for r in records:
        chunk.append(r)
        if len(chunk) >= size:
            yield chunk
            chunk = []
            size = min(size * 2, CHUNK_SIZE)
    if chunk:
        yield chunk
