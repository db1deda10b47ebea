"""UTF-8 bytes that were decoded as GBK/GB18030 or Big5 (``鍙戝竷鏃堕棿`` -> ``发布时间``).

Two shapes: whole lines (:func:`repair_misread_lines`) and clusters inside clean
text (:func:`repair_misread_utf8`).  A byte the wrong decoder replaced (``�``) is
guessed from its neighbours when one value makes a common character, else marked.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator

from unionnews.normalize.charsets import CJK_PUNCTUATION, char_plausibility, common_hanzi_re, plausibility
from unionnews.normalize.fix import Fix
from unionnews.normalize.mojibake.common import (
    LOST_BYTE_MARKS,
    decode_utf8_marking_lost,
    encode_with_lost_marks,
    is_clean,
    lost_marks_as_nul,
    without_marks,
)
from unionnews.normalize.mojibake.lostbytes import decode_utf8_lossy
from unionnews.normalize.mojibake.plausibility import cost, is_box, is_kana, is_native_script, native_text

MIN_GAIN = 2.0
#: A line is re-read whole when at least one in this many of its wide characters is suspicious.
LINE_SUSPICION = 5
#: A UTF-8 re-reading never grows across whitespace or CJK punctuation: a real
#: ``：`` after truncated mojibake would otherwise complete its last character.
WINDOW_STOPS = " \n\t" + CJK_PUNCTUATION
#: Characters a UTF-8 re-reading may leave out at each end of a cluster.
SHRINK = 2
EXPAND = 4
MAX_WINDOW = 40
CODECS = ("gb18030", "big5")
#: A cluster's re-reading must save this much under the bigram model (nats) ...
MIN_MODEL_GAIN = 8.0
#: ... cost at most this per character, and create at most one letter per this many characters.
MAX_MEAN_COST = 10.0
MIN_CHARS_PER_LETTER = 6
#: Bytes are guessed only when at most one in this many is unknown (a run of marks is no text).
MAX_UNKNOWN_SHARE = 5
#: Big5 readings losing more than one byte in this many are read back character by character (:mod:`.lostbytes`).
LOSSY_SHARE = 8
#: A guessed byte must make a character at least this likely (log-probability).
GUESS_FLOOR = -12.0
#: What a byte lost inside UTF-8 Chinese can be: a continuation byte or a CJK lead byte.
ANY_BYTE = (*range(0x80, 0xC0), *range(0xE2, 0xEA))


def repair_misread_lines(text: str, sus: re.Pattern[str], positions: list[int] | None = None) -> list[Fix]:
    """Whole lines of UTF-8 read as GBK/Big5: decoded back in one piece when clearly better.

    Only lines holding a suspicious character (at ``positions``, found with ``sus``
    when not given) can qualify, so the scan jumps from one to the next.
    """
    if positions is None:
        positions = [m.start() for m in sus.finditer(text)]
    fixes = []
    i = 0
    while i < len(positions):
        start = text.rfind("\n", 0, positions[i]) + 1
        end = text.find("\n", positions[i])
        end = len(text) if end < 0 else end
        in_line = bisect.bisect_left(positions, end, i) - i
        i += in_line
        line = text[start:end]
        wide = len(line) - len(line.encode("ascii", "ignore"))
        if wide >= 6 and in_line * LINE_SUSPICION >= wide:
            fix = _reread_line(line, start)
            if fix is not None:
                fixes.append(fix)
    return fixes


def _reread_line(line: str, offset: int) -> Fix | None:
    if _native_line(line):
        return None
    readings = [r for r in utf8_readings(line, require_clean=False) if r[0] >= max(MIN_GAIN, len(r[1]) / 4)]
    if not readings:
        return None
    _, reading, codec, lost = max(readings, key=lambda r: r[0])
    if not _reads_better(line, 0, len(line), reading):
        return None
    return utf8_fix(offset, offset + len(line), reading, codec, lost, _marks(line))


#: Three kana in a row: Japanese.  UTF-8 read as GBK makes kana only from pairs led by a
#: continuation byte (rows A4/A5), and one of any three pairs in a row starts on a lead byte.
_KANA_RUN = re.compile("[\u3040-\u30ff]{3}")


def _native_line(line: str) -> bool:
    """Hangul, or a run of kana a mis-pairing cannot make: Korean or Japanese, not UTF-8 read as GBK."""
    hangul = any(is_native_script(c) and not (is_kana(c) or is_box(c)) for c in line)
    return hangul or _KANA_RUN.search(line) is not None


def repair_misread_utf8(text: str, lo: int, hi: int) -> Fix | None:
    """Rewrite the span around ``text[lo:hi]`` if it is UTF-8 that was read as GBK or Big5.

    A span holding CJK punctuation is left to the whole-line re-reading: UTF-8
    mojibake turns punctuation into hanzi, so a real ``：`` there is real text.
    Japanese, hangul and box drawing around the span are real text too.
    """
    best = best_utf8_window(text, lo, hi)
    return None if best is None else utf8_fix_if_better(text, best)


#: The best re-reading of a cluster's windows: ``(gain, start, end, reading, codec, lost)``.
WindowReading = tuple[float, int, int, str, str, int]


def best_utf8_window(text: str, lo: int, hi: int) -> WindowReading | None:
    """The window around ``text[lo:hi]`` whose UTF-8 re-reading gains most, before the model's last word.

    ``None`` says that no window (as :func:`windows` lists them, never across
    :data:`WINDOW_STOPS`) has a re-reading gaining :data:`MIN_GAIN`.
    """
    if (
        hi - lo > MAX_WINDOW
        or _CJK_PUNCTUATION_RE.search(text, lo, hi) is not None
        or native_text(text, lo, hi, box_drawing=False)
    ):
        return None
    left, right = window_bounds(text, lo, hi, stop=WINDOW_STOPS)
    widest = text[left:right]
    ceilings = _ceilings(widest)
    if not _may_gain(widest, _core(text, lo, hi), ceilings):
        return None
    best: WindowReading | None = None
    for start, end in promising_windows(text, lo, hi, ceilings):
        around = (text[start - 1 : start] if start else "", text[end : end + 1])
        for gain, reading, codec, lost in utf8_readings(text[start:end], require_clean=True, around=around):
            if gain >= MIN_GAIN and (best is None or gain > best[0]):
                best = (gain, start, end, reading, codec, lost)
    return best


def _core(text: str, lo: int, hi: int) -> str:
    """What every window of :func:`windows` around ``[lo, hi)`` holds: the cluster less ``SHRINK`` each side.

    Empty for a short cluster; never a slice counted from the end of the text
    (``hi - SHRINK`` is negative for a cluster at the very start).
    """
    return text[lo + SHRINK : hi - SHRINK] if hi - lo > 2 * SHRINK else ""


def utf8_fix_if_better(text: str, best: WindowReading) -> Fix | None:
    """The fix for :func:`best_utf8_window`'s reading, if the bigram model agrees (:func:`_reads_better`)."""
    _, start, end, reading, codec, lost = best
    if not _reads_better(text, start, end, reading):
        return None
    return utf8_fix(start, end, reading, codec, lost, _marks(text[start:end]))


