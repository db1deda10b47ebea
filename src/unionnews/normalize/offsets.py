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


#: ``(out_start, out_len, raw_start, raw_len)``: a :class:`Segment` as a plain tuple,
#: which is what the map stores (creating attrs instances per edit dominated ``normalize``).
_Seg = tuple[int, int, int, int]


class OffsetMap:
    """Maps spans of a derived text to spans of the raw text, monotone and complete.

    The segments tile the output ``[0, out_length)`` and the raw text ``[0, raw_length)``
    in order, so any output span maps to one raw span and the mapping never goes
    backwards.
    """

    __slots__ = ("_segs", "_starts", "out_length", "raw_length")

    def __init__(self, segments: Sequence[Segment], out_length: int, raw_length: int) -> None:
        self._init(
            [(s.out_start, s.out_len, s.raw_start, s.raw_len) for s in segments], out_length, raw_length
        )

    def _init(self, segs: list[_Seg], out_length: int, raw_length: int) -> None:
        self._segs = segs
        self._starts = [s[0] for s in segs]
        self.out_length = out_length
        self.raw_length = raw_length

    @classmethod
    def _from_tuples(cls, segs: list[_Seg], out_length: int, raw_length: int) -> OffsetMap:
        new = cls.__new__(cls)
        new._init(segs, out_length, raw_length)
        return new

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls._from_tuples([(0, length, 0, length)], length, length)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(Segment(*s) for s in self._segs)

    def raw_position(self, pos: int, *, end: bool = False) -> int:
        """Raw offset for output offset ``pos``; ``end`` picks the end side of a boundary."""
        if not 0 <= pos <= self.out_length:
            raise IndexError(f"offset {pos} outside 0..{self.out_length}")
        return _raw_at(self._segs, self._starts, pos, end) if self._segs else 0

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that output ``[start, end)`` was made from."""
        if start > end:
            raise ValueError(f"span start {start} is after its end {end}")
        raw_start = self.raw_position(start)
        raw_end = self.raw_position(end, end=True) if end > start else raw_start
        return raw_start, max(raw_start, raw_end)

    @property
    def is_identity(self) -> bool:
        """Output and raw text are the same characters (no rewrite changed a length)."""
        segs = self._segs
        return self.out_length == self.raw_length and (
            not segs or (len(segs) == 1 and segs[0] == (0, self.out_length, 0, self.raw_length))
        )

    def raw_spans(self, edits: Sequence[EditLike]) -> list[tuple[int, int]]:
        """:meth:`raw_span` of each edit's ``[start, end)``."""
        return self.raw_spans_of([(e.start, e.end) for e in edits])

    def raw_spans_of(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`raw_span` of each ``(start, end)`` in ``spans``, in one loop.

        A parse maps every record's evidence back to the raw input, and two checked
        method calls per span cost more than the look-ups themselves: the spans are
        checked once, then looked up directly.  An identity map gives each span back as it is.
        """
        for start, end in spans:
            if start > end:
                raise ValueError(f"span start {start} is after its end {end}")
            if start < 0 or end > self.out_length:
                raise IndexError(f"span {start}..{end} outside 0..{self.out_length}")
        segs = self._segs
        if self.is_identity or not segs:
            return [(s, e) if segs else (0, 0) for s, e in spans]
        starts = self._starts
        out = []
        for start, end in spans:
            first = _raw_at(segs, starts, start, False)
            last = _raw_at(segs, starts, end, True) if end > start else first
            out.append((first, max(first, last)))
        return out

    def then(
        self, edits: Sequence[EditLike], new_length: int, spans: Sequence[tuple[int, int]] | None = None
    ) -> OffsetMap:
        """The map for the text made by applying ``edits`` to this map's output.

        ``spans`` are the edits' :meth:`raw_spans` when the caller has them already.
        """
        if not edits:
            return self
        cuts = [(e.start, e.end, len(e.replacement)) for e in edits]
        if self.is_identity and self.out_length:
            return self._identity_then(cuts, new_length)
        return self._compose(cuts, new_length, spans)

    def after_deletions(
        self, deletions: Sequence[tuple[int, int]], new_length: int, spans: Sequence[tuple[int, int]]
    ) -> OffsetMap:
        """:meth:`then` for ``deletions`` (sorted, non-overlapping, non-empty ``(start, end)``).

        ``spans`` are their :meth:`raw_spans`.  On an identity map each deletion is a
        copied stretch and a zero-length segment for the deleted raw text, which
        never merge with their neighbours, so the segments are written directly.
        """
        if not deletions:
            return self
        if not (self.is_identity and self.out_length):
            return self._compose([(start, end, 0) for start, end in deletions], new_length, spans)
        out: list[_Seg] = []
        pos_new = pos_old = 0
        for start, end in deletions:
            if start > pos_old:
                out.append((pos_new, start - pos_old, pos_old, start - pos_old))
                pos_new += start - pos_old
            out.append((pos_new, 0, start, end - start))
            pos_old = end
        if self.out_length > pos_old:
            out.append((pos_new, self.out_length - pos_old, pos_old, self.out_length - pos_old))
            pos_new += self.out_length - pos_old
        if pos_new != new_length:
            raise ValueError(f"edits give {pos_new} characters, text has {new_length}")
        return OffsetMap._from_tuples(out, new_length, self.raw_length)

    def _identity_then(self, cuts: list[tuple[int, int, int]], new_length: int) -> OffsetMap:
        """:meth:`then` for an identity map: each edit's raw span is its own span.

        ``cuts`` are the edits as ``(start, end, length of the replacement)``.
        """
        out: list[_Seg] = []
        pos_new = pos_old = 0
        for start, end, rlen in cuts:
            if start == end and not rlen:
                continue
            if start > pos_old:
                _append(out, (pos_new, start - pos_old, pos_old, start - pos_old))
                pos_new += start - pos_old
            _append(out, (pos_new, rlen, start, end - start))
            pos_new += rlen
            pos_old = end
        if self.out_length > pos_old:
            _append(out, (pos_new, self.out_length - pos_old, pos_old, self.out_length - pos_old))
            pos_new += self.out_length - pos_old
        if pos_new != new_length:
            raise ValueError(f"edits give {pos_new} characters, text has {new_length}")
        return OffsetMap._from_tuples(_merge_overlaps(out), new_length, self.raw_length)

    def _general_then(
        self, edits: Sequence[EditLike], new_length: int, spans: Sequence[tuple[int, int]] | None = None
    ) -> OffsetMap:
        """:meth:`then` by composing with every segment, whatever this map is."""
        return self._compose([(e.start, e.end, len(e.replacement)) for e in edits], new_length, spans)

    def _compose(
        self,
        cuts: list[tuple[int, int, int]],
        new_length: int,
        spans: Sequence[tuple[int, int]] | None = None,
    ) -> OffsetMap:
        if spans is None:
            spans = [self.raw_span(start, end) for start, end, _ in cuts]
        out: list[_Seg] = []
        pos_new = 0
        pos_old = 0
        for (start, end, rlen), (raw_start, raw_end) in zip(cuts, spans, strict=True):
            if start == end and not rlen:
                continue
            self._copy_into(out, pos_old, start, pos_new)
            pos_new += start - pos_old
            if rlen or raw_end > raw_start:
                _append(out, (pos_new, rlen, raw_start, raw_end - raw_start))
            pos_new += rlen
            pos_old = end
        old_length = self.out_length
        self._copy_into(out, pos_old, old_length, pos_new)
        pos_new += old_length - pos_old
        if pos_new != new_length:
            raise ValueError(f"edits give {pos_new} characters, text has {new_length}")
        return OffsetMap._from_tuples(_merge_overlaps(out), new_length, self.raw_length)

    def _copy_into(self, out: list[_Seg], start: int, end: int, at: int) -> None:
        """Append the segments covering our output ``[start, end]``, shifted to ``at``.

        Zero-length segments (deleted raw text) at either end are included, so no raw
        character is ever dropped from the map.  The segments wholly inside only move,
        and are shifted together (a page with hundreds of segments composes once per
        dropped line); those cut by ``start`` or ``end`` go through :func:`_cut`.
        """
        segs = self._segs
        starts = self._starts
        i = bisect_left(starts, start)
        if i == len(segs) or starts[i] > start:
            i = max(i - 1, 0)
        stop = bisect_right(starts, end)
        pieces: list[_Seg] = []
        while i < stop and segs[i][0] < start:
            _cut(segs[i], start, end, at, pieces)
            i += 1
        inner = stop
        if inner > i:
            last = segs[inner - 1]
            if last[1] and last[0] + last[1] > end:
                inner -= 1
        shift = at - start
        pieces.extend([(o + shift, n, r, m) for o, n, r, m in segs[i:inner]])
        for seg in segs[inner:stop]:
            _cut(seg, start, end, at, pieces)
        for seg in pieces:
            _append(out, seg)


def _append(out: list[_Seg], seg: _Seg) -> None:
    """Append ``seg``, merging it into the previous one when both are plain copies."""
    if out:
        p_out, p_len, p_raw, p_rlen = out[-1]
        out_start, out_len, raw_start, raw_len = seg
        if (
            p_len == p_rlen
            and out_len == raw_len
            and p_out + p_len == out_start
            and p_raw + p_rlen == raw_start
        ):
            out[-1] = (p_out, p_len + out_len, p_raw, p_rlen + raw_len)
            return
    out.append(seg)


def _merge_overlaps(segments: list[_Seg]) -> list[_Seg]:
    """Pieces of one rewritten raw block become one segment again, so raw spans tile exactly."""
    out: list[_Seg] = []
    for seg in segments:
        if out:
            p_out, p_len, p_raw, p_rlen = out[-1]
            prev_end = p_raw + p_rlen
            if seg[2] < prev_end or (seg[2] == p_raw and p_rlen == 0):
                end = max(prev_end, seg[2] + seg[3])
                out[-1] = (p_out, p_len + seg[1], p_raw, end - p_raw)
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


def _raw_at(segs: list[_Seg], starts: list[int], pos: int, end: bool) -> int:
    """The raw offset of output ``pos`` in non-empty ``segs`` (:meth:`OffsetMap.raw_position` unchecked)."""
    if end and pos > 0:
        out_start, out_len, raw_start, raw_len = segs[max(bisect_right(starts, pos - 1) - 1, 0)]
        if out_len == raw_len:
            return raw_start + pos - out_start
        return raw_start + raw_len
    out_start, out_len, raw_start, raw_len = segs[max(bisect_right(starts, pos) - 1, 0)]
    rel = pos - out_start
    if rel >= out_len and out_len:
        return raw_start + raw_len
    if out_len == raw_len:
        return raw_start + rel
    return raw_start


def _cut(seg: _Seg, start: int, end: int, at: int, pieces: list[_Seg]) -> None:
    """One step of :meth:`OffsetMap._copy_into`: the part of ``seg`` inside ``[start, end]``, shifted to ``at``."""
    out_start, out_len, raw_start, raw_len = seg
    if out_len == 0:
        if start <= out_start:
            pieces.append((at + out_start - start, 0, raw_start, raw_len))
        return
    lo = start if start > out_start else out_start
    hi = end if end < out_start + out_len else out_start + out_len
    if lo >= hi:
        return
    if out_len == raw_len:
        pieces.append((at + (lo - start), hi - lo, raw_start + (lo - out_start), hi - lo))
    else:
        pieces.append((at + (lo - start), hi - lo, raw_start, raw_len))
