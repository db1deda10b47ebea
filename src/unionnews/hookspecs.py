"""The hooks a unionnews plugin can implement (pluggy project name ``unionnews``).

Every hook is called with keyword arguments; implement only the ones you need,
with only the arguments you use.  All extraction hooks are *collecting* hooks
(not ``firstresult``): every plugin's results are concatenated, built-in ones
included, and duplicates are merged afterwards.  pluggy calls later-registered
plugins first, so a third-party plugin's ``unionnews_extract_metadata`` values win
over the built-in ones field by field.

A hook that raises, runs past its time budget or returns something the
contract does not allow is isolated: the error is recorded in ``Article.errors``
(``kind`` ``raised``, ``budget`` or ``invalid``), its valid records are kept and
the other plugins' results stand.  A hook may be a generator; it is consumed
inside its budget.  Records must be of the :mod:`unionnews.models` classes with
``evidence`` inside ``document.text`` (see ``docs/plugins.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pluggy

from unionnews.document import Document
from unionnews.models import DateMention, Event, Person

PROJECT_NAME = "unionnews"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def unionnews_lexicon() -> Mapping[str, Iterable[str]]:  # type: ignore[empty-body]
    """Contribute words to the lexicon, by category.

    Categories are the keys of :data:`unionnews.lexicon.CATEGORIES`:
    ``organization``, ``initiative`` (names that are initiatives even unquoted),
    ``initiative_trigger`` (words such as 工程 that make a quoted name an
    initiative), ``not_initiative``, ``meeting_suffix``, ``section`` (site section
    names that are furniture above a headline), ``source`` (outlet names),
    ``furniture`` (substrings marking a furniture line), ``region`` and ``title``.
    Called once when the plugin manager is built, not per article.
    """


@hookspec
def unionnews_extract_metadata(document: Document) -> Mapping[str, str | None] | None:
    """Return any of ``title``, ``published``, ``source``, ``column``, ``newspaper``.

    For each field the first non-None value in call order wins (third-party
    plugins are called before the built-in one).
    """


@hookspec
def unionnews_extract_dates(document: Document) -> Sequence[DateMention]:  # type: ignore[empty-body]
    """Date mentions in ``document.text``; ``document.published`` is already known."""


@hookspec
def unionnews_extract_people(document: Document) -> Sequence[Person]:  # type: ignore[empty-body]
    """Byline and credit people (reporter, correspondent, editor, author, photographer)."""


@hookspec
def unionnews_extract_meetings(document: Document) -> Sequence[Event]:  # type: ignore[empty-body]
    """Meetings (and activities) reported as held, one per organizer."""


@hookspec
def unionnews_extract_initiatives(document: Document) -> Sequence[Event]:  # type: ignore[empty-body]
    """Named programs, campaigns, brands, platforms, projects and work methods."""


@hookspec
def unionnews_extract_statistics(document: Document) -> Sequence[Event]:  # type: ignore[empty-body]
    """Quantities the story claims, with 万/亿 multiplied out."""
