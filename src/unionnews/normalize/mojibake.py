"""Repair Chinese mojibake: text whose bytes were decoded with the wrong codec.

Three shapes are handled, each a small named function:

* :func:`repair_latin1_runs` -- GBK/Big5 (or UTF-8) bytes read as Latin-1/cp1252
  (``¹¤»á`` -> ``工会``); fully recoverable.
* :func:`repair_misread_utf8` -- UTF-8 bytes read as GBK or Big5 (``鍙戝竷鏃堕棿``
  -> ``发布时间``); bytes the wrong decoder replaced are marked, not guessed.
* :func:`repair_phase_shift` -- GBK text decoded one byte out of phase, so every
  character pairs the trail byte of one with the lead byte of the next
  (``?!眳①愡x手`` -> ``。”參賽選手``).  One lost lead byte is guessed by trying all
  of them and keeping the reading that is clearly Chinese.

Detection is conservative: a span is rewritten only when the new reading scores
clearly higher on :func:`~unionnews.normalize.charsets.plausibility` and contains
no junk symbols.  Clean text has nothing suspicious and is never touched.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from collections.abc import Iterator, Sequence

import regex

from unionnews.normalize.charsets import (
    CJK_PUNCTUATION,
    char_plausibility,
    common_hanzi,
    commonness,
    is_symbol,
    plausibility,
    suspicious_re,
)
from unionnews.normalize.fix import Fix

#: The crawl turned full-width punctuation into ASCII, inside mojibake too; when
#: re-encoding a suspicious span these ASCII marks stand for their GBK full-width form.
ASCII_TO_FULLWIDTH = {"!": "！", ",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
_WIDEN_ASCII = str.maketrans(ASCII_TO_FULLWIDTH)
#: Characters that stand for one byte the first wrong decode could not map.
LOST_BYTE_MARKS = "?\ufffd"

_LATIN1_CHAR = re.compile("[\u0080-\u00ff]")
_LATIN1_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}"
)
#: How likely each lead byte is in GBK text: the punctuation row A1 is the most
#: frequent, then A3 (full-width forms) and the level-1 hanzi rows, then the rest.
LEAD_BYTE_PRIOR = ((0xA1, 0xA1, 2.5), (0xA3, 0xA3, 1.5), (0xB0, 0xD7, 1.5), (0xD8, 0xF7, 0.5))
#: A byte lost next to other damage (a lost-byte mark, an orphan annotation) is the likeliest story.
DAMAGE_MARKS = "?)\ufffd"
_NEXT_TO_DAMAGE = 2.0
_SHIFT_STARTS_EARLIER = 3.0
_MIN_GAIN = 2.0
#: A phase-shift reading must re-pair at least this many characters besides the guessed one.
_MIN_REPAIRED = 2
#: A line is re-read whole when at least one in this many of its wide characters is suspicious.
LINE_SUSPICION = 5
#: A deterministic re-reading may contain this share of uncommon (but real) hanzi, e.g. 驿.
RARE_SHARE = 0.15
#: A UTF-8 re-reading never grows across whitespace or CJK punctuation: a real
#: ``：`` after truncated mojibake would otherwise complete its last character.
_UTF8_WINDOW_STOPS = " \n\t" + CJK_PUNCTUATION
_CLUSTER_GAP = 2
#: Characters a UTF-8 re-reading may leave out at each end of a cluster.
_UTF8_SHRINK = 2
_EXPAND = 4
#: Characters each side of a cluster that its repair can depend on (windows grow ``_EXPAND``, plus one).
_CONTEXT = _EXPAND + 2
_MAX_WINDOW = 40


def find_mojibake(text: str, failed: set[tuple[str, str, str]] | None = None) -> list[Fix]:
    """All mojibake repairs for ``text``, sorted and non-overlapping.

    ``failed`` remembers clusters that could not be repaired, by their context, so
    that a second pass over the same text (see the pipeline's extra rounds) does
    not try them again.
    """
    fixes = repair_latin1_runs(text)
    taken = _Taken(fixes)
    for fix in repair_misread_cjk(text, failed):
        if taken.add(fix.start, fix.end):
            fixes.append(fix)
    fixes.sort(key=lambda f: f.start)
    return fixes


class _Taken:
    """Sorted, non-overlapping spans; adding one that overlaps is refused (log time each)."""

    def __init__(self, fixes: Sequence[Fix] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for f in sorted(fixes, key=lambda f: f.start):
            self.add(f.start, f.end)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def add(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)
        if i > 0 and self._ends[i - 1] > start:
            return False
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


def repair_latin1_runs(text: str) -> list[Fix]:
    """Runs of Latin-1/cp1252 letters that are really GBK, Big5 or UTF-8 bytes."""
    fixes: list[Fix] = []
    if len(_LATIN1_CHAR.findall(text)) < 2:
        return fixes
    for m in _LATIN1_RUN.finditer(text):
        run = m.group()
        if sum("\u0080" <= c <= "\u00ff" for c in run) < 2:
            continue
        raw = _encode_single_byte(run)
        if raw is None:
            continue
        best = _best_reading(run, [(raw, "gbk"), (raw, "big5"), (raw, "utf-8")])
        if best is not None:
            reading, codec = best
            fixes.append(
                Fix(
                    m.start(),
                    m.end(),
                    reading,
                    "mojibake-latin1",
                    0.95,
                    note=f"{codec} bytes read as Latin-1",
                )
            )
    return fixes


def repair_misread_cjk(text: str, failed: set[tuple[str, str, str]] | None = None) -> list[Fix]:
    """UTF-8 read as GBK/Big5, and GBK out of phase, around each suspicious cluster."""
    sus = suspicious_re()
    suspicious = [m.span() for m in sus.finditer(text)]
    marks = _lost_mark_spans(text, sus)
    if not suspicious and not marks:
        return []
    fixes: list[Fix] = repair_misread_lines(text, sus)
    end_of_last = 0
    taken = _Taken(fixes)
    for lo, hi in _clusters(suspicious, marks):
        if lo < end_of_last or taken.covers(lo):
            continue
        context = (text[max(lo - _CONTEXT, 0) : lo], text[lo:hi], text[hi : hi + _CONTEXT])
        if failed is not None and context in failed:
            continue
        fix = repair_misread_utf8(text, lo, hi) or repair_phase_shift(text, lo, hi)
        if fix is not None:
            fixes.append(fix)
            end_of_last = fix.end
        elif failed is not None:
            failed.add(context)
    return fixes


def repair_misread_lines(text: str, sus: re.Pattern[str]) -> list[Fix]:
    """Whole lines of UTF-8 read as GBK/Big5: decoded back in one piece when clearly better."""
    fixes = []
    pos = 0
    for line in text.split("\n"):
        if line.isascii() or sus.search(line) is None:
            pos += len(line) + 1
            continue
        wide = len(line) - len(line.encode("ascii", "ignore"))
        if wide >= 6 and len(sus.findall(line)) * LINE_SUSPICION >= wide:
            fix = _reread_utf8(line, pos, len(line))
            if fix is not None:
                fixes.append(fix)
        pos += len(line) + 1
    return fixes


def _reread_utf8(line: str, offset: int, length: int) -> Fix | None:
    readings = [r for r in _utf8_readings(line, require_clean=False) if r[0] >= max(_MIN_GAIN, len(r[1]) / 4)]
    if not readings:
        return None
    _, reading, codec, lost = max(readings, key=lambda r: r[0])
    return _utf8_fix(offset, offset + length, reading, codec, lost)


def repair_misread_utf8(text: str, lo: int, hi: int) -> Fix | None:
    """Rewrite the span around ``text[lo:hi]`` if it is UTF-8 that was read as GBK or Big5.

    A span holding CJK punctuation is left to the whole-line re-reading: UTF-8
    mojibake turns punctuation into hanzi, so a real ``：`` there is real text.
    """
    if hi - lo > _MAX_WINDOW or any(c in CJK_PUNCTUATION for c in text[lo:hi]):
        return None
    left, right = _window_bounds(text, lo, hi, stop=_UTF8_WINDOW_STOPS)
    if not _may_gain_as_utf8(text[left:right], text[lo + _UTF8_SHRINK : hi - _UTF8_SHRINK]):
        return None
    best: tuple[float, int, int, str, str, int] | None = None
    for start, end in _windows(text, lo, hi, stop=_UTF8_WINDOW_STOPS, shrink=_UTF8_SHRINK):
        for gain, reading, codec, lost in _utf8_readings(text[start:end], require_clean=True):
            if gain >= _MIN_GAIN and (best is None or gain > best[0]):
                best = (gain, start, end, reading, codec, lost)
    if best is None:
        return None
    _, start, end, reading, codec, lost = best
    return _utf8_fix(start, end, reading, codec, lost)


def _may_gain_as_utf8(widest: str, core: str) -> bool:
    """An upper bound on the gain of re-reading any window between ``core`` and ``widest``.

    UTF-8 resynchronizes after broken bytes, so every character a narrower window
    decodes to, the widest one decodes to as well: if even the widest reading holds
    too few good characters to beat the core's score, no window can.
    """
    lowest = sum(min(char_plausibility(c), 0.0) for c in _without_marks(widest)) + sum(
        max(char_plausibility(c), 0.0) for c in core
    )
    for codec in ("gb18030", "big5"):
        raw = _encode_with_lost_marks(widest, codec)
        if raw is None:
            continue
        reading = raw.decode("utf-8", errors="replace")
        if sum(max(char_plausibility(c), 0.0) for c in reading) - lowest >= _MIN_GAIN:
            return True
    return False


def _utf8_readings(span: str, *, require_clean: bool) -> Iterator[tuple[float, str, str, int]]:
    """``(gain, reading, codec, lost)`` for ``span`` re-read as UTF-8 from GB18030 and Big5 bytes.

    Lost-byte marks count on neither side: folding ten marks into one is no gain.
    """
    base = plausibility(_without_marks(span))
    for codec in ("gb18030", "big5"):
        raw = _encode_with_lost_marks(span, codec)
        if raw is None:
            continue
        reading = _decode_utf8_marking_lost(raw)
        lost = reading.count("\ufffd")
        if lost * 6 > len(reading) or (require_clean and not _is_clean(reading, allow_lost=True)):
            continue
        yield plausibility(_without_marks(reading)) - base, reading, codec, lost


def _without_marks(text: str) -> str:
    return text.translate(_DELETE_MARKS)


_DELETE_MARKS = str.maketrans("", "", LOST_BYTE_MARKS)


def _utf8_fix(start: int, end: int, reading: str, codec: str, lost: int) -> Fix:
    confidence = 0.9 if not lost else 0.7
    return Fix(
        start, end, reading, "mojibake-utf8", confidence, lost=lost, note=f"UTF-8 bytes read as {codec}"
    )


def repair_phase_shift(text: str, lo: int, hi: int) -> Fix | None:
    """Re-pair GBK bytes that were decoded one byte out of phase.

    One byte is unknown: either a lost-byte mark (``?``) inside the span, or a lead
    byte that went missing before it.  Only the one character holding the unknown
    byte depends on the guess, so the rest is decoded once per window and the
    guesses come from a table of the two-byte characters that byte can complete.
    The reading kept is the most plausible one, and only if it is entirely common Chinese.
    """
    around = text[max(lo - 1, 0) : hi + 1]
    if _anomaly_weight("".join(c for c in around if c not in LOST_BYTE_MARKS)) < 2:
        return None
    best: tuple[float, int, int, str, int] | None = None
    for start, end in _windows(text, lo, hi, stop=" \n\t()"):
        window = text[start:end]
        split = _split_at_unknown_byte(window)
        if split is None:
            continue
        before, after, candidates, marked = split
        widened = window.translate(_WIDEN_ASCII)
        if sum(c not in widened for c in before + after) < _MIN_REPAIRED:
            continue
        fixed = plausibility(before) + plausibility(after)
        base = plausibility(window) - _anomaly_weight(window)
        needed = _MIN_GAIN if marked else _MIN_GAIN + 1
        bonus = _NEXT_TO_DAMAGE if marked or _after_damage(text, start) else 0.0
        for byte, guessed in candidates:
            gain = fixed + char_plausibility(guessed) - base
            if gain < needed:
                continue
            score = gain + _lead_prior(byte) + commonness(guessed) + bonus
            if not marked and _byte_already_before(text, start, byte):
                score -= _SHIFT_STARTS_EARLIER
            if best is None or score > best[0]:
                best = (score, start, end, before + guessed + after, byte)
    if best is None:
        return None
    _, start, end, reading, lead = best
    return Fix(
        start,
        end,
        reading,
        "mojibake-phase-shift",
        0.8,
        note=f"GBK decoded one byte out of phase; lost byte 0x{lead:02x} restored",
    )


_Split = tuple[str, str, tuple[tuple[int, str], ...], bool]


def _split_at_unknown_byte(window: str) -> _Split | None:
    """``window`` re-encoded as GBK around its one unknown byte.

    Returns the clean readings before and after the character that holds the
    unknown byte, the ``(byte, character)`` guesses for it, and whether the unknown
    byte was marked (``?``) rather than lost before the window.
    """
    pieces = _encode_gbk_pieces(window)
    if pieces is None:
        return None
    marks = [i for i, p in enumerate(pieces) if p is None]
    if len(marks) > 1:
        return None
    if not marks:
        raw = b"".join(p for p in pieces if p is not None)
        if not raw:
            return None
        after = _decode_clean(raw[1:])
        if after is None:
            return None
        return "", after, _chars_with_trail(raw[0]), False
    head = b"".join(p for p in pieces[: marks[0]] if p is not None)
    tail = b"".join(p for p in pieces[marks[0] + 1 :] if p is not None)
    before = _decode_clean(head)
    if before is not None:
        after = _decode_clean(tail[1:]) if tail else None
        if after is None:
            return None
        return before, after, _chars_with_trail(tail[0]), True
    before = _decode_clean(head[:-1]) if head else None
    after = _decode_clean(tail)
    if before is None or after is None:
        return None
    return before, after, _chars_with_lead(head[-1]), True


def _decode_clean(raw: bytes) -> str | None:
    """``raw`` as GBK if it decodes to common Chinese only, else ``None``."""
    try:
        reading = raw.decode("gbk")
    except UnicodeDecodeError:
        return None
    return reading if _is_clean(reading, allow_lost=False, rare_share=0) else None


@functools.cache
def _chars_with_trail(trail: int) -> tuple[tuple[int, str], ...]:
    """Common characters whose GBK form ends in ``trail``, with their lead byte."""
    return tuple((lead, ch) for lead in range(0x81, 0xFF) if (ch := _gbk_pair(lead, trail)) is not None)


@functools.cache
def _chars_with_lead(lead: int) -> tuple[tuple[int, str], ...]:
    """Common characters whose GBK form starts with ``lead``, with their trail byte."""
    return tuple((trail, ch) for trail in range(0x81, 0xFF) if (ch := _gbk_pair(lead, trail)) is not None)


def _gbk_pair(lead: int, trail: int) -> str | None:
    try:
        ch = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if _is_clean(ch, allow_lost=False, rare_share=0) else None


def _lead_prior(lead: int) -> float:
    """Log-odds-like prior of a lost lead byte: punctuation rows and level-1 hanzi are common."""
    for lo, hi, prior in LEAD_BYTE_PRIOR:
        if lo <= lead <= hi:
            return prior
    return 0.5


def _byte_already_before(text: str, start: int, lead: int) -> bool:
    """The guessed lead byte is the trail byte of the character before: the shift starts earlier."""
    if start == 0 or text[start - 1].isascii():
        return False
    try:
        return text[start - 1].encode("gbk")[-1] == lead
    except UnicodeEncodeError:
        return False


def _after_damage(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in DAMAGE_MARKS


def _clusters(*spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Merged sorted ``spans`` lying at most ``_CLUSTER_GAP`` apart."""
    lo = hi = -1
    for start, end in heapq.merge(*spans):
        if lo >= 0 and start - hi <= _CLUSTER_GAP:
            hi = max(hi, end)
            continue
        if lo >= 0:
            yield lo, hi
        lo, hi = start, end
    if lo >= 0:
        yield lo, hi


def _lost_mark_spans(text: str, sus: re.Pattern[str]) -> list[tuple[int, int]]:
    """Lost-byte marks touching a suspicious character: where a one-byte phase shift starts.

    A mark between ordinary characters (``日?qǐng)``, ``1?中``) seeds nothing: that
    is what the punctuation step assumes too, so a second pass sees the same
    clusters.  Found with ``str.find`` (marks are rare), not a lookaround regex.
    """
    spans = []
    last = len(text) - 1
    for mark in LOST_BYTE_MARKS:
        i = text.find(mark)
        while i >= 0:
            if (i > 0 and sus.match(text, i - 1)) or (i < last and sus.match(text, i + 1)):
                spans.append((i, i + 1))
            i = text.find(mark, i + 1)
    spans.sort()
    return spans


def _windows(text: str, lo: int, hi: int, stop: str, shrink: int = 0) -> Iterator[tuple[int, int]]:
    """Candidate spans around ``[lo, hi)``: growing up to ``_EXPAND`` characters each way,
    and shrinking up to ``shrink`` (the cluster may have swallowed a neighbour, ``鍙戝竷陜``)."""
    if hi - lo > _MAX_WINDOW:
        return
    left, right = _window_bounds(text, lo, hi, stop)
    for start in range(left, min(lo + shrink, hi - 1) + 1):
        for end in range(max(hi - shrink, start + 2), right + 1):
            yield start, end


def _window_bounds(text: str, lo: int, hi: int, stop: str) -> tuple[int, int]:
    """The widest candidate span: ``_EXPAND`` characters each way, not across ``stop``."""
    left = lo
    while left > 0 and lo - left < _EXPAND and text[left - 1] not in stop:
        left -= 1
    right = hi
    while right < len(text) and right - hi < _EXPAND and text[right] not in stop:
        right += 1
        if text[right - 1].isascii() and text[right - 1].isalnum():
            break
    return left, right


def _anomaly_weight(span: str) -> float:
    """How broken a span looks: junk symbols 2, lost-byte marks 1.5, rare hanzi 1, stray Latin 0.5."""
    common = common_hanzi()
    weight = 0.0
    for i, ch in enumerate(span):
        if is_symbol(ch):
            weight += 2
        elif ch in LOST_BYTE_MARKS:
            weight += 1.5 if i and not span[i - 1].isascii() else 0.5
        elif ch.isascii() and ch.isalpha():
            weight += 0.5 if i and not span[i - 1].isascii() else 0
        elif ch not in common and not ch.isascii():
            weight += 1
    return weight


def _is_clean(reading: str, *, allow_lost: bool, rare_share: float = RARE_SHARE) -> bool:
    """No junk symbols or controls, and at most ``rare_share`` of uncommon hanzi."""
    common = common_hanzi()
    rare = 0
    for ch in reading:
        if ch in common or ch in CJK_PUNCTUATION or (ch == "\ufffd" and allow_lost):
            continue
        if ch.isascii() and (ch.isprintable() or ch in "\n\t"):
            continue
        if is_symbol(ch) or not ("\u3400" <= ch <= "\u9fff"):
            return False
        rare += 1
    return rare <= rare_share * len(reading)


def _encode_single_byte(run: str) -> bytes | None:
    try:
        return run.encode("cp1252")
    except UnicodeEncodeError:
        try:
            return run.encode("latin-1")
        except UnicodeEncodeError:
            return None


_LOST_RUN = regex.compile("[\ufffd\x00]+")


def _decode_utf8_marking_lost(raw: bytes) -> str:
    """Decode UTF-8; each run of broken bytes (one lost character, usually) becomes one U+FFFD."""
    return _LOST_RUN.sub("\ufffd", raw.decode("utf-8", errors="replace"))


def _encode_with_lost_marks(window: str, codec: str) -> bytes | None:
    out = bytearray()
    for ch in window:
        if ch in LOST_BYTE_MARKS:
            out += b"\x00"
            continue
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            return None
    return bytes(out)


def _encode_gbk_pieces(window: str) -> list[bytes | None] | None:
    """GBK bytes per character; ``None`` marks a lost byte to be guessed."""
    pieces: list[bytes | None] = []
    for ch in window:
        if ch in LOST_BYTE_MARKS:
            pieces.append(None)
            continue
        ch = ASCII_TO_FULLWIDTH.get(ch, ch)
        try:
            pieces.append(ch.encode("gbk"))
        except UnicodeEncodeError:
            return None
    return pieces


def _best_reading(original: str, candidates: list[tuple[bytes, str]]) -> tuple[str, str] | None:
    base = plausibility(original)
    best: tuple[float, str, str] | None = None
    for raw, codec in candidates:
        try:
            reading = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _is_clean(reading, allow_lost=False):
            continue
        gain = plausibility(reading) - base
        if gain >= _MIN_GAIN + 1 and (best is None or gain > best[0]):
            best = (gain, reading, codec)
    return None if best is None else (best[1], best[2])
