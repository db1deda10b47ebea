"""Run a corpus parse on Dask when one machine is not enough.

The same functions as the ``unionnews parse`` command, spread over a
``dask.bag``: one partition per input file (split a multi-GB JSON Lines file
into parts first, e.g. ``split -l 100000``), each worker parsing its partition
with the plugins installed where it runs (found through entry points, as in a
single process), and each partition written as one Parquet part per table::

    from dask.distributed import Client
    from unionnews.corpus.cluster import parse_to_parquet

    with Client("scheduler:8786"):
        parse_to_parquet(["corpus/a.jsonl", "corpus/b.jsonl"], "out/")

``out/events`` then loads with ``pandas.read_parquet`` exactly like the output
of ``unionnews parse --format parquet``.  Needs ``pip install 'unionnews[dask]'``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from unionnews.corpus.records import BadRecord, Outcome, file_records, parse_record
from unionnews.errors import UnionnewsError


def parse_files(paths: Sequence[str]) -> Any:
    """A ``dask.bag.Bag`` of :class:`~unionnews.corpus.Outcome`, one partition per file.

    Unreadable files and bad lines become outcomes with an ``error``, as the
    command line reports them, so nothing is silently dropped.
    """
    db = _dask_bag()
    files = [os.fspath(p) for p in paths]
    return db.from_sequence(files, npartitions=max(len(files), 1)).map_partitions(_parse_partition)


def _parse_partition(paths: Sequence[str]) -> list[Outcome]:
    outcomes: list[Outcome] = []

    def bad(record: BadRecord) -> None:
        outcomes.append(Outcome(record.origin, error=record.error))

    for path in paths:
        for record in file_records(path, bad):
            outcomes.append(parse_record(record))
    return outcomes


def parse_to_parquet(paths: Sequence[str], folder: str) -> list[BadRecord]:
    """Parse ``paths`` on the current Dask scheduler into Parquet tables under ``folder``.

    Returns the records that failed (origin and error).  Partition ``i`` writes
    ``part-{i:05d}.parquet`` of each table.
    """
    from dask import compute, delayed  # type: ignore[attr-defined]

    bag = parse_files(paths)
    parts = [delayed(_write_partition)(part, folder, i) for i, part in enumerate(bag.to_delayed())]
    failures: list[BadRecord] = []
    for failed in compute(*parts):  # type: ignore[no-untyped-call]
        failures.extend(failed)
    return failures


def _write_partition(outcomes: list[Outcome], folder: str, index: int) -> list[BadRecord]:
    from unionnews.corpus.sinks import ParquetSink

    sink = ParquetSink(folder, resume=True, part=index)
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
