"""GBK text decoded one byte out of phase (``差距?!眳①愡x手`` -> ``差距。”參賽選手``).

When a byte is lost (or replaced by ``?``), the decoder pairs the trail byte of
each character with the lead byte of the next, and 2-20 characters read as
unrelated hanzi until an ASCII byte or an invalid pair puts it back in step.
:func:`repair_phase_shifts` anchors on a lost-byte mark next to such a run or on
the run itself, re-reads the run's bytes shifted by one with the unknown byte at
each end guessed from its neighbours, and tries every place the pairs may fall
back in step.  A reading is kept only when the original is implausible (a run of
surprising characters, not one rare name character between fluent ones) and the
reading costs clearly less under the bigram model of :mod:`.plausibility`.
"""

from __future__ import annotations

import codecs
import functools
import re

from unionnews.normalize.charsets import CJK_PUNCTUATION, is_symbol
from unionnews.normalize.fix import Fix
from unionnews.normalize.mojibake.common import ASCII_TO_FULLWIDTH, LOST_BYTE_MARKS, Taken
from unionnews.normalize.mojibake.plausibility import (
    IMPLAUSIBLE,
    cost,
    implausible_run,
    is_kana,
    is_native_script,
    logp,
    may_hold_implausible_pair,
    native_text,
    surprise_weight,
    unigram_logp,
)

#: Longest run of mis-paired characters tried, and how far before the first
#: surprising character the shift may have started.
MAX_RUN = 20
LOOK_BACK = 3
#: Characters each side of an anchor that its repair can depend on.
CONTEXT = MAX_RUN + LOOK_BACK + 2
#: A surprising run this near an anchor is needed before any re-reading is tried.
NEAR = 6
#: Characters a side of a re-read stretch needs to tell fluent text from mojibake.
SIDE = 3
#: Cost (nats) of a byte guessed where nothing marks it, on top of the guess's own cost.
INVENTED_BYTE = 4.0
#: A reading must save this much in total, and this much per character it spans.
MIN_GAIN = 12.0
MIN_GAIN_PER_CHAR = 2.0
#: A reading's mean cost per character may be at most this (fluent text is ~6-7).
MAX_MEAN_COST = 9.0
#: A run starting right after other damage (the end of an orphan annotation) is the likelier story.
AFTER_DAMAGE = ")\ufffd"
AFTER_DAMAGE_BONUS = 2.0
#: Guessed characters must be at least this likely alone.
GUESS_FLOOR = -13.0


def repair_phase_shifts(
    text: str,
    sus: re.Pattern[str],
    taken: Taken | None = None,
    failed: set[tuple[str, str, str]] | None = None,
    positions: list[int] | None = None,
) -> list[Fix]:
    """Every one-byte phase shift in ``text`` worth repairing, sorted and non-overlapping.

    ``failed`` remembers anchors (by their context) that gave no repair, so that the
    pipeline's later rounds over the same text do not try them again.
    ``positions`` are the suspicious characters' (``sus`` finds them when not given).
    """
    taken = taken or Taken()
    fixes: list[Fix] = []
    if positions is None:
        positions = [m.start() for m in sus.finditer(text)]
    for anchor in _anchors(text, positions):
        if taken.covers(anchor):
            continue
        context = (text[max(anchor - CONTEXT, 0) : anchor], text[anchor], text[anchor + 1 : anchor + CONTEXT])
        if failed is not None and context in failed:
            continue
        fix = reread_shifted(text, anchor)
        if fix is not None and taken.add(fix.start, fix.end):
            fixes.append(fix)
        elif fix is None and failed is not None:
            failed.add(context)
    fixes.sort(key=lambda f: f.start)
    return fixes


def _anchors(text: str, positions: list[int]) -> list[int]:
    """Lost-byte marks touching a wide character, and surprising characters (at ``positions``), in order.

    A mark between spaces or ASCII (``a ? b``) is a question or a lost symbol, never
    the start of a shift.
    """
    found = set()
    for mark in LOST_BYTE_MARKS:
        i = text.find(mark)
        while i >= 0:
            if _double_byte(text, i + 1) or _double_byte(text, i - 1):
                found.add(i)
            i = text.find(mark, i + 1)
    last = -2
    for i in positions:
        if i > last + 1 and (is_kana(text[i]) or not is_native_script(text[i])):
            found.add(i)
        last = i
    return sorted(found)


