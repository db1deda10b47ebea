"""The ``unionnews`` command: parse or normalize a corpus, list plugins."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import IO, Any

import attrs

from unionnews._version import __version__
from unionnews.errors import UnionnewsError

_CHUNK = 64


@attrs.frozen(slots=True)
class Record:
    """One article to parse: where it came from and its raw content."""

    origin: str
    raw: str | bytes


@attrs.frozen(slots=True)
class Outcome:
    origin: str
    output: str | None
    error: str | None
    repaired: bool = False


def iter_records(paths: Sequence[str], errors: list[str]) -> Iterator[Record]:
    """Articles in files, folders (recursively, ``.txt`` and ``.jsonl``) and ``-`` (stdin)."""
    for path in paths:
        if path == "-":
            yield Record("<stdin>", sys.stdin.buffer.read())
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith((".txt", ".jsonl")):
                        yield from _file_records(os.path.join(root, name), errors)
        else:
            yield from _file_records(path, errors)


def _file_records(path: str, errors: list[str]) -> Iterator[Record]:
    try:
        if path.endswith(".jsonl"):
            with open(path, "rb") as f:
                for n, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    try:
                        obj = json.loads(line)
                        text = obj["text"]
                        if not isinstance(text, str):
                            raise TypeError("'text' is not a string")
                    except (ValueError, KeyError, TypeError) as e:
                        errors.append(f"{path}:{n}: bad record: {e}")
                        continue
                    yield Record(f"{path}:{n}", text)
        else:
            with open(path, "rb") as f:
                yield Record(path, f.read())
    except OSError as e:
        errors.append(f"{path}: {e.strerror or e}")


def _parse_one(record: Record) -> Outcome:
    from unionnews.assemble import parse

    try:
        article = parse(record.raw)
    except UnionnewsError as e:
        return Outcome(record.origin, None, f"{type(e).__name__}: {e}")
    except Exception as e:  # one bad page must not stop a corpus run
        return Outcome(record.origin, None, f"internal error {type(e).__name__}: {e}")
    data = article.to_dict()
    data["origin"] = record.origin
    return Outcome(record.origin, json.dumps(data, ensure_ascii=False), None, bool(article.repairs))


def _parse_chunk(records: list[Record]) -> list[Outcome]:
    return [_parse_one(r) for r in records]


def _chunks(records: Iterator[Record]) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for r in records:
        chunk.append(r)
        if len(chunk) >= _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def cmd_parse(args: argparse.Namespace) -> int:
    errors: list[str] = []
    out: IO[str] = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    counts = {"parsed": 0, "repaired": 0, "failed": 0}
    start = time.perf_counter()
    records = iter_records(args.paths, errors)
    try:
        if args.jobs > 1:
            with ProcessPoolExecutor(args.jobs) as pool:
                outcomes: Iterator[list[Outcome]] = pool.map(_parse_chunk, _chunks(records))
                _write(outcomes, out, counts, errors, progress, start)
        else:
            _write((_parse_chunk(c) for c in _chunks(records)), out, counts, errors, progress, start)
    finally:
        if args.output:
            out.close()
    for message in errors:
        print(f"unionnews: {message}", file=sys.stderr)
    print(
        f"unionnews: {counts['parsed']} parsed, {counts['repaired']} repaired, {len(errors)} failed "
        f"in {time.perf_counter() - start:.1f}s",
        file=sys.stderr,
    )
    return 1 if errors else 0


def _write(
    batches: Iterator[list[Outcome]],
    out: IO[str],
    counts: dict[str, int],
    errors: list[str],
    progress: bool,
    start: float,
) -> None:
    for batch in batches:
        for o in batch:
            if o.output is None:
                errors.append(f"{o.origin}: {o.error}")
                continue
            out.write(o.output + "\n")
            counts["parsed"] += 1
            counts["repaired"] += o.repaired
        if progress:
            rate = counts["parsed"] / max(time.perf_counter() - start, 1e-9)
            print(f"\r{counts['parsed']} articles, {rate:.0f}/s", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)


def cmd_normalize(args: argparse.Namespace) -> int:
    from unionnews.normalize import normalize

    errors: list[str] = []
    for record in iter_records(args.paths, errors):
        result = normalize(record.raw, convert_script=not args.keep_script)
        sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")
        if args.repairs:
            for r in result.repairs:
                print(f"# {r.kind} [{r.raw_start}:{r.raw_end}] {r.before!r} -> {r.after!r} {r.note}", file=sys.stderr)
    for message in errors:
        print(f"unionnews: {message}", file=sys.stderr)
    return 1 if errors else 0


def cmd_plugins(args: argparse.Namespace) -> int:
    from unionnews.plugins import build_plugins

    for info in build_plugins().info:
        print(f"{info.name}\t{info.origin}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="unionnews", description=__doc__)
    parser.add_argument("--version", action="version", version=f"unionnews {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse articles into JSON Lines (one object per article)")
    p.add_argument("paths", nargs="+", help="files, folders (.txt, .jsonl) or - for stdin")
    p.add_argument("-o", "--output", help="write JSON Lines here instead of stdout")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress on stderr (default: when stderr is a terminal)")  # fmt: skip
    p.set_defaults(func=cmd_parse)
    n = sub.add_parser("normalize", help="print the repaired, simplified text")
    n.add_argument("paths", nargs="+")
    n.add_argument("--keep-script", action="store_true", help="do not convert traditional to simplified")
    n.add_argument("--repairs", action="store_true", help="list the repairs on stderr")
    n.set_defaults(func=cmd_normalize)
    pl = sub.add_parser("plugins", help="list registered plugins and where they come from")
    pl.set_defaults(func=cmd_plugins)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: Any = args.func(args)
    except UnionnewsError as e:
        print(f"unionnews: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return int(result)


if __name__ == "__main__":
    sys.exit(main())
