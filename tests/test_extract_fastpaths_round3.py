"""Third round of extraction fast paths: each gives exactly what the slow path gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.extract import dates

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
date_texts = st.lists(st.sampled_from(_DATE_PIECES), max_size=25).map("".join)


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
