"""Flat tables of parsed articles: one row per article, per event, per person.

The JSON contract nests events and people inside each article; analysts want
them as tables they can load straight into pandas.  Each table has a fixed column
list (below), the same for every event kind: columns a kind does not have are null.
``id`` (the input record's identity) joins the tables; ``origin`` says where the
article came from.  ``published`` is kept as written (its precision varies);
``published_at`` is the same instant as a timestamp, ``published_precision`` says
how much of it was given (``year`` ... ``second``).  A run may add columns per
article (``--keep-fields``, ...): :func:`article_row` takes them as ``extra``.

These functions build plain rows; :mod:`unionnews.corpus.sinks` writes them to Parquet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from unionnews.models import Article, Event, Person, Span

#: Columns of the articles table, in order.
ARTICLE_COLUMNS = (
    "id", "origin", "title", "published", "published_at", "published_precision", "source", "column", "newspaper", "script",
    "people", "events", "repairs", "errors", "text",
)  # fmt: skip
#: Columns of the events table: the union of every event kind's fields, flattened.
EVENT_COLUMNS = (
    "id", "origin", "kind", "name", "organizer", "date", "chair", "location", "purpose",
    "category", "organization", "value", "unit", "text", "approx", "subject", "predicate",
    "start", "end", "raw_start", "raw_end", "extractor", "confidence",
)  # fmt: skip
#: Columns of the people table.
PERSON_COLUMNS = ("id", "origin", "name", "role", "affiliation", "start", "end", "raw_start", "raw_end")

#: Arrow type names of the columns that are not strings (the rest are).
NON_STRING_COLUMNS = {
    "published_at": "timestamp",
    "people": "int64",
    "events": "int64",
    "repairs": "int64",
    "errors": "int64",
    "value": "float64",
    "approx": "bool_",
    "start": "int64",
    "end": "int64",
    "raw_start": "int64",
    "raw_end": "int64",
    "confidence": "float64",
}

Row = dict[str, Any]


#: ``published`` prefixes by length, and the precision each gives.
PRECISIONS = {4: "year", 7: "month", 10: "day", 13: "hour", 16: "minute", 19: "second"}


def published_timestamp(published: str | None) -> tuple[dt.datetime | None, str | None]:
    """``published`` (ISO, of any precision) as a datetime and its precision; unreadable gives ``None``.

    ``2023-10`` becomes 2023-10-01 00:00 with precision ``month``, so every row has
    a real timestamp pandas can sort and group, and the precision says how far to trust it.
    """
    if not published:
        return None, None
    value = published.replace(" ", "T")
    precision = PRECISIONS.get(len(value))
    if precision is None:
        return None, None
    padded = value + "0001-01-01T00:00:00"[len(value) :]
    try:
        return dt.datetime.fromisoformat(padded), precision
    except ValueError:
        return None, None


def article_row(
    article: Article, origin: str, id: str | None = None, extra: Mapping[str, Any] | None = None
) -> Row:
    """The article's metadata and counts (its events and people are in their own tables).

    ``extra`` adds columns (kept input fields, columns a run computes).
    """
    published_at, precision = published_timestamp(article.published)
    row: Row = {
        "id": id if id is not None else origin,
        "origin": origin,
        "title": article.title,
        "published": article.published,
        "published_at": published_at,
        "published_precision": precision,
        "source": article.source,
        "column": article.column,
        "newspaper": article.newspaper,
        "script": article.script,
        "people": len(article.people),
        "events": len(article.events),
        "repairs": len(article.repairs),
        "errors": len(article.errors),
        "text": article.text,
    }
    if extra:
        row.update(extra)
    return row


def event_rows(article: Article, origin: str, id: str | None = None) -> list[Row]:
    """One row per event, every column present."""
    return [_event_row(event, origin, origin if id is None else id) for event in article.events]


def person_rows(article: Article, origin: str, id: str | None = None) -> list[Row]:
    """One row per person named in the article."""
    return [_person_row(person, origin, origin if id is None else id) for person in article.people]


def _event_row(event: Event, origin: str, id: str) -> Row:
    row: Row = dict.fromkeys(EVENT_COLUMNS)
    for column in EVENT_COLUMNS:
        if column in _SPAN_COLUMNS or column in ("origin", "id"):
            continue
        value = getattr(event, column, None)
        row[column] = float(value) if column == "value" and value is not None else value
    row.update(_span_columns(event.evidence))
    row["id"] = id
    row["origin"] = origin
    return row


def _person_row(person: Person, origin: str, id: str) -> Row:
    row: Row = {
        "id": id,
        "origin": origin,
        "name": person.name,
        "role": person.role,
        "affiliation": person.affiliation,
    }
    row.update(_span_columns(person.evidence))
    return row


_SPAN_COLUMNS = ("start", "end", "raw_start", "raw_end")


def _span_columns(span: Span | None) -> Row:
    if span is None:
        return dict.fromkeys(_SPAN_COLUMNS)
    return {"start": span.start, "end": span.end, "raw_start": span.raw_start, "raw_end": span.raw_end}
