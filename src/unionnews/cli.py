"""The ``unionnews`` command: parse or normalize a corpus, print clean text, list plugins."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from unionnews._version import __version__
from unionnews.corpus.inputs import JSONL_SUFFIXES, MAX_RECORD_BYTES, TEXT_SUFFIXES, InputOptions
from unionnews.corpus.progress import Progress, count_records
from unionnews.corpus.records import (
    BadRecord,
    ParseOptions,
    Record,
    decode_record,
    iter_records,
    parse_records,
    plugins_for,
    record_identity,
)
from unionnews.corpus.sinks import (
    PARQUET_BATCH,
    CsvSink,
    JsonlSink,
    OutputError,
    ParquetSink,
    Sink,
    dumps,
    line_renderer,
    refuse_overwrite,
)
from unionnews.errors import UnionnewsError

log = logging.getLogger("unionnews")
#: Exit status after a signal stopped the run (the shell's 128 + signal number).
SIGNAL_STATUS: dict[int, int] = {signal.SIGINT: 130, signal.SIGTERM: 143}
#: Skipped paths listed one by one per reason before the rest are only counted (``-v`` lists all).
SKIPS_LISTED = 10


class Run:
    """Counts of one command's run, and the reports of what it could not read or skipped."""

    def __init__(self) -> None:
        self.parsed = self.repaired = self.failed = self.done = self.hook_errors = 0
        self.skips: dict[str, list[str]] = {}

    def bad(self, record: BadRecord) -> None:
        self.failed += 1
        log.warning("%s: %s", record.origin, record.error)

    def skip(self, path: str, reason: str) -> None:
        paths = self.skips.setdefault(reason, [])
        paths.append(path)
        if len(paths) <= SKIPS_LISTED:
            log.info("skipped %s: %s", path, reason)
        else:
            log.debug("skipped %s: %s", path, reason)

    def report_skips(self) -> None:
        for reason, paths in self.skips.items():
            if len(paths) > SKIPS_LISTED and log.getEffectiveLevel() > logging.DEBUG:
                log.info("skipped %d more (%s); -v lists them", len(paths) - SKIPS_LISTED, reason)


class Stop:
    """Set by SIGINT or SIGTERM: the run stops after what is parsed; a second Ctrl-C stops at once."""

    def __init__(self) -> None:
        self.signal: int | None = None

    def __call__(self) -> bool:
        return self.signal is not None

    def handle(self, signum: int, frame: object) -> None:
        if self.signal is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.signal = signum

    def install(self) -> dict[int, Any]:
        """Handle SIGINT and SIGTERM; returns the handlers to put back."""
        return {s: signal.signal(s, self.handle) for s in SIGNAL_STATUS}


def cmd_parse(args: argparse.Namespace) -> int:
    """Parse every record into the sink; a signal ends the run after what is parsed, with the summary."""
    inputs = _input_options(args)
    options = _parse_options(args)
    sink = _open_sink(args, inputs)
    done = sink.done() if args.resume else set()
    run = Run()
    records: Iterable[Record] = iter_records(args.paths, run.bad, inputs, run.skip)
    if done:
        records = _skip_done(records, done, run, inputs)
    total = count_records(args.paths, inputs) if _progress_mode(args) and "-" not in args.paths else None
    progress = Progress(_progress_mode(args), total)
    stop = Stop()
    previous = stop.install()
    start = time.perf_counter()
    try:
        for outcome in parse_records(records, args.jobs, sink.render, options, inputs, stop):
            if not outcome.ok:
                run.bad(BadRecord(outcome.origin, outcome.error or "no article"))
            else:
                sink.write(outcome)
                run.parsed += 1
                run.repaired += outcome.repaired
                if outcome.hook_errors:
                    run.hook_errors += 1
                    log.debug("%s: plugin errors: %s", outcome.origin, "; ".join(outcome.hook_errors))
            progress.update(run.parsed + run.failed + run.done)
    finally:
        progress.close()
        sink.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    run.report_skips()
    _summary(run, args, time.perf_counter() - start, stop.signal)
    if stop.signal is not None:
        return SIGNAL_STATUS.get(stop.signal, 1)
    if args.group_copies:
        _group_copies(args)
    elif args.overwrite and args.output and args.format != "csv":
        from unionnews.corpus.grouped import remove_events_once

        remove_events_once(args.output, args.format)
    if run.parsed + run.failed + run.done == 0:
        log.warning("nothing to parse in %s (%s)", " ".join(args.paths), _looked_for())
        return 1
    return 1 if run.failed else 0


