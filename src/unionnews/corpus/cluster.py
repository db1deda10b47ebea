"""Run a corpus parse on Dask when one machine is not enough.

The same functions as the ``unionnews parse`` command, spread over a
``dask.bag``.  Inputs are found as the command finds them (files, folders
searched recursively, JSON Lines, ``.gz``) and cut into partitions of about
``partition_bytes`` each: small files are grouped, large JSON Lines files split at
line boundaries (gzipped files stay whole).  Each worker parses its partition
with the plugins installed where it runs (found through entry points, as in a
single process) and writes its Parquet parts::

    from dask.distributed import Client
    from unionnews.corpus.cluster import parse_to_parquet

    with Client("scheduler:8786"):
        parse_to_parquet(["corpus/"], "out/")

``out/events`` then loads with ``pandas.read_parquet`` exactly like the output
of ``unionnews parse --format parquet``.  Needs ``pip install 'unionnews[dask]'``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import attrs

from unionnews.corpus.inputs import InputOptions, Source, find_sources
from unionnews.corpus.records import BadRecord, Outcome, parse_record, record_identity, source_records
from unionnews.errors import UnionnewsError

#: Input bytes per partition (about; a partition holds at least one record).
PARTITION_BYTES = 64 * 1024 * 1024


@attrs.frozen(slots=True)
class Piece:
    """A source, or the lines of an uncompressed JSON Lines file starting in ``[start, end)``."""

    source: Source
    size: int
    span: tuple[int, int, int] | None = None


def plan(
    paths: Sequence[str], options: InputOptions, partition_bytes: int = PARTITION_BYTES
) -> tuple[list[list[Piece]], list[BadRecord]]:
    """Partitions of about ``partition_bytes`` of input each, and the inputs that could not be read."""
    bad: list[BadRecord] = []
    pieces: list[Piece] = []
    for source in find_sources(paths, options, bad.append, lambda path, why: None):
        pieces.extend(_pieces(source, partition_bytes, bad))
    partitions: list[list[Piece]] = []
    current: list[Piece] = []
    filled = 0
    for piece in pieces:
        if current and filled + piece.size > partition_bytes:
            partitions.append(current)
            current, filled = [], 0
        current.append(piece)
        filled += piece.size
    if current:
        partitions.append(current)
    return partitions, bad


def _pieces(source: Source, partition_bytes: int, bad: list[BadRecord]) -> list[Piece]:
    """A source as one piece, or a large uncompressed JSON Lines file cut at line starts."""
    try:
        size = os.path.getsize(source.origin)
    except OSError as e:
        bad.append(BadRecord(source.origin, e.strerror or str(e)))
        return []
    if not source.jsonl or source.gzip or size <= partition_bytes:
        return [Piece(source, size)]
    pieces = []
    start, number = 0, 1
    with open(source.origin, "rb") as f:
        while start < size:
            f.seek(start)
            lines = 0
            end = start
            for line in f:
                end += len(line)
                lines += 1
                if end - start >= partition_bytes:
                    break
            pieces.append(Piece(source, end - start, (start, end, number)))
            start, number = end, number + lines
    return pieces


def parse_files(
    paths: Sequence[str],
    options: InputOptions | None = None,
    partition_bytes: int = PARTITION_BYTES,
    done: frozenset[str] = frozenset(),
) -> Any:
    """A ``dask.bag.Bag`` of :class:`~unionnews.corpus.Outcome`, partitioned by input size.

    Unreadable files and bad lines become outcomes with an ``error``, as the
    command line reports them, so nothing is silently dropped; records whose
    identity is in ``done`` are left out.
    """
    db = _dask_bag()
    options = options or InputOptions()
    partitions, bad = plan([os.fspath(p) for p in paths], options, partition_bytes)
    failed = [Outcome(b.origin, error=b.error) for b in bad]
    bag = db.from_sequence(partitions, npartitions=max(len(partitions), 1)).map_partitions(
        _parse_partition, options, done
    )
    return db.concat([bag, db.from_sequence(failed, npartitions=1)]) if failed else bag


def _parse_partition(
    partitions: Sequence[list[Piece]], options: InputOptions, done: frozenset[str]
) -> list[Outcome]:
    outcomes: list[Outcome] = []

    def bad(record: BadRecord) -> None:
        outcomes.append(Outcome(record.origin, error=record.error))

    for pieces in partitions:
        for piece in pieces:
            for record in source_records(piece.source, bad, options, piece.span):
                key = (record_identity(record.raw, options) if record.jsonl else None) or record.key
                if key not in done:
                    outcomes.append(parse_record(record, inputs=options))
    return outcomes


def parse_to_parquet(
    paths: Sequence[str],
    folder: str,
    *,
    options: InputOptions | None = None,
    resume: bool = False,
    overwrite: bool = False,
    partition_bytes: int = PARTITION_BYTES,
) -> list[BadRecord]:
    """Parse ``paths`` on the current Dask scheduler into Parquet tables under ``folder``.

    Returns the records that failed (origin and error).  As on the command line,
    existing output is refused unless ``resume`` (records already written are
    skipped) or ``overwrite``; partition ``i`` writes parts ``part-{run + i}-*``.
    """
    from unionnews.corpus.sinks import ParquetSink

    _dask_bag()
    from dask import compute, delayed  # type: ignore[attr-defined]

    options = options or InputOptions()
    setup = ParquetSink(folder, resume=resume, overwrite=overwrite, extra_columns=options.keep_fields)
    done = frozenset(setup.done()) if resume else frozenset()
    bag = parse_files(paths, options, partition_bytes, done)
    parts = [
        delayed(_write_partition)(part, folder, setup.run + i, options.keep_fields)
        for i, part in enumerate(bag.to_delayed())
    ]
    failures: list[BadRecord] = []
    for failed in compute(*parts):  # type: ignore[no-untyped-call]
        failures.extend(failed)
    return failures


def _write_partition(
    outcomes: list[Outcome], folder: str, run: int, extra_columns: Sequence[str]
) -> list[BadRecord]:
    from unionnews.corpus.sinks import ParquetSink

    sink = ParquetSink(folder, part=run, extra_columns=extra_columns)
    failed = []
    try:
        for outcome in outcomes:
            if not outcome.ok:
                failed.append(BadRecord(outcome.origin, outcome.error or "no article"))
            else:
                sink.write(outcome)
    finally:
        sink.close()
    return failed


def _dask_bag() -> Any:
    try:
        import dask.bag
    except ImportError as e:
        raise UnionnewsError("running on Dask needs dask: pip install 'unionnews[dask]'") from e
    return dask.bag
