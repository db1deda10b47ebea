"""Second round of extraction fast paths: each gives exactly what the slow path gives."""

from __future__ import annotations

import re
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews import document, segment
from unionnews.document import SENTENCE_END_RE
from unionnews.extract import dates, initiatives, meetings, organizers, people, statistics
from unionnews.layout_rules import FURNITURE_CUE_NEEDS, FURNITURE_CUES
from unionnews.lexicon import FURNITURE_NEEDS, FURNITURE_PATTERNS, ROLE_WORDS
from unionnews.segment import LineTest, plain_strings

#: Pieces of counts and non-counts: digits (ASCII, full-width, a digit outside the BMP), numerals,
#: big units, separators, measure words and the characters that stop a count.
_COUNT_PIECES = (
    *"0123456789０５\U00011f52一二两三十百千万亿零点多余,.:：—-～至到第年月日%《》“”，。、",
    *statistics.MEASURES[:40],
    "以上",
    "以下",
    "左右",
    "职工",
)
count_texts = st.lists(st.sampled_from(_COUNT_PIECES), max_size=30).map("".join)


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=500)
@given(count_texts)
def test_count_shape_first_finds_what_the_full_pattern_finds(text: str) -> None:
    assert _found(statistics.stat_matches(text)) == _found(statistics.STAT_RE.finditer(text))


def test_count_shape_counts_every_regex_digit_as_a_digit() -> None:
    """The shape scan uses ``re``: every character ``regex`` reads as ``\\d`` must start a shape."""
    regex_digit = regex.compile(r"\d")
    shape_start = re.compile(statistics._NUMBER_START)
    missed = [
        c for c in map(chr, range(sys.maxunicode + 1)) if regex_digit.match(c) and not shape_start.match(c)
    ]
    assert missed == []


def test_count_shape_sees_the_character_before_its_start() -> None:
    """``STAT_RE.match`` at a shape's start still looks behind it (clock colon, range dash)."""
    assert [m["num"] for m in statistics.stat_matches("9:30,120名职工")] == ["120"]
    assert [m["num"] for m in statistics.stat_matches("30-45名职工")] == []


_GATED = {**FURNITURE_NEEDS, **FURNITURE_CUE_NEEDS}
#: Pieces of furniture-like lines: every needed string, their neighbours in the patterns, prose.
_LINE_PIECES = (
    *{n for needs in _GATED.values() for n in needs},
    *"首页工会新闻正文 \t>›»|｜•·-：:！!请您需要注册账号光临访问电子数字报版阅读器平台",
    "Copyright",
    "COPYRIGHT",
    "All Rights Reserved",
    "ICP备",
    "市总工会召开会议。",
)
line_texts = st.lists(st.sampled_from(_LINE_PIECES), max_size=14).map("".join)


@settings(max_examples=500)
@given(line_texts)
def test_a_gated_pattern_matches_only_lines_holding_one_of_its_needs(line: str) -> None:
    for pattern, needs in _GATED.items():
        if regex.search(pattern, line):
            assert any(n in line for n in needs), (pattern, line)


def test_case_blind_needs_list_every_case_of_their_first_letters() -> None:
    """``(?i)copyright|…``: each branch is a need itself, or every case ``regex`` matches of its first letter is."""
    pattern, needs = next((p, n) for p, n in FURNITURE_NEEDS.items() if p.startswith("(?i)"))
    for branch in pattern[4:].split("|"):
        if branch in needs:
            continue
        first = regex.compile(f"(?i){regex.escape(branch[0])}")
        cased = {c for c in map(chr, range(sys.maxunicode + 1)) if first.fullmatch(c)}
        assert cased <= set(needs), branch


_TABLES = (
    (FURNITURE_PATTERNS, LineTest.of(FURNITURE_PATTERNS, FURNITURE_NEEDS)),
    (FURNITURE_CUES, LineTest.of(FURNITURE_CUES, FURNITURE_CUE_NEEDS)),
)


@settings(max_examples=300)
@given(line_texts)
def test_line_test_agrees_with_the_patterns_one_by_one(line: str) -> None:
    for table, test in _TABLES:
        assert test(line) == any(regex.search(p, line) for p in table)


def test_line_test_with_every_pattern_gated_or_none() -> None:
    """A side with no pattern answers no (an empty alternation would match every line)."""
    gated_only = LineTest.of((r"^首页\s*>", "版权所有"), {r"^首页\s*>": (">",), "版权所有": ("版权所有",)})
    assert gated_only("首页 > 新闻") and gated_only("某网 版权所有")
    assert not gated_only("市总工会召开会议。")
    plain_only = LineTest.of((r"^分享$",), {})
    assert plain_only("分享") and not plain_only("市总工会召开会议。")


#: Pieces of meeting, date and credit sentences.
_STORY_PIECES = (
    *meetings._PLACED_ACTIVITIES,
    *meetings._REPORT_WORDS,
    *(w for w, _ in dates.RELATIVE_WORDS),
    *(w for w, _ in ROLE_WORDS),
    *"在于市总工会职工技能广场，。：: \t\u3000\u2003记者王方",
    "劳动竞赛",
    "日前在",
)
story_texts = st.lists(st.sampled_from(_STORY_PIECES), max_size=20).map("".join)


