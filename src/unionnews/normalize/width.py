"""Punctuation width and symbols lost to ``?``.

The crawl turned full-width punctuation into ASCII.  Between Chinese characters
it is put back (``聚焦主责主业,倾听`` -> ``聚焦主责主业，倾听``); next to digits or
Latin text it stays as it is (``9:24``, ``(1012009003)``).
"""

from __future__ import annotations

import functools
import re

import regex

from unionnews.normalize.charsets import HAN_RE, suspicious_re
from unionnews.normalize.fix import Fix, run_line_fixes

FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
#: ``Copyright ? 2008``: a ``?`` that stood for a symbol the page's encoding lacked.
LOST_SYMBOL_RULES = (("(?i)(?<=copyright )\\?(?= )", "©", 0.9),)
#: Punctuation only Chinese text uses: a mark next to one of these (or a hanzi) is in Chinese.
CJK_ONLY_PUNCTUATION = "《》〈〉【】〖〗「」『』、。，：；！？（）"
#: Punctuation Chinese shares with other text: Chinese on one side only when the other is.
CJK_SHARED_PUNCTUATION = "“”‘’…—·"

#: A run of half-width marks; widened whole or not at all, judged by its two neighbours.
_MARK_RUN_RE = re.compile(r"[,:;!?()]+")
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
    mark), or a clause mark after a hanzi and before a digit or, past a space, a hanzi
    (``体系:500余万人次``, ``基础上, 2月4日``: the crawl lost the clause break), so URLs (``/wiki/工会?action``), emoticons (``好开心:)``), code
    (``print("你好")``), times and numbers keep their ASCII.  A parenthesis is
    widened only together with its partner, so pairs never come out mixed.
    """
    if not any(mark in text for mark in FULLWIDTH):
        return []
    found = [m for m in _RUN_RE.finditer(text) if m.lastindex or _widens(text, m)]
    runs = [m.span() for m in found]
    with_parens = [m.group() for m in found if m.lastindex != 1 and ("(" in m.group() or ")" in m.group())]
    if with_parens and not _every_paren_widened(text, with_parens):
        runs = _pairs_whole(text, runs)
    if not runs:
        return []
    return run_line_fixes(text, runs, FULLWIDTH, "punctuation-width")


#: The hanzi :func:`_plain_hanzi` accepts, as a class.
_PLAIN_HANZI = "\u3400-\u4dbf\u4e00-\u9fff"
#: Every maximal run of marks; a group matched when it has no ``?`` and a plain hanzi
#: on each side (:func:`_plain_hanzi`): such a run is widened, as :func:`_widens` would
#: decide, found in C without a call per run (group 1: no parenthesis in it).  The
#: leading look-ahead lets ``re`` skip to the next mark instead of trying the
#: look-behind at every character.
_RUN_RE = re.compile(
    f"(?=[,:;!?()])(?:(?<=[{_PLAIN_HANZI}])(?:([,:;!]+)|([,:;!()]+))(?=[{_PLAIN_HANZI}])|[,:;!?()]+)"
)


def _widens(text: str, m: re.Match[str]) -> bool:
    """The run of marks ``m`` is in Chinese text, judged by its two sides (see :func:`widen_cjk_punctuation`)."""
    start, end = m.span()
    before = _side_towards(text, start - 1, -1)
    if not before:
        return False
    run = m.group()
    paren = "(" in run or ")" in run
    after = _side_towards(text, end, 1)
    if before == _CJK and after == _NOT_CJK and not paren:
        after = _clause_follows(text, end)
    if not before or not after or before + after < _SHARED + _CJK:
        return False
    return not ("?" in run and _touches_suspicious(text, start, end))


def _plain_hanzi(ch: str) -> bool:
    """A hanzi of the main and extension A blocks, by comparison: most neighbours of a mark.

    A sufficient test for :func:`_side` being Chinese (every character there is
    script Han), without a call into ``regex`` or the cache.
    """
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


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


#: Spaces a crawl left after a clause mark (``基础上, 2月4日``) looked past, at most.
SPACES_AFTER_MARK = 2


def _clause_follows(text: str, i: int) -> int:
    """After a clause mark that follows a hanzi: Chinese when a hanzi or a digit comes next.

    ``体系:500余万人次``, ``基础上, 2月4日召开``: the crawl made the mark ASCII (and
    may have added a space).  Only hanzi and digits count, never a mark that this
    pass may widen itself, so a second pass decides alike.
    """
    j = i
    while j < len(text) and j - i < SPACES_AFTER_MARK and text[j] == " ":
        j += 1
    if j >= len(text):
        return _NOT_CJK
    ch = text[j]
    if "0" <= ch <= "9":
        return _SHARED
    return _CJK if j > i and HAN_RE.match(ch) is not None else _NOT_CJK


def _touches_suspicious(text: str, start: int, end: int) -> bool:
    """A ``?`` next to unrepaired mojibake stood for a lost byte, not a question: left as it is."""
    sus = suspicious_re()
    return any(sus.match(text, j) is not None for j in (start - 1, end) if 0 <= j < len(text))


def _every_paren_widened(text: str, with_parens: list[str]) -> bool:
    """Every parenthesis of ``text`` is in a run being widened (``with_parens``), so its partner is too.

    :func:`_pairs_whole` then drops nothing: it only drops runs with a parenthesis
    whose partner is not widened, and counting is cheaper than pairing.
    """
    widened = sum(run.count("(") + run.count(")") for run in with_parens)
    return widened == text.count("(") + text.count(")")


def _pairs_whole(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``runs`` without those holding a parenthesis whose partner (same line) is not widened.

    Dropping a run can strand the partner of another parenthesis in it, so drops
    propagate (a worklist: each run is dropped at most once, linear time).
    """
    run_at = {i: k for k, (start, end) in enumerate(runs) for i in range(start, end) if text[i] in "()"}
    partner: dict[int, int] = {}
    unmatched_partner: list[int] = []
    stack: list[int] = []
    for m in _PAREN_OR_NEWLINE_RE.finditer(text):
        mark, i = m.group(), m.start()
        if mark == "(":
            stack.append(i)
        elif mark == ")":
            if stack:
                j = stack.pop()
                partner[i], partner[j] = j, i
                for a, b in ((i, j), (j, i)):
                    if a in run_at and b not in run_at:
                        unmatched_partner.append(run_at[a])
        else:
            stack.clear()
    dropped: set[int] = set()
    work = unmatched_partner
    while work:
        k = work.pop()
        if k in dropped:
            continue
        dropped.add(k)
        start, end = runs[k]
        work.extend(run_at[partner[i]] for i in range(start, end) if i in partner and partner[i] in run_at)
    return [run for k, run in enumerate(runs) if k not in dropped] if dropped else runs


_PAREN_OR_NEWLINE_RE = re.compile(r"[()\n]")


def _widen_at(text: str, positions: list[int]) -> str:
    """``text`` with the marks at ``positions`` (sorted) made full-width, by slices."""
    parts = []
    pos = 0
    for i in positions:
        parts.append(text[pos:i])
        parts.append(FULLWIDTH[text[i]])
        pos = i + 1
    parts.append(text[pos:])
    return "".join(parts)


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
