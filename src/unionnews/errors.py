"""Exceptions unionnews raises on purpose; everything else is a bug."""

from __future__ import annotations


class UnionnewsError(Exception):
    """Base class of every error unionnews raises deliberately."""


class InputError(UnionnewsError, TypeError):
    """The input is not something unionnews can read (wrong type, unreadable file)."""


class BinaryInputError(InputError):
    """Bytes that decode to mostly control characters or nothing: an image, an archive, a PDF."""


class PluginLoadError(UnionnewsError):
    """A plugin named by the caller could not be found or loaded."""


class SchemaError(UnionnewsError, ValueError):
    """Data given to ``from_dict`` does not fit the JSON contract."""


class PluginWarning(UserWarning):
    """A plugin's contribution was partly rejected when the plugin manager was built (see ``Plugins.errors``)."""
