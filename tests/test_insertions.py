"""Insertions: pinyin annotations of any shape and parenthesised emoji between hanzi go; real parentheticals stay."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin.pinyin_dict import pinyin_dict

from unionnews import normalize
from unionnews.normalize.insertions import strip_symbol_insertions
from unionnews.normalize.pinyin import strip_pinyin_annotations

from damage import SENTENCES


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("工(gōng)会", "工会"),
        ("工(gōng )会", "工会"),
        ("工( gōng)会", "工会"),
        ("工(  gōng  )会", "工会"),
        ("会(hui4)议", "会议"),
        ("会(HUI4)议", "会议"),
        ("工(GŌNG)会", "工会"),
        ("工(Gong)会", "工会"),
        ("律(lv4)师", "律师"),
        ("律(lv)师", "律师"),
        ("女(nü)工", "女工"),
        ("的(de5)", "的"),
        ("工会(gōng huì)召开", "工会召开"),
        ("会（huì）议", "会议"),
        ("職(zhí )工代表大會(dà hui4)", "职工代表大会"),
    ],
)
def test_pinyin_annotations_of_any_shape_are_removed(damaged: str, clean: str) -> None:
    result = normalize(damaged)
    assert result.text == clean
    assert {r.kind for r in result.repairs} <= {"pinyin-annotation", "traditional-to-simplified"}


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("鼓(😀)励", "鼓励"),
        ("共服务3万人(🎈)次", "共服务3万人次"),
        ("鼓（😀）励", "鼓励"),
        ("鼓( 😀 )励", "鼓励"),
        ("家(👨\u200d👩\u200d👧)庭", "家庭"),
        ("工(★☆)会", "工会"),
        ("中(🇨🇳)国", "中国"),
        ("鼓(😀)(👍🏽)励", "鼓励"),
    ],
)
def test_emoji_and_symbols_between_hanzi_are_removed_and_recorded(damaged: str, clean: str) -> None:
    result = normalize(damaged)
    assert result.text == clean
    (repair,) = [r for r in result.repairs if r.kind == "insertion"]
    assert damaged[repair.raw_start : repair.raw_end] == repair.before
    assert repair.before.startswith(("(", "（")) and repair.after == ""


@pytest.mark.parametrize(
    "text",
    [
        "党组（扩大）会议",
        "副主席（兼）",
        "（记者 王方）",
        "（2023）年度",
        "下载(App)使用",
        "工会(hello)活动",
        "气温(℃)变化",
        "面积(㎡)为",
        "华为(®)手机",
        "很好(😀)",
        "(😀)工会",
        "工会（一）",
        "会(hui 4)议",
        "奴(nü)隶",
    ],
)
def test_real_parentheticals_are_kept(text: str) -> None:
    result = normalize(text, skip=["width"])
    assert result.text == text
    assert not [r for r in result.repairs if r.kind in ("insertion", "pinyin-annotation")]


def test_offsets_stay_exact_around_insertions() -> None:
    raw = "全省工(gōng )会(hui4)鼓(😀)励职工"
    result = normalize(raw)
    assert result.text == "全省工会鼓励职工"
    for i, ch in enumerate(result.text):
        start, end = result.raw_span(i, i + 1)
        assert raw[start:end] == ch


# -- properties -------------------------------------------------------------------------------

_TONE_NUMBERS = {"ā": "a1", "á": "a2", "ǎ": "a3", "à": "a4", "ē": "e1", "é": "e2", "ě": "e3", "è": "e4",
                 "ī": "i1", "í": "i2", "ǐ": "i3", "ì": "i4", "ō": "o1", "ó": "o2", "ǒ": "o3", "ò": "o4",
                 "ū": "u1", "ú": "u2", "ǔ": "u3", "ù": "u4", "ǖ": "v1", "ǘ": "v2", "ǚ": "v3", "ǜ": "v4"}  # fmt: skip


def _numbered(reading: str) -> str:
    """``huì`` -> ``hui4``: the tone mark moved to a digit at the end."""
    for mark, spelled in _TONE_NUMBERS.items():
        if mark in reading:
            return reading.replace(mark, spelled[0]) + spelled[1]
    return reading


def annotate(text: str, rng: random.Random) -> str:
    """Insert a reading after some hanzi, in the shapes mirror sites use."""
    out = []
    for ch in text:
        out.append(ch)
        readings = pinyin_dict.get(ord(ch), "").split(",") if ord(ch) in pinyin_dict else None
        if not readings or rng.random() < 0.5:
            continue
        reading = rng.choice(sorted(readings))
        reading = rng.choice([reading, _numbered(reading)])
        reading = reading.upper() if rng.random() < 0.2 else reading
        left, right = rng.choice(["", " "]), rng.choice(["", " ", "  "])
        out.append(f"{rng.choice('(（')}{left}{reading}{right}{rng.choice(')）')}")
    return "".join(out)


def insert_emoji(text: str, rng: random.Random) -> str:
    """Put a parenthesised emoji between some pairs of hanzi."""
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        if i + 1 < len(text) and "\u4e00" <= ch <= "\u9fff" and "\u4e00" <= text[i + 1] <= "\u9fff":
            if rng.random() < 0.2:
                out.append(f"({rng.choice(['😀', '🎈', '👍🏽', '❤️', '★'])})")
    return "".join(out)


sentences = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map("".join)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(sentences, st.randoms(use_true_random=False))
def test_annotated_sentences_come_back_exactly(clean: str, rng: random.Random) -> None:
    damaged = annotate(clean, rng)
    result = normalize(damaged)
    assert result.text == clean
    assert normalize(result.text).text == result.text
    for i, ch in enumerate(result.text):
        start, end = result.raw_span(i, i + 1)
        assert damaged[start:end] == ch


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(sentences, st.randoms(use_true_random=False))
def test_emoji_inserted_between_hanzi_come_out(clean: str, rng: random.Random) -> None:
    damaged = insert_emoji(clean, rng)
    result = normalize(damaged)
    assert result.text == clean
    assert len([r for r in result.repairs if r.kind == "insertion"]) == len(strip_symbol_insertions(damaged))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet="工会職(（)） hui4HUÌgōng😀★é,", max_size=30))
def test_insertion_steps_return_sorted_fixes_and_are_idempotent(text: str) -> None:
    for step in (strip_pinyin_annotations, strip_symbol_insertions):
        fixes = step(text)
        assert all(a.end <= b.start for a, b in itertools.pairwise(fixes))
    once = normalize(text).text
    assert normalize(once).text == once


def test_an_emoji_inside_a_unit_no_longer_breaks_the_statistic() -> None:
    import unionnews

    article = unionnews.parse(
        "全市工会服务职工\n今年以来，市总工会共服务职工3万人(🎈)次，发放慰问金500万元。"
    )
    stats = [(e.value, e.unit) for e in article.events if e.kind == "statistic"]
    assert (30000, "人次") in stats
    (repair,) = [r for r in article.repairs if r.kind == "insertion"]
    assert repair.before == "(🎈)"
