"""Write ``tests/cases/mojibake/*.json`` from sentences written for the tests.

Each sentence is damaged the way real pages are (a ``。”`` whose lead byte became
``?`` and a trail byte lost where the pairs fall back in step; UTF-8 read as
GBK/cp1252/Big5; GBK read as Latin-1) or at every offset (synthetic).  A case the
mojibake step does not repair exactly goes to ``known-failures`` (strict xfail in
``tests/test_mojibake_cases.py``), so run this again after improving the step and
review the diff.

Run: ``python scripts/make_mojibake_cases.py``.
"""

import json
import random
from pathlib import Path

from unionnews.normalize.fix import apply_fixes
from unionnews.normalize.mojibake import find_mojibake

OUT = Path(__file__).resolve().parent.parent / "tests" / "cases" / "mojibake"


def step(t):
    return apply_fixes(t, find_mojibake(t))


def shift(text, at, mark=True, drop_trail_at=None):
    """GBK bytes of text; the lead byte of char `at` becomes ? (or is lost); optionally a later trail byte is lost."""
    raw = bytearray(text.encode("gbk"))
    pos = len(text[:at].encode("gbk"))
    if drop_trail_at is not None:
        tpos = len(text[:drop_trail_at].encode("gbk")) + 1
        del raw[tpos]
    if mark:
        raw[pos] = 0x3F
    else:
        del raw[pos]
    return bytes(raw).decode("gbk", errors="replace")


cases = {"in-the-wild": [], "synthetic": [], "negative": [], "known-failures": []}


def add(kind, label, original, fixed):
    got = step(original)
    entry = {"label": label, "original": original, "fixed": fixed}
    if got == fixed:
        cases[kind].append(entry)
    else:
        entry["got"] = got
        cases["known-failures"].append(entry)


# in-the-wild shapes (our own sentences, damaged the way real pages are)
S = [
    "会员们说：“服务很周到。”这一年来，区总工会走访了困难职工",
    "他表示：“我们会继续努力。”今年以来，市总工会举办培训班",
    "职工代表说：“感谢工会的关心。”据了解，该项目已覆盖全区",
    "活动现场气氛热烈。”参赛选手们纷纷表示收获很大",
    "大家都说：“这个驿站真贴心。”截至目前，全市共建成驿站",
    "省总工会主席强调：“要把好事办好。”会议还通报了有关情况",
]
for s in S:
    i = s.index("。”")
    # byte A1 of 。 becomes ?, and a trail byte is lost where the pairs fall back in step
    j = s.index("，", i) if "，" in s[i:] else None
    if j is None:
        continue
    d = shift(s, i, mark=True, drop_trail_at=j)
    add("in-the-wild", "lead byte of 。 read as ?, trail of ， lost", d, s)
    d2 = shift(s, i, mark=True)
    add("in-the-wild", "lead byte of 。 read as ?, in step after an invalid pair", d2, s)

add(
    "in-the-wild",
    "UTF-8 read as GBK, whole headline",
    "发布时间：县总工会宣传部".encode().decode("gb18030", errors="replace"),
    "发布时间：县总工会宣传部",
)
add(
    "in-the-wild",
    "GBK read as Latin-1",
    "工会召开职工代表大会".encode("gbk").decode("latin-1"),
    "工会召开职工代表大会",
)
add(
    "in-the-wild",
    "UTF-8 read as cp1252 with undefined bytes",
    "发布时间：2023年10月18日，来源：市总工会".encode().decode("cp1252", errors="replace"),
    "发布时间：2023年10月18日，来源：市总工会",
)
add(
    "in-the-wild",
    "UTF-8 read as cp1252, traditional",
    "職工服務中心".encode().decode("cp1252", errors="replace"),
    "職工服務中心",
)

# synthetic: phase shifts at every offset of a few sentences
rng = random.Random(5)
SYN = [
    "工会干部深入一线倾听职工诉求，帮助解决实际问题。",
    "区总工会举办职工运动会，吸引了数百名职工参加比赛。",
    "全省各级工会持续推进产业工人队伍建设改革。",
]
for s in SYN:
    for at in range(2, len(s) - 6, 3):
        for mark in (True, False):
            d = shift(s, at, mark=mark)
            if d == s:
                continue
            got = step(d)
            if got == s:
                cases["synthetic"].append(
                    {
                        "label": f"one byte {'read as ?' if mark else 'lost'} at {at}",
                        "original": d,
                        "fixed": s,
                    }
                )
            else:
                cases["known-failures"].append(
                    {
                        "label": f"one byte {'read as ?' if mark else 'lost'} at {at}",
                        "original": d,
                        "fixed": s,
                        "got": got,
                    }
                )
for s in SYN:
    add(
        "synthetic",
        "UTF-8 read as GBK with replacement",
        s.encode("utf-8").decode("gbk", errors="replace"),
        s,
    )
    add("synthetic", "UTF-8 read as cp1252", s.encode("utf-8").decode("cp1252", errors="replace"), s)
    add("synthetic", "GBK read as cp1252", s.encode("gbk").decode("cp1252", errors="replace"), s)
    add("synthetic", "UTF-8 read as Big5", s.encode("utf-8").decode("big5", errors="replace"), s)

NEG = [
    "本报讯（记者 陈珺）全市工会召开会议。",
    "记者王旻、李镕、张玥、赵祎、刘赟报道。",
    "昇、璟两位同志出席。",
    "使用者日誌。",
    "一隻。",
    "產品製造，註冊，週末。",
    "請參閱使用者手冊（第三版）。",
    "你知道吗 ? 我不知道",
    "a ? b : c",
    "访问 /wiki/工会?action=edit 查看",
    "好开心:) 今天去了工会",
    'print("你好")',
    "┌──┬──┐\n│表│格│\n└──┴──┘",
    "日本語の文章です。労働組合の会議が開かれました。",
    "한국어 문장입니다.",
    "价格：１２００元（含税）。",
    "第①条 第②款",
    "α、β、γ 三种射线。",
    "café résumé naïve",
    "Copyright © 2008-2018 by www.example.cn",
    "温度 25℃，湿度 60%。",
    "陈珺：“我们会继续努力。”",
    "王旻说？是的！",
    "《工会法》第十条",
    "「工會」『會員』",
    "你知道吗?我不知道",
    "是吗?对!",
    "夏珺、彭俊报道",
    "記者陳珺、王旻報導：會議於週末舉行。",
    "一隻。一隻。",
    "使用者日誌（第二版）",
    "好开心:) 今天去了工会",
    "韩国 한국 노동조합 工会",
    "価格は１２００円です。",
    "the unionカタカナ工会",
    "叨叨叨叨叨叨",
    "│ 序号 │ 单位名称 │ 人数 │",
    "한국어 텍스트 工会",
    "the unionカタカナ臺灣",
    "カタカナ職工工会陈珺20243.5",
    "工会陈珺x = f(y);カタカナ",
    "工会http://t.cn/a?b=1&c=2こんにちは",
]
for s in NEG:
    add("negative", "clean text", s, s)
for e in cases["known-failures"]:
    e.pop("got", None)
for k, v in cases.items():
    with open(OUT / f"{k}.json", "w", encoding="utf-8") as f:
        json.dump(v, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(k, len(v))
