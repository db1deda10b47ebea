"""Fourth round of extraction fast paths: each gives exactly what the slow path gives."""

from __future__ import annotations

import re
import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.extract import dates, engines, initiatives, meetings, metadata, statistics
from unionnews.lexicon import HOLD_VERBS

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
names = st.lists(st.sampled_from((*_WORDS, *"职工之家金秋助学十件、")), max_size=8).map("".join)


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
meeting_texts = st.lists(st.sampled_from(_MEETING_PIECES), max_size=20).map("".join)


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
bmp_count_texts = st.lists(st.sampled_from(_BMP_COUNT_PIECES), max_size=30).map("".join)
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
name_texts = st.lists(st.sampled_from(_NAME_PIECES), max_size=14).map("".join)


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
opening_texts = st.lists(st.sampled_from(_OPENING_PIECES), max_size=16).map("".join)


@settings(max_examples=1500)
@given(opening_texts)
def test_opening_outlet_prefilters_hold_wherever_their_patterns_match(text: str) -> None:
    if metadata.VIA_MESSAGE_RE.match(text):
        assert text.startswith(metadata.VIA_STARTS)
    if metadata.DATELINE_OUTLET_RE.match(text):
        assert metadata._DATELINE_WORD_RE.search(text)
    if metadata.PAPER_OPENING_RE.match(text):
        assert text.startswith("《")


_DATE_PIECES = (*"0123456789〇一二三十年月日号-/. :：，", "2023", "10", "同日")
date_texts = st.lists(st.sampled_from(_DATE_PIECES), max_size=20).map("".join)


@settings(max_examples=1500)
@given(date_texts)
def test_date_patterns_need_a_separator_or_a_month(text: str) -> None:
    if dates.ABSOLUTE_RE.search(text):
        assert dates._DATE_SEPARATOR_RE.search(text)
    if dates.CHINESE_DATE_RE.search(text):
        assert "月" in text
