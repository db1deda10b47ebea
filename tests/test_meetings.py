"""Meetings in the shapes real pages write them (sentences written for these tests)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unionnews
from unionnews.models import Meeting


def meetings(text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    article = unionnews.parse(text)
    return [(e.organizer, e.name, e.date, e.chair) for e in article.events if isinstance(e, Meeting)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "3月5日，临河县总工会九届二次全委（扩大）会议在县行政中心召开。",
            ("临河县总工会", "全委(扩大)会议", "--03-05"),
        ),
        (
            "6月2日，北岭区总工会第三届委员会第五次全体会议在区政务大厅举行。",
            ("北岭区总工会", "全体会议", "--06-02"),
        ),
        (
            "4月9日上午，青川镇工会联合会第二届会员代表大会隆重召开。",
            ("青川镇工会联合会", "会员代表大会", "--04-09"),
        ),
        ("5月8日，2025年全市困难职工帮扶工作座谈会召开。", (None, "全市困难职工帮扶工作座谈会", "--05-08")),
        ("省总工会十二届三次执委会议12月1日在省城举行。", ("省总工会", "执委会议", "--12-01")),
    ],
)
def test_the_meeting_as_the_subject(text: str, expected: tuple[str | None, str, str]) -> None:
    assert [m[:3] for m in meetings(text)] == [expected]


def test_a_meeting_only_mentioned_after_it_began_is_not_held_twice() -> None:
    text = "7月1日，东城区总工会召开职工座谈会。座谈会在区工人文化宫举行，区总工会主席刘青主持会议。"
    assert meetings(text) == [("东城区总工会", "职工座谈会", "--07-01", "刘青")]


@pytest.mark.parametrize(
    "text",
    [
        "全市工会工作会议召开前，各单位要认真准备。",
        "这次代表大会是在新的历史起点上召开的一次重要大会。",
        "会议要求，各级工会要认真学习贯彻全委会议精神。",
        "市总工会将于下月召开全委会议。",
        "记者从市政府新闻办举办的新闻发布会上获悉，今年将新建驿站50座。",
        "《关于召开全市职工代表大会的通知》已印发。",
    ],
)
def test_not_a_meeting_held_here(text: str) -> None:
    assert meetings(text) == []


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        ("9月3日，我县召开新就业形态劳动者座谈会。", "我县"),
        ("9月3日，市交通运输行业工联会召开一季度工作会议。", "市交通运输行业工联会"),
        ("9月3日，市第一人民医院召开职工代表大会。", "市第一人民医院"),
        ("9月3日，南湖街道召开楼宇工会建设推进会。", "南湖街道"),
        ("9月3日，区直机关工委召开工会主席例会。", "区直机关工委"),
        ("9月3日上午，学校专门组织相关部门召开专题会，研究教职工意见。", "学校"),
    ],
)
def test_organizer_kinds(text: str, organizer: str) -> None:
    assert [m[0] for m in meetings(text)] == [organizer]


def test_a_left_out_subject_takes_the_last_organizer_and_its_own_date() -> None:
    text = "3月2日，海西市总工会召开党组会议。3月6日，又召开了主席办公会，研究近期工作。"
    assert [(m[0], m[2]) for m in meetings(text)] == [
        ("海西市总工会", "--03-02"),
        ("海西市总工会", "--03-06"),
    ]


def test_two_meetings_in_one_sentence_with_a_shared_subject() -> None:
    text = "5月10日，南江县总工会召开工会工作推进会，并举办基层工会主席培训班。"
    assert [(m[0], m[1]) for m in meetings(text)] == [
        ("南江县总工会", "工会工作推进会"),
        ("南江县总工会", "基层工会主席培训班"),
    ]


def test_the_organizer_inside_the_object_and_the_convener_chairs() -> None:
    text = "8月1日，李红主持召开西关县总工会主席办公会。"
    assert meetings(text) == [("西关县总工会", "主席办公会", "--08-01", "李红")]


def test_joint_meeting_after_a_comma() -> None:
    text = "6月6日，东坡街道总工会携手区快递行业工联会、科创园区工会，共同组织召开快递小哥恳谈会。"
    assert [m[0] for m in meetings(text)] == ["东坡街道总工会", "区快递行业工联会", "科创园区工会"]


def test_a_video_meeting_is_held() -> None:
    text = "2月3日，临江市总工会通过视频会议形式召开全委会议。"
    assert [m[0] for m in meetings(text)] == ["临江市总工会"]


def test_dateline_and_credit_before_the_subject_and_today_from_the_dateline() -> None:
    text = "发布时间：2024-06-10\n本报杭州6月8日电（记者王方 通讯员李丽）西湖区总工会党组昨天召开扩大会议。"
    assert meetings(text) == [("西湖区总工会党组", "扩大会议", "2024-06-07", None)]


def test_a_day_written_without_its_month_takes_the_month_in_context() -> None:
    text = "发布时间：2024-05-20\n临水5月18日讯 16日，市总工会召开全委会议。"
    assert [m[2] for m in meetings(text)] == ["2024-05-16"]


def test_each_meeting_takes_the_date_of_its_own_clause() -> None:
    text = "发布时间：2024-03-20\n市总工会在3月5日召开务虚会的基础上，3月9日召开主席办公会。"
    assert [(m[1], m[2]) for m in meetings(text)] == [("务虚会", "2024-03-05"), ("主席办公会", "2024-03-09")]


def test_chair_written_paragraphs_away_from_a_single_meeting() -> None:
    text = (
        "4月20日，河口区总工会召开劳模座谈会。\n\n"
        "与会劳模先后发言，介绍了各自岗位上的创新做法。\n\n"
        "座谈会由区总工会副主席陈平主持。"
    )
    assert [m[3] for m in meetings(text)] == ["陈平"]


def test_no_chair_for_someone_who_only_attends() -> None:
    text = "4月20日，河口区总工会召开劳模座谈会。副区长王东出席会议并讲话。"
    assert [m[3] for m in meetings(text)] == [None]


def test_a_chair_who_speaks_while_chairing() -> None:
    text = "9月9日，安平市总工会召开重点工作推进会。张静在主持会议时要求，各级工会要抓好落实。"
    assert [m[3] for m in meetings(text)] == ["张静"]


def test_a_meeting_without_a_holding_verb() -> None:
    text = "11月2日，省总工会主席李华主持宣讲报告会。"
    assert meetings(text) == [(None, "宣讲报告会", "--11-02", "李华")]


def test_a_meeting_without_a_holding_verb_takes_the_date_before_it_not_a_later_one() -> None:
    text = (
        "2024年3月5日，市总工会深入基层调研职工之家建设情况。副主席王明主持职工之家建设座谈会，听取意见建议。\n"
        "截至2024年5月20日，全市职工之家已建成一百二十个。"
    )
    assert meetings(text) == [(None, "职工之家建设座谈会", "2024-03-05", "王明")]


def test_at_the_meeting_the_reporter_learned() -> None:
    text = "10月8日，在全省普惠服务工作推进会议上，记者了解到，全省已发放会员卡50万张。"
    assert [(m[0], m[1]) for m in meetings(text)] == [(None, "全省普惠服务工作推进会议")]


def test_headline_names_the_organizer_and_the_body_the_date() -> None:
    text = (
        "发布时间：2024-05-16\n东港市总工会召开工作部署会\n"
        "东港5月16日讯 14日，2024年全市工会工作部署会召开，总结去年工作。"
    )
    assert [(m[0], m[2]) for m in meetings(text)] == [("东港市总工会", "2024-05-14")]


def test_organizers_inside_a_joint_meeting_object() -> None:
    assert [m[0] for m in meetings("3月1日，召开市政府与市总工会联席会议。")] == ["市政府", "市总工会"]


def test_three_conveners_and_the_unions_of_a_whole_city() -> None:
    text = "6月12日，市总工会、市人社局、市工商联联合召开三方协商会议。今年以来，全市各级工会共召开座谈会200余场。"
    assert [m[0] for m in meetings(text)] == ["市总工会", "市人社局", "市工商联"]


def test_subject_form_with_a_vague_date_and_place() -> None:
    assert meetings("全省工会宣传工作会议日前在西安召开。") == [(None, "全省工会宣传工作会议", None, None)]


@pytest.mark.parametrize(
    "text",
    ["在党的二十届三中全会胜利召开之际，市总工会开展学习活动。", "全市职工代表大会召开后，各单位迅速传达。"],
)
def test_a_meeting_as_a_time_reference_is_not_held_here(text: str) -> None:
    assert meetings(text) == []


def test_clean_names_and_organizers() -> None:
    text = (
        "1月20日，东湖区总工会举办的“温暖回家路”2025年新春座谈会在区文化宫举行。\n"
        "3月2日，青山镇工会联合会换届暨第三届会员代表大会召开。"
    )
    assert meetings(text) == [
        ("东湖区总工会", "新春座谈会", "--01-20", None),
        ("青山镇工会联合会", "换届暨会员代表大会", "--03-02", None),
    ]


def test_a_name_run_on_into_the_next_clause_of_a_page_without_punctuation() -> None:
    text = "5月3日，东城区总工会召开全区工会工作会议区委常委、区总工会主席王刚出席会议并讲话。"
    assert [m[1] for m in meetings(text)] == ["全区工会工作会议"]


def test_a_clause_is_never_carried_as_an_organizer() -> None:
    text = "12月1日，北关机关工会召开会员大会。二是要处理好工会与行政的关系。会后召开了第二届委员会第一次全委会。"
    assert [m[0] for m in meetings(text)] == ["北关机关工会", "北关机关工会"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "10月12日，南湖大学第八届教职工代表大会第三次会议开幕。",
            [("南湖大学", "教职工代表大会", "--10-12", None)],
        ),
        (
            "5月5日，远航集团公司2024年工作会议暨职代会在集团总部召开。",
            [("远航集团公司", "工作会议暨职代会", "--05-05", None)],
        ),
        (
            "1月9日，区总工会党组书记刘丽主持召开区总工会党组会议。",
            [("区总工会", "党组会议", "--01-09", "刘丽")],
        ),
    ],
)
def test_congress_sessions_and_names_written_with_their_organizer(
    text: str, expected: list[tuple[str | None, str, str | None, str | None]]
) -> None:
    assert meetings(text) == expected


def test_a_habit_is_not_a_meeting_held() -> None:
    assert meetings("据了解，该公司工会每季度召开一次职工代表座谈会。") == []


def test_one_long_sentence_of_meetings_costs_linear_time() -> None:
    unionnews.parse("市总工会召开会议。")

    def seconds(n: int) -> float:
        text = "14日，市总工会召开会议，传达文件精神，" * n
        started = time.perf_counter()
        unionnews.parse(text)
        return time.perf_counter() - started

    small, large = seconds(500), seconds(4000)
    assert large < 8 * small * 4 + 1.0  # eight times the text: far below the 64 times of a quadratic path


def test_a_meeting_only_the_headline_names() -> None:
    text = "发布时间：2024-12-06\n临川区总工会召开十届三次全委会议\n12月5日，会议在区工人文化宫召开，总结全年工作。"
    assert meetings(text) == [("临川区总工会", "全委会议", "2024-12-05", None)]


def test_a_subtitled_session_of_a_report_meeting() -> None:
    text = "6月9日，临江市“奋进新时代”主题报告会“匠心筑梦”专场在市工人文化宫举行。"
    assert [(m[0], m[1]) for m in meetings(text)] == [(None, "临江市主题报告会")]


_PLACES = st.text(alphabet="东西南北山河湖海林江云川平安新华宁远清泉阳", min_size=2, max_size=3)
_ORG_KINDS = st.sampled_from(
    [
        "县总工会",
        "区总工会",
        "市总工会",
        "镇工会联合会",
        "集团工会",
        "行业工联会",
        "街道总工会",
        "直机关工委",
        "人民医院",
    ]
)
_KINDS = st.sampled_from(
    ["全委(扩大)会议", "党组会议", "座谈会", "工作推进会", "主席办公会", "职工代表大会", "工作会议", "恳谈会"]
)
_VERBS = st.sampled_from(["召开", "召开了", "组织召开", "在会议中心召开", "举行"])


@given(_PLACES, _ORG_KINDS, _KINDS, st.integers(1, 12), st.integers(1, 28), st.booleans(), _VERBS)
@settings(max_examples=150, deadline=None)
def test_verb_and_subject_forms_read_alike(
    place: str, org_kind: str, kind: str, month: int, day: int, subject_form: bool, verb: str
) -> None:
    """``M月D日，X召开Y。`` and ``M月D日，XY在Z召开。`` give the same organizer, kind and date."""
    org = place + org_kind
    written = kind.replace("(", "（").replace(")", "）")
    text = (
        f"{month}月{day}日，{org}第三届{written}在会议中心召开。"
        if subject_form
        else f"{month}月{day}日，{org}{verb}{written}，部署近期工作。"
    )
    assert meetings(text) == [(org, kind, f"--{month:02d}-{day:02d}", None)]


def test_a_headline_left_in_the_body_is_not_a_second_meeting() -> None:
    text = (
        "首页>>工会新闻\n\n全总十九届二次主席团会议在京召开\n\n"
        "中华全国总工会第十九届执行委员会主席团第二次全体会议3月5日在京召开，审议有关文件。"
    )
    assert [(m[0], m[2]) for m in meetings(text)] == [("中华全国总工会", "--03-05")]
