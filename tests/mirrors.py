"""Generated mirror corpora: clean articles we compose, each copied with random damage.

Every article is built from our own phrase tables (organisations, meeting names,
dates, numbers); each is copied 1-10 times, each copy damaged in its own way
(traditional script, pinyin, lost bytes, a GBK phase shift, page furniture, a
paragraph dropped, a cut ending).  Some meetings are also reported by a second,
independently written article (another outlet), which is not a copy.
"""

from __future__ import annotations

import pathlib
import random
import subprocess
import sys
from collections.abc import Iterator

import attrs

from damage import insert_pinyin, to_traditional

PLACES = (
    "郑州", "洛阳", "开封", "南阳", "新乡", "许昌", "成都", "绵阳", "德阳", "宜宾", "西安", "宝鸡",
    "咸阳", "汉中", "延安", "武汉", "襄阳", "宜昌", "长沙", "株洲", "湘潭", "岳阳", "合肥", "芜湖",
)  # fmt: skip
LEVELS = ("市总工会", "县总工会", "区总工会", "市教育工会", "市交通运输工会", "市建设工会")
DISTRICTS = ("金水", "二七", "中原", "高新", "经开", "城关", "新城", "东湖", "雁塔", "临潼", "龙泉", "天河")
MEETINGS = (
    "党组会议", "主席办公会议", "全委会议", "经费审查委员会会议", "女职工委员会会议",
    "劳动竞赛推进会", "职工代表大会", "工作务虚会", "专题学习会", "困难职工帮扶工作会",
)  # fmt: skip
CHAIRS = ("王建国", "李秀英", "张志强", "刘海燕", "陈明", "杨帆", "赵立新", "黄静", "周伟", "吴晓东")
REPORTERS = ("孙磊", "马丽", "朱涛", "胡敏", "郭强", "何琳", "林峰", "高洁")
OUTLETS = ("中工网", "工人日报", "河南工人日报", "四川工人日报", "陕西工人报", "大河网")

#: Phrase tables of the body: a sentence is an opener, an action, an object and an aim.
OPENERS = (
    "今年以来，", "近年来，", "会上，", "此次活动中，", "下一步，", "据了解，", "在此基础上，", "与此同时，",
    "为进一步做好这项工作，", "围绕年度重点任务，", "针对职工反映的突出问题，", "按照上级工会部署，",
)  # fmt: skip
ACTIONS = (
    "深入开展", "扎实推进", "持续深化", "认真组织", "全面启动", "广泛开展", "精心策划", "统筹推进",
    "大力实施", "不断完善", "积极探索", "稳步推进", "集中开展", "有序推进", "着力抓好",
)  # fmt: skip
OBJECTS = (
    "职工技能提升行动", "户外劳动者服务站点建设", "新就业形态劳动者入会工作", "困难职工帮扶救助",
    "劳模工匠进企业活动", "职工心理健康关爱服务", "女职工权益保护专项行动", "职工书屋建设",
    "产业工人队伍建设改革", "工会会员普惠服务", "集体协商要约行动", "安康杯竞赛活动",
    "职工疗休养工作", "农民工工资支付监督", "职工文化体育活动", "基层工会规范化建设",
    "工会干部能力提升培训", "送清凉送温暖活动", "网上工会平台建设", "职工法律援助服务",
)  # fmt: skip
AIMS = (
    "切实增强职工群众的获得感幸福感安全感", "推动各项工作落地见效", "让职工群众真正得到实惠",
    "为高质量发展贡献工会力量", "不断提升服务职工的精准度", "确保各项任务按期完成",
    "努力把工会建设成职工信赖的职工之家", "营造比学赶超的良好氛围", "形成上下联动的工作格局",
    "把党的关怀送到职工心坎上", "进一步夯实基层基础", "持续擦亮工会服务品牌",
)  # fmt: skip
SUBJECTS = (
    ("困难职工", "名", "帮扶"), ("一线职工", "人次", "慰问"), ("新就业形态劳动者", "名", "吸纳入会"),
    ("户外劳动者服务站点", "个", "建成"), ("职工书屋", "家", "建成"), ("帮扶资金", "万元", "发放"),
    ("技能培训", "场", "举办"), ("劳模工匠", "名", "选树"),
)  # fmt: skip
FURNITURE_TOP = (
    "首页 | 工会新闻 | 劳模风采 | 职工维权 | 联系我们",
    "您现在的位置：首页 > 新闻中心 > 基层动态",
    "当前位置：首页 > 工会动态",
)
FURNITURE_BOTTOM = (
    "版权所有 工会网 ICP备05012345号",
    "扫码关注微信公众号",
    "Copyright © 2024 All Rights Reserved",
)


