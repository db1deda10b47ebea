"""Remove non-content insertions in parentheses between two hanzi: ``鼓(😀)励`` -> ``鼓励``.

Some mirror sites scatter emoji and pictographic symbols through articles to
defeat copy detection; between two characters of one word they also split the
word (and the unit of a statistic: ``人(🎈)次``).  Only parentheses holding
nothing but such symbols are removed: real parentheticals (``（扩大）``, ``（兼）``,
``（记者 王方）``, ``（2023）``, ``(App)``) and symbols with a meaning in running
text (``℃``, ``㎡``, ``©``, ``®``, ``™``) are never touched.
"""

from __future__ import annotations

import re

import regex

from unionnews.normalize.fix import Fix

#: Pictographs and their sequence parts (variation selector, joiner, skin tones),
#: plus the symbol blocks used as decoration (arrows, shapes, dingbats, stars).
_DECORATION = (
    r"\p{Extended_Pictographic}\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff"
    r"\ufe0f\u200d\U0001f3fb-\U0001f3ff\U0001f1e6-\U0001f1ff"
)
#: Symbols that carry meaning in a sentence even between parentheses.
MEANINGFUL_SYMBOLS = "©®™℃℉"
#: At most this many characters of decoration in one insertion (a family emoji is 5).
MAX_INSERTION = 12
_SYMBOL = rf"[[{_DECORATION}]--[{MEANINGFUL_SYMBOLS}]]"
_GROUP = rf"[(（][ \t]*{_SYMBOL}(?:[ \t]*{_SYMBOL}){{0,{MAX_INSERTION - 1}}}[ \t]*[)）]"
#: At most this many insertions in a row between the same two hanzi.
MAX_IN_A_ROW = 4
INSERTION_RE = regex.compile(rf"(?<=\p{{Han}})(?:{_GROUP}){{1,{MAX_IN_A_ROW}}}(?=\p{{Han}})", regex.V1)


def strip_symbol_insertions(text: str) -> list[Fix]:
    """Fixes removing parenthesised emoji and symbols that stand between two hanzi."""
    if not _opens_on_symbol(text):
        return []
    return [
        Fix(m.start(), m.end(), "", "insertion", 0.95, note="emoji or symbol inserted inside a word")
        for m in INSERTION_RE.finditer(text)
    ]


_SYMBOL_RE = regex.compile(_SYMBOL, regex.V1)


def _opens_on_symbol(text: str) -> bool:
    """Some ``(`` or ``（`` is followed, past spaces and tabs, by a decoration symbol.

    Necessary for :data:`INSERTION_RE` to match, and a few ``find`` calls where the
    pattern (a lookbehind tried at every character) scans the whole text.
    """
    return paren_opens_on(text, _SYMBOL_RE)


def paren_opens_on(text: str, first: regex.Pattern[str] | re.Pattern[str]) -> bool:
    """Some ``(`` or ``（`` is followed, past spaces and tabs, by what ``first`` matches there."""
    for paren in "(（":
        i = text.find(paren)
        while i >= 0:
            j = i + 1
            while j < len(text) and text[j] in " \t":
                j += 1
            if j < len(text) and first.match(text, j) is not None:
                return True
            i = text.find(paren, j)
    return False
