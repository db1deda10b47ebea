"""Byline and credit people in the layouts real pages use (our own sentences)."""

from __future__ import annotations

import unionnews

HEAD = "某县总工会开展送温暖活动\n\n"
LONG = "近日，某县总工会组织慰问组深入企业车间和施工一线，为坚守岗位的职工送去米面油等慰问品，并详细了解职工的生产生活情况。"


def people(text: str) -> set[tuple[str, str]]:
    return {(p.name, p.role) for p in unionnews.parse(text).people}


def test_credit_closing_a_long_last_paragraph() -> None:
    assert people(HEAD + LONG + "（本报记者王方 通讯员李红）") == {
        ("王方", "reporter"),
        ("李红", "correspondent"),
    }
    assert people(HEAD + LONG + "（记者 周强 赵丽）") == {("周强", "reporter"), ("赵丽", "reporter")}


def test_bare_reporter_closing_the_text() -> None:
    assert ("王方", "reporter") in people(HEAD + LONG + "记者 王方")


def test_opening_credit_after_caption_lines() -> None:
    text = (
        HEAD + "职工代表在座谈会上发言。\n慰问组为职工送上慰问品。\n"
        "某省日报（某某网）消息（记者赵刚）新春座谈会上，职工代表讲述了坚守岗位的故事，现场气氛热烈。"
    )
    assert people(text) == {("赵刚", "reporter")}


def test_opening_credit_without_parentheses() -> None:
    text = (
        HEAD
        + "某市日报讯 记者孙明报道：8月3日，某市总工会“夏送清凉”活动启动仪式在市区举行，一线职工代表参加。"
    )
    assert people(text) == {("孙明", "reporter")}


def test_opening_credit_with_text_and_photo_slashes() -> None:
    text = (
        HEAD
        + "本网消息（文/实习记者 王方 通讯员 李红 图/赵强、陈刚）今天，某市第四届职工运动会开幕，两千余名职工参加。"
    )
    assert people(text) == {
        ("王方", "reporter"),
        ("李红", "correspondent"),
        ("赵强", "photographer"),
        ("陈刚", "photographer"),
    }


def test_photographers_after_captions_and_in_parentheses() -> None:
    text = HEAD + "5月15日，某区职工篮球赛在体育馆开幕。刘明 摄\n" + LONG + "（ 李春华 郭强 摄）"
    assert people(text) == {("刘明", "photographer"), ("李春华", "photographer"), ("郭强", "photographer")}


def test_editors_without_colons_and_split_over_lines() -> None:
    assert people(HEAD + LONG + "\n（编辑 王方 责编 李红）") == {("王方", "editor"), ("李红", "editor")}
    assert people(HEAD + LONG + "\n编辑：\n赵强 责任编辑：\n陈刚\n审核：\n孙明") == {
        ("赵强", "editor"),
        ("陈刚", "editor"),
    }


def test_field_labels_after_a_name_are_not_names() -> None:
    text = "某镇开展关爱困难职工活动\n作者：王方 时间：2024-03-02 阅读：180\n" + LONG
    assert people(text) == {("王方", "author")}


def test_outlet_words_in_a_credit_are_not_names() -> None:
    text = HEAD + "本报讯（全媒体记者 王方 通讯员 李红）" + LONG
    assert people(text) == {("王方", "reporter"), ("李红", "correspondent")}


def test_a_reporter_is_not_also_the_signed_author() -> None:
    text = (
        "某省总工会召开专题座谈会\n\n王方\n\n2024年08月23日09:27  来源：某某日报\n\n本报讯（记者王方 通讯员李红）"
        + LONG
    )
    assert people(text) == {("王方", "reporter"), ("李红", "correspondent")}


def test_affiliation_is_not_the_previous_persons_name() -> None:
    article = unionnews.parse(HEAD + "本报讯（记者王方 市总工会通讯员李红）" + LONG)
    by_name = {p.name: p for p in article.people}
    assert by_name["王方"].affiliation is None
    assert by_name["李红"].affiliation == "市总工会"


def test_slash_credit_line_under_the_headline() -> None:
    text = "某县总工会开展送温暖活动\n文/王方 图/李红\n" + LONG
    article = unionnews.parse(text)
    assert article.title == "某县总工会开展送温暖活动"
    assert {(p.name, p.role) for p in article.people} == {("王方", "author"), ("李红", "photographer")}


def test_bracketed_editor_and_organisation_in_the_editor_slot() -> None:
    article = unionnews.parse(HEAD + LONG + "\n【责任编辑：王方】")
    assert [(p.name, p.role, p.affiliation) for p in article.people] == [("王方", "editor", None)]
    assert people(HEAD + LONG + "\n编辑：市总工会宣传部") == set()


def test_opening_reporter_lead_in_without_an_outlet() -> None:
    text = (
        HEAD + "本报记者王方报道 3月5日，某市总工会举办职工心理健康讲座，三百余名一线职工到场聆听，反响热烈。"
    )
    assert people(text) == {("王方", "reporter")}


def test_an_unlabelled_name_before_a_role_is_no_affiliation() -> None:
    article = unionnews.parse(HEAD + LONG + "（王方 通讯员 李红 赵强）")
    assert {(p.name, p.role, p.affiliation) for p in article.people} == {
        ("李红", "correspondent", None),
        ("赵强", "correspondent", None),
    }
    reporter = unionnews.parse(HEAD + "本报讯（某某晚报全媒体记者 王方）" + LONG).people
    assert [(p.name, p.affiliation) for p in reporter] == [("王方", "某某晚报全媒体")]


def test_a_site_administrator_is_not_an_author() -> None:
    text = "新闻动态\n某县总工会开展送温暖活动\n作者：管理员 发布于：2024-03-02 10:00:00\n" + LONG
    article = unionnews.parse(text)
    assert article.people == ()
    assert article.published == "2024-03-02T10:00:00"