def _reads_better(text: str, start: int, end: int, reading: str) -> bool:
    """The bigram model agrees: the reading is fluent, clearly cheaper, and makes no stray letters.

    A pair of rare characters (``榄痲``) re-reads as one hanzi and a letter (``魯q``):
    real UTF-8 mojibake brings its letters back only where ASCII stood.
    """
    before, after = text[max(start - 1, 0) : start], text[end : end + 1]
    original = without_marks(text[start:end])
    letters = sum(c.isascii() and c.isalpha() for c in reading) - sum(
        c.isascii() and c.isalpha() for c in original
    )
    if letters * MIN_CHARS_PER_LETTER >= len(reading):
        return False
    new = cost(reading, before, after)
    return cost(original, before, after) - new >= MIN_MODEL_GAIN and new <= MAX_MEAN_COST * (len(reading) + 1)


def _ceilings(widest: str) -> list[float | None]:
    """Per codec, the most any re-reading inside ``widest`` can score (``None``: it does not encode).

    UTF-8 resynchronizes after broken bytes, so every character a narrower window
    decodes to, the widest one decodes to as well (a narrower window's bytes are a
    stretch of the widest one's, and a character's lead byte is never taken for a
    continuation byte): no reading of a window holds more good characters than the
    widest reading does.
    """
    out: list[float | None] = []
    for codec in CODECS:
        raw = encode_with_lost_marks(widest, codec)
        out.append(None if raw is None else _ceiling(raw))
    return out


