"""Which files a corpus run reads, and how: the folder walk, suffixes, gzip, stdin, symlinks.

Nothing disappears silently: a file a folder holds but the run does not read
(another suffix, a symlink out of the tree, the run's own output) is passed to
``on_skip`` with the reason, and one it cannot read (a FIFO or device named like
an input, a folder it may not list) to ``on_bad``.  Only regular files are read,
so a FIFO cannot hang a run and a link to ``/dev/zero`` cannot exhaust memory.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from unionnews.corpus.records import BadRecord

#: Suffixes (lower-cased, before an optional ``.gz``) of files holding one article.
TEXT_SUFFIXES = (".txt",)
#: Suffixes (lower-cased, before an optional ``.gz``) of JSON Lines files, one article per line.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: Suffixes a folder may hold that are deliberately not read, and why.
NOT_READ = {
    ".html": "HTML is not read: extract the article text first (e.g. trafilatura's txt output)",
    ".htm": "HTML is not read: extract the article text first (e.g. trafilatura's txt output)",
}
#: The default largest record (a file, or one JSON line) read, in bytes.
MAX_RECORD_BYTES = 32 * 1024 * 1024

InputFormat = Literal["auto", "jsonl", "text"]


@attrs.frozen(slots=True)
class InputOptions:
    """How records are found and decoded.

    ``id_field`` and ``text_field`` name the JSON keys holding a record's identity
    and its article; ``keep_fields`` are passed through to the output unchanged.
    ``exclude`` lists paths never read (the run's own output, so it cannot feed
    itself).  ``input_format`` decides how stdin and files named on the command
    line are read (``auto``: by suffix, and stdin by its first line).
    """

    id_field: str = "id"
    text_field: str = "text"
    keep_fields: tuple[str, ...] = ()
    max_record_bytes: int = MAX_RECORD_BYTES
    follow_symlinks: bool = False
    exclude: tuple[str, ...] = ()
    input_format: InputFormat = "auto"


@attrs.frozen(slots=True)
class Source:
    """One input to read: a file (maybe gzipped) or stdin, as JSON Lines or as one article.

    ``origin`` is the path as given or found; ``key`` is its real path (what
    ``--resume`` matches on).  ``first_line`` is what was read from stdin to tell
    its format.
    """

    origin: str
    key: str
    jsonl: bool
    gzip: bool = False
    stdin: bool = False
    first_line: bytes | None = None


OnBad = Callable[["BadRecord"], None]
OnSkip = Callable[[str, str], None]


def kind_of(name: str) -> tuple[bool, bool] | None:
    """``(jsonl, gzip)`` for a file name a folder walk reads, ``None`` for one it does not."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    if lower.endswith(JSONL_SUFFIXES):
        return True, gz
    if lower.endswith(TEXT_SUFFIXES):
        return False, gz
    return None


def skip_reason(name: str) -> str:
    """Why a folder walk does not read a file with this name."""
    suffix = os.path.splitext(name.lower().removesuffix(".gz"))[1]
    if suffix in NOT_READ:
        return NOT_READ[suffix]
    wanted = "/".join(TEXT_SUFFIXES + JSONL_SUFFIXES)
    return f"not a {wanted} file (optionally .gz)"


def find_sources(
    paths: Sequence[str], options: InputOptions, on_bad: OnBad, on_skip: OnSkip
) -> Iterator[Source]:
    """Every input under ``paths`` in a stable order: folders recursively, ``-`` as stdin."""
    excluded = {os.path.realpath(p) for p in options.exclude}
    for path in paths:
        if path == "-":
            yield _stdin_source(options)
        elif os.path.isdir(path):
            yield from _walk(path, options, excluded, on_bad, on_skip)
        else:
            yield from _named_file(path, options, on_bad)


def _named_file(path: str, options: InputOptions, on_bad: OnBad) -> Iterator[Source]:
    """A file named on the command line: read whatever its suffix, but only if it is a regular file."""
    from unionnews.corpus.records import BadRecord

    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        on_bad(BadRecord(path, e.strerror or str(e)))
        return
    if not stat.S_ISREG(mode):
        on_bad(BadRecord(path, "not a regular file (a FIFO, device or socket is not read)"))
        return
    kind = kind_of(path) or (False, path.lower().endswith(".gz"))
    jsonl = {"auto": kind[0], "jsonl": True, "text": False}[options.input_format]
    yield Source(path, os.path.realpath(path), jsonl, kind[1])


def _walk(
    root: str, options: InputOptions, excluded: set[str], on_bad: OnBad, on_skip: OnSkip
) -> Iterator[Source]:
    from unionnews.corpus.records import BadRecord

    root_real = os.path.realpath(root)
    seen = {root_real}

    def unreadable(e: OSError) -> None:
        on_bad(BadRecord(e.filename or root, f"folder not read: {e.strerror or e}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=options.follow_symlinks):
        kept = []
        for name in sorted(dirs):
            full = os.path.join(folder, name)
            real = os.path.realpath(full)
            if real in excluded:
                on_skip(full, "the run's own output")
            elif os.path.islink(full) and not options.follow_symlinks:
                on_skip(full, "symlinked folder not followed (--follow-symlinks follows it)")
            elif real in seen:
                on_skip(full, "a folder already read (symlink loop)")
            else:
                seen.add(real)
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            source = _found_file(os.path.join(folder, name), root_real, options, excluded, on_bad, on_skip)
            if source is not None:
                yield source


def _found_file(
    full: str, root_real: str, options: InputOptions, excluded: set[str], on_bad: OnBad, on_skip: OnSkip
) -> Source | None:
    """A file met in a folder walk, if it is one to read (else reported to ``on_skip`` or ``on_bad``)."""
    from unionnews.corpus.records import BadRecord

    kind = kind_of(os.path.basename(full))
    if kind is None:
        on_skip(full, skip_reason(os.path.basename(full)))
        return None
    real = os.path.realpath(full)
    if real in excluded:
        on_skip(full, "the run's own output")
        return None
    if os.path.islink(full) and not options.follow_symlinks and not _inside(real, root_real):
        on_skip(full, "symlink to a file outside the input folder (--follow-symlinks reads it)")
        return None
    try:
        mode = os.stat(full).st_mode
    except OSError as e:
        on_bad(BadRecord(full, e.strerror or str(e)))
        return None
    if not stat.S_ISREG(mode):
        on_bad(BadRecord(full, "not a regular file (a FIFO, device or socket is not read)"))
        return None
    return Source(full, real, kind[0], kind[1])


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _stdin_source(options: InputOptions) -> Source:
    """Stdin as JSON Lines when asked or when its first line is a JSON object, else as one article."""
    if options.input_format != "auto":
        return Source("<stdin>", "<stdin>", options.input_format == "jsonl", stdin=True)
    first = sys.stdin.buffer.readline(options.max_record_bytes + 1)
    return Source("<stdin>", "<stdin>", _looks_like_jsonl(first), stdin=True, first_line=first)


def _looks_like_jsonl(line: bytes) -> bool:
    if not line.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def open_source(source: Source) -> contextlib.AbstractContextManager[IO[bytes]]:
    """The source's bytes (decompressed for ``.gz``); stdin is not closed afterwards."""
    if source.stdin:
        return contextlib.nullcontext(sys.stdin.buffer)
    if source.gzip:
        return gzip.open(source.origin, "rb")  # type: ignore[return-value]
    return open(source.origin, "rb")
