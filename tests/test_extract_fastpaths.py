"""Extraction fast paths: each gives exactly what the slow path gives."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews import document, segment
from unionnews.document import SENTENCE_END_RE
from unionnews.extract import dates, engines, initiatives, meetings, metadata, organizers, people, statistics
from unionnews.layout_rules import FURNITURE_CUE_NEEDS, FURNITURE_CUES
from unionnews.lexicon import FURNITURE_NEEDS, FURNITURE_PATTERNS, HOLD_VERBS, ROLE_WORDS
from unionnews.segment import LineTest, plain_strings


def joined(pieces: Sequence[str], max_size: int) -> st.SearchStrategy[str]:
    """Texts made of up to ``max_size`` of ``pieces``, in any order."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


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
count_texts = joined(_COUNT_PIECES, 30)


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
line_texts = joined(_LINE_PIECES, 14)


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
story_texts = joined(_STORY_PIECES, 20)


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
plain_texts = joined(_PLAIN_PIECES, 16)


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
@given(joined(_LEAD_PIECES, 20))
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
@given(joined(_DATE_LINE_PIECES, 16))
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
@given(joined(_META_PIECES, 12))
def test_meta_and_byline_prefilters_skip_no_match(line: str) -> None:
    assert segment._has_meta_field(line) == (segment.META_LINE_RE.search(line) is not None)
    if segment.BYLINE_RE.search(line):
        assert segment._BYLINE_NEEDS_RE.search(line)


# The publication date from find_dates, and the organisation search near a union word.

#: Pieces of dates and near-dates: numeric and Chinese dates, valid and not, clocks, separators.
_DATE_PIECES = (
    *"0123456789〇零一二三十年月日号-/.:： ，。",
    "2023",
    "2023-02-30",
    "2024-06-01 18:22",
    "2024/6/1",
    "二〇二三年",
    "十月十八日",
    "2023年2月30日",
    "2023年10月18日09:24:40",
    "12月4日",
    "同日",
    "昨天",
)
date_texts = joined(_DATE_PIECES, 25)


def _first_full_date(text: str) -> str | None:
    """The definition: the first dated mention find_dates gives with a full date."""
    for mention in dates.find_dates(text, None):
        if mention.precision in ("day", "minute", "second") and mention.value and not mention.relative:
            return mention.value
    return None


@settings(max_examples=1500)
@given(date_texts)
def test_parse_published_gives_the_first_full_date_of_find_dates(text: str) -> None:
    assert dates.parse_published(text) == _first_full_date(text)


def test_parse_published_prefers_an_earlier_chinese_date_and_skips_an_overlapping_one() -> None:
    assert dates.parse_published("发布于2023年5月6日，更新2024-01-02 10:00") == "2023-05-06"
    assert dates.parse_published("更新2024-01-02 10:00，发布于2023年5月6日") == "2024-01-02T10:00"
    assert dates.parse_published("5月6日至2024-01-02") == "2024-01-02"
    assert dates.parse_published("2024-02-30，2023年5月6日") == "2023-05-06"


_ORG_PIECES = (
    *"市县区省总工会联合会职工了在，。 、a1",
    "总工会",
    "工会",
    "联合会",
    "省总",
    "市总",
    "县总",
    "郑州市",
)
org_lines = joined(_ORG_PIECES, 40)


@settings(max_examples=1500)
@given(org_lines)
def test_organization_in_finds_what_the_full_search_finds(line: str) -> None:
    m = initiatives.ORG_IN_SENTENCE_RE.search(line)
    assert initiatives._organization_in.__wrapped__(line) == (m.group(1) if m else None)


def test_organization_in_reads_a_union_far_into_a_line() -> None:
    line = "活动现场，" * 30 + "区总工会发起了这项行动"
    assert initiatives._organization_in.__wrapped__(line) == "区总工会"


# Trigger endings by lookup, gates before anchored patterns, and the standard-library twins of heavy patterns.

#: Trigger-like words of one to four characters, and the empty word, in any order.
_WORDS = (
    "",
    "年",
    "课",
    "行动",
    "工程",
    "实事",
    "平台",
    "品牌",
    "项目",
    "建设工程",
    "服务平台",
    "惠工程",
    "程",
)
words_lists = st.lists(st.sampled_from(_WORDS), max_size=12).map(tuple)
names = joined((*_WORDS, *"职工之家金秋助学十件、"), 8)