def _ceiling(raw: bytes) -> float:
    """What the good characters of ``raw`` read as UTF-8 score.

    Only common hanzi (1) and CJK punctuation (0.5) score above zero (:func:`_score`),
    so counting them gives the same sum without a look-up per character.
    """
    reading = raw.decode("utf-8", errors="replace")
    return len(common_hanzi_re().findall(reading)) + 0.5 * len(_CJK_PUNCTUATION_RE.findall(reading))


def _may_gain(widest: str, core: str, ceilings: list[float | None]) -> bool:
    """An upper bound on the gain of re-reading any window between ``core`` and ``widest``.

    If even the widest reading (:func:`_ceilings`) holds too few good characters to
    beat the lowest score a window can start from, no window can.  The ceiling reads
    each lost-byte mark as a NUL byte, which breaks the character it stood in; a
    reading that guesses the byte may get that character back, so each mark may add
    one good character (scoring at most 1) to what the ceiling counts.  Where the
    widest window does not encode in a codec, a narrower one may: its reading lies in
    one of the stretches that do (:func:`_encodable_stretches`).  Encoded with ``?``
    for what does not encode, the widest window's bytes are those stretches joined by
    an ASCII byte, where UTF-8 starts afresh: that reading scores the sum of the
    stretches' ceilings, so at least the ceiling of any one of them.
    """
    lowest = sum(map(_loss, without_marks(widest))) + (sum(map(_score, core)) if core else 0.0)
    guessed = sum(map(widest.count, LOST_BYTE_MARKS))
    for codec, ceiling in zip(CODECS, ceilings, strict=True):
        if ceiling is None:  # the widest window does not encode; a narrower one may
            ceiling = _ceiling(lost_marks_as_nul(widest).encode(codec, errors="replace"))
        if ceiling + guessed - lowest >= MIN_GAIN:
            return True
    return False


def promising_windows(text: str, lo: int, hi: int, ceilings: list[float | None]) -> Iterator[tuple[int, int]]:
    """The candidate spans (:func:`windows`) whose re-reading may still gain :data:`MIN_GAIN`.

    ``ceilings`` are the widest window's (:func:`_ceilings`).  The spans left out
    cannot gain enough in any codec (:func:`_hopeless`), so skipping them changes no result.
    """
    left, right = window_bounds(text, lo, hi, stop=WINDOW_STOPS)
    widest = text[left:right]
    scores = list(itertools.accumulate(map(char_plausibility, widest), initial=0.0))
    stretches = [
        _encodable_stretches(widest, c, ceiling) for c, ceiling in zip(CODECS, ceilings, strict=True)
    ]
    for start, end in windows(text, lo, hi, stop=WINDOW_STOPS, shrink=SHRINK):
        if not _hopeless(text[start:end], start - left, scores[end - left] - scores[start - left], stretches):
            yield start, end


#: A stretch of the widest window that encodes, and the most a reading inside it can score.
Stretch = tuple[int, int, float]


