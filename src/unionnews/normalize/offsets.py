"""Piecewise offset maps from a derived text back to the raw input.

Every normalization step rewrites a few spans and copies the rest.  Storing one
segment per rewrite (not one integer per character) keeps the map small and
composition linear in the number of edits, which is what keeps ``normalize`` fast
on long pages.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Protocol

import attrs


class EditLike(Protocol):
    """Anything that replaces ``text[start:end]`` by ``replacement``."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def replacement(self) -> str: ...


@attrs.frozen(slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement`` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str


@attrs.frozen(slots=True)
class Segment:
    """``out[out_start:out_start+out_len]`` derives from ``raw[raw_start:raw_start+raw_len]``.

    When both lengths are equal the correspondence is character for character.
    """

    out_start: int
    out_len: int
    raw_start: int
    raw_len: int


class OffsetMap:
    """Maps spans of a derived text to spans of the raw text, monotone and complete.

    The segments tile the output ``[0, out_length)`` and the raw text ``[0, raw_length)``
    in order, so any output span maps to one raw span and the mapping never goes
    backwards.
    """

    __slots__ = ("_segments", "_starts", "out_length", "raw_length")

    def __init__(self, segments: Sequence[Segment], out_length: int, raw_length: int) -> None:
        self._segments = tuple(segments)
        self._starts = [s.out_start for s in self._segments]
        self.out_length = out_length
        self.raw_length = raw_length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([Segment(0, length, 0, length)], length, length)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self._segments

    def _segment_at(self, pos: int) -> Segment:
        i = bisect_right(self._starts, pos) - 1
        return self._segments[max(i, 0)]

    def raw_position(self, pos: int, *, end: bool = False) -> int:
        """Raw offset for output offset ``pos``; ``end`` picks the end side of a boundary."""
        if not 0 <= pos <= self.out_length:
            raise IndexError(f"offset {pos} outside 0..{self.out_length}")
        if not self._segments:
            return 0
        if end and pos > 0:
            seg = self._segment_at(pos - 1)
            rel = pos - seg.out_start
            if seg.out_len == seg.raw_len:
                return seg.raw_start + rel
            return seg.raw_start + seg.raw_len
        seg = self._segment_at(pos)
        rel = pos - seg.out_start
        if rel >= seg.out_len and seg.out_len:
            return seg.raw_start + seg.raw_len
        if seg.out_len == seg.raw_len:
            return seg.raw_start + rel
        return seg.raw_start

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that output ``[start, end)`` was made from."""
        if start > end:
            raise ValueError(f"span start {start} is after its end {end}")
        raw_start = self.raw_position(start)
        raw_end = self.raw_position(end, end=True) if end > start else raw_start
        return raw_start, max(raw_start, raw_end)

    def then(self, edits: Sequence[EditLike], new_length: int) -> OffsetMap:
        """The map for the text made by applying ``edits`` to this map's output."""
        if not edits:
            return self
        out: list[Segment] = []
        pos_new = 0
        pos_old = 0
        for edit in edits:
            if edit.start == edit.end and not edit.replacement:
                continue
            self._copy_into(out, pos_old, edit.start, pos_new)
            pos_new += edit.start - pos_old
            raw_start, raw_end = self.raw_span(edit.start, edit.end)
            if edit.start == edit.end:
                raw_start = raw_end = self.raw_position(edit.start)
            rlen = len(edit.replacement)
            if rlen or raw_end > raw_start:
                _append(out, Segment(pos_new, rlen, raw_start, raw_end - raw_start))
            pos_new += rlen
            pos_old = edit.end
        old_length = self.out_length
        self._copy_into(out, pos_old, old_length, pos_new)
        pos_new += old_length - pos_old
        if pos_new != new_length:
            raise ValueError(f"edits give {pos_new} characters, text has {new_length}")
        return OffsetMap(_merge_overlaps(out), new_length, self.raw_length)

    def _copy_into(self, out: list[Segment], start: int, end: int, at: int) -> None:
        """Append the segments covering our output ``[start, end]``, shifted to ``at``.

        Zero-length segments (deleted raw text) at either end are included, so no raw
        character is ever dropped from the map.
        """
        segs = self._segments
        i = bisect_left(self._starts, start)
        if i == len(segs) or self._starts[i] > start:
            i = max(i - 1, 0)
        while i < len(segs):
            seg = segs[i]
            i += 1
            if seg.out_start > end:
                break
            if seg.out_len == 0:
                if start <= seg.out_start:
                    _append(out, Segment(at + seg.out_start - start, 0, seg.raw_start, seg.raw_len))
                continue
            lo = max(start, seg.out_start)
            hi = min(end, seg.out_start + seg.out_len)
            if lo >= hi:
                continue
            if seg.out_len == seg.raw_len:
                piece = Segment(at + (lo - start), hi - lo, seg.raw_start + (lo - seg.out_start), hi - lo)
            else:
                # A rewritten block, or part of one, stands for the whole raw block.
                piece = Segment(at + (lo - start), hi - lo, seg.raw_start, seg.raw_len)
            _append(out, piece)


def _append(out: list[Segment], seg: Segment) -> None:
    """Append ``seg``, merging it into the previous one when both are plain copies."""
    if out:
        prev = out[-1]
        if (
            prev.out_len == prev.raw_len
            and seg.out_len == seg.raw_len
            and prev.out_start + prev.out_len == seg.out_start
            and prev.raw_start + prev.raw_len == seg.raw_start
        ):
            out[-1] = Segment(
                prev.out_start, prev.out_len + seg.out_len, prev.raw_start, prev.raw_len + seg.raw_len
            )
            return
    out.append(seg)


def _merge_overlaps(segments: list[Segment]) -> list[Segment]:
    """Pieces of one rewritten raw block become one segment again, so raw spans tile exactly."""
    out: list[Segment] = []
    for seg in segments:
        if out:
            prev = out[-1]
            prev_end = prev.raw_start + prev.raw_len
            if seg.raw_start < prev_end or (seg.raw_start == prev.raw_start and prev.raw_len == 0):
                end = max(prev_end, seg.raw_start + seg.raw_len)
                out[-1] = Segment(prev.out_start, prev.out_len + seg.out_len, prev.raw_start, end - prev.raw_start)
                continue
        out.append(seg)
    return out


def apply_edits(text: str, edits: Sequence[EditLike]) -> str:
    """Apply sorted, non-overlapping ``edits`` to ``text``."""
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for edit in edits:
        if edit.start < pos:
            raise ValueError(f"edits overlap or are unsorted at {edit.start}")
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)