def _ends_with_by_scan(name: str, triggers: tuple[str, ...]) -> str | None:
    """The definition: the first trigger, in list order, that the name ends with and is longer than."""
    return next((t for t in triggers if name.endswith(t) and len(name) > len(t)), None)


@settings(max_examples=1000)
@given(names, words_lists)
def test_ending_lookup_gives_the_first_trigger_a_scan_gives(name: str, triggers: tuple[str, ...]) -> None:
    assert initiatives._ends_with(name, initiatives._endings(triggers)) == _ends_with_by_scan(name, triggers)


def test_ending_lookup_prefers_list_order_over_length() -> None:
    assert initiatives._ends_with("职工之家建设工程", initiatives._endings(("工程", "建设工程"))) == "工程"
    assert (
        initiatives._ends_with("职工之家建设工程", initiatives._endings(("建设工程", "工程"))) == "建设工程"
    )
    assert initiatives._ends_with("工程", initiatives._endings(("工程",))) is None


def _trigger_by_regex(head: str, triggers: tuple[str, ...]) -> str | None:
    """The trigger search as it was: a ``regex`` alternation, longest first."""
    pattern = regex.compile("|".join(regex.escape(t) for t in sorted(set(triggers), key=len, reverse=True)))
    for m in pattern.finditer(head):
        if len(m.group()) > 1 or m.start() == 0:
            return m.group()
    return None


@settings(max_examples=1000)
@given(names, words_lists)
def test_trigger_search_with_plain_strings_finds_what_regex_finds(
    head: str, triggers: tuple[str, ...]
) -> None:
    found = initiatives._trigger_in(head, initiatives._trigger_re(triggers))
    assert found == _trigger_by_regex(head, triggers)


_MEETING_PIECES = (
    *HOLD_VERBS,
    *"市总工会在召开举行办了会议座谈日号月精神学习传达大第十一，。",
    "代表大会",
    "12",
)
meeting_texts = joined(_MEETING_PIECES, 20)


@settings(max_examples=1000)
@given(meeting_texts)
def test_texts_without_a_holding_verb_have_no_hold_match(text: str) -> None:
    if meetings.HOLD_RE.search(text) is not None:
        assert meetings._may_hold(text)


@settings(max_examples=1000)
@given(meeting_texts)
def test_texts_without_jingshen_are_no_follow_up(text: str) -> None:
    if meetings.FOLLOW_UP_RE.search(text) is not None:
        assert meetings._may_follow_up(text)


@settings(max_examples=1000)
@given(meeting_texts)
def test_day_only_dates_need_a_day_mark(text: str) -> None:
    if meetings.DAY_ONLY_RE.search(text) is not None:
        assert "日" in text or "号" in text


def test_follow_up_and_holding_verb_gates_on_written_sentences() -> None:
    follow_up = "全市各级工会认真学习传达省第十一次代表大会精神。"
    assert meetings.FOLLOW_UP_RE.search(follow_up) and meetings._may_follow_up(follow_up)
    held = "市总工会召开十届四次全委会议。"
    assert meetings.HOLD_RE.search(held) and meetings._may_hold(held)
    assert not meetings._may_hold("会议在市职工文化中心开幕。")


#: Pieces of counts and non-counts inside the BMP: digits (ASCII, full-width, Arabic-Indic), numerals,
#: big units, separators, measure words and the characters that stop a count.
_BMP_COUNT_PIECES = (
    *"0123456789０５٣一二两三十百千万亿零点多余,.:：—-～~至到第年月日%《》“”，。、 ",
    *statistics.MEASURES,
    "以上",
    "职工",
)
bmp_count_texts = joined(_BMP_COUNT_PIECES, 30)
needs_possessive_re = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="re has possessive quantifiers from 3.11"
)


def _matches(pattern: re.Pattern[str] | regex.Pattern[str], text: str, pos: int) -> object:
    m = pattern.match(text, pos)
    return m and (m.span(), m.groups())


@needs_possessive_re
@settings(max_examples=1000)
@given(bmp_count_texts, st.integers(0, 40))
def test_standard_count_pattern_matches_as_regex_inside_the_bmp(text: str, pos: int) -> None:
    fast = engines.standard_twin(statistics.STAT_RE)
    assert fast is not None
    assert _matches(fast, text, pos) == _matches(statistics.STAT_RE, text, pos)
    assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
        (m.span(), m.groups()) for m in statistics.STAT_RE.finditer(text)
    ]