def _encodable_stretches(widest: str, codec: str, ceiling: float | None) -> list[Stretch]:
    """The longest stretches of ``widest`` that encode in ``codec``, each with its ceiling.

    A window holding a character the codec lacks has no reading in that codec at all.
    """
    if ceiling is not None:
        return [(0, len(widest), ceiling)]
    marked = lost_marks_as_nul(widest)
    out = []
    pos = 0
    while pos < len(marked):
        try:
            raw = marked[pos:].encode(codec)
            end = skip = len(marked)
        except UnicodeEncodeError as e:
            end, skip = pos + e.start, pos + e.end
            raw = marked[pos:end].encode(codec)
        if end > pos:
            out.append((pos, end, _ceiling(raw)))
        pos = skip
    return out


def _hopeless(span: str, at: int, score: float, stretches: list[list[Stretch]]) -> bool:
    """No re-reading of ``span`` (at ``at`` in the widest window, scoring ``score``) can gain :data:`MIN_GAIN`.

    A reading scores at most the ceiling of the encodable stretch holding its span,
    so it gains at most that less ``score``.  Spans with lost bytes are never
    skipped: their readings may guess bytes, and so characters, that the widest
    plain reading lacks.
    """
    if "?" in span or "\ufffd" in span or "\x00" in span:
        return False
    end = at + len(span)
    for per_codec in stretches:
        for lo, hi, ceiling in per_codec:
            if lo <= at and end <= hi and ceiling - score >= MIN_GAIN:
                return False
    return True


_CJK_PUNCTUATION_RE = re.compile(f"[{re.escape(CJK_PUNCTUATION)}]")


@functools.lru_cache(maxsize=65536)
def _score(ch: str) -> float:
    """The good part of ``ch``'s :func:`char_plausibility`."""
    return max(char_plausibility(ch), 0.0)


@functools.lru_cache(maxsize=65536)
def _loss(ch: str) -> float:
    """The bad part of ``ch``'s :func:`char_plausibility`."""
    return min(char_plausibility(ch), 0.0)


def utf8_readings(
    span: str, *, require_clean: bool, around: tuple[str, str] = ("", "")
) -> Iterator[tuple[float, str, str, int]]:
    """``(gain, reading, codec, lost)`` for ``span`` re-read as UTF-8 from GB18030 and Big5 bytes.

    Lost-byte marks count on neither side: folding ten marks into one is no gain.
    ``around`` is the character before and after ``span`` (or empty): context
    for guessing lost bytes.
    """
    base = plausibility(without_marks(span))
    for codec in CODECS:
        raw = encode_with_lost_marks(span, codec)
        if raw is None:
            continue
        reading = decode_utf8_marking_lost(raw)
        if codec == "big5" and raw.count(0) * LOSSY_SHARE > len(raw):
            reading = decode_utf8_lossy(raw, before=around[0], after=around[1])
        elif (
            b"\x00" in raw
            and plausibility(without_marks(reading)) + reading.count("\ufffd") - base >= MIN_GAIN
        ):
            reading = decode_utf8_guessing(raw)
        lost = reading.count("\ufffd")
        if lost * 6 > len(reading) or (require_clean and not is_clean(reading, allow_lost=True)):
            continue
        if any(_foreign_letter(c) for c in reading):
            continue
        yield plausibility(without_marks(reading)) - base, reading, codec, lost


