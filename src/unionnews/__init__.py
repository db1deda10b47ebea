"""unionnews: clean text and typed records from crawled Chinese trade-union news."""

from unionnews._version import __version__
from unionnews.assemble import parse
from unionnews.errors import BinaryInputError, InputError, PluginLoadError, SchemaError, UnionnewsError
from unionnews.models import (
    Activity,
    Article,
    DateMention,
    Initiative,
    Meeting,
    Person,
    Repair,
    Span,
    Statistic,
    from_dict,
    to_dict,
)
from unionnews.normalize import NormalizedText, normalize

__all__ = [
    "Activity",
    "Article",
    "BinaryInputError",
    "DateMention",
    "Initiative",
    "InputError",
    "Meeting",
    "NormalizedText",
    "Person",
    "PluginLoadError",
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
