"""Events counted once across a corpus.

Copies of one article report the same events, and several outlets report the same
meeting.  :class:`EventLedger` folds the per-article events (left as they are on
each article) into one row per real-world event, with every article that reports
it as evidence and a ``reported_by`` count.

An event's identity is what does not change between reports: a meeting is its
organizer, its (normalized) name and its date; a statistic its value, unit and
subject; an initiative its name and organization.  An event missing part of that
identity (no date, no subject) could be any of several, so it is merged only with
the same event in other copies of its own article (its copy group).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import regex

#: Rewrites that make two spellings of one meeting's name the same key.
NAME_FOLDS: tuple[tuple[str, str], ...] = (
    (r"[(（][^()（）]*[)）]", ""),
    (r"扩大", ""),
    (r"会议$", "会"),
    (r"\s+", ""),
)
_NAME_FOLDS = tuple((regex.compile(p), r) for p, r in NAME_FOLDS)

#: Columns of the de-duplicated events table, in order.
LEDGER_COLUMNS = (
    "kind", "organizer", "name", "date", "value", "unit", "subject", "category", "organization",
    "text", "reported_by", "copy_groups", "articles",
)  # fmt: skip


@attrs.define
class LedgerRow:
    """One event as the corpus reports it: its fields (from the first report) and all its evidence."""

    key: tuple[Any, ...]
    fields: dict[str, Any]
    articles: list[str] = attrs.Factory(list)
    groups: set[str] = attrs.Factory(set)

    @property
    def reported_by(self) -> int:
        """How many articles report the event (copies included)."""
        return len(self.articles)

    def row(self) -> dict[str, Any]:
        """The table row: fields, ``reported_by``, ``copy_groups`` (independent reports) and ``articles``."""
        out = {c: self.fields.get(c) for c in LEDGER_COLUMNS}
        out.update(reported_by=self.reported_by, copy_groups=len(self.groups), articles=list(self.articles))
        return out


def field(event: Any, name: str) -> Any:
    """An event's field, from an event record or its JSON (dict) form."""
    if isinstance(event, Mapping):
        return event.get(name)
    return getattr(event, name, None)


def fold_name(name: str | None) -> str | None:
    """A meeting name with what reports vary on removed (``党组（扩大）会议`` -> ``党组会``)."""
    if name is None:
        return None
    for pattern, replacement in _NAME_FOLDS:
        name = pattern.sub(replacement, name)
    return name


def event_key(event: Any, copy_group: str) -> tuple[Any, ...]:
    """The identity of an event: corpus-wide when the event says enough, else within its copy group."""
    kind = field(event, "kind")
    if kind in ("meeting", "activity"):
        organizer, date = field(event, "organizer"), field(event, "date")
        name = fold_name(field(event, "name"))
        if organizer and date:
            return (kind, organizer, name, date)
        return ("in-group", copy_group, kind, organizer, name, date)
    if kind == "statistic":
        value, unit, subject = field(event, "value"), field(event, "unit"), field(event, "subject")
        number = float(value) if value is not None else None
        if subject:
            return (kind, number, unit, subject)
        return ("in-group", copy_group, kind, number, unit, field(event, "text"))
    if kind == "initiative":
        return (kind, field(event, "name"), field(event, "organization"))
    return ("in-group", copy_group, kind, repr(event))


def _fields(event: Any) -> dict[str, Any]:
    return {c: field(event, c) for c in LEDGER_COLUMNS if c not in ("reported_by", "copy_groups", "articles")}


@attrs.define
class EventLedger:
    """Streaming de-duplication: :meth:`add` each article's events, then read :meth:`rows`.

    Memory is one entry per distinct event, whatever the number of copies.
    """

    entries: dict[tuple[Any, ...], LedgerRow] = attrs.Factory(dict)
    events_in: int = 0

    def add(self, article_id: str, events: Iterable[Any], copy_group: str | None = None) -> None:
        """Record the events one article reports (``copy_group``: its group, else the article alone)."""
        group = copy_group or article_id
        for event in events:
            self.events_in += 1
            key = event_key(event, group)
            entry = self.entries.get(key)
            if entry is None:
                entry = self.entries[key] = LedgerRow(key, _fields(event))
            if not entry.articles or entry.articles[-1] != article_id:
                entry.articles.append(article_id)
            entry.groups.add(group)

    def __len__(self) -> int:
        return len(self.entries)

    def rows(self) -> list[dict[str, Any]]:
        """One row per event (:data:`LEDGER_COLUMNS`), most reported first.

        A copy that lost part of an event's identity (its date garbled) still
        reports the event its siblings report in full: such an in-group entry joins
        the one full entry of its group that it matches on everything it has.
        """
        full: dict[tuple[Any, ...], list[LedgerRow]] = {}
        for entry in self.entries.values():
            if entry.key[0] != "in-group":
                for group in entry.groups:
                    full.setdefault((group, *_partial(entry.key)), []).append(entry)
        merged: dict[int, LedgerRow] = {}
        for entry in self.entries.values():
            if entry.key[0] == "in-group":
                targets = full.get((entry.key[1], *_partial(entry.key[2:])), [])
                if len(targets) == 1:
                    target = merged.setdefault(id(targets[0]), _copy(targets[0]))
                    seen = set(target.articles)
                    target.articles += [a for a in entry.articles if a not in seen]
                    target.groups |= entry.groups
                    continue
            merged.setdefault(id(entry), _copy(entry))
        ordered = sorted(merged.values(), key=lambda e: -e.reported_by)
        return [e.row() for e in ordered]


def _partial(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of an event key a damaged copy still has: kind and who (meetings) or how many (statistics)."""
    return key[:3]


def _copy(entry: LedgerRow) -> LedgerRow:
    return LedgerRow(entry.key, entry.fields, list(entry.articles), set(entry.groups))


def count_once(
    articles: Iterable[tuple[str, Iterable[Any], str | None]],
) -> list[dict[str, Any]]:
    """The de-duplicated events of ``(article_id, events, copy_group)`` triples."""
    ledger = EventLedger()
    for article_id, events, group in articles:
        ledger.add(article_id, events, group)
    return ledger.rows()
