"""Extraction on short articles we wrote ourselves, shaped like real union news.

The seeds are the tuning set; these check that the rules hold on other wording:
a bare ``headline, body`` page, the ``本报讯（记者 …）`` credit, congresses reported
on versus mentioned as background, joint meetings, session numbers, money.
"""

from __future__ import annotations

import unionnews
from unionnews.models import Meeting, Statistic


def meetings(article: unionnews.Article) -> list[tuple[str | None, str, str | None]]:
    return [(e.organizer, e.name, e.date) for e in article.events if isinstance(e, Meeting)]


def statistics(article: unionnews.Article) -> list[tuple[float, str, bool]]:
    return [(e.value, e.unit, e.approx) for e in article.events if isinstance(e, Statistic)]


def test_bare_headline_and_opening_credit() -> None:
    article = unionnews.parse(
        "洛阳市总工会举办职工技能大赛\n\n"
        "本报讯（通讯员 李华 记者 张强）近日，洛阳市总工会举办第五届职工技能大赛，共有1200余名职工参赛。"
    )
    assert article.title == "洛阳市总工会举办职工技能大赛"
    assert {(p.name, p.role) for p in article.people} == {("李华", "correspondent"), ("张强", "reporter")}
    assert (1200, "名", True) in statistics(article)


def test_a_congress_the_story_reports_on_is_a_meeting() -> None:
    article = unionnews.parse(
        "新乡市总工会召开第十五次代表大会\n\n"
        "本报讯（记者 王明）11月20日，新乡市总工会第十五次代表大会在新乡开幕。"
        "大会听取和审议了市总工会第十四届委员会工作报告。"
    )
    assert ("新乡市总工会", "代表大会", "--11-20") in meetings(article)


def test_a_congress_studied_in_follow_up_meetings_is_background() -> None:
    article = unionnews.parse(
        "各地工会掀起学习热潮\n\n"
        "近日，许昌市总工会第十二次代表大会胜利闭幕。"
        "11月22日，许昌市总工会召开党组会议，传达学习许昌市总工会第十二次代表大会精神。"
    )
    found = meetings(article)
    assert ("许昌市总工会", "党组会议", "--11-22") in found
    assert all(name != "代表大会" for _, name, _ in found)


def test_joint_meeting_gives_one_row_per_convener() -> None:
    article = unionnews.parse("3月5日，信阳市总工会与信阳市人社局联合召开座谈会，研究部署劳动竞赛工作。")
    assert {org for org, _, _ in meetings(article)} == {"信阳市总工会", "信阳市人社局"}


def test_session_numbers_are_not_part_of_the_meeting_name() -> None:
    article = unionnews.parse(
        "12月6日，河南省总工会召开十四届二次全委（扩大）会议。省总工会党组书记李明主持会议并讲话。"
    )
    assert meetings(article) == [("河南省总工会", "全委(扩大)会议", "--12-06")]
    assert [e.chair for e in article.events if isinstance(e, Meeting)] == ["李明"]


def test_money_approximations_and_no_percentages() -> None:
    article = unionnews.parse("今年以来，全市至少300名职工参加培训，发放帮扶资金120万元，覆盖率达95%。")
    found = statistics(article)
    assert (300, "名", True) in found
    assert (1_200_000, "元", False) in found
    assert all(unit not in ("%", "％") for _, unit, _ in found)


def initiatives(article: unionnews.Article) -> set[str]:
    return {e.name for e in article.events if e.kind == "initiative"}


def test_quoted_speech_is_not_an_initiative() -> None:
    article = unionnews.parse(
        "市总工会负责人说：“我们要打造职工满意的服务阵地。”全年累计服务职工5000余人次。"
        "市总工会持续推进“工会驿站”建设，打造“汴工惠”服务平台。"
    )
    assert initiatives(article) == {"工会驿站", "汴工惠"}


def test_a_quoted_description_before_the_name_is_not_a_second_initiative() -> None:
    article = unionnews.parse("许昌市总工会推广“查实情、解难题、办实事”的“三实”工作法，取得明显成效。")
    assert initiatives(article) == {"三实"}


def test_one_character_triggers_count_only_right_after_the_quote() -> None:
    article = unionnews.parse("他们提出“服务有温度”的理念，全年开展走访慰问。")
    assert "服务有温度" not in initiatives(article)


def test_title_label_and_author_in_the_dateline() -> None:
    article = unionnews.parse(
        "标题：三门峡市总工会举办劳模宣讲\n\n"
        "2024-04-02 14:20:11 来源：三门峡日报 作者：刘青\n\n"
        "4月1日，三门峡市总工会举办劳模工匠宣讲活动。\n\n（通讯员 赵六 周七）"
    )
    assert article.title == "三门峡市总工会举办劳模宣讲"
    assert article.published == "2024-04-02T14:20:11" and article.source == "三门峡日报"
    assert {(p.name, p.role) for p in article.people} == {
        ("刘青", "author"),
        ("赵六", "correspondent"),
        ("周七", "correspondent"),
    }


def test_thousands_separators_and_periods() -> None:
    article = unionnews.parse(
        "今年是市总工会成立30周年。2024年度共帮扶困难职工1,200户，同比增长15%。“十四五”以来新建驿站80座。"
    )
    assert statistics(article) == [(1200, "户", False), (80, "座", False)]
    assert initiatives(article) == set()


def test_meeting_words_from_the_lexicon_and_the_convener_chairs() -> None:
    article = unionnews.parse(
        "11月22日至23日，洛阳市总工会、开封市总工会分别召开党组会议。"
        "11月24日，焦作市总工会党组书记王强主持召开主席办公会，研究部署近期重点工作。"
        "此外，鹤壁市总工会将于下周召开全委会议。"
    )
    found = {
        (org, name): chair
        for org, name, chair in (
            (e.organizer, e.name, e.chair) for e in article.events if isinstance(e, Meeting)
        )
    }
    assert found == {
        ("洛阳市总工会", "党组会议"): None,
        ("开封市总工会", "党组会议"): None,
        ("焦作市总工会", "主席办公会"): "王强",
    }


def test_a_named_team_is_not_an_initiative() -> None:
    article = unionnews.parse("都江堰市总工会组织“劳模工匠服务队”深入一线，打造“堰工讲堂”品牌。")
    assert initiatives(article) == {"堰工讲堂"}


def test_a_trigger_after_a_list_of_actions_is_not_the_names_kind() -> None:
    article = unionnews.parse(
        "组织“劳模工匠服务队”深入一线、深入职工群众广泛开展活动，培育“绿色出行”“一元观影”等一批示范效应好、带动作用强的特色品牌。"
    )
    assert initiatives(article) == {"绿色出行", "一元观影"}
