"""The furniture tables split into line-start and floating alternations match as the patterns one by one."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.layout_rules import FURNITURE_CUES
from unionnews.lexicon import FURNITURE_PATTERNS
from unionnews.segment import is_furniture, split_anchored

_ONE_BY_ONE = tuple(regex.compile(p) for p in (*FURNITURE_PATTERNS, *FURNITURE_CUES))


def _one_by_one(line: str) -> bool:
    return any(r.search(line) for r in _ONE_BY_ONE)


LINES = (
    "您现在的位置：首页 > 工会新闻 > 正文",
    "首页 › 要闻",
    "职工之家 > 基层动态 > 详情",
    "Copyright 2024 某某网 版权所有",
    "豫ICP备12345678号 公网安备",
    "分享",
    "打印",
    "· 工人日报客户端",
    "关于我们 | 联系我们 | 网站地图",
    "上一篇：区总工会开展送清凉活动",
    "星期三",
    "正文",
    "欢迎您！",
    "请登录后发表评论",
    "工人日报电子报阅读器",
    "3楼 发表于 2024-03-02",
    "积分：120",
    "市总工会召开全委会议，部署全年工作。",
    "今年以来，全市工会为职工办实事一百二十件。",
    "版权归作者所有的稿件不在此列",
    "|",
)


def test_written_lines_agree_with_the_patterns_one_by_one() -> None:
    assert [is_furniture(s) for s in LINES] == [_one_by_one(s) for s in LINES]
    assert sum(is_furniture(s) for s in LINES) >= 15


def test_an_alternation_at_the_top_level_is_not_taken_as_anchored() -> None:
    start, floating = split_anchored((r"^首页$|版权所有", r"^分享$"))
    assert start.match("分享") is not None
    assert floating.search("某网 版权所有") is not None
    assert start.match("某网 版权所有") is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="首页>›|关于我们分享星期三正文欢迎您登录 ICP©copyright电子报阅读器楼发表于：:工会1",
        max_size=30,
    )
)
def test_any_line_agrees_with_the_patterns_one_by_one(line: str) -> None:
    assert is_furniture(line) == _one_by_one(line)
