"""Layer 1: raw ``str | bytes`` -> :class:`NormalizedText` (the pipeline is in :mod:`.pipeline`).

This package module stays tiny so that ``import unionnews`` is cheap: the steps,
their compiled patterns and tables load on the first call of :func:`normalize`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from unionnews._lazy import lazy_attributes

if TYPE_CHECKING:
    from unionnews.normalize.fix import Fix
    from unionnews.normalize.pipeline import DEFAULT_STEPS, STEP_NAMES, NamedStep, NormalizedText


def normalize(raw: str | bytes, *, convert_script: bool = True, skip: Sequence[str] = ()) -> NormalizedText:
    """Repair what the crawl broke and return clean simplified text with its map.

    ``convert_script=False`` (or ``skip=["script"]``) keeps traditional characters;
    ``skip`` leaves out other steps by name (:data:`STEP_NAMES`).  Raises
    :class:`~unionnews.errors.InputError` for input that is neither str nor bytes,
    :class:`~unionnews.errors.BinaryInputError` for bytes that are not text.
    """
    from unionnews.normalize.pipeline import run_pipeline

    return run_pipeline(raw, convert_script=convert_script, skip=skip)


_LAZY = {
    "DEFAULT_STEPS": "unionnews.normalize.pipeline",
    "STEP_NAMES": "unionnews.normalize.pipeline",
    "NamedStep": "unionnews.normalize.pipeline",
    "NormalizedText": "unionnews.normalize.pipeline",
    "Fix": "unionnews.normalize.fix",
}


__getattr__ = lazy_attributes(globals(), _LAZY)


__all__ = ["DEFAULT_STEPS", "STEP_NAMES", "Fix", "NamedStep", "NormalizedText", "normalize"]
