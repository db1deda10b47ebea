"""The ``unionnews`` command: parse or normalize a corpus, list plugins."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from unionnews._version import __version__
from unionnews.corpus.records import BadRecord, Record, iter_records, parse_records
from unionnews.corpus.sinks import JsonlSink, ParquetSink, Sink
from unionnews.errors import UnionnewsError


def cmd_parse(args: argparse.Namespace) -> int:
    counts = {"parsed": 0, "repaired": 0, "failed": 0, "skipped": 0}

    def report(bad: BadRecord) -> None:
        counts["failed"] += 1
        if progress:
            print(file=sys.stderr)
        print(f"unionnews: {bad.origin}: {bad.error}", file=sys.stderr)

    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    sink = _open_sink(args)
    done = sink.done() if args.resume else set()
    records: Iterable[Record] = iter_records(args.paths, report)
    if done:
        records = _skip_done(records, done, counts)
    start = time.perf_counter()
    try:
        for n, outcome in enumerate(parse_records(records, args.jobs, sink.render), 1):
            if not outcome.ok:
                report(BadRecord(outcome.origin, outcome.error or "no article"))
            else:
                sink.write(outcome)
                counts["parsed"] += 1
                counts["repaired"] += outcome.repaired
            if progress and n % 50 == 0:
                rate = n / max(time.perf_counter() - start, 1e-9)
                print(f"\r{n} articles, {rate:.0f}/s", end="", file=sys.stderr, flush=True)
    finally:
        sink.close()
    if progress:
        print(file=sys.stderr)
    if args.group_copies:
        _group_copies(args)
    skipped = f", {counts['skipped']} skipped (already done)" if args.resume else ""
    print(
        f"unionnews: {counts['parsed']} parsed, {counts['repaired']} repaired, {counts['failed']} failed"
        f"{skipped} in {time.perf_counter() - start:.1f}s",
        file=sys.stderr,
    )
    return 1 if counts["failed"] else 0


def _group_copies(args: argparse.Namespace) -> None:
    from unionnews.corpus.grouped import group_output

    summary = group_output(args.output, args.format)
    print(
        f"unionnews: {summary.articles} articles in {summary.groups} copy groups, "
        f"{summary.copied} with copies elsewhere in the corpus",
        file=sys.stderr,
    )


def _skip_done(records: Iterable[Record], done: set[str], counts: dict[str, int]) -> Iterator[Record]:
    for record in records:
        if record.origin in done:
            counts["skipped"] += 1
        else:
            yield record


def _open_sink(args: argparse.Namespace) -> Sink:
    if args.group_copies and not args.output:
        raise UnionnewsError("--group-copies needs -o (grouping rewrites the output once the parse is done)")
    if args.format == "parquet":
        if not args.output:
            raise UnionnewsError("--format parquet needs -o FOLDER")
        return ParquetSink(args.output, resume=args.resume)
    if args.resume and not args.output:
        raise UnionnewsError("--resume needs -o FILE")
    return JsonlSink(args.output, resume=args.resume, stream=sys.stdout)


def cmd_normalize(args: argparse.Namespace) -> int:
    from unionnews.normalize import normalize

    errors: list[str] = []
    for record in iter_records(args.paths, lambda bad: errors.append(f"{bad.origin}: {bad.error}")):
        result = normalize(record.raw, convert_script=not args.keep_script)
        sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")
        if args.repairs:
            for r in result.repairs:
                print(
                    f"# {r.kind} [{r.raw_start}:{r.raw_end}] {r.before!r} -> {r.after!r} {r.note}",
                    file=sys.stderr,
                )
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
    p.add_argument("-o", "--output", help="write JSON Lines to this file (or Parquet tables to this folder)")
    p.add_argument("--format", choices=("jsonl", "parquet"),
                   help="jsonl (default) or parquet: articles/, events/, people/ tables (needs pyarrow)")  # fmt: skip
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--resume", action="store_true",
                   help="skip articles already in the output and append to it")  # fmt: skip
    p.add_argument("--group-copies", action="store_true",
                   help="mark copies of one article: copy_group and canonical in the output (needs numpy)")  # fmt: skip
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
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        parser.error("--jobs must be at least 1")
    try:
        result: Any = args.func(args)
    except UnionnewsError as e:
        print(f"unionnews: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as e:  # the output cannot be written: a setup error, not a bad record
        print(f"unionnews: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        return 2
    return int(result)


if __name__ == "__main__":
    sys.exit(main())
