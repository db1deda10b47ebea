"""The unit of work of every normalization step: one proposed rewrite and why."""

from __future__ import annotations

import attrs


@attrs.frozen(slots=True)
class Fix:
    """Replace ``text[start:end]`` by ``replacement``, as a repair of kind ``kind``.

    Steps return fixes instead of new strings so that the pipeline can keep the
    offset map and the repair log exact, and so that each step can be tested alone.
    """

    start: int
    end: int
    replacement: str
    kind: str
    confidence: float = 1.0
    lost: int = 0
    note: str = ""


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """The text with ``fixes`` (sorted, non-overlapping) applied."""
    from unionnews.normalize.offsets import apply_edits

    return apply_edits(text, fixes)
