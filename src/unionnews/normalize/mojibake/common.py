"""What the mojibake repair families share: byte helpers, span bookkeeping, cleanliness."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterator, Sequence

import regex

from unionnews.normalize.charsets import CJK_PUNCTUATION, common_hanzi, is_symbol
from unionnews.normalize.fix import Fix

#: The crawl turned full-width punctuation into ASCII, inside mojibake too; when
#: re-encoding a suspicious span these ASCII marks stand for their GBK full-width form.
ASCII_TO_FULLWIDTH = {"!": "！", ",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
#: Characters that stand for one byte the first wrong decode could not map.
LOST_BYTE_MARKS = "?\ufffd"
#: A deterministic re-reading may contain this share of uncommon (but real) hanzi, e.g. 驿.
RARE_SHARE = 0.15


class Taken:
    """Sorted, non-overlapping spans; adding one that overlaps is refused (log time each)."""

    def __init__(self, fixes: Sequence[Fix] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for f in sorted(fixes, key=lambda f: f.start):
            self.add(f.start, f.end)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> bool:
        if self.overlaps(start, end):
            return False
        i = bisect.bisect_left(self._starts, end)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


def merge_clusters(gap: int, *spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Merged sorted ``spans`` lying at most ``gap`` apart."""
    lo = hi = -1
    for start, end in heapq.merge(*spans):
        if lo >= 0 and start - hi <= gap:
            hi = max(hi, end)
            continue
        if lo >= 0:
            yield lo, hi
        lo, hi = start, end
    if lo >= 0:
        yield lo, hi


def is_clean(
    reading: str, *, allow_lost: bool, rare_share: float = RARE_SHARE, symbol_share: float = 0.0
) -> bool:
    """No controls, at most ``symbol_share`` of junk symbols and ``rare_share`` of uncommon hanzi."""
    common = common_hanzi()
    rare = symbols = 0
    for ch in reading:
        if (
            ch in common
            or ch in CJK_PUNCTUATION
            or (ch == "\ufffd" and allow_lost)
            or "\uff01" <= ch <= "\uff5e"
        ):
            continue
        if ch.isascii() and (ch.isprintable() or ch in "\n\t"):
            continue
        if not ("\u3400" <= ch <= "\u9fff") or is_symbol(ch):
            symbols += 1
            continue
        rare += 1
    return rare <= rare_share * len(reading) and symbols <= symbol_share * len(reading)


_LOST_RUN = regex.compile("[\ufffd\x00]+")


def decode_utf8_marking_lost(raw: bytes) -> str:
    """Decode UTF-8; each run of broken bytes (one lost character, usually) becomes one U+FFFD."""
    return _LOST_RUN.sub("\ufffd", raw.decode("utf-8", errors="replace"))


def encode_with_lost_marks(window: str, codec: str) -> bytes | None:
    """``window`` in ``codec``, each lost-byte mark as a NUL byte; ``None`` if it does not encode.

    The codecs used here are stateless, so encoding the whole window at once gives
    the bytes of each character in turn.
    """
    marked = lost_marks_as_nul(window)
    if codec in TWO_BYTE_CODECS:
        raw = marked.encode(codec, "ignore")
        ascii_count = len(marked.encode("ascii", "ignore"))
        return raw if len(raw) == 2 * len(marked) - ascii_count else None
    try:
        return marked.encode(codec)
    except UnicodeEncodeError:
        return None


#: Codecs writing each ASCII character as one byte and every other character they
#: hold as two: whether a window encodes is a length check, with no exception raised
#: (most simplified text has no Big5 form, and raising costs more than encoding).
TWO_BYTE_CODECS = frozenset({"big5"})


def lost_marks_as_nul(window: str) -> str:
    """``window`` with each lost-byte mark as NUL: the byte it stands for is unknown."""
    if "?" in window or "\ufffd" in window:
        return window.translate(_MARKS_TO_NUL)
    return window


_MARKS_TO_NUL = str.maketrans(dict.fromkeys(LOST_BYTE_MARKS, "\x00"))
_DELETE_MARKS = str.maketrans("", "", LOST_BYTE_MARKS)


def without_marks(text: str) -> str:
    if "?" not in text and "\ufffd" not in text:
        return text
    return text.translate(_DELETE_MARKS)
