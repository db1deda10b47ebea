"""Articles from the seeds: metadata, people and events a careful reader finds."""

from __future__ import annotations

import pytest

import unionnews
from unionnews.models import Initiative, Meeting, Statistic


def events(article: unionnews.Article, cls: type) -> list:
    return [e for e in article.events if isinstance(e, cls)]


@pytest.mark.parametrize(
    ("seed", "title", "published", "source"),
    [
        (
            "000",
            "河南省各级工会组织聚焦主责主业 倾听职工诉求 当好“娘家人”“贴心人”",
            "2023-10-18T18:22",
            "中工网",
        ),
        (
            "001",
            "贯彻落实工会十八大精神|河南工会：思想充了电 工作加了油 服务暖了心",
            "2023-12-06T09:24:40",
            None,
        ),
        ("002", "省总工会召开党组（扩大）会议学习中央经济工作会议精神", None, "陕西工人报"),
        ("003", "团结动员广大职工为建设美好安徽作贡献", "2019-05-21T07:39:30", "中工网"),
        ("004", None, None, None),
    ],
)
def test_metadata(seeds: dict[str, str], seed: str, title: str, published: str, source: str) -> None:
    article = unionnews.parse(seeds[seed])
    assert (article.title, article.published, article.source) == (title, published, source)


def test_column_and_newspaper(seeds: dict[str, str]) -> None:
    assert unionnews.parse(seeds["001"]).column == "贯彻落实工会十八大精神"
    assert unionnews.parse(seeds["003"]).newspaper == "工人日报"


@pytest.mark.parametrize(
    ("seed", "people"),
    [
        ("000", {("胡艺", "reporter"), ("王静", "reporter"), ("陈微娴", "reporter"), ("李萧伶", "reporter"),
                 ("张潇予", "reporter"), ("卢键", "reporter"), ("李方", "editor")}),
        ("001", {("余嘉熙", "reporter"), ("王佳宁", "correspondent"), ("葛慧君", "correspondent"), ("李方", "editor")}),
        ("002", set()),
        ("003", {("李明", "author"), ("尹文卓", "editor")}),
        ("004", set()),
    ],
)  # fmt: skip
def test_people(seeds: dict[str, str], seed: str, people: set[tuple[str, str]]) -> None:
    assert {(p.name, p.role) for p in unionnews.parse(seeds[seed]).people} == people


def test_meetings_of_000(seeds: dict[str, str]) -> None:
    found = {(m.organizer, m.date, m.name) for m in events(unionnews.parse(seeds["000"]), Meeting)}
    assert found == {
        ("郑州市总工会", "2023-10-17", "党组会议"),
        ("南阳市总工会", "2023-10-17", "党组理论学习中心组(扩大)会议"),
        ("漯河市总工会", "2023-10-16", "党组会议"),
        ("三门峡市总工会", "2023-10-16", "党组会议"),
        ("鹤壁市总工会", "2023-10-16", "主席办公(扩大)会议"),
        ("新乡市总工会", "2023-10-16", "主席办公(扩大)会议"),
    }


def test_meetings_with_chairs(seeds: dict[str, str]) -> None:
    (m002,) = events(unionnews.parse(seeds["002"]), Meeting)
    assert (m002.organizer, m002.date, m002.chair) == ("省总工会", "--12-16", "王军")
    found = {(m.organizer, m.chair, m.date) for m in events(unionnews.parse(seeds["004"]), Meeting)}
    assert ("都江堰市总工会", "李晓华", None) in found
    assert ("成都市劳动领域社会组织联合会", "刘雨吉", "--12-06") in found
    assert any(org == "金堂县总工会" for org, _, _ in found)
    assert len(found) == 3


def test_no_meetings_in_commentary_or_feature(seeds: dict[str, str]) -> None:
    assert events(unionnews.parse(seeds["001"]), Meeting) == []
    assert events(unionnews.parse(seeds["003"]), Meeting) == []


def test_statistics_of_001(seeds: dict[str, str]) -> None:
    stats = {(s.value, s.unit, s.approx) for s in events(unionnews.parse(seeds["001"]), Statistic)}
    assert stats == {
        (12, "个", False), (5600000, "人次", True), (14000, "名", False), (6882, "家", False),
        (28, "家", False), (2000, "名", False), (37700, "名", False), (27900, "名", False),
        (11500, "个", False), (8400000, "人", True), (66700000, "人次", False),
    }  # fmt: skip


def test_no_statistics_from_dates_slogans_or_names(seeds: dict[str, str]) -> None:
    for seed in ("000", "002", "003"):
        assert events(unionnews.parse(seeds[seed]), Statistic) == []


@pytest.mark.parametrize(
    ("seed", "must", "must_not"),
    [
        ("000", {"五大行动", "十件实事", "13255工程", "双20"}, {"娘家人", "贴心人"}),
        ("002", {"陕西工人大思政课", "新双15工程", "县级工会加强年"}, set()),
        ("003", {"跟着劳模去扶贫", "工会服务十大品牌", "十件实事"}, {"忠诚之家", "四个意识", "两个维护"}),
        ("004", {"1+11+N", "堰工讲堂", "金工娘家", "金工惠", "金生有缘·浪漫登堂", "1+3+18+N", "1484"}, set()),
    ],
)
def test_initiatives(seeds: dict[str, str], seed: str, must: set[str], must_not: set[str]) -> None:
    names = {i.name for i in events(unionnews.parse(seeds[seed]), Initiative)}
    assert must <= names
    assert not (must_not & names)


def test_evidence_spans_point_into_text_and_raw(seeds: dict[str, str]) -> None:
    article = unionnews.parse(seeds["000"])
    meeting = events(article, Meeting)[0]
    ev = meeting.evidence
    assert ev is not None
    assert "郑州市总工会召开党组会议" in article.text[ev.start : ev.end]
    assert "鄭州市總工會(huì)召開" in seeds["000"][ev.raw_start : ev.raw_end]


def test_furniture_is_removed_but_kept(seeds: dict[str, str]) -> None:
    article = unionnews.parse(seeds["000"])
    assert "扫码关注" not in article.text and "Copyright" not in article.text
    assert any("扫码关注" in f.text for f in article.furniture)
    assert "责任编辑：李方" in article.text


def test_empty_and_binary_input() -> None:
    empty = unionnews.parse("")
    assert empty.title is None and empty.events == ()
    with pytest.raises(unionnews.BinaryInputError, match="binary"):
        unionnews.parse(bytes(range(256)) * 10)
