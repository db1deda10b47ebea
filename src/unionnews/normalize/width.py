"""Punctuation width, odd spaces, and symbols lost to ``?``.

The crawl turned full-width punctuation into ASCII.  Between Chinese characters
it is put back (``聚焦主责主业,倾听`` -> ``聚焦主责主业，倾听``); next to digits or
Latin text it stays as it is (``9:24``, ``(1012009003)``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from unionnews.normalize.charsets import HAN_RE, suspicious_re
from unionnews.normalize.fix import Fix, line_fixes

FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
#: Spaces that are really layout: NBSP and ideographic space become a plain space.
SPACE_LIKE = {"\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " "}
#: Invisible characters that only break matching.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: ``Copyright ? 2008``: a ``?`` that stood for a symbol the page's encoding lacked.
LOST_SYMBOL_RULES = (("(?i)(?<=copyright )\\?(?= )", "©", 0.9),)

_CJK = r"[\p{Han}“”‘’《》【】〖〗「」、。，：；！？（）…—]"
_OPEN = r"[\p{Han}“‘《【〖「]"
_CLOSE = r"[\p{Han}”’》】〗」。…]"
#: A run of marks after Chinese is widened whole: ``㐀:?`` -> ``㐀：？`` (a second pass
#: would otherwise widen the ``?`` that now follows ``：``).
_PUNCT_RE = regex.compile(rf"(?<={_CJK})[,:;!?]+|[,;!?](?={_OPEN})")
#: A parenthesis pair is widened together, when it touches or holds Chinese text
#: and holds at most this many characters.
MAX_PAREN_CONTENT = 60
_PAREN_OR_NEWLINE_RE = regex.compile(r"[()\n]")
_ODD_SPACE_RE = regex.compile(f"[{''.join(SPACE_LIKE)}]")
_ZERO_WIDTH_RE = regex.compile(f"[{ZERO_WIDTH}]")
_CRLF_RE = regex.compile(r"\r\n?")
_LONE_QUESTION_RE = regex.compile(r"(?<= )\?(?= )")
_LOST_SYMBOL_RES = tuple((regex.compile(p), sym, conf) for p, sym, conf in LOST_SYMBOL_RULES)


def widen_cjk_punctuation(text: str) -> list[Fix]:
    """Half-width ``,:;!?()`` touching Chinese text -> full-width, one fix per line.

    Parentheses go first, so that a mark touching a widened parenthesis is judged
    as it will read afterwards (``㐀(?)`` -> ``㐀（？）`` in one pass, not two).
    """
    positions: list[int] = []
    if "(" in text:
        for start, end in _paren_pairs(text):
            if HAN_RE.search(text, start + 1, end) or HAN_RE.match(text[start - 1 : start]):
                positions += (start, end)
        positions.sort()
    probe = _widen_at(text, positions) if positions else text
    positions.extend(
        i
        for m in _PUNCT_RE.finditer(probe)
        for i in range(m.start(), m.end())
        if not _is_clock_colon(probe, i) and not _is_lost_byte_mark(probe, i)
    )
    if not positions:
        return []
    positions.sort()
    return line_fixes(text, _widen_at(text, positions), positions, "punctuation-width")


def _widen_at(text: str, positions: list[int]) -> str:
    chars = list(text)
    for i in positions:
        chars[i] = FULLWIDTH[text[i]]
    return "".join(chars)


def _paren_pairs(text: str) -> Iterator[tuple[int, int]]:
    """Positions of matching ``(`` and ``)`` on one line, nested pairs included.

    One pass with a stack, so ``((中))`` widens both pairs at once and a page of
    100k parentheses costs linear time.
    """
    stack: list[int] = []
    for m in _PAREN_OR_NEWLINE_RE.finditer(text):
        mark = m.group()
        if mark == "(":
            stack.append(m.start())
        elif mark == ")":
            if stack:
                start = stack.pop()
                if m.start() - start - 1 <= MAX_PAREN_CONTENT:
                    yield start, m.start()
        else:
            stack.clear()


def _is_lost_byte_mark(text: str, i: int) -> bool:
    """A ``?`` touching unrepaired mojibake stood for a lost byte, not a question: left as it is."""
    if text[i] != "?":
        return False
    sus = suspicious_re()
    return any(sus.match(text, j) is not None for j in (i - 1, i + 1) if 0 <= j < len(text))


def _is_clock_colon(text: str, i: int) -> bool:
    return text[i] == ":" and i + 1 < len(text) and text[i + 1].isdigit() and text[i - 1].isdigit()


def normalize_spaces(text: str) -> list[Fix]:
    """NBSP and ideographic spaces -> space; zero-width characters removed."""
    fixes = [Fix(m.start(), m.end(), SPACE_LIKE[m.group()], "space") for m in _ODD_SPACE_RE.finditer(text)]
    fixes += [Fix(m.start(), m.end(), "", "zero-width") for m in _ZERO_WIDTH_RE.finditer(text)]
    if "\r" in text:
        fixes += [Fix(m.start(), m.end(), "\n" if m.group() == "\r" else "", "line-ending")
                  for m in _CRLF_RE.finditer(text)]  # fmt: skip
        fixes = [Fix(f.start, f.end, "\n", f.kind) if f.kind == "line-ending" else f for f in fixes]
    fixes.sort(key=lambda f: f.start)
    return fixes


def mark_lost_symbols(text: str) -> list[Fix]:
    """A ``?`` standing alone between spaces is a symbol the page's encoding lost."""
    if "?" not in text:
        return []
    fixes = []
    known = set()
    for pattern, symbol, confidence in _LOST_SYMBOL_RES:
        for m in pattern.finditer(text):
            known.add(m.start())
            fixes.append(
                Fix(m.start(), m.end(), symbol, "lost-symbol", confidence, note="restored from context")
            )
    for m in _LONE_QUESTION_RE.finditer(text):
        if m.start() not in known:
            fixes.append(Fix(m.start(), m.end(), "\ufffd", "lost-symbol", 0.7, lost=1, note="symbol lost"))
    fixes.sort(key=lambda f: f.start)
    return fixes
