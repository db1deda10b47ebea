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


def line_fixes(text: str, new_text: str, positions: list[int], kind: str) -> list[Fix]:
    """Same-length rewrites at sorted ``positions`` as one fix per line, first to last change.

    Steps that change many single characters (punctuation width) report them this
    way: a few fixes instead of hundreds, and the offset map is untouched.
    """
    fixes = []
    i = 0
    while i < len(positions):
        first = positions[i]
        line_end = text.find("\n", first)
        line_end = len(text) if line_end < 0 else line_end
        last = first
        while i < len(positions) and positions[i] < line_end:
            last = positions[i]
            i += 1
        fixes.append(Fix(first, last + 1, new_text[first : last + 1], kind))
    return fixes
