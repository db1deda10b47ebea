"""Headline, publication date and outlet on the page layouts real sites use (our own sentences)."""

from __future__ import annotations

import unionnews

BODY = "本报讯 3月1日，某县总工会召开全县工会工作会议，总结去年工作，部署今年任务，各乡镇工会主席参加会议。"


def test_headline_nearest_above_the_date_block_not_the_navigation() -> None:
    page = f"某某新闻网>>工会新闻\n首页 新闻 要闻 某县总工会召开工作会议\n某县总工会召开工作会议\n张小明\n2024年03月02日09:30  来源：某县日报\n{BODY}"
    article = unionnews.parse(page)
    assert article.title == "某县总工会召开工作会议"
    assert article.published == "2024-03-02T09:30"
    assert article.source == "某县日报"


def test_a_spam_banner_above_the_breadcrumb_is_not_the_headline() -> None:
    page = f"某某娱乐城官方\n当前位置： 首页 > 新闻中心 > 要闻\n职工书屋建设推进会在县城召开\n时间： 2024-05-06 10:00 来源： 某市日报 访问量：\n{BODY}"
    assert unionnews.parse(page).title == "职工书屋建设推进会在县城召开"


def test_kicker_above_the_headline_is_a_dek() -> None:
    page = f"盛夏送清凉 关爱暖人心\n某区总工会走访慰问一线职工\n【发布日期：2024-07-20】 【来源：】\n{BODY}"
    article = unionnews.parse(page)
    assert article.title == "某区总工会走访慰问一线职工"
    assert article.source is None  # an empty 来源 names no outlet


def test_subtitle_below_the_headline_stays_a_subtitle() -> None:
    page = f"匠心铸就品质\n某区总工会举办职工技能竞赛\n-\n发布时间：2024年08月09日\n{BODY}"
    assert unionnews.parse(page).title == "匠心铸就品质"


def test_labels_and_image_markers_are_stripped() -> None:
    assert unionnews.parse(f"原标题：某市新建职工驿站三十个\n{BODY}").title == "某市新建职工驿站三十个"
    page = f"某县总工会召开全委会议[图]\n发布时间：2013-03-22 09:41:00 来源：本站 阅读次数：12\n{BODY}"
    article = unionnews.parse(page)
    assert article.title == "某县总工会召开全委会议"
    assert article.source is None  # 本站 is the page itself


def test_page_title_with_a_spam_suffix_is_reduced() -> None:
    page = f"某县召开职工代表大会-某某体育app下载\n某县召开职工代表大会\n发布时间：2024-10-30 09:55 | 来源：某市总工会\n{BODY}"
    assert unionnews.parse(page).title == "某县召开职工代表大会"


def test_date_first_epaper_layout() -> None:
    page = f"2024年04月29日\n第A04版：工会周刊\n某市召开劳模座谈会\n座谈会现场\n{BODY}"
    article = unionnews.parse(page)
    assert article.title == "某市召开劳模座谈会"
    assert article.published == "2024-04-29"


def test_epaper_issue_line_and_today_header() -> None:
    page = (
        "某某日报-某某网\n某某日报 2024年03月04日 星期一\n全省工会传达学习会议精神\n"
        f"凝心聚力谋发展 奋发有为建新功\n《某某日报》（2024年03月04日 01版）\n{BODY}"
    )
    article = unionnews.parse(page)
    assert article.title == "全省工会传达学习会议精神"
    assert article.published == "2024-03-04"
    assert article.source == "某某日报"


def test_source_line_with_a_date_but_no_colon() -> None:
    page = f"某区总工会召开全区工会工作会议\n信息来源：某区总工会 | 发布时间 2024-03-02\n{BODY}"
    article = unionnews.parse(page)
    assert (article.title, article.published, article.source) == (
        "某区总工会召开全区工会工作会议",
        "2024-03-02",
        "某区总工会",
    )


def test_outlet_before_the_date_is_a_date_line() -> None:
    page = f"分享\n某市为节日在岗职工送去慰问品\n某市日报  2024-02-01 10:20:19\n某市为节日在岗职工送去慰问品\n{BODY}"
    article = unionnews.parse(page)
    assert article.title == "某市为节日在岗职工送去慰问品"
    assert article.published == "2024-02-01T10:20:19"
    assert article.text.count("某市为节日在岗职工送去慰问品") == 1


