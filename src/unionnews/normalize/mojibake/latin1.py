"""Double-byte or UTF-8 bytes that were decoded as Latin-1/cp1252 (``¹¤»á`` -> ``工会``).

The bytes come back whole from the Latin-1 letters, so the repair is exact, with
two exceptions it handles: a GBK character whose trail byte is ASCII (``@``-``~``)
shows as a Latin-1 letter and an ASCII one, and the five bytes cp1252 leaves
undefined (``81 8D 8F 90 9D``) come out as ``�``, one byte each, guessed back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from unionnews.normalize.charsets import plausibility
from unionnews.normalize.fix import Fix
from unionnews.normalize.mojibake.common import is_clean
from unionnews.normalize.mojibake.utf8 import decode_utf8_guessing

#: Letters cp1252 gives to the bytes 0x80-0x9F (besides Latin-1 proper and its controls).
CP1252_LETTERS = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
#: The bytes cp1252 does not define, which a lenient decoder turns into ``�``.
CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_HIGH = f"[\u0080-\u00ff{CP1252_LETTERS}\ufffd]"
_LATIN1_CHAR = re.compile("[\u0080-\u00ff]")
_RUN = re.compile(f"(?:{_HIGH}[\x40-\x7e]?)+")
#: Two letters at most one ASCII character apart: the start of a run holding two or more
#: (the only runs re-read); the runs in between hold one letter each.
_TWO_HIGH = re.compile(f"{_HIGH}[\x40-\x7e]?{_HIGH}")
MIN_GAIN = 3.0
#: Symbols (``●`` ``∶``) a re-reading may hold: the bytes come back exactly, so the
#: gate is the reading as a whole.
SYMBOL_SHARE = 0.1
CODECS = ("gbk", "big5", "utf-8")


def repair_latin1_runs(text: str) -> list[Fix]:
    """Runs of Latin-1/cp1252 letters that are really GBK, Big5 or UTF-8 bytes."""
    fixes: list[Fix] = []
    if _few_latin1(text):
        return fixes
    for m in _runs_of_two(text):
        run = m.group()
        raw = encode_single_byte(run)
        if raw is None:
            continue
        best = _best_reading(run, raw)
        if best is not None:
            reading, codec = best
            lost = reading.count("\ufffd")
            fixes.append(
                Fix(
                    m.start(),
                    m.end(),
                    reading,
                    "mojibake-latin1",
                    0.7 if lost else 0.8 if "\ufffd" in run else 0.95,
                    lost=lost,
                    note=f"{codec} bytes read as Latin-1",
                )
            )
    return fixes


def _runs_of_two(text: str) -> Iterator[re.Match[str]]:
    """The runs holding two letters or more: each starts where the next pair of letters does."""
    pos = 0
    while (pair := _TWO_HIGH.search(text, pos)) is not None:
        run = _RUN.match(text, pair.start())
        assert run is not None
        pos = run.end()
        yield run


def _few_latin1(text: str) -> bool:
    """Fewer than two Latin-1 characters in the whole text: no run of two can be mojibake."""
    first = _LATIN1_CHAR.search(text)
    return first is None or _LATIN1_CHAR.search(text, first.end()) is None


def encode_single_byte(run: str) -> bytes | None:
    """The bytes behind ``run``: cp1252 where it maps, Latin-1 for controls, NUL for ``�``."""
    out = bytearray()
    for ch in run:
        if ch == "\ufffd":
            out.append(0)
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            try:
                out += ch.encode("latin-1")
            except UnicodeEncodeError:
                return None
    return bytes(out)


def _best_reading(original: str, raw: bytes) -> tuple[str, str] | None:
    base = plausibility(original)
    best: tuple[float, str, str] | None = None
    for codec in CODECS:
        reading = _decode(raw, codec)
        if reading is None or not is_clean(reading, allow_lost=codec == "utf-8", symbol_share=SYMBOL_SHARE):
            continue
        gain = plausibility(reading) - base
        needed = 0.5 if codec == "utf-8" and _all_wide(reading) else MIN_GAIN
        if gain >= needed and (best is None or gain > best[0]):
            best = (gain, reading, codec)
    return None if best is None else (best[1], best[2])


def _all_wide(reading: str) -> bool:
    """Every byte went into a whole CJK character: short UTF-8 runs (``å¹´`` -> ``年``) are sure."""
    return all("\u3000" <= c <= "\u9fff" or "\uff01" <= c <= "\uff5e" for c in reading)


def _decode(raw: bytes, codec: str) -> str | None:
    if codec == "utf-8":
        reading = decode_utf8_guessing(raw, CP1252_UNDEFINED)
        return None if reading.count("\ufffd") * 4 > len(reading) else reading
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


__all__ = ["encode_single_byte", "repair_latin1_runs"]
