"""Counted quantities in the shapes real pages write them (sentences written for these tests)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unionnews
from unionnews.extract.numerals import to_chinese_number
from unionnews.extract.statistics import MEASURES, VAGUE_MAGNITUDES
from unionnews.models import Statistic


def stats(text: str) -> list[tuple[float, str, bool]]:
    article = unionnews.parse(text)
    return [(e.value, e.unit, e.approx) for e in article.events if isinstance(e, Statistic)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年共投入帮扶资金一亿五千万元。", (150_000_000, "元", False)),
        ("全年共投入帮扶资金1亿5000万元。", (150_000_000, "元", False)),
        ("活动吸引一万二千名职工参加。", (12000, "名", False)),
        ("活动吸引一万二名职工参加。", (12000, "名", False)),
        ("现场发放慰问品二百五十份。", (250, "份", False)),
    ],
)
def test_values_are_read_right(text: str, expected: tuple[float, str, bool]) -> None:
    assert stats(text) == [expected]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("工会送去矿泉水200箱。", "箱"),
        ("职工采摘荔枝3000斤。", "斤"),
        ("向环卫工人赠送手套500双。", "双"),
        ("慰问活动送出月饼礼盒800盒。", "盒"),
        ("书屋新增图书1200册。", "册"),
        ("爱心企业捐赠大米60袋。", "袋"),
        ("驿站配备饮水机12台。", "台"),
    ],
)
def test_measure_words_users_meet(text: str, unit: str) -> None:
    assert [s[1] for s in stats(text)] == [unit]


def test_a_number_opening_the_sentence_is_read() -> None:
    assert stats("120名劳模参加了疗休养活动。") == [(120, "名", False)]


def test_a_clock_time_before_a_count_is_not_a_thousands_separator() -> None:
    assert stats("会议安排如下。9:30,120名代表进入会场。") == [(120, "名", False)]


def test_no_fewer_than_is_approximate() -> None:
    assert stats("每个县区建成驿站不少于20个。") == [(20, "个", True)]


def test_a_range_gives_no_count() -> None:
    assert stats("每期培训学员30—80人。") == []


@pytest.mark.parametrize(
    "text",
    ["他曾获得五项全能冠军。", "工会要履行好四项职能。", "构建三位一体的服务体系。", "驿站面积约260平方米。"],
)
def test_fixed_compounds_and_measurements_are_not_counts(text: str) -> None:
    assert stats(text) == []


def test_a_count_only_in_the_headline_is_kept_once() -> None:
    text = "发布时间：2024-01-02\n全区3000名环卫工人领到新春礼包\n本报讯 近日，区总工会为环卫工人送去新春礼包3000份。"
    assert sorted(stats(text)) == [(3000, "份", False), (3000, "名", False)]


def test_a_long_run_of_digits_costs_linear_time() -> None:
    short, long = "1" * 20_000 + "x", "1" * 200_000 + "x"
    unionnews.parse("1名")
    started = time.perf_counter()
    unionnews.parse(short)
    small = time.perf_counter() - started
    started = time.perf_counter()
    unionnews.parse(long)
    assert time.perf_counter() - started < 30 * small + 1.0


def test_size_bounds_are_not_counts() -> None:
    assert stats("职工百人以下25人以上的企业要单独建会。职工50人以下的企业可以联合建会。") == []
    assert stats("全市已有300家以上企业建会。") == [(300, "家", True)]


@given(st.integers(2, 99_999_999), st.sampled_from([m for m in MEASURES if m not in ("万元", "亿元")]))
@settings(max_examples=60, deadline=None)
def test_any_count_with_any_measure_word_round_trips(n: int, unit: str) -> None:
    """A count read alike in Arabic (below seven digits: longer runs are phone numbers) and in Chinese."""
    if n < 1_000_000:
        assert stats(f"今年共帮扶{n}{unit}，较去年有所增加。") == [(n, unit, False)]
    if to_chinese_number(n) not in VAGUE_MAGNITUDES:
        assert stats(f"今年共帮扶{to_chinese_number(n)}{unit}，较去年有所增加。") == [(n, unit, False)]


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("截至目前，全市已建成职工驿站三十个", (30, "个", False)),
        ("今年新建职工书屋四十五个", (45, "个", False)),
        ("工会共慰问困难职工一百二十名", (120, "名", False)),
    ],
)
def test_a_count_ending_its_paragraph_without_punctuation_is_read(
    last: str, expected: tuple[float, str, bool]
) -> None:
    """Nothing after the measure word is neither ``月`` nor ``大`` (an empty slice is in every string)."""
    text = f"市总工会推进驿站建设\n2024-05-01 来源：工人日报\n今年以来，市总工会多措并举推进服务站点建设。{last}\n下一步，将继续完善服务功能。"
    assert stats(text) == [expected]


def test_a_month_after_the_measure_is_still_not_a_count() -> None:
    assert stats("活动持续了三个月。") == []
