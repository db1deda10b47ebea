"""unionnews: clean text and typed records from crawled Chinese trade-union news.

``import unionnews`` loads almost nothing: :func:`parse`, the record classes and
everything behind them (compiled patterns, OpenCC, the plugin manager) load on
first use, so a command-line tool or a worker process that imports unionnews but
does not parse pays nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unionnews._lazy import lazy_attributes
from unionnews._version import __version__
from unionnews.errors import (
    BinaryInputError,
    InputError,
    PluginLoadError,
    PluginWarning,
    SchemaError,
    UnionnewsError,
)
from unionnews.normalize import normalize

if TYPE_CHECKING:
    from unionnews.assemble import parse
    from unionnews.models import (
        Activity,
        Article,
        DateMention,
        Event,
        Initiative,
        Meeting,
        Person,
        Repair,
        Span,
        Statistic,
        from_dict,
        to_dict,
    )
    from unionnews.normalize.pipeline import NormalizedText

_LAZY = {
    "parse": "unionnews.assemble",
    "NormalizedText": "unionnews.normalize.pipeline",
    **dict.fromkeys(
        ("Activity", "Article", "DateMention", "Event", "Initiative", "Meeting", "Person", "Repair", "Span", "Statistic",
         "from_dict", "to_dict"),
        "unionnews.models",
    ),
}  # fmt: skip


if not TYPE_CHECKING:  # type checkers see the real names above, so a typo fails there
    __getattr__ = lazy_attributes(globals(), _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Activity",
    "Article",
    "BinaryInputError",
    "DateMention",
    "Event",
    "Initiative",
    "InputError",
    "Meeting",
    "NormalizedText",
    "Person",
    "PluginLoadError",
    "PluginWarning",
    "Repair",
    "SchemaError",
    "Span",
    "Statistic",
    "UnionnewsError",
    "__version__",
    "from_dict",
    "normalize",
    "parse",
    "to_dict",
]
