"""Named programs in the shapes real pages write them (sentences written for these tests)."""

from __future__ import annotations

import pytest

import unionnews
from unionnews.models import Initiative


def names(text: str) -> set[str]:
    article = unionnews.parse(text)
    return {e.name for e in article.events if isinstance(e, Initiative)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("区总工会上线“职工之声”App，方便会员反映诉求。", "职工之声"),
        ("市总工会推出“工会云课堂+普惠”举措，吸引职工入会。", "工会云课堂+普惠"),
        ("全市会员信息已导入“数字工会”数据库。", "数字工会"),
        ("为环卫工人提供“暖心午餐”配送服务。", "暖心午餐"),
        ("今年新建“园丁之家”工作站20个。", "园丁之家"),
        ("各单位新增“母婴关爱小屋”60家。", "母婴关爱小屋"),
        ("职工凭“会员服务一卡通”即可享受优惠。", "会员服务一卡通"),
        ("全县开通“山城工会云”，职工可在线入会。", "山城工会云"),
    ],
)
def test_program_nouns_after_or_ending_the_name(text: str, name: str) -> None:
    assert names(text) == {name}


def test_a_program_noun_must_follow_the_quote_directly_when_it_is_a_common_word() -> None:
    assert names("“快跑”外卖配送员王刚说，工会的帮助很及时。") == set()


def test_a_group_shares_the_noun_after_its_last_name() -> None:
    assert names("继续做好“三访”、“双助”帮扶工作。") == {"三访", "双助"}


def test_a_group_counted_after_deng_is_a_set_of_programs() -> None:
    assert names("各地建成“车间书架”“班组阅读角”等1200多个。") == {"车间书架", "班组阅读角"}


def test_the_program_noun_before_the_quote() -> None:
    assert names("园区建成开放式职工书屋“悦读小站”，藏书5000册。") == {"悦读小站"}


def test_corner_quotes_like_double_quotes() -> None:
    assert names("區總工會打造「匠心傳承」工程。") == {"匠心传承"}
    assert names("市总工会实施『春风送暖』行动。") == {"春风送暖"}


def test_a_name_quoted_only_in_the_headline() -> None:
    text = "发布时间：2024-03-01\n“劳动者港湾”驿站成为户外职工的家\n本报讯 近日，区总工会在全区建成劳动者港湾驿站30个。"
    assert "劳动者港湾" in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "围绕“匠心筑梦 奋斗有我”开展职工技能提升活动。",
        "开展“一份热饮 温暖一冬”“一句问候 情满一城”的“双暖”活动。",
        "命名“2024年省级示范性职工创新工作室”50家。",
        "全市评选“最美劳动者服务站点”10个。",
        "建成“王建国劳模创新工作室”“刘芳技能大师工作室”。",
        "搭建集“政务、服务、商务”为一体的服务平台。",
        "深入推进“互联网+”工会服务行动。",
    ],
)
def test_not_initiatives(text: str) -> None:
    found = names(text)
    assert not any(
        " " in n or "年" in n or "最美" in n or "工作室" in n or "、" in n or n == "互联网+" for n in found
    )


def test_the_campaign_after_mottos_is_kept() -> None:
    assert "双暖" in names("开展“一份热饮 温暖一冬”“一句问候 情满一城”的“双暖”活动。")


def test_names_listed_under_a_set_of_programs() -> None:
    text = "市总工会今年办好十件实事，包括：“职工健康体检”、“子女助学”、“法律援助进园区”。"
    assert {"职工健康体检", "子女助学", "法律援助进园区"} <= names(text)


def test_a_platform_registered_on() -> None:
    assert names("职工实名注册“职工e家”后即可领取消费券。") == {"职工e家"}
