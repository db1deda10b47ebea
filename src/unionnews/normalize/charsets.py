"""Which characters are plausible Chinese, for deciding whether a rewrite helps.

The common set is GB2312 level 1 (the 3,755 most used simplified characters) plus
their traditional forms.  It and the word counts are read lazily from tables shipped
as package data (:mod:`unionnews.normalize.tables`), so ``import unionnews`` stays cheap.
"""

from __future__ import annotations

import functools
import math
import re

import regex

from unionnews.normalize import tables

#: Full-width and CJK punctuation a clean Chinese text is made of.
CJK_PUNCTUATION = "。，、；：？！“”‘’（）《》〈〉【】〖〗「」『』—…·－～％＋｜　"

#: Symbol blocks that a mis-paired double-byte decode produces and real text rarely uses.
MOJIBAKE_SYMBOLS = (
    "\u2460-\u24ff"  # enclosed alphanumerics: ① ⒄
    "\u2500-\u257f"  # box drawing
    "\u2580-\u25ff"  # blocks and geometric shapes
    "\u3040-\u30ff"  # kana
    "\u0391-\u03c9"  # Greek
    "\u0401-\u0451"  # Cyrillic
    "\u2160-\u217f"  # Roman numerals
    "\u3220-\u32ff"  # enclosed CJK
    "\ue000-\uf8ff"  # private use
    "\ufe30-\ufe4f"  # CJK compatibility forms
    "\ufffd"
)
_SYMBOL_RE = regex.compile(f"[{MOJIBAKE_SYMBOLS}]")
#: One hanzi (Unicode script Han), for the steps and the segmenter alike.
HAN_RE = regex.compile(r"\p{Han}")


@functools.cache
def common_hanzi() -> frozenset[str]:
    """GB2312 level-1 characters and their traditional forms."""
    return frozenset(tables.common_hanzi_chars())


@functools.cache
def suspicious_re() -> re.Pattern[str]:
    """Matches one character that is neither ASCII, common hanzi nor CJK punctuation.

    Pinyin tone letters and Latin-1 are left to their own steps.  Compiled with the
    standard library's ``re``: it turns a class of thousands of characters into a
    bitmap and scans ~200 times faster than ``regex`` does for this one pattern.
    """
    common = "".join(sorted(common_hanzi()))
    return re.compile(f"[^\\x00-\\u024f\\u1e00-\\u1eff{re.escape(common)}{CJK_PUNCTUATION}\\s]")


@functools.cache
def common_hanzi_re() -> re.Pattern[str]:
    """Matches one common hanzi (:func:`common_hanzi`); ``re`` scans such a class as a bitmap."""
    return re.compile(f"[{re.escape(''.join(sorted(common_hanzi())))}]")


#: The whitespace ``\\s`` matches above Latin-1 (:func:`str.isspace`; a test keeps it in step).
SPACES_ABOVE_LATIN1 = "\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


@functools.cache
def mojibake_gate_re() -> re.Pattern[str]:
    """Matches one character any mojibake repair starts from: suspicious, Latin-1 or a lost-byte mark.

    :func:`suspicious_re`'s class less ``?`` and Latin-1 (its whitespace and ``·`` included),
    so a text it finds nothing in holds no suspicious character, no Latin-1 letter
    and no mark: one scan tells that no repair family has anything to look at.
    """
    common = "".join(sorted(common_hanzi()))
    punctuation = "".join(c for c in CJK_PUNCTUATION if c > "\xff")
    allowed = f"\\x00-\\x3e\\x40-\\x7f\\u0100-\\u024f\\u1e00-\\u1eff{re.escape(common)}{punctuation}"
    return re.compile(f"[^{allowed}{SPACES_ABOVE_LATIN1}]")


#: Punctuation is more frequent than any single hanzi (of which the top score ~2.8).
PUNCTUATION_COMMONNESS = 3.0


@functools.cache
def hanzi_frequency() -> dict[str, int]:
    """How many words of pypinyin's phrase table each simplified character occurs in.

    A proxy for how common a character is, good enough to choose between the
    candidate readings of a lost byte (当 occurs in 311 words, 聪 in 8).
    """
    return tables.word_counts()


@functools.cache
def commonness(ch: str) -> float:
    """A bonus for a frequent character: hanzi by log word count, punctuation above all."""
    if ch in CJK_PUNCTUATION:
        return PUNCTUATION_COMMONNESS
    from unionnews.normalize.script import converter

    count = hanzi_frequency().get(converter("t2s").convert(ch), 0)
    return math.log10(1 + count)


@functools.lru_cache(maxsize=65536)
def is_symbol(ch: str) -> bool:
    """``ch`` is in a symbol block a mis-paired decode produces (:data:`MOJIBAKE_SYMBOLS`)."""
    return _SYMBOL_RE.match(ch) is not None


def plausibility(text: str) -> float:
    """A score of how much ``text`` reads like Chinese: common hanzi up, junk down."""
    return sum(map(char_plausibility, text))


@functools.lru_cache(maxsize=65536)
def char_plausibility(ch: str) -> float:
    """One character's part of :func:`plausibility`."""
    if ch in common_hanzi():
        return 1.0
    if ch in CJK_PUNCTUATION:
        return 0.5
    if ch < "\x80":
        return 0.0 if ch.isprintable() or ch in "\n\t" else -3.0
    if is_symbol(ch):
        return -2.0
    if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003ffff":
        return -1.0
    return -0.5