def decode_utf8_guessing(raw: bytes, candidates: tuple[int, ...] = ()) -> str:
    """UTF-8 with each unknown byte (NUL) guessed when one value makes a likely reading.

    A wrong decoder replaces one byte per ``�``; inside a three-byte CJK character
    the missing byte has at most 64 values, and the one whose character fits its
    neighbours best (bigram model) is taken.  Unknown bytes no value explains stay
    lost (one ``�`` per run).
    """
    if b"\x00" not in raw:
        return raw.decode("utf-8", errors="replace")
    if raw.count(0) * MAX_UNKNOWN_SHARE > len(raw):
        return decode_utf8_marking_lost(raw)
    buf = bytearray(raw)
    for i in [i for i, b in enumerate(buf) if b == 0]:
        if buf[i] != 0:
            continue
        if candidates and i + 1 < len(buf) and buf[i + 1] == 0:
            pair = _guess_two_bytes(buf, i, candidates)
            if pair is not None:
                buf[i], buf[i + 1] = pair
                continue
        guess = _guess_byte(buf, i, candidates or ANY_BYTE)
        if guess is not None:
            buf[i] = guess
    return decode_utf8_marking_lost(bytes(buf))


def _guess_two_bytes(buf: bytearray, i: int, candidates: tuple[int, ...]) -> tuple[int, int] | None:
    """Two unknown bytes in a row (``å��`` for ``名``), guessed together from a few candidates."""
    left = _char_start(buf, _char_start(buf, i - 1) - 1)
    right = _char_end(buf, _char_end(buf, i + 2))
    return _best_two_bytes(bytes(buf[left:right]), i - left, candidates)


@functools.lru_cache(maxsize=4096)
def _best_two_bytes(around: bytes, at: int, candidates: tuple[int, ...]) -> tuple[int, int] | None:
    """:func:`_guess_two_bytes` for the bytes ``around`` the pair at ``at``.

    Cached: the windows tried for one cluster hold the same bytes around each unknown one.
    """
    best: tuple[float, tuple[int, int]] | None = None
    broken = _broken(around)
    for a in candidates:
        for b in candidates:
            window = around[:at] + bytes((a, b)) + around[at + 2 :]
            if _broken(window) > broken - 2:
                continue
            reading = window.decode("utf-8", errors="replace")
            score = -cost(reading.replace("\ufffd", "").replace("\x00", ""))
            if best is None or score > best[0]:
                best = (score, (a, b))
    return None if best is None else best[1]


def _guess_byte(buf: bytearray, i: int, candidates: tuple[int, ...]) -> int | None:
    """The value of ``buf[i]`` that makes the likeliest reading of the characters around it.

    The reading spans the character holding the byte and one character each side;
    a value must mend more broken bytes there than it leaves.
    """
    left = _char_start(buf, _char_start(buf, i - 1) - 1)
    right = _char_end(buf, _char_end(buf, i + 1))
    return _best_byte(bytes(buf[left:right]), i - left, candidates)


@functools.lru_cache(maxsize=4096)
def _best_byte(around: bytes, at: int, candidates: tuple[int, ...]) -> int | None:
    """:func:`_guess_byte` for the bytes ``around`` the unknown one at ``at``.

    Cached: the windows tried for one cluster hold the same bytes around each unknown one.
    """
    window = bytearray(around)
    broken = _broken(around)
    best: tuple[int, float, int] | None = None
    for value in candidates:
        window[at] = value
        reading = bytes(window).decode("utf-8", errors="replace")
        bad = _broken(bytes(window))
        if bad >= broken:
            continue
        score = -cost(reading.replace("\ufffd", "").replace("\x00", ""))
        if best is None or (-bad, score) > (-best[0], best[1]):
            best = (bad, score, value)
    return None if best is None else best[2]


def _broken(raw: bytes) -> int:
    reading = raw.decode("utf-8", errors="replace")
    return reading.count("\ufffd") + reading.count("\x00")


def _char_start(buf: bytearray, i: int) -> int:
    """Where the character holding ``buf[i]`` starts (at most three bytes back)."""
    i = max(i, 0)
    j = i
    while j > 0 and i - j < 3 and 0x80 <= buf[j] < 0xC0:
        j -= 1
    return j