def test_site_today_header_loses_to_the_article_timestamp() -> None:
    page = f"2024年06月01日 星期六\n某省总工会慰问户外劳动者\n2024-04-28 17:54:30 编辑：张明 来源：某区融媒体中心\n{BODY}"
    article = unionnews.parse(page)
    assert article.published == "2024-04-28T17:54:30"
    assert article.source == "某区融媒体中心"


def test_only_a_date_at_the_end_under_the_signature() -> None:
    text = "6月20日上午，某镇幼儿园联合工会召开第一届会员大会，选举产生新一届委员会，与会代表一致通过各项决议。\n某镇幼儿园联合工会\n2024年6月21日"
    assert unionnews.parse(text).published == "2024-06-21"


def test_forum_repost_headline_below_profile_lines_and_post_date_is_not_published() -> None:
    page = f"楼主 发表于： 2024-01-05\n帖子 120\n积分 300\n某区总工会为新就业形态劳动者建驿站\n{BODY}"
    article = unionnews.parse(page)
    assert article.title == "某区总工会为新就业形态劳动者建驿站"
    assert article.published is None


def test_no_headline_gives_null() -> None:
    text = "|| 2024-12-01 11:22:24 编辑： 张明 阅读次数：91 |\n11月29日下午，某镇工会联合会召开会员代表大会，选举产生新一届委员会。"
    article = unionnews.parse(text)
    assert article.title is None
    assert article.published == "2024-12-01T11:22:24"


def test_source_from_the_opening_dateline() -> None:
    cases = {
        "某省日报讯（记者 王方）3月1日，某省总工会召开全委会议，部署全年工作任务，各地工会主席参加会议。": "某省日报",
        "新华社北京3月1日电 全国总工会3月1日召开会议，研究部署今年工作，要求各级工会扎实推进各项任务。": "新华社",
        "某广网天津5月19日消息 天津市总工会5月19日启动职工技能大赛，全市三百多家企业的职工参赛。": "某广网",
        "某城日报9月1日讯（记者 周方）日前，某城市新增四家职工书屋示范点，职工阅读条件进一步改善。": "某城日报",
        "据某市总工会官方微博消息，某市总工会近日为一线职工送去清凉物资，受益职工达三千余人。": "某市总工会官方微博",
        "本报北京3月2日电 （记者王方）全国总工会今天召开会议，传达学习有关会议精神，部署近期工作。": None,
        "本报讯（某某晚报全媒体记者 王方）4月27日，某市召开劳模座谈会，劳模代表六十余人参加座谈。": None,
    }
    for lead, source in cases.items():
        assert unionnews.parse(f"某市工会工作新闻标题\n\n{lead}").source == source, lead


def test_reprint_line_with_long_spacing_keeps_title_and_source() -> None:
    text = "转载请注明:某省总工会" + " " * 5000 + "» 某省总工会召开全委会议"
    article = unionnews.parse(text)
    assert article.source == "某省总工会"
    assert article.title == "某省总工会召开全委会议"
    assert article.errors == ()


def test_non_outlets_in_the_source_slot_and_via_agency() -> None:
    assert (
        unionnews.parse(f"某县总工会开展送温暖活动\n来源：原创 发布时间：2024-01-02\n{BODY}").source is None
    )
    lead = "据新华社电 全国总工会近日印发通知，要求各级工会做好节日期间职工慰问工作，确保慰问资金及时发放。"
    assert unionnews.parse(f"某市工会工作新闻标题\n\n{lead}").source == "新华社"


def test_a_post_stamp_line_with_a_time_is_metadata_not_the_headline() -> None:
    page = f"某市总工会召开全委会议\n原创 某市总工会 某市工会 2024-03-02 18:00\n{BODY}"
    article = unionnews.parse(page)
    assert article.title == "某市总工会召开全委会议"
    assert article.published == "2024-03-02T18:00"


def test_bare_headline_above_a_body_label_and_login_prompts_are_furniture() -> None:
    assert unionnews.parse(f"某市总工会举行劳模座谈会\n正文\n{BODY}").title == "某市总工会举行劳模座谈会"
    article = unionnews.parse(f"马上注册！\n您需要 登录 才可以查看，没有账号？注册\n×\n{BODY}")
    assert article.title is None
    assert "登录" not in article.text