def _double_byte(text: str, i: int) -> bool:
    return 0 <= i < len(text) and not text[i].isascii() and _gbk(text[i]) is not None


def reread_shifted(text: str, anchor: int) -> Fix | None:
    """The best shifted re-reading of a run at or around ``anchor``, if it clearly wins."""
    marked = text[anchor] in LOST_BYTE_MARKS
    near = (max(anchor - NEAR, 0), min(anchor + NEAR, len(text)))
    if not marked and not may_hold_implausible_pair(text, *near):
        return None
    if implausible_run(text, *near) < (1 if marked else 2):
        return None
    best: tuple[float, int, int, str, bool] | None = None
    if marked:
        starts = [(anchor + 1, True)]
        ends_at_mark = [(s, anchor) for s in _starts_before_mark(text, anchor)]
    else:
        starts = [(s, False) for s in range(max(anchor - LOOK_BACK, 0), anchor + 1)]
        ends_at_mark = []
    frame = min((s - 1 if m else s for s, m in starts), default=anchor)
    for start, lead_marked in starts:
        for end in _ends_to_try(text, start, lead_marked):
            cand = _candidate(text, start, end, lead_marked, frame)
            if cand is not None and (best is None or cand[0] > best[0]):
                best = cand
            if not _runs_on(text, end - 1):
                break
    for start, end in ends_at_mark:
        cand = _candidate(text, start, end, False, start)
        if cand is not None and (best is None or cand[0] > best[0]):
            best = cand
    if best is None:
        return None
    _, lo, hi, reading, marked = best
    if _among_mojibake(text, lo, hi):
        return None
    return Fix(
        lo,
        hi,
        reading,
        "mojibake-phase-shift",
        0.8,
        note="GBK decoded one byte out of phase; lost byte restored from context",
    )


def _among_mojibake(text: str, lo: int, hi: int) -> bool:
    """Surprising runs on both sides of ``text[lo:hi]``: the text is mojibake of another kind.

    A lost byte shifts one stretch out of phase between fluent text; where the text
    on both sides is just as surprising (UTF-8 read as Big5), a fluent re-reading of
    a few characters there is chance.  A side shorter than :data:`SIDE` (the edge of
    the text is near) tells nothing and is not asked.
    """
    sides = [(max(lo - NEAR, 0), lo), (hi, min(hi + NEAR, len(text)))]
    sides = [(a, b) for a, b in sides if b - a >= SIDE]
    return bool(sides) and all(implausible_run(text, a, b) >= 2 for a, b in sides)


def _ends_to_try(text: str, start: int, lead_marked: bool) -> range:
    """The ends of the runs from ``start`` that :func:`_candidate` may accept, in order.

    Two necessary conditions, each found in one scan instead of per candidate: the
    run (with its mark) must reach an implausible run (:func:`_first_implausible_end`),
    and it must end before its shifted bytes go wrong (:func:`_dead_end`).
    """
    last = min(start + MAX_RUN, len(text))
    first = max(start + 2, _first_implausible_end(text, start - lead_marked, 1 if lead_marked else 2, last))
    if first > last:
        return range(0)
    return range(first, min(last, _dead_end(text, start, last) - 1) + 1)


def _starts_before_mark(text: str, mark: int) -> range:
    """The starts of the runs ending at ``mark`` that :func:`_candidate` may accept, in order.

    Such a run holds only double-byte characters but its last, and its original
    (up to the mark, included) an implausible run of two: a later start holds less.
    """
    lo = max(mark - MAX_RUN, 0)
    if mark - 2 < lo or (_double_bytes(text[mark - 1]) is None and not "\x40" <= text[mark - 1] <= "\x7e"):
        return range(0)
    first = lo
    for k in range(mark - 2, lo - 1, -1):
        if _double_bytes(text[k]) is None:
            first = k + 1
            break
    block = 0
    for i in range(mark, first - 1, -1):
        weight = surprise_weight(text[i - 1] if i > 0 else " ", text[i])
        block = block + weight if weight else 0
        if block >= 2:
            return range(first, min(i, mark - 2) + 1)
    return range(0)