@attrs.frozen
class Truth:
    """A clean article and what it reports."""

    article_id: str
    text: str
    meeting: tuple[str, str, str]
    statistics: tuple[tuple[int, str, str], ...]


@attrs.frozen
class Copy:
    """One copy in the corpus: its id, raw text, the clean article it copies and its damage."""

    article_id: str
    raw: str
    truth: str
    damage: tuple[str, ...]


def _sentence(rng: random.Random) -> str:
    return rng.choice(OPENERS) + rng.choice(ACTIONS) + rng.choice(OBJECTS) + "，" + rng.choice(AIMS) + "。"


def organisation(rng: random.Random) -> str:
    place = rng.choice(PLACES)
    level = rng.choice(LEVELS)
    return place + (rng.choice(DISTRICTS) + level if level.startswith("区") else level)


def meeting_of(rng: random.Random) -> tuple[str, str, str]:
    """(organizer, meeting name, ISO date) of a generated meeting."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return organisation(rng), rng.choice(MEETINGS), f"2024-{month:02d}-{day:02d}"


def write_article(
    rng: random.Random, article_id: str, meeting: tuple[str, str, str], outlet: str | None = None
) -> Truth:
    """A clean article reporting ``meeting`` and two statistics, in paragraphs of composed sentences."""
    organizer, name, date = meeting
    month, day = int(date[5:7]), int(date[8:10])
    pub_day = min(day + 1, 28)
    chair = rng.choice(CHAIRS)
    reporter = rng.choice(REPORTERS)
    headline = f"{organizer}召开{name}{rng.choice(('部署', '推进', '研究'))}{rng.choice(OBJECTS)}"
    stats = []
    stat_sentences = []
    for subject, unit, verb in rng.sample(SUBJECTS, 2):
        value = rng.randint(12, 4800)
        stats.append((value, unit, subject))
        stat_sentences.append(f"今年以来，{organizer}累计{verb}{value}{unit}{subject}，{rng.choice(AIMS)}。")
    paragraphs = [
        f"{month}月{day}日，{organizer}召开{name}，{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}。{chair}主持会议并讲话。",
        "".join(_sentence(rng) for _ in range(rng.randint(2, 4))),
        stat_sentences[0] + _sentence(rng),
        "".join(_sentence(rng) for _ in range(rng.randint(2, 4))),
        stat_sentences[1] + _sentence(rng),
        "".join(_sentence(rng) for _ in range(rng.randint(1, 3))),
    ]
    source = outlet or rng.choice(OUTLETS)
    head = [headline, f"2024-{month:02d}-{pub_day:02d} 09:{rng.randint(10, 59)}　来源：{source}"]
    byline = f"本报讯（记者 {reporter}）"
    text = "\n".join([*head, byline + paragraphs[0], *paragraphs[1:]]) + "\n"
    return Truth(article_id, text, meeting, tuple(stats))


DAMAGES = ("script", "pinyin", "lost-bytes", "phase-shift", "furniture", "drop-paragraph", "cut-ending")


def damage_copy(text: str, rng: random.Random, kinds: tuple[str, ...]) -> str:
    """``text`` with each damage of ``kinds`` done to it (edits to content first, bytes last)."""
    lines = text.rstrip("\n").split("\n")
    if "drop-paragraph" in kinds and len(lines) > 5:
        del lines[rng.randrange(4, len(lines) - 1)]
    if "cut-ending" in kinds:
        last = lines[-1]
        lines[-1] = last[: rng.randrange(len(last) // 3, len(last) - 2)].rstrip("。，")
    if "furniture" in kinds:
        lines = [rng.choice(FURNITURE_TOP), *lines, rng.choice(FURNITURE_BOTTOM)]
    out = "\n".join(lines) + "\n"
    if "script" in kinds:
        out = to_traditional(out)
    if "pinyin" in kinds:
        out = insert_pinyin(out, rng, rate=rng.uniform(0.05, 0.2))
    if "lost-bytes" in kinds:
        out = _lose_bytes(out, rng)
    if "phase-shift" in kinds:
        out = _phase_shift(out, rng)
    return out


def _lose_bytes(text: str, rng: random.Random) -> str:
    """One paragraph's UTF-8 read as GBK with replacement (a byte in eight is lost for good)."""
    lines = text.split("\n")
    k = rng.randrange(2, len(lines) - 1)
    lines[k] = lines[k].encode("utf-8").decode("gb18030", errors="replace")
    return "\n".join(lines)


