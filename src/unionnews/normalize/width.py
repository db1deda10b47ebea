"""Punctuation width, odd spaces, and symbols lost to ``?``.

The crawl turned full-width punctuation into ASCII.  Between Chinese characters
it is put back (``聚焦主责主业,倾听`` -> ``聚焦主责主业，倾听``); next to digits or
Latin text it stays as it is (``9:24``, ``(1012009003)``).
"""

from __future__ import annotations

import functools

import regex

from unionnews.normalize.charsets import HAN_RE, suspicious_re
from unionnews.normalize.fix import Fix, line_fixes

FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
#: Spaces that are really layout: NBSP and ideographic space become a plain space.
SPACE_LIKE = {"\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " "}
#: Invisible characters that only break matching.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: The joiner that glues emoji into one (👨\u200d👩\u200d👧): kept between two pictographs.
EMOJI_JOINER = "\u200d"
#: ``Copyright ? 2008``: a ``?`` that stood for a symbol the page's encoding lacked.
LOST_SYMBOL_RULES = (("(?i)(?<=copyright )\\?(?= )", "©", 0.9),)
#: Punctuation only Chinese text uses: a mark next to one of these (or a hanzi) is in Chinese.
CJK_ONLY_PUNCTUATION = "《》〈〉【】〖〗「」『』、。，：；！？（）"
#: Punctuation Chinese shares with other text: Chinese on one side only when the other is.
CJK_SHARED_PUNCTUATION = "“”‘’…—·"

#: A run of half-width marks; widened whole or not at all, judged by its two neighbours.
_MARK_RUN_RE = regex.compile(r"[,:;!?()]+")
_ODD_SPACE_RUN_RE = regex.compile(f"[{''.join(SPACE_LIKE)}]+")
_ZERO_WIDTH_RUN_RE = regex.compile(f"[{ZERO_WIDTH}]+")
_CRLF_RUN_RE = regex.compile(r"(?:\r\n?)+")
_PICTOGRAPH_RE = regex.compile(r"[\p{Extended_Pictographic}\ufe0f\U0001f3fb-\U0001f3ff]")
#: Sentence-final particles after which `` ? `` is a question mark a writer spaced out.
QUESTION_PARTICLES = "吗呢么吧嘛啊"
#: A ``?`` alone between spaces in Chinese text (``陜西省總工會 ? 省總工會``), not in code
#: (``a ? b : c``) nor after a question (``你知道吗 ? 我不知道``).
_LONE_QUESTION_RE = regex.compile(
    rf"(?<=[\p{{Han}}?\ufffd] )(?<![{QUESTION_PARTICLES}] )\?(?= [\p{{Han}}?\ufffd])"
)
_LOST_SYMBOL_RES = tuple((regex.compile(p), sym, conf) for p, sym, conf in LOST_SYMBOL_RULES)

_NOT_CJK, _SHARED, _CJK = 0, 1, 2


def widen_cjk_punctuation(text: str) -> list[Fix]:
    """Half-width ``,:;!?()`` between two Chinese characters -> full-width, one fix per line.

    A run of marks (``吗?!``, ``),``) is judged by the characters on its two sides:
    both must be Chinese (a hanzi or CJK punctuation, one of them more than a quote
    mark), or a hanzi before and a digit after (``体系:500余万人次``, where the crawl
    lost the clause break), so URLs (``/wiki/工会?action``), emoticons (``好开心:)``), code
    (``print("你好")``), times and numbers keep their ASCII.  A parenthesis is
    widened only together with its partner, so pairs never come out mixed.
    """
    positions: list[int] = []
    has_paren = False
    for m in _MARK_RUN_RE.finditer(text):
        start, end = m.start(), m.end()
        before = _side_towards(text, start - 1, -1)
        after = _side_towards(text, end, 1)
        if before == _CJK and after == _NOT_CJK and end < len(text) and "0" <= text[end] <= "9":
            after = _SHARED
        if not before or not after or before + after < _SHARED + _CJK:
            continue
        if "?" in m.group() and _touches_suspicious(text, start, end):
            continue
        positions.extend(range(start, end))
        has_paren = has_paren or "(" in m.group() or ")" in m.group()
    if has_paren:
        positions = _pairs_whole(text, positions)
    if not positions:
        return []
    return line_fixes(text, _widen_at(text, positions), positions, "punctuation-width")


@functools.lru_cache(maxsize=4096)
def _side(ch: str) -> int:
    """How Chinese the neighbour ``ch`` of a mark is: not, shared punctuation, or Chinese."""
    if ch in CJK_ONLY_PUNCTUATION or HAN_RE.match(ch) is not None:
        return _CJK
    return _SHARED if ch in CJK_SHARED_PUNCTUATION else _NOT_CJK


#: How far past quote marks and dashes to look for the Chinese they belong to (``会”,“职``).
SHARED_LOOKAROUND = 3


def _side_towards(text: str, i: int, step: int) -> int:
    """:func:`_side` of ``text[i]``, or Chinese when it is a quote mark or dash leaning on a hanzi.

    Only a hanzi counts past the quote marks: a mark there may itself be widened in
    this pass, and judging by it would make a second pass decide differently.
    """
    if not 0 <= i < len(text):
        return _NOT_CJK
    side = _side(text[i])
    if side != _SHARED:
        return side
    for j in range(i + step, i + step * (SHARED_LOOKAROUND + 1), step):
        if not 0 <= j < len(text) or _side(text[j]) != _SHARED:
            return _CJK if 0 <= j < len(text) and HAN_RE.match(text[j]) else _SHARED
    return _SHARED


def _touches_suspicious(text: str, start: int, end: int) -> bool:
    """A ``?`` next to unrepaired mojibake stood for a lost byte, not a question: left as it is."""
    sus = suspicious_re()
    return any(sus.match(text, j) is not None for j in (start - 1, end) if 0 <= j < len(text))


def _pairs_whole(text: str, positions: list[int]) -> list[int]:
    """``positions`` without the parentheses whose partner (on the same line) is not widened."""
    chosen = set(positions)
    drop = set()
    stack: list[int] = []
    for m in _PAREN_OR_NEWLINE_RE.finditer(text):
        mark, i = m.group(), m.start()
        if mark == "(":
            stack.append(i)
        elif mark == ")":
            if stack:
                j = stack.pop()
                if (i in chosen) != (j in chosen):
                    drop.add(i if i in chosen else j)
        else:
            stack.clear()
    return [i for i in positions if i not in drop] if drop else positions


_PAREN_OR_NEWLINE_RE = regex.compile(r"[()\n]")


def _widen_at(text: str, positions: list[int]) -> str:
    chars = list(text)
    for i in positions:
        chars[i] = FULLWIDTH[text[i]]
    return "".join(chars)


def normalize_line_endings(text: str) -> list[Fix]:
    """``\\r\\n`` and ``\\r`` -> ``\\n``, one fix per run of line breaks.

    The pipeline sums these up in one repair: a CRLF page is no damage worth a
    record per line, and a page of a million line breaks must not cost a million.
    """
    if "\r" not in text:
        return []
    return [
        Fix(m.start(), m.end(), "\n" * m.group().count("\r"), "line-ending")
        for m in _CRLF_RUN_RE.finditer(text)
    ]


def normalize_spaces(text: str) -> list[Fix]:
    """NBSP and ideographic spaces -> space, one fix per run; zero-width characters a repair brought back removed."""
    fixes = [
        Fix(m.start(), m.end(), " " * (m.end() - m.start()), "space", note=_count_note(m.group()))
        for m in _ODD_SPACE_RUN_RE.finditer(text)
    ]
    zero_width = remove_zero_width(text)
    if zero_width:
        fixes = sorted(fixes + zero_width, key=lambda f: f.start)
    return fixes


def remove_zero_width(text: str) -> list[Fix]:
    """Zero-width characters removed, one fix per run.

    Runs before the mojibake step, which would otherwise read every invisible
    character as a symbol to explain.  A zero-width joiner alone between two
    pictographs is part of an emoji sequence (``👨 ZWJ 👩 ZWJ 👧``) and stays.
    """
    fixes = []
    for m in _ZERO_WIDTH_RUN_RE.finditer(text):
        run = m.group()
        if not (run == EMOJI_JOINER and _joins_emoji(text, m.start())):
            fixes.append(Fix(m.start(), m.end(), "", "zero-width", note=_count_note(run)))
    return fixes


def _joins_emoji(text: str, i: int) -> bool:
    return (
        0 < i < len(text) - 1
        and _PICTOGRAPH_RE.match(text, i - 1) is not None
        and _PICTOGRAPH_RE.match(text, i + 1) is not None
    )


def _count_note(run: str) -> str:
    return f"{len(run)} characters" if len(run) > 1 else ""


def mark_lost_symbols(text: str) -> list[Fix]:
    """A ``?`` standing alone between spaces in Chinese text is a symbol the page's encoding lost."""
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