@needs_possessive_re
def test_text_outside_the_bmp_is_read_with_regex() -> None:
    assert engines.for_text(statistics.STAT_RE, "共有\U00011f52\U00011f53名职工") is statistics.STAT_RE
    assert engines.for_text(statistics.STAT_RE, "职工😀共有12名") is statistics.STAT_RE
    expected = statistics.STAT_RE if sys.version_info < (3, 11) else engines.standard_twin(statistics.STAT_RE)
    assert engines.for_text(statistics.STAT_RE, "共有12名职工") is expected


def test_counts_read_by_either_engine_see_what_stands_before_them() -> None:
    assert [m["num"] for m in statistics.stat_matches("9:30,120名职工")] == ["120"]
    assert [m["num"] for m in statistics.stat_matches("30-45名职工，三千五百万元")] == ["三千五百"]
    assert [m["num"] for m in statistics.stat_matches("30-45名职工😀")] == []


#: Pieces of quoted names and the text around them: Han, spaces of several kinds, newlines, years, studios.
_NAME_PIECES = (
    *"职工书屋金秋助学李明等一二三十0123456789年·、和与及 \u3000\t\n\xa0\x1c",
    "工作室",
    "劳模创新",
    "2023",
    "情暖劳动者",
    "喜迎新春",
)
name_texts = joined(_NAME_PIECES, 14)


@settings(max_examples=1500)
@given(name_texts)
def test_initiative_prefilters_hold_wherever_their_patterns_match(text: str) -> None:
    if initiatives.COUNTED_GROUP_RE.match(text):
        assert text.startswith("等")
    if initiatives.MOTTO_RE.match(text):
        assert initiatives._may_be_motto(text)
    if initiatives.YEAR_TITLE_RE.match(text):
        assert text[4:5] == "年"
    if initiatives.PERSONAL_RE.match(text):
        assert text.endswith(initiatives._STUDIO_ENDINGS)
    if initiatives.INNER_GAP_RE.match(text):
        assert len(text) <= initiatives._INNER_GAP_MAX
    if initiatives.GROUP_GAP_RE.match(text):
        assert len(text) <= initiatives._GROUP_GAP_MAX


def test_motto_prefilter_sees_every_regex_space() -> None:
    spaces = regex.findall(r"\s", "".join(map(chr, range(0x10000))))
    assert spaces and all(initiatives._may_be_motto(f"情暖劳动者{c}喜迎新春") for c in spaces)


def test_initiative_prefilters_on_written_names() -> None:
    assert initiatives.MOTTO_RE.match("情暖劳动者\u3000喜迎新春") and initiatives._may_be_motto(
        "情暖劳动者\u3000喜迎新春"
    )
    assert not initiatives._may_be_motto("职工书屋")
    assert initiatives.GROUP_GAP_RE.match("、县级\n") and len("、县级\n") <= initiatives._GROUP_GAP_MAX
    assert initiatives.PERSONAL_RE.match("李明劳模创新工作室\n")


_OPENING_PIECES = (
    *"据（(《》讯电消息本报日月0123 ，。记者王明",
    "人民日报",
    "湖北日报",
    "总工会官方微博",
    "新华社北京",
)
opening_texts = joined(_OPENING_PIECES, 16)


@settings(max_examples=1500)
@given(opening_texts)
def test_opening_outlet_prefilters_hold_wherever_their_patterns_match(text: str) -> None:
    if metadata.VIA_MESSAGE_RE.match(text):
        assert text.startswith(metadata.VIA_STARTS)
    if metadata.DATELINE_OUTLET_RE.match(text):
        assert metadata._DATELINE_WORD_RE.search(text)
    if metadata.PAPER_OPENING_RE.match(text):
        assert text.startswith("《")


_SEPARATOR_DATE_PIECES = (*"0123456789〇一二三十年月日号-/. :：，", "2023", "10", "同日")
separator_date_texts = joined(_SEPARATOR_DATE_PIECES, 20)


@settings(max_examples=1500)
@given(separator_date_texts)
def test_date_patterns_need_a_separator_or_a_month(text: str) -> None:
    if dates.ABSOLUTE_RE.search(text):
        assert dates._DATE_SEPARATOR_RE.search(text)
    if dates.CHINESE_DATE_RE.search(text):
        assert "月" in text
