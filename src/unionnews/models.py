"""Typed records: what unionnews produces, and their JSON form.

The field names here are the public JSON contract (see ``docs/data-model.md``).
Every class is frozen and slotted; :func:`to_dict` / :func:`from_dict` convert any
of them to and from plain JSON-able dicts with cattrs, so the CLI output and
``Article.to_dict()`` are the same thing.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union

import attrs

from unionnews.errors import SchemaError

if TYPE_CHECKING:
    import cattrs

Role = Literal["reporter", "correspondent", "editor", "author", "photographer"]
Precision = Literal["year", "month", "day", "minute", "second", "month-day"]
Script = Literal["simplified", "traditional", "mixed", "none"]


@attrs.frozen(slots=True)
class Span:
    """Where a piece of evidence stands: in ``Article.text`` and in the raw input."""

    start: int
    end: int
    raw_start: int
    raw_end: int


@attrs.frozen(slots=True)
class Repair:
    """One change the normalizer made, with the raw span it came from.

    ``kind`` names the fix (``pinyin-annotation``, ``mojibake-phase-shift``, ...);
    ``lost`` counts characters or bytes that could not be recovered and were marked.
    """

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str
    confidence: float = 1.0
    lost: int = 0
    note: str = ""


@attrs.frozen(slots=True)
class Person:
    """A byline or credit: someone who wrote, reported, edited or photographed the piece."""

    name: str
    role: Role
    affiliation: str | None = None
    evidence: Span | None = None


@attrs.frozen(slots=True)
class DateMention:
    """A date as written, resolved as far as the text allows.

    ``value`` is ISO 8601 (``2023-10-17``, ``2023-10-18T18:22``) or ``--MM-DD``
    when the year cannot be known; ``None`` when the mention cannot be resolved.
    """

    text: str
    value: str | None
    precision: Precision | None
    relative: bool
    evidence: Span | None = None


@attrs.frozen(slots=True)
class Meeting:
    """A meeting the article reports as held, one record per organizer."""

    organizer: str | None
    name: str
    date: str | None = None
    chair: str | None = None
    location: str | None = None
    purpose: str | None = None
    evidence: Span | None = None
    extractor: str = ""
    confidence: float = 0.5
    kind: Literal["meeting"] = "meeting"


@attrs.frozen(slots=True)
class Activity:
    """A union activity held on a date (a campaign event, a contest), not a meeting."""

    organizer: str | None
    name: str
    date: str | None = None
    location: str | None = None
    evidence: Span | None = None
    extractor: str = ""
    confidence: float = 0.5
    kind: Literal["activity"] = "activity"


@attrs.frozen(slots=True)
class Initiative:
    """A named program, campaign, brand, platform, project or work method."""

    name: str
    category: str
    organization: str | None = None
    evidence: Span | None = None
    extractor: str = ""
    confidence: float = 0.5
    kind: Literal["initiative"] = "initiative"


@attrs.frozen(slots=True)
class Statistic:
    """A quantity the story claims: ``value`` with 万/亿 multiplied out."""

    value: float | int
    unit: str
    text: str
    approx: bool = False
    subject: str | None = None
    predicate: str | None = None
    evidence: Span | None = None
    extractor: str = ""
    confidence: float = 0.5
    kind: Literal["statistic"] = "statistic"


Event = Union[Meeting, Activity, Initiative, Statistic]  # noqa: UP007 - cattrs dispatches on this typing.Union
EVENT_TYPES: dict[str, type[Any]] = {
    "meeting": Meeting,
    "activity": Activity,
    "initiative": Initiative,
    "statistic": Statistic,
}


#: Why a plugin's work was lost: it ``raised``, ran past its ``budget``, or returned
#: something ``invalid`` (wrong type, missing field, evidence outside the text).
ErrorKind = Literal["raised", "budget", "invalid"]


@attrs.frozen(slots=True)
class PluginError:
    """A plugin that failed on this article; the rest of the parse still stands."""

    plugin: str
    hook: str
    error: str
    kind: ErrorKind = "raised"


@attrs.frozen(slots=True)
class FurnitureSpan:
    """Page furniture removed from ``Article.text`` (navigation, footers, ...), kept here."""

    kind: str
    text: str
    raw_start: int
    raw_end: int


@attrs.frozen(slots=True)
class Article:
    """One parsed article: metadata with evidence, events, and the clean text."""

    title: str | None
    published: str | None
    source: str | None
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    text: str = ""
    repairs: tuple[Repair, ...] = ()
    column: str | None = None
    newspaper: str | None = None
    script: Script = "none"
    dates: tuple[DateMention, ...] = ()
    furniture: tuple[FurnitureSpan, ...] = ()
    errors: tuple[PluginError, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract form of this article."""
        data: dict[str, Any] = to_dict(self)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from :meth:`to_dict` output."""
        return from_dict(data, cls)


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter, built on first use: parsing never needs cattrs (~17 ms to import)."""
    import cattrs

    conv = cattrs.Converter()

    def structure_event(data: Any, _: Any) -> Event:
        if not isinstance(data, dict) or data.get("kind") not in EVENT_TYPES:
            raise ValueError(f"not an event: {data!r}")
        result: Event = conv.structure(data, EVENT_TYPES[data["kind"]])
        return result

    conv.register_structure_hook(Event, structure_event)
    conv.register_structure_hook(float | int, lambda v, _: v)
    return conv


T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """Unstructure any unionnews record (or tuple of them) to plain JSON-able data."""
    return _converter().unstructure(obj)


def from_dict(data: Any, cls: type[T]) -> T:
    """Structure plain data produced by :func:`to_dict` back into ``cls``.

    Raises :class:`~unionnews.errors.SchemaError` listing every field that is wrong.
    """
    import cattrs

    try:
        return _converter().structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as e:
        details = (
            "; ".join(cattrs.transform_error(e)) if isinstance(e, cattrs.BaseValidationError) else str(e)
        )
        raise SchemaError(f"not a valid {cls.__name__}: {details}") from e
