"""Punctuation width, odd spaces, and symbols lost to ``?``.

The crawl turned full-width punctuation into ASCII.  Between Chinese characters
it is put back (``聚焦主责主业,倾听`` -> ``聚焦主责主业，倾听``); next to digits or
Latin text it stays as it is (``9:24``, ``(1012009003)``).
"""

from __future__ import annotations

import regex

from unionnews.normalize.fix import Fix

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
_PUNCT_RE = regex.compile(rf"(?<={_CJK})[,:;!?]|[,;!?](?={_OPEN})")
#: A parenthesis pair is widened together, when it touches or holds Chinese text.
_PAREN_PAIR_RE = regex.compile(r"\(([^()\n]{0,60})\)")
_HAN_RE = regex.compile(r"\p{Han}")
_ODD_SPACE_RE = regex.compile(f"[{''.join(SPACE_LIKE)}]")
_ZERO_WIDTH_RE = regex.compile(f"[{ZERO_WIDTH}]")
_LONE_QUESTION_RE = regex.compile(r"(?<= )\?(?= )")
_LOST_SYMBOL_RES = tuple((regex.compile(p), sym, conf) for p, sym, conf in LOST_SYMBOL_RULES)


def widen_cjk_punctuation(text: str) -> list[Fix]:
    """Half-width ``,:;!?()`` touching Chinese text -> full-width."""
    fixes = [
        Fix(m.start(), m.end(), FULLWIDTH[m.group()], "punctuation-width")
        for m in _PUNCT_RE.finditer(text)
        if not _is_clock_colon(text, m.start())
    ]
    if "(" in text:
        for m in _PAREN_PAIR_RE.finditer(text):
            before = text[m.start() - 1 : m.start()]
            if _HAN_RE.search(m.group(1)) or _HAN_RE.match(before):
                fixes.append(Fix(m.start(), m.start() + 1, "（", "punctuation-width"))
                fixes.append(Fix(m.end() - 1, m.end(), "）", "punctuation-width"))
        fixes.sort(key=lambda f: f.start)
    return fixes


def _is_clock_colon(text: str, i: int) -> bool:
    return text[i] == ":" and i + 1 < len(text) and text[i + 1].isdigit() and text[i - 1].isdigit()


def normalize_spaces(text: str) -> list[Fix]:
    """NBSP and ideographic spaces -> space; zero-width characters removed."""
    fixes = [Fix(m.start(), m.end(), SPACE_LIKE[m.group()], "space") for m in _ODD_SPACE_RE.finditer(text)]
    fixes += [Fix(m.start(), m.end(), "", "zero-width") for m in _ZERO_WIDTH_RE.finditer(text)]
    if "\r" in text:
        fixes += [Fix(m.start(), m.end(), "\n" if m.group() == "\r" else "", "line-ending")
                  for m in regex.finditer(r"\r\n?", text)]  # fmt: skip
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
            fixes.append(Fix(m.start(), m.end(), symbol, "lost-symbol", confidence, note="restored from context"))
    for m in _LONE_QUESTION_RE.finditer(text):
        if m.start() not in known:
            fixes.append(Fix(m.start(), m.end(), "\ufffd", "lost-symbol", 0.7, lost=1, note="symbol lost"))
    fixes.sort(key=lambda f: f.start)
    return fixes