def _first_implausible_end(text: str, lo: int, need: int, last: int) -> int:
    """The least end up to ``last`` whose ``text[lo:end + 1]`` holds an implausible run of ``need``.

    A candidate's original must hold one there (:func:`_candidate`), and a longer
    window holds every run a shorter one does.  ``last + 1`` when none does.
    """
    run = 0
    prev = text[lo - 1] if lo > 0 else " "
    for i in range(lo, min(last + 1, len(text))):
        weight = surprise_weight(prev, text[i])
        run = run + weight if weight else 0
        if run >= need:
            return i
        prev = text[i]
    return last + 1


def _dead_end(text: str, start: int, last: int) -> int:
    """The first end at which a run from ``start`` can no longer re-read, nor any longer run.

    A necessary condition, checked once per start instead of per candidate: every
    candidate's reading holds the shifted bytes of its run but the last character,
    decoded in step.  Once those bytes fail to decode, or decode to a character no
    reading may hold (a letter, a symbol, a hanzi below :data:`GUESS_FLOOR`), or the
    run meets a character without two GBK bytes, every longer run holds the same
    flaw; a run may only end on such a character if it is a trail byte (``@``-``~``).
    Returns ``last + 1`` when no flaw shows up to ``last``.
    """
    decoder = _GBK_DECODER()
    for k in range(start, last - 1):
        raw = _double_bytes(text[k])
        if raw is None:
            return k + 2 if "\x40" <= text[k] <= "\x7e" else k + 1
        try:
            chars = decoder.decode(raw[1:] if k == start else raw)
        except UnicodeDecodeError:
            return k + 2
        if not all(_may_read(c) for c in chars):
            return k + 2
    return last + 1


_GBK_DECODER = codecs.getincrementaldecoder("gbk")


def _double_bytes(ch: str) -> bytes | None:
    """The two GBK bytes of a run character (crawled ASCII punctuation as its full-width form)."""
    ch = ASCII_TO_FULLWIDTH.get(ch, ch)
    return None if ch.isascii() else _gbk(ch)


def _may_read(ch: str) -> bool:
    """``ch`` may stand in a re-reading: :func:`_is_text` and at least :data:`GUESS_FLOOR` likely."""
    return _is_text(ch) and unigram_logp(ch) >= GUESS_FLOOR


def _runs_on(text: str, i: int) -> bool:
    """A mis-paired run goes on past ``text[i]``: it is a double-byte character."""
    ch = text[i]
    return ch in ASCII_TO_FULLWIDTH or (not ch.isascii() and _gbk(ch) is not None)


def _candidate(
    text: str, start: int, end: int, lead_marked: bool, frame: int
) -> tuple[float, int, int, str, bool] | None:
    """``(gain, lo, hi, reading, marked)`` for ``text[start:end]`` re-read shifted, or ``None``.

    Costs are compared from ``frame`` on, the same place for every start tried, so
    that a reading which keeps a character before it competes fairly with one that
    re-reads it.
    """
    raw = _run_bytes(text[start:end])
    if raw is None or len(raw) < 3:
        return None
    lo = start - 1 if lead_marked else start
    if implausible_run(text, lo, min(end + 1, len(text))) < (1 if lead_marked else 2):
        return None
    trail_marked = end < len(text) and text[end] in LOST_BYTE_MARKS
    before = text[lo - 1] if lo > 0 else " "
    middle = _decode_strict(raw[1:])
    needs_trail = middle is None
    if needs_trail:
        middle = _decode_strict(raw[1:-1])
        if middle is None or raw[-1] < 0x81:
            return None
    if middle is None or not _is_text(middle) or (not middle and not needs_trail):
        return None
    hi = end + 1 if needs_trail and trail_marked else end
    after = text[hi] if hi < len(text) else " "
    first = _guess_lead(raw[0], before, middle[:1] or after)
    if first is None:
        return None
    reading = first + middle
    invented = 0 if lead_marked else 1
    if needs_trail:
        last = _guess_trail(raw[-1], middle[-1:] or first, after)
        if last is None:
            return None
        reading += last
        invented += 0 if trail_marked else 1
    original = text[lo:hi]
    if native_text(text, lo, hi) or any(unigram_logp(c) < GUESS_FLOOR for c in reading):
        return None
    if not _implausible(text, lo, hi, lead_marked or (needs_trail and trail_marked)):
        return None
    kept = text[frame:lo]
    outside = text[frame - 1] if frame > 0 else " "
    new_cost = cost(kept + reading, outside, after) + INVENTED_BYTE * invented
    gain = cost(kept + _as_read(original), outside, after) - new_cost
    if lo > 0 and text[lo - 1] in AFTER_DAMAGE:
        gain += AFTER_DAMAGE_BONUS
    if gain < max(MIN_GAIN, MIN_GAIN_PER_CHAR * len(reading)):
        return None
    new_cost = cost(reading, before, after) + INVENTED_BYTE * invented
    if new_cost > MAX_MEAN_COST * (len(reading) + 1):
        return None
    return gain, lo, hi, reading, lead_marked or trail_marked