def _phase_shift(text: str, rng: random.Random) -> str:
    """A lead byte lost before a character of a body paragraph, the rest read one byte out of phase."""
    lines = text.split("\n")
    k = rng.randrange(2, len(lines) - 1)
    line = lines[k]
    try:
        raw = line.encode("gbk")
    except UnicodeEncodeError:
        return text
    positions = [i for i, ch in enumerate(line) if len(ch.encode("gbk")) == 2]
    if len(positions) < 8:
        return text
    at = rng.choice(positions[2:-4])
    start = len(line[:at].encode("gbk"))
    damaged = raw[:start] + b"?" + raw[start + 1 :]
    # The crawl re-synchronises at the next ASCII or line end: damage a stretch only.
    lines[k] = damaged.decode("gbk", errors="replace")
    return "\n".join(lines)


@attrs.frozen
class Corpus:
    """A generated corpus: the copies in order, their truth and the group each belongs to."""

    copies: tuple[Copy, ...]
    truths: dict[str, Truth]
    group_of: dict[str, str]


def iter_copies(
    articles: int, seed: int = 0, *, max_copies: int = 10, other_outlets: float = 0.2, singles: float = 0.3
) -> Iterator[tuple[Truth, list[Copy]]]:
    """Each clean article with its copies, one at a time (a corpus of any size in flat memory).

    ``other_outlets``: share of meetings also written up independently (a second
    truth, not a copy); ``singles``: share of articles with one undamaged copy
    only (near-topic articles that nothing copies).
    """
    rng = random.Random(seed)
    for n in range(articles):
        meeting = meeting_of(rng)
        reports = [write_article(rng, f"a{n}", meeting)]
        if rng.random() < other_outlets:
            reports.append(write_article(rng, f"a{n}b", meeting))
        for truth in reports:
            count = 1 if rng.random() < singles else rng.randint(2, max_copies)
            copies = []
            for c in range(count):
                kinds = () if c == 0 else tuple(rng.sample(DAMAGES, rng.randint(1, 3)))
                cid = f"{truth.article_id}-{c}"
                copies.append(Copy(cid, damage_copy(truth.text, rng, kinds), truth.article_id, kinds))
            yield truth, copies


def make_corpus(articles: int, seed: int = 0, **options: float) -> Corpus:
    """``articles`` clean articles copied 1 to ``max_copies`` times with random damage, shuffled (see :func:`iter_copies`)."""
    copies: list[Copy] = []
    truths: dict[str, Truth] = {}
    group_of: dict[str, str] = {}
    for truth, group in iter_copies(articles, seed, **options):  # type: ignore[arg-type]
        truths[truth.article_id] = truth
        copies += group
        group_of.update((c.article_id, truth.article_id) for c in group)
    random.Random(seed).shuffle(copies)
    return Corpus(tuple(copies), truths, group_of)


def write_copies(root: pathlib.Path, corpus: Corpus) -> pathlib.Path:
    """Each copy of ``corpus`` as ``<article_id>.txt`` in ``root``: a folder for the command to parse."""
    for c in corpus.copies:
        (root / f"{c.article_id}.txt").write_text(c.raw, encoding="utf-8")
    return root


def run_parse(*args: str) -> subprocess.CompletedProcess[str]:
    """``unionnews parse ARGS`` in a real process."""
    return subprocess.run(
        [sys.executable, "-m", "unionnews", "parse", *args], capture_output=True, text=True, timeout=600
    )