def _group_copies(args: argparse.Namespace) -> None:
    """The post-pass of ``--group-copies``: mark copy groups in the finished output."""
    from unionnews.corpus.grouped import group_output

    summary = group_output(args.output, args.format)
    log.info(
        "%d articles in %d copy groups, %d with copies elsewhere in the corpus",
        summary.articles,
        summary.groups,
        summary.copied,
    )
    if summary.events_table is None:
        log.info("no events in the output (--fields): no table of events counted once")
    else:
        log.info(
            "%d events as reported, %d counted once: %s",
            summary.events,
            summary.events_once,
            summary.events_table,
        )


def _summary(run: Run, args: argparse.Namespace, seconds: float, stopped: int | None) -> None:
    """One line of counts: a stopped run says so at warning level, so ``-q`` still shows it."""
    parts = [f"{run.parsed} parsed", f"{run.repaired} repaired"]
    if run.hook_errors:
        parts.append(f"{run.hook_errors} with plugin errors (in each article's errors; -v lists them)")
    parts.append(f"{run.failed} failed")
    if args.resume:
        parts.append(f"{run.done} skipped (already done)")
    line = ", ".join(parts) + f" in {seconds:.1f}s"
    if stopped is not None:
        name = signal.Signals(stopped).name
        line = f"stopped by {name}: {line}; --resume continues the run"
        log.warning("%s", line)
    else:
        log.info("%s", line)


def _looked_for() -> str:
    return "folders are searched for " + ", ".join(TEXT_SUFFIXES + JSONL_SUFFIXES) + " files, optionally .gz"


def _skip_done(records: Iterable[Record], done: set[str], run: Run, inputs: InputOptions) -> Iterator[Record]:
    """Leave out records a previous run wrote, matched on identity (the record's id, else its real path)."""
    for record in records:
        key = (record_identity(record.raw, inputs) if record.jsonl else None) or record.key
        if key in done or record.origin in done:
            run.done += 1
        else:
            yield record


