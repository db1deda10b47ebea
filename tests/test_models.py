from __future__ import annotations

import json

import pytest

import unionnews
from unionnews.models import Article, Initiative, Meeting, Person, Span, Statistic, from_dict, to_dict


def test_article_round_trips_through_json() -> None:
    article = Article(
        title="标题",
        published="2023-10-18T18:22",
        source="中工网",
        people=(Person("胡艺", "reporter", None, Span(1, 3, 5, 7)),),
        events=(
            Meeting("郑州市总工会", "党组会议", "2023-10-17"),
            Statistic(37700, "名", "3.77万名", False, "货车司机"),
            Initiative("十件实事", "实事"),
        ),
        text="正文",
    )
    data = json.loads(json.dumps(article.to_dict(), ensure_ascii=False))
    assert data["events"][0]["kind"] == "meeting"
    assert data["people"][0] == {"name": "胡艺", "role": "reporter", "affiliation": None,
                                 "evidence": {"start": 1, "end": 3, "raw_start": 5, "raw_end": 7}}  # fmt: skip
    assert Article.from_dict(data) == article


def test_from_dict_rejects_unknown_event_kind() -> None:
    data = to_dict(Article(title=None, published=None, source=None))
    data["events"] = [{"kind": "picnic"}]
    with pytest.raises(unionnews.errors.SchemaError, match=r"not a valid Article.*events\[0\]"):
        from_dict(data, Article)


def test_parsed_seed_round_trips(seeds: dict[str, str]) -> None:
    article = unionnews.parse(seeds["000"])
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article
