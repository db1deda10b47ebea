"""Third round of extraction fast paths: each gives exactly what the slow path gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.extract import dates, initiatives

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
org_lines = st.lists(st.sampled_from(_ORG_PIECES), max_size=40).map("".join)


@settings(max_examples=1500)
@given(org_lines)
def test_organization_in_finds_what_the_full_search_finds(line: str) -> None:
    m = initiatives.ORG_IN_SENTENCE_RE.search(line)
    assert initiatives._organization_in.__wrapped__(line) == (m.group(1) if m else None)


def test_organization_in_reads_a_union_far_into_a_line() -> None:
    line = "活动现场，" * 30 + "区总工会发起了这项行动"
    assert initiatives._organization_in.__wrapped__(line) == "区总工会"
