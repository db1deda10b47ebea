"""Flat tables of parsed articles: one row per article, per event, per person.

The JSON contract nests events and people inside each article; analysts want
them as tables they can load straight into pandas.  Each table has a fixed column
list (below), the same for every event kind: columns a kind does not have are null.
``origin`` (where the article came from) joins the tables.

These functions build plain rows; :mod:`unionnews.corpus.sinks` writes them to Parquet.
"""

from __future__ import annotations

from typing import Any

from unionnews.models import Article, Event, Person, Span

#: Columns of the articles table, in order.
ARTICLE_COLUMNS = (
    "origin", "title", "published", "source", "column", "newspaper", "script",
    "people", "events", "repairs", "errors", "text",
)  # fmt: skip
#: Columns of the events table: the union of every event kind's fields, flattened.
EVENT_COLUMNS = (
    "origin", "kind", "name", "organizer", "date", "chair", "location", "purpose",
    "category", "organization", "value", "unit", "text", "approx", "subject", "predicate",
    "start", "end", "raw_start", "raw_end", "extractor", "confidence",
)  # fmt: skip
#: Columns of the people table.
PERSON_COLUMNS = ("origin", "name", "role", "affiliation", "start", "end", "raw_start", "raw_end")

#: Arrow type names of the columns that are not strings (the rest are).
NON_STRING_COLUMNS = {
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


def article_row(article: Article, origin: str) -> Row:
    """The article's metadata and counts (its events and people are in their own tables)."""
    return {
        "origin": origin,
        "title": article.title,
        "published": article.published,
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


def event_rows(article: Article, origin: str) -> list[Row]:
    """One row per event, every column present."""
    return [_event_row(event, origin) for event in article.events]


def person_rows(article: Article, origin: str) -> list[Row]:
    return [_person_row(person, origin) for person in article.people]


def _event_row(event: Event, origin: str) -> Row:
    row: Row = dict.fromkeys(EVENT_COLUMNS)
    for column in EVENT_COLUMNS:
        if column in _SPAN_COLUMNS or column == "origin":
            continue
        value = getattr(event, column, None)
        row[column] = float(value) if column == "value" and value is not None else value
    row.update(_span_columns(event.evidence))
    row["origin"] = origin
    return row


def _person_row(person: Person, origin: str) -> Row:
    row: Row = {"origin": origin, "name": person.name, "role": person.role, "affiliation": person.affiliation}
    row.update(_span_columns(person.evidence))
    return row


_SPAN_COLUMNS = ("start", "end", "raw_start", "raw_end")


def _span_columns(span: Span | None) -> Row:
    if span is None:
        return dict.fromkeys(_SPAN_COLUMNS)
    return {"start": span.start, "end": span.end, "raw_start": span.raw_start, "raw_end": span.raw_end}