def _input_options(args: argparse.Namespace) -> InputOptions:
    missing = [p for p in args.paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise UnionnewsError(f"no such file or folder: {', '.join(missing)}")
    keep = tuple(_names(getattr(args, "keep_fields", None)))
    return InputOptions(
        id_field=args.id_field,
        text_field=args.text_field,
        keep_fields=keep,
        max_record_bytes=args.max_record_size,
        follow_symlinks=args.follow_symlinks,
        exclude=(args.output,) if args.output else (),
        input_format=args.input_format,
    )


def _parse_options(args: argparse.Namespace) -> ParseOptions:
    """The parse options, with the plugins loaded once here so a broken plugin stops the run with one message."""
    disable = tuple(_names(args.disable))
    if args.plugin_budget is None:
        options = ParseOptions(disable=disable, convert_script=not args.keep_script)
    else:
        budget = args.plugin_budget or None
        options = ParseOptions(disable, not args.keep_script, plugin_budget=budget, default_budget=False)
    plugins_for(options)
    return options


def _names(values: Sequence[str] | str | None) -> list[str]:
    """Names given as repeated options and/or comma-separated lists."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else values
    return [n.strip() for item in items for n in item.split(",") if n.strip()]


def _open_sink(args: argparse.Namespace, inputs: InputOptions) -> Sink:
    from unionnews.models import Article

    contract = [f.name for f in Article.__attrs_attrs__]
    clash = set(inputs.keep_fields) & ({*contract, "origin", "id"})
    if clash:
        raise UnionnewsError(f"--keep-fields {', '.join(sorted(clash))}: the output already has such fields")
    fields = _names(args.fields) if args.fields else None
    unknown = set(fields or ()) - set(contract)
    if unknown:
        raise UnionnewsError(
            f"--fields: unknown {', '.join(sorted(unknown))} (fields: {', '.join(contract)})"
        )
    if args.resume and args.overwrite:
        raise UnionnewsError("--resume and --overwrite exclude each other")
    if args.group_copies:
        if not args.output or args.format == "csv":
            raise UnionnewsError(
                "--group-copies needs -o with --format jsonl or parquet (grouping rewrites the output once the parse is done)"
            )
        if fields is not None and "text" not in fields:
            raise UnionnewsError("--group-copies needs the text field in the output (add text to --fields)")
    if args.format in ("parquet", "csv"):
        if args.fields or args.no_repairs:
            raise UnionnewsError("--fields and --no-repairs shape JSON Lines; the tables have fixed columns")
        if not args.output:
            raise UnionnewsError(f"--format {args.format} needs -o FOLDER")
        if args.format == "csv":
            return CsvSink(
                args.output, resume=args.resume, overwrite=args.overwrite, extra_columns=inputs.keep_fields
            )
        return ParquetSink(
            args.output,
            resume=args.resume,
            overwrite=args.overwrite,
            extra_columns=inputs.keep_fields,
            batch_rows=args.batch,
        )
    if args.resume and not args.output:
        raise UnionnewsError("--resume needs -o FILE")
    render = line_renderer(fields, ("repairs",) if args.no_repairs else ())
    return JsonlSink(
        args.output, resume=args.resume, overwrite=args.overwrite, stream=sys.stdout, render=render
    )


def _progress_mode(args: argparse.Namespace) -> str | None:
    """``bar`` on a terminal, ``lines`` when asked for on something else, ``None`` when off."""
    wanted = args.progress if args.progress is not None else sys.stderr.isatty()
    if not wanted or args.quiet:
        return None
    return "bar" if sys.stderr.isatty() else "lines"


def cmd_normalize(args: argparse.Namespace) -> int:
    """The repaired text of each record, furniture included (what ``parse`` starts from)."""
    from unionnews.normalize import normalize

    def clean(raw: str | bytes) -> str:
        result = normalize(raw, convert_script=not args.keep_script)
        if args.repairs:
            for r in result.repairs:
                log.warning(
                    "# %s [%d:%d] %r -> %r %s", r.kind, r.raw_start, r.raw_end, r.before, r.after, r.note
                )
        return result.text

    return _text_command(args, clean)


def cmd_text(args: argparse.Namespace) -> int:
    """Each article's clean text without page furniture (``Article.text``)."""
    from unionnews.assemble import parse

    def clean(raw: str | bytes) -> str:
        return parse(raw, convert_script=not args.keep_script).text

    return _text_command(args, clean)


def _text_command(args: argparse.Namespace, clean: Callable[[str | bytes], str]) -> int:
    """Run ``clean`` on every record like ``parse`` reads them: bad records are reported and skipped."""
    inputs = _input_options(args)
    run = Run()
    if args.output and not args.overwrite:
        refuse_overwrite(args.output)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for record in iter_records(args.paths, run.bad, inputs, run.skip):
            decoded = decode_record(record, inputs)
            if isinstance(decoded, BadRecord):
                run.bad(decoded)
                continue
            try:
                text = clean(decoded[0].raw)
            except UnionnewsError as e:
                run.bad(BadRecord(record.origin, f"{type(e).__name__}: {e}"))
                continue
            run.parsed += 1
            if args.format == "jsonl":
                out.write(dumps({"id": decoded[0].key, "origin": record.origin, "text": text}) + "\n")
            elif args.command == "text":
                out.write(("\n" if run.parsed > 1 else "") + text.strip() + "\n")
            else:
                out.write(text if text.endswith("\n") else text + "\n")
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise OutputError(f"cannot write {args.output or '<stdout>'}: {e.strerror or e}") from e
    finally:
        if args.output:
            out.close()
    run.report_skips()
    if run.parsed + run.failed == 0:
        log.warning("nothing found in %s (%s)", " ".join(args.paths), _looked_for())
        return 1
    return 1 if run.failed else 0


def cmd_plugins(args: argparse.Namespace) -> int:
    from unionnews.plugins import build_plugins

    for info in build_plugins().info:
        print(f"{info.name}\t{info.origin}")
    return 0


def _size(value: str) -> int:
    """A byte count, optionally with K, M or G (powers of 1024)."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    text = value.strip().lower().removesuffix("b")
    scale = units.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in units else text
    try:
        size = int(float(number) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 500K, 32M)") from None
    if size < 1:
        raise argparse.ArgumentTypeError("the size must be positive")
    return size


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+",
                   help="files, folders (searched for .txt, .jsonl and .ndjson, any case, optionally .gz) "
                        "or - for stdin")  # fmt: skip
    g = p.add_argument_group("input")
    g.add_argument("--input-format", choices=("auto", "jsonl", "text"), default="auto",
                   help="how stdin and named files are read (auto: by suffix; stdin by its first line)")  # fmt: skip
    g.add_argument("--id-field", default="id", help="JSON key of a record's id (default id)")
    g.add_argument("--text-field", default="text", help="JSON key of a record's article text (default text)")
    g.add_argument("--max-record-size", type=_size, default=MAX_RECORD_BYTES, metavar="SIZE",
                   help="largest file or JSON line read, e.g. 500K, 64M (default 32M)")  # fmt: skip
    g.add_argument("--follow-symlinks", action="store_true",
                   help="read symlinks that point out of the input folder")  # fmt: skip
    p.add_argument("--keep-script", action="store_true", help="do not convert traditional to simplified")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output")
    _add_verbosity(p)


def _add_verbosity(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-v", "--verbose", action="count", default=0, help="list every skipped path and plugin error"
    )
    p.add_argument("-q", "--quiet", action="count", default=0,
                   help="only problems (-qq: only errors); no summary, no progress")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="unionnews", description=__doc__)
    parser.add_argument("--version", action="version", version=f"unionnews {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse articles into JSON Lines, CSV or Parquet tables")
    _add_input_options(p)
    p.add_argument("-o", "--output", help="JSON Lines file, or the folder of CSV/Parquet tables")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl",
                   help="jsonl (default); csv or parquet: articles, events and people tables "
                        "(parquet needs pyarrow)")  # fmt: skip
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--resume", action="store_true",
                   help="skip records already in the output (matched on their id) and add to it")  # fmt: skip
    p.add_argument("--keep-fields", action="append", metavar="NAMES",
                   help="input JSON fields copied to the output, e.g. url,site")  # fmt: skip
    p.add_argument("--disable", action="append", metavar="NAME",
                   help="leave out a plugin (repeat or comma-separate; see unionnews plugins)")  # fmt: skip
    p.add_argument(
        "--fields", metavar="NAMES", help="JSON Lines: only these article fields, e.g. title,published,events"
    )
    p.add_argument("--no-repairs", action="store_true", help="JSON Lines: leave out the list of repairs")
    p.add_argument("--plugin-budget", type=float, metavar="SECONDS",
                   help="seconds each plugin hook may take per article (default 10; 0: no limit)")  # fmt: skip
    p.add_argument("--batch", type=int, default=PARQUET_BATCH, metavar="N",
                   help=f"Parquet: articles per part file, the most a crash can lose (default {PARQUET_BATCH})")  # fmt: skip
    p.add_argument("--group-copies", action="store_true",
                   help="mark copies of one article: copy_group and canonical in the output, "
                        "and write the events counted once (OUT.events.jsonl, OUT/events_once) "
                        "(needs unionnews[copies])")  # fmt: skip
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress on stderr (default: a bar when stderr is a terminal)")  # fmt: skip
    p.set_defaults(func=cmd_parse)
    for name, func, what in (
        ("normalize", cmd_normalize, "print the repaired, simplified text (page furniture included)"),
        ("text", cmd_text, "print each article's clean text, without page furniture"),
    ):
        n = sub.add_parser(name, help=what, description=what)
        _add_input_options(n)
        n.add_argument("-o", "--output", help="write to this file instead of stdout")
        n.add_argument("--format", choices=("text", "jsonl"), default="text",
                       help="text (default) or jsonl: one {id, origin, text} object per article")  # fmt: skip
        if name == "normalize":
            n.add_argument("--repairs", action="store_true", help="list the repairs on stderr")
        n.set_defaults(func=func)
    pl = sub.add_parser("plugins", help="list registered plugins and where they come from")
    pl.set_defaults(func=cmd_plugins)
    return parser


def _setup_logging(args: argparse.Namespace) -> None:
    level = logging.INFO + 10 * (getattr(args, "quiet", 0) - getattr(args, "verbose", 0))
    handler = ProgressAwareHandler()
    handler.setFormatter(logging.Formatter("unionnews: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(max(level, logging.DEBUG))
    log.propagate = False


class ProgressAwareHandler(logging.Handler):
    """Log lines on stderr that do not break a progress bar."""

    def emit(self, record: logging.LogRecord) -> None:
        Progress.write(self.format(record))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        parser.error("--jobs must be at least 1")
    if getattr(args, "batch", 1) < 1:
        parser.error("--batch must be at least 1")
    _setup_logging(args)
    try:
        result: Any = args.func(args)
    except UnionnewsError as e:
        log.error("%s", e)
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:  # a second Ctrl-C: what is written stays, nothing more is waited for
        log.error("interrupted: what was written stays; --resume continues the run")
        logging.shutdown()
        sys.stderr.flush()
        os._exit(130)
    except OSError as e:  # the output cannot be written: a setup error, not a bad record
        log.error("%s: %s", e.filename or args.output or "<stdout>", e.strerror or e)
        return 2
    return int(result)


def _quiet_stdout() -> None:
    """After a closed pipe (``| head``), keep Python from complaining again when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
