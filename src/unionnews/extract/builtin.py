"""The built-in extractors as hook implementations, registered like any plugin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from unionnews.document import Document
from unionnews.extract.dates import find_dates
from unionnews.extract.initiatives import extract_initiatives
from unionnews.extract.meetings import extract_meetings
from unionnews.extract.metadata import extract_metadata
from unionnews.extract.people import extract_people
from unionnews.extract.statistics import extract_statistics
from unionnews.hookspecs import hookimpl
from unionnews.models import DateMention, Event, Person


class BuiltinMetadata:
    @hookimpl
    def unionnews_extract_metadata(self, document: Document) -> Mapping[str, str | None]:
        return extract_metadata(document)


class BuiltinDates:
    @hookimpl
    def unionnews_extract_dates(self, document: Document) -> Sequence[DateMention]:
        return find_dates(document.text, document.published)


class BuiltinPeople:
    @hookimpl
    def unionnews_extract_people(self, document: Document) -> Sequence[Person]:
        return extract_people(document)


class BuiltinMeetings:
    @hookimpl
    def unionnews_extract_meetings(self, document: Document) -> Sequence[Event]:
        return extract_meetings(document)


class BuiltinInitiatives:
    @hookimpl
    def unionnews_extract_initiatives(self, document: Document) -> Sequence[Event]:
        return extract_initiatives(document)


class BuiltinStatistics:
    @hookimpl
    def unionnews_extract_statistics(self, document: Document) -> Sequence[Event]:
        return extract_statistics(document)


#: Name -> plugin object; names are what ``disable=`` and ``unionnews plugins`` show.
BUILTIN_PLUGINS: dict[str, object] = {
    "builtin.metadata": BuiltinMetadata(),
    "builtin.dates": BuiltinDates(),
    "builtin.people": BuiltinPeople(),
    "builtin.meetings": BuiltinMeetings(),
    "builtin.initiatives": BuiltinInitiatives(),
    "builtin.statistics": BuiltinStatistics(),
}
