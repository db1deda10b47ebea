"""The unit of work of every normalization step: one proposed rewrite and why."""

from __future__ import annotations

from collections.abc import Sequence

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


@attrs.frozen(slots=True)
class Deletions:
    """Many deletions of one kind: what a step removing hundreds of small insertions returns.

    A traditional page with readings holds hundreds of annotations; as one record
    the pipeline makes their repairs, the new text and the offset segments in one
    pass each, without a :class:`Fix` per annotation.  ``spans`` are sorted,
    non-overlapping and non-empty.
    """

    spans: Sequence[tuple[int, int]]
    kind: str
    confidence: float = 1.0
    note: str = ""

    def fixes(self) -> list[Fix]:
        """The same deletions as fixes."""
        return [Fix(start, end, "", self.kind, self.confidence, note=self.note) for start, end in self.spans]


def delete_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` without ``spans`` (sorted, non-overlapping)."""
    parts = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


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


def run_line_fixes(text: str, runs: list[tuple[int, int]], table: dict[str, str], kind: str) -> list[Fix]:
    """:func:`line_fixes` for runs (sorted, non-overlapping) whose characters ``table`` rewrites.

    The same fixes as listing every position of every run, built run by run.
    """
    fixes = []
    parts: list[str] = []
    k = 0
    while k < len(runs):
        first = runs[k][0]
        line_end = text.find("\n", first)
        line_end = len(text) if line_end < 0 else line_end
        pos = first
        while k < len(runs) and runs[k][0] < line_end:
            start, end = runs[k]
            parts.append(text[pos:start])
            parts.append(
                table[text[start]] if end - start == 1 else "".join(map(table.__getitem__, text[start:end]))
            )
            pos = end
            k += 1
        fixes.append(Fix(first, pos, "".join(parts), kind))
        parts.clear()
    return fixes
