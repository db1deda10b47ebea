"""Corpus runs: one layer above :func:`unionnews.parse`.

``parse()`` knows one article; this subpackage knows corpora: reading records from
folders and JSON Lines (:mod:`~unionnews.corpus.records`), rendering and writing
outcomes (:mod:`~unionnews.corpus.sinks`, :mod:`~unionnews.corpus.tables`) and the
same run on Dask (:mod:`~unionnews.corpus.cluster`).
"""

from __future__ import annotations

from unionnews.corpus.records import (
    BadRecord,
    Outcome,
    Record,
    file_records,
    iter_records,
    parse_record,
    parse_records,
)

__all__ = ["BadRecord", "Outcome", "Record", "file_records", "iter_records", "parse_record", "parse_records"]
