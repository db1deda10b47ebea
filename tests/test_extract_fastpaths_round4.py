"""Fourth round of extraction fast paths: each gives exactly what the slow path gives."""

from __future__ import annotations

import re
import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.extract import initiatives, meetings, statistics
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
    fast = statistics.standard_stat_re()
    assert fast is not None
    assert _matches(fast, text, pos) == _matches(statistics.STAT_RE, text, pos)
    assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
        (m.span(), m.groups()) for m in statistics.STAT_RE.finditer(text)
    ]


@needs_possessive_re
def test_both_engines_read_every_bmp_character_alike_as_a_digit() -> None:
    """Why the standard-library pattern may read any text without characters outside the BMP."""
    fast, slow = re.compile(r"\d"), regex.compile(r"\d")
    assert [c for c in map(chr, range(0x10000)) if bool(fast.match(c)) != bool(slow.match(c))] == []


def test_text_outside_the_bmp_is_read_with_regex() -> None:
    assert statistics._stat_pattern("共有\U00011f52\U00011f53名职工") is statistics.STAT_RE
    assert statistics._stat_pattern("职工😀共有12名") is statistics.STAT_RE
    expected = statistics.STAT_RE if sys.version_info < (3, 11) else statistics.standard_stat_re()
    assert statistics._stat_pattern("共有12名职工") is expected


def test_counts_read_by_either_engine_see_what_stands_before_them() -> None:
    assert [m["num"] for m in statistics.stat_matches("9:30,120名职工")] == ["120"]
    assert [m["num"] for m in statistics.stat_matches("30-45名职工，三千五百万元")] == ["三千五百"]
    assert [m["num"] for m in statistics.stat_matches("30-45名职工😀")] == []