def _implausible(text: str, lo: int, hi: int, marked: bool) -> bool:
    """The original is not fluent Chinese: a run of surprising characters (one, next to a mark)."""
    return implausible_run(text, lo, hi) >= (1 if marked else 2)


def _as_read(original: str) -> str:
    """The original as the model should see it: a mark scores as a question mark.

    A reading that swallows a mark gains nothing from the mark itself; it must
    earn its keep with the characters it makes.
    """
    return original.replace("?", "？").replace("\ufffd", "？")


def _run_bytes(run: str) -> bytes | None:
    """GBK bytes of a run of mis-paired characters; only its last may be ASCII (a trail byte)."""
    out = bytearray()
    for i, ch in enumerate(run):
        ch = ASCII_TO_FULLWIDTH.get(ch, ch)
        if ch.isascii():
            if i != len(run) - 1 or not 0x40 <= ord(ch) <= 0x7E:
                return None
            out.append(ord(ch))
            continue
        raw = _gbk(ch)
        if raw is None:
            return None
        out += raw
    return bytes(out)


@functools.lru_cache(maxsize=65536)
def _gbk(ch: str) -> bytes | None:
    try:
        raw = ch.encode("gbk")
    except UnicodeEncodeError:
        return None
    return raw if len(raw) == 2 else None


def _decode_strict(raw: bytes) -> str | None:
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return None


def _is_text(reading: str) -> bool:
    """Hanzi and CJK punctuation only: a re-reading that makes symbols or letters is wrong."""
    for ch in reading:
        if ch in CJK_PUNCTUATION:
            continue
        if ch.isascii() or is_symbol(ch) or not ("\u3400" <= ch <= "\u9fff"):
            return False
    return True


@functools.lru_cache(maxsize=16384)
def _guess_lead(trail: int, before: str, nxt: str) -> str | None:
    """The character ending in byte ``trail`` that best fits between ``before`` and ``nxt``."""
    best: tuple[float, str] | None = None
    for ch in _chars_with_trail(trail):
        score = logp(before, ch) + logp(ch, nxt)
        if best is None or score > best[0]:
            best = (score, ch)
    return None if best is None else best[1]


@functools.lru_cache(maxsize=16384)
def _guess_trail(lead: int, prev: str, after: str) -> str | None:
    """The character starting with byte ``lead`` that best fits between ``prev`` and ``after``."""
    best: tuple[float, str] | None = None
    for ch in _chars_with_lead(lead):
        score = logp(prev, ch) + logp(ch, after)
        if best is None or score > best[0]:
            best = (score, ch)
    return None if best is None else best[1]


@functools.cache
def _chars_with_trail(trail: int) -> tuple[str, ...]:
    """Likely characters whose GBK form ends in ``trail``."""
    return tuple(ch for lead in range(0x81, 0xFF) if (ch := _likely_pair(lead, trail)) is not None)


@functools.cache
def _chars_with_lead(lead: int) -> tuple[str, ...]:
    """Likely characters whose GBK form starts with ``lead``."""
    return tuple(ch for trail in range(0x40, 0xFF) if (ch := _likely_pair(lead, trail)) is not None)


def _likely_pair(lead: int, trail: int) -> str | None:
    try:
        ch = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    if ch in CJK_PUNCTUATION or ("\u4e00" <= ch <= "\u9fff" and unigram_logp(ch) >= GUESS_FLOOR):
        return ch
    return None


__all__ = ["IMPLAUSIBLE", "repair_phase_shifts", "reread_shifted"]