@settings(max_examples=500)
@given(story_texts)
def test_activity_at_place_needs_an_activity_word_before_zai(text: str) -> None:
    if meetings._ACTIVITY_AT_PLACE_RE.search(text):
        assert meetings._ACTIVITY_AT_RE.search(text)


@settings(max_examples=300)
@given(story_texts)
def test_plain_string_patterns_find_what_regex_finds(text: str) -> None:
    for fast in (meetings._REPORT_RE, dates._RELATIVE_RE):
        slow = regex.compile(fast.pattern)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


@settings(max_examples=500)
@given(story_texts)
def test_a_dangling_role_label_ends_its_line_with_a_colon(text: str) -> None:
    if people.DANGLING_ROLE_RE.search(text):
        assert people._may_dangle(text)


def test_rstrip_cuts_every_regex_space() -> None:
    """``_may_dangle`` relies on it: ``regex``'s ``\\s`` is all ``str.isspace``."""
    space = regex.compile(r"\s")
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if space.match(c) and not c.isspace()] == []


@settings(max_examples=500)
@given(st.text(alphabet="。！？；\n 　会议召开a1“”", max_size=30))
def test_sentence_split_finds_what_regex_finds(text: str) -> None:
    slow = regex.compile(SENTENCE_END_RE.pattern)
    assert [m.span() for m in SENTENCE_END_RE.finditer(text)] == [m.span() for m in slow.finditer(text)]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(("工会", "总工会", "会", "最美", "“", "a", "")), max_size=5), story_texts)
def test_plain_strings_find_what_a_regex_alternation_finds(words: list[str], text: str) -> None:
    found = plain_strings(words).search(text)
    assert (found is not None) == any(w in text for w in words)
    if not words:
        assert found is None
    else:
        slow = regex.compile("|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True)))
        assert (found and found.span()) == ((m := slow.search(text)) and m.span())


def _plain_patterns() -> dict[str, re.Pattern[str]]:
    """Module-level standard-library patterns of the extractors (the count-shape scan is tested above)."""
    found = {}
    for module in (dates, initiatives, meetings, organizers, people, statistics, document):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and value is not statistics._COUNT_SHAPE_RE:
                found[f"{module.__name__}.{name}"] = value
    return found


_PLAIN = _plain_patterns()
#: Pieces of text for them: the runs of non-ASCII characters their patterns are written with.
_PLAIN_PIECES = tuple(
    sorted(
        {w for p in _PLAIN.values() for w in regex.findall(r"[^\x00-\x7f]+", p.pattern)}
        | {c for p in _PLAIN.values() for c in p.pattern if not c.isascii()}
        | set(",:()（）\n 工会召开会议，。")
    )
)
plain_texts = st.lists(st.sampled_from(_PLAIN_PIECES), max_size=16).map("".join)


def test_plain_patterns_use_no_class_that_differs_between_engines() -> None:
    for name, pattern in _PLAIN.items():
        assert not regex.search(r"\\[sSdDwWbBpP]|\(\?[aiLmsux]", pattern.pattern), name


@settings(max_examples=400)
@given(plain_texts, st.integers(0, 40), st.integers(0, 40))
def test_plain_patterns_find_what_regex_finds(text: str, pos: int, length: int) -> None:
    endpos = pos + length  # searched slices are never reversed
    for name, fast in _PLAIN.items():
        slow = regex.compile(fast.pattern)
        got = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in slow.finditer(text)], name
        a, b = fast.search(text, pos, endpos), slow.search(text, pos, endpos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), name
        assert fast.split(text) == slow.split(text), name


_LEAD_PIECES = (
    *"电讯消息月日年号012345（(【 ，、上午同日记者本报北京市总工会召开",
    "5月8日",
    "2024年",
    "消息",
)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_LEAD_PIECES), max_size=20).map("".join))
def test_guarded_lead_pattern_matches_as_unguarded(text: str) -> None:
    unguarded = regex.compile(organizers.LEAD_RE.pattern.replace(organizers._DATELINE_GUARD, ""))
    assert unguarded.pattern != organizers.LEAD_RE.pattern
    m, u = organizers.LEAD_RE.match(text), unguarded.match(text)
    assert (m and m.span()) == (u and u.span())


_DATE_LINE_PIECES = (
    *"2024-03/.年月日 :：〇二三十【】发布时间日期",
    "工人日报",
    "10:20",
    "2024",
    "03",
    "星期六",
)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_DATE_LINE_PIECES), max_size=16).map("".join))
def test_date_line_prefilters_skip_no_date_line(line: str) -> None:
    assert segment.starts_with_date(line) == (segment.DATE_LINE_RE.match(line) is not None)
    labelled = segment.LABELLED_DATE_RE.search(line) is not None and len(line) < 80
    assert segment.is_dateline(line) == (segment.DATE_LINE_RE.match(line) is not None or labelled)


_META_PIECES = (
    *"：:版第 A12/／",
    "记者",
    "通讯员",
    "实习生",
    "来源",
    "发布时间",
    "阅读次数",
    "王方",
    "工人日报",
    "2024",
)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_META_PIECES), max_size=12).map("".join))
def test_meta_and_byline_prefilters_skip_no_match(line: str) -> None:
    assert segment._has_meta_field(line) == (segment.META_LINE_RE.search(line) is not None)
    if segment.BYLINE_RE.search(line):
        assert segment._BYLINE_NEEDS_RE.search(line)