def _char_end(buf: bytearray, i: int) -> int:
    """Where the character after position ``i`` ends: past ``buf[i]`` and its continuation bytes."""
    j = min(i + 1, len(buf))
    while j < len(buf) and j - i < 4 and 0x80 <= buf[j] < 0xC0:
        j += 1
    return j


def _starts_char(byte: int) -> bool:
    return byte < 0x80 or byte >= 0xC0


def _foreign_letter(ch: str) -> bool:
    """A character Chinese pages do not carry (C1 controls, NKo, Syriac, Yi, private use…): a re-reading that makes one is junk.

    Latin (accents included), Greek, Cyrillic, the symbol blocks, kana, hangul and
    the ideographs are what a Chinese page may hold; C1 controls, U+0500-U+1DFF,
    the syllabaries of U+A000-U+ABFF and private use are not.
    """
    return (
        "\x80" <= ch < "\xa0"
        or "\u0500" <= ch < "\u1e00"
        or "\ua000" <= ch < "\uac00"
        or "\ue000" <= ch < "\uf900"
    )


def utf8_fix(start: int, end: int, reading: str, codec: str, lost: int, marks: int = 0) -> Fix:
    """The fix, less confident when bytes were guessed (``marks`` unknown, fewer lost) or lost."""
    guessed = marks > lost
    confidence = 0.7 if lost else GUESSED_CONFIDENCE if guessed else 0.9
    note = f"UTF-8 bytes read as {codec}" + ("; lost bytes guessed from context" if guessed else "")
    return Fix(start, end, reading, "mojibake-utf8", confidence, lost=lost, note=note)


#: Confidence of a repair that guessed a byte: below 0.9, so corpus runs can tell it from an exact one.
GUESSED_CONFIDENCE = 0.8


def _marks(span: str) -> int:
    return sum(span.count(m) for m in LOST_BYTE_MARKS)


def windows(text: str, lo: int, hi: int, stop: str, shrink: int = 0) -> Iterator[tuple[int, int]]:
    """Candidate spans around ``[lo, hi)``: growing up to ``EXPAND`` characters each way,
    and shrinking up to ``shrink`` (the cluster may have swallowed a neighbour, ``鍙戝竷陜``)."""
    if hi - lo > MAX_WINDOW:
        return
    left, right = window_bounds(text, lo, hi, stop)
    for start in range(left, min(lo + shrink, hi - 1) + 1):
        for end in range(max(hi - shrink, start + 2), right + 1):
            yield start, end


def window_bounds(text: str, lo: int, hi: int, stop: str) -> tuple[int, int]:
    """The widest candidate span: ``EXPAND`` characters each way, not across ``stop``.

    Rightwards it ends after the first ASCII letter or digit.  With :data:`WINDOW_STOPS`
    (every call on the hot path) two regex matches find the same bounds as the loops.
    """
    if stop is WINDOW_STOPS:
        reach_left = _REACH_LEFT.search(text, max(lo - EXPAND, 0), lo)
        reach_right = _REACH_RIGHT.match(text, hi, hi + EXPAND)
        assert reach_left is not None and reach_right is not None
        return reach_left.start(), reach_right.end()
    left = lo
    while left > 0 and lo - left < EXPAND and text[left - 1] not in stop:
        left -= 1
    right = hi
    while right < len(text) and right - hi < EXPAND and text[right] not in stop:
        right += 1
        if text[right - 1].isascii() and text[right - 1].isalnum():
            break
    return left, right


_REACH_LEFT = re.compile(f"[^{re.escape(WINDOW_STOPS)}]*\\Z")
_REACH_RIGHT = re.compile(f"[^{re.escape(WINDOW_STOPS)}0-9A-Za-z]*[0-9A-Za-z]?")


__all__ = [
    "LOST_BYTE_MARKS",
    "best_utf8_window",
    "decode_utf8_guessing",
    "repair_misread_lines",
    "repair_misread_utf8",
    "utf8_fix_if_better",
    "utf8_readings",
]
