"""Quantities the story claims: ``3.77万名`` -> 37700 名, ``840余万人`` -> 8400000 人 (approx).

A statistic is a number followed by a measure word.  Not statistics: dates, years
and times (``年/月/日`` follow), ordinals (``第``), anniversaries (``周年``),
percentages, numbers inside quoted names, phone and licence numbers, ``一`` alone
(an article, not a count) and reduplicated measures (``一场场``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

import regex

from unionnews.document import Document, Sentence
from unionnews.extract.engines import for_text
from unionnews.extract.numerals import CHINESE_NUMBER_CHARS, NumeralError, read_number
from unionnews.extract.wordlists import load_words
from unionnews.lexicon import MEASURE_WORDS
from unionnews.models import Event, Span, Statistic

APPROX_BEFORE = ("近", "约", "超过", "超", "逾", "达", "至少", "大约", "将近", "共", "累计")
APPROX_BEFORE_TRUE = ("近", "约", "超过", "超", "逾", "至少", "大约", "将近", "不少于", "不低于", "不下")
APPROX_AFTER = ("多", "余", "以上", "左右", "几", "来")
#: Measure words: the lexicon's and ``data/measure_words.txt``, less sizes and distances.
MEASURES = tuple(
    m
    for m in dict.fromkeys((*MEASURE_WORDS, *load_words("measure_words")))
    if m != "余" and m not in load_words("not_measurements")
)
_MEASURES = "|".join(sorted(MEASURES, key=len, reverse=True))
_SMALL = "".join(c for c in CHINESE_NUMBER_CHARS if c not in "万亿")
#: One part of a number: Arabic (``1,200``, ``3.5``) or Chinese below 万 (``三千五``, ``零点五``).
_PART = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d++(?:\.\d++)?|[{_SMALL}](?:[{_SMALL}]|点(?=[{_SMALL}]))*+)"
#: A number never starts just after a digit, a point, a clock colon (``9:30,120名`` is 120) or a range dash.
#: The two look-behinds stand apart (each of one width) so the standard library compiles the pattern too
#: (:func:`~unionnews.extract.engines.for_text`: a match costs half).
STAT_RE = regex.compile(
    rf"(?=[\d{_SMALL}])(?<![\d.{_SMALL}])(?<!\d[:：—\-～~至到])(?P<num>{_PART}(?:[万亿]++{_PART})*+)"
    rf"(?P<big>[万亿]*)(?P<approx>多|余)?(?P<big2>[万亿]*)"
    rf"(?P<unit>{_MEASURES})"
)
#: STAT_RE's groups by number: ``regex`` looks a group up by name several times slower.
_NUM, _BIG, _APPROX, _BIG2, _UNIT = (STAT_RE.groupindex[g] for g in ("num", "big", "approx", "big2", "unit"))
#: What starts a number of :data:`STAT_RE`, for the standard library's ``re``: its ``\d`` is ``regex``'s
#: less the digits of scripts too new for Python's Unicode tables, all outside the BMP, so every character
#: outside the BMP counts as a digit here.
_NUMBER_START = rf"[\d{_SMALL}\U00010000-\U0010FFFF]"
#: What follows in a number: more digits and numerals, 万/亿, separators, 多/余.
_NUMBER_REST = rf"[\d{_SMALL}万亿多余点,.\U00010000-\U0010FFFF]"
#: A necessary condition for :data:`STAT_RE` at a position: a number, then the first character of a
#: measure word.  The standard library scans this several times faster than ``regex`` scans STAT_RE.
_COUNT_SHAPE_RE = re.compile(
    rf"{_NUMBER_START}{_NUMBER_REST}*[{re.escape(''.join(sorted({m[0] for m in MEASURES})))}]"
)
#: ``五项全能``: fixed phrases that open with a number and count nothing.
FIXED_COMPOUNDS = load_words("fixed_compounds")
VAGUE_MAGNITUDES = ("十", "百", "千", "万", "亿", "百万", "千万", "亿万", "万千")
NOT_AFTER = ("年", "月", "日", "周年", "%", "％", "号", "时", "分", "岁", "倍", "大")
#: The signs of :data:`NOT_AFTER` that end a percentage: the number is a rate, not a count.
_PERCENT_AFTER = tuple(w for w in NOT_AFTER if w in ("%", "％"))
# Patterns of plain characters and classes (no \s, \d, \w or \p) use ``re``: the same matches, faster.
QUOTE_RE = re.compile(r"“[^“”]*”|《[^《》]*》")
SUBJECT_RE = re.compile(r"^[^，。；、]{0,20}?(?=[，。；、]|$)")


#: Characters after a number searched for its subject: one more than fits, so ``$`` means the real end.
_SUBJECT_REACH = 22


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` falls in one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]


def extract_statistics(document: Document) -> list[Event]:
    """Counted quantities of the body, and of the headline when the body does not repeat them."""
    body = _statistics(document.sentences("body"))
    seen = {(s.value, s.unit) for s in body if isinstance(s, Statistic)}
    head = [
        s
        for s in _statistics(document.sentences("headline"))
        if not (isinstance(s, Statistic) and (s.value, s.unit) in seen)
    ]
    return head + body


def _statistics(sentences: Iterable[Sentence]) -> list[Event]:
    out: list[Event] = []
    for sentence in sentences:
        text = sentence.text
        quoted: list[tuple[int, int]] | None = None
        quote_starts: list[int] = []
        for m in stat_matches(text):
            if quoted is None:  # found only for sentences with a number, most have none
                quoted = [(q.start(), q.end()) for q in QUOTE_RE.finditer(text)]
                quote_starts = [a for a, _ in quoted]
            if _inside(quoted, quote_starts, m.start()) or not _is_count(text, m):
                continue
            try:
                base = read_number(m[_NUM] + m[_BIG] + m[_BIG2])
            except NumeralError:
                continue
            prefix = text[max(0, m.start() - 3) : m.start()]
            approx = (
                bool(m[_APPROX])
                or text[m.end() : m.end() + 2].startswith(("以上", "左右", "多"))
                or prefix.endswith(APPROX_BEFORE_TRUE)
            )
            subject = SUBJECT_RE.match(text[m.end() : m.end() + _SUBJECT_REACH])
            out.append(
                Statistic(
                    value=base,
                    unit=m[_UNIT],
                    text=m.group(),
                    approx=approx,
                    subject=(subject.group().lstrip("的") or None) if subject else None,
                    predicate=_predicate(text, m.start()),
                    evidence=Span(sentence.start + m.start(), sentence.start + m.end(), -1, -1),
                    extractor="builtin.statistics",
                    confidence=0.7,
                )
            )
    return out


def stat_matches(text: str) -> Iterator[re.Match[str] | regex.Match[str]]:
    """``STAT_RE.finditer(text)``, trying the full pattern only where a count's shape starts.

    Every match of :data:`STAT_RE` starts where :data:`_COUNT_SHAPE_RE` finds one (the shape is the
    match's own characters, less its other conditions), so searching the shape first skips only
    positions the full pattern would reject.
    """
    pos = 0
    pattern = None
    while (shape := _COUNT_SHAPE_RE.search(text, pos)) is not None:
        pattern = pattern or for_text(STAT_RE, text)
        m = pattern.match(text, shape.start())
        if m is None:
            pos = shape.start() + 1
        else:
            yield m
            pos = m.end()


def _is_count(text: str, m: re.Match[str] | regex.Match[str]) -> bool:
    """Whether a match counts something (see the module's list of what is not a statistic)."""
    start, end = m.span()
    num, big, unit = m.group(_NUM, _BIG, _UNIT)
    before = text[start - 1] if start else ""
    if before and (before == "第" or before.isdigit() or before in ".-/:"):
        return False  # at the very start of a sentence there is nothing before
    if text.startswith(FIXED_COMPOUNDS, start):
        return False
    if text.startswith("以下", end) or (
        text.startswith("以上", end) and text[max(0, start - 2) : start] in ("以上", "以下")
    ):
        return False  # ``百人以下25人以上``: a size bound, not a count
    if num in ("一", "两") and not big:
        return False
    if num in VAGUE_MAGNITUDES:
        return False  # 百名劳模, 千家企业, 亿万职工: a magnitude, not a count
    after = text[end : end + 1]
    if after == unit[-1] or after in ("月", "年", "天"):
        return False  # 一场场, 一个多月
    if not big and num.isdigit() and len(num) >= 7:
        return False  # phone and record numbers
    if not big and num[-1] in CHINESE_NUMBER_CHARS and after == "大":
        return False
    return not text.startswith(_PERCENT_AFTER, end)


#: A verb before a number, at most 12 characters before it (``覆盖全省…``).
_PREDICATE_RE = re.compile(r"(为|向|有|达|共|累计|覆盖|惠及|建成|培育|选树|共建|推动建设)[^，。；]{0,12}$")
_PREDICATE_REACH = 20


def _predicate(text: str, start: int) -> str | None:
    """The verb phrase just before the number (``赠送意外伤害保险`` comes after: kept simple)."""
    m = _PREDICATE_RE.search(text[max(start - _PREDICATE_REACH, 0) : start])
    return m.group().strip() if m else None
