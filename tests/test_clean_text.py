"""Clean text stays clean: width only between two Chinese characters, emoji kept, layout runs cheap."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable

import pytest
from clean_corpus import (
    allowed_change,
    clean_mixed_text,
    script_converted,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unionnews
from unionnews import normalize
from unionnews.normalize.layout import normalize_spaces, remove_zero_width
from unionnews.normalize.script import converter
from unionnews.normalize.width import widen_cjk_punctuation

# -- width ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "/wiki/工会?action=edit",
        "https://example.com/工会?id=1&x=2",
        "写信到union@工会.cn,谢谢",
        "好开心:)",
        "好开心:-(",
        'print("你好")',
        "if (工会) {",
        "a ? b : c",
        "会议于9:30开始",
        "共1,000名职工",
        "下载(App)使用",
        "于(2023)年",
        "工会(hello)",
        "工会?",
        "(工会)",
    ],
)
def test_ascii_outside_chinese_keeps_its_width(text: str) -> None:
    assert normalize(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("聚焦主责主业,倾听职工", "聚焦主责主业，倾听职工"),
        ("党组(扩大)会议", "党组（扩大）会议"),
        ("你好吗?!我很好", "你好吗？！我很好"),
        ("他说:“好”", "他说：“好”"),
        ("体系:500余万人次", "体系：500余万人次"),
        ("在听取意见的基础上, 3月5日召开座谈会", "在听取意见的基础上， 3月5日召开座谈会"),
        ("会议指出, 要做好服务", "会议指出， 要做好服务"),
        ("工会(兼),职工", "工会（兼），职工"),
    ],
)
def test_ascii_between_chinese_is_widened(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_a_parenthesis_is_widened_only_with_its_partner() -> None:
    assert normalize("甲,(乙)a").text == "甲,(乙)a"
    assert normalize("组(扩大)").text == "组(扩大)"


def test_width_is_one_summary_repair() -> None:
    result = normalize("工,会,职,工\n工,会")
    assert [r.kind for r in result.repairs] == ["punctuation-width"]


# -- spaces, zero-width characters, line endings ----------------------------------------------


@pytest.mark.parametrize(
    "emoji", ["👨\u200d👩\u200d👧", "👩\u200d💻", "🏳\ufe0f\u200d🌈", "👨🏽\u200d🔧", "❤\ufe0f\u200d🔥"]
)
def test_emoji_joiners_are_kept(emoji: str) -> None:
    text = f"工会{emoji}职工"
    result = normalize(text)
    assert result.text == text
    assert result.repairs == ()


def test_zero_width_characters_elsewhere_are_removed_in_one_summary_repair() -> None:
    result = normalize("工\u200b\u200b\u200b会\ufeff职\u200d工")
    assert result.text == "工会职工"
    (repair,) = result.repairs
    assert (repair.kind, repair.raw_start, repair.raw_end) == ("zero-width", 1, 8)
    assert repair.note.startswith("3 places")
    assert [result.raw_span(i, i + 1) for i in range(4)] == [(0, 1), (4, 5), (6, 7), (8, 9)]


def test_odd_spaces_are_one_summary_repair() -> None:
    result = normalize("工\u00a0\u00a0\u00a0会\u3000职工")
    assert result.text == "工   会 职工"
    assert [(r.kind, r.raw_start, r.raw_end) for r in result.repairs] == [("space", 1, 6)]


def test_zero_width_steps_give_one_fix_per_run() -> None:
    assert [(f.start, f.end) for f in remove_zero_width("工\u200b\u200b会\u200b")] == [(1, 3), (4, 5)]
    assert [(f.start, f.end) for f in normalize_spaces("\u00a0\u00a0工\u3000")] == [(0, 2), (3, 4)]


def test_line_endings_are_one_summary_and_offsets_stay_exact() -> None:
    raw = "第一行\r\n第二行\r\n\r\n第三行\r第四行"
    result = normalize(raw)
    assert result.text == "第一行\n第二行\n\n第三行\n第四行"
    assert [r.kind for r in result.repairs] == ["line-ending"]
    for i, ch in enumerate(result.text):
        if ch != "\n":
            start, end = result.raw_span(i, i + 1)
            assert raw[start:end] == ch


def _best_of_three(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        gc.collect()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


#: Inputs that once cost a Repair (and an offset segment) per character.
LAYOUT_RUNS: dict[str, tuple[Callable[[int], str], Callable[[int], int]]] = {
    # name: (text of size n, repairs expected for size n)
    "crlf": (lambda n: "\r\n" * n, lambda n: 1),
    "crlf-lines": (lambda n: "工会召开会议\r\n" * n, lambda n: 1),
    "zero-width": (lambda n: "\u200b" * n, lambda n: 1),
    "nbsp": (lambda n: "\u00a0" * n, lambda n: 1),
    "mixed-run": (lambda n: "\u200b\ufeff\u2060" * n, lambda n: 1),
    "zero-width-between-hanzi": (lambda n: "工\u200b" * n, lambda n: 1),
    "nbsp-between-hanzi": (lambda n: "工\u00a0" * n, lambda n: 1),
}


@pytest.mark.parametrize("name", LAYOUT_RUNS)
def test_layout_runs_scale_linearly_in_time_and_repairs(name: str) -> None:
    make, expected_repairs = LAYOUT_RUNS[name]
    normalize(make(10))  # lazy tables
    n = 10_000
    times = {}
    for k in (1, 2, 4):
        text = make(n * k)
        result = normalize(text)
        assert len(result.repairs) == expected_repairs(n * k)
        times[k] = _best_of_three(lambda text=text: normalize(text))  # type: ignore[misc]
    # linear: 4N costs about 4x N (quadratic would be 16x); generous for a shared machine
    assert times[4] < 8 * times[1] + 0.05, times
    assert times[2] < 4.5 * times[1] + 0.05, times


def test_a_million_zero_width_characters_take_little_memory() -> None:
    text = "\u200b" * 1_000_000
    tracemalloc.start()
    try:
        result = normalize(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.text == ""
    # the input is 4 MB as UCS-4 in some steps; one object per character would be 100+ MB
    assert peak < 30_000_000, peak


# -- script: OpenCC chains ----------------------------------------------------------------------


def test_a_t2s_chain_is_followed_to_its_end() -> None:
    assert normalize("薴").text == "苎"
    assert normalize("苧").text == "苎"
    assert normalize("薴麻种植").text == normalize(normalize("薴麻种植").text).text


def test_every_single_character_conversion_is_idempotent() -> None:
    t2s = converter("t2s")
    block = [chr(cp) for cp in range(0x3400, 0xA000)]
    converted = t2s.convert("\n".join(block)).split("\n")
    changed = [c for c, new in zip(block, converted, strict=True) if new != c]
    assert len(changed) > 2000
    for ch in changed:
        once = normalize(ch).text
        assert normalize(once).text == once, (ch, once)


# -- lone surrogates ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["工会\ud800", "\udc00工会召开会议", "工\ud83d\ude00会", "\ud800" * 5])
def test_surrogates_are_replaced_and_recorded(text: str) -> None:
    result = normalize(text)
    result.text.encode("utf-8")
    result.raw.encode("utf-8")
    assert len(result.raw) == len(text)
    surrogates = [r for r in result.repairs if r.kind == "surrogate"]
    assert surrogates and sum(r.lost for r in surrogates) == sum("\ud800" <= c <= "\udfff" for c in text)
    article = unionnews.parse(text)
    article.text.encode("utf-8")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.sampled_from("工会職\ud800\udbff\udc00\udfff a\r\n\u200b"), max_size=30))
def test_text_with_surrogates_always_normalizes(text: str) -> None:
    result = normalize(text)
    result.text.encode("utf-8")
    assert "".join(r.before for r in result.repairs).encode("utf-8", "strict") is not None
    assert normalize(result.text).text == result.text


# -- properties over generated clean text ------------------------------------------------------


clean_settings = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@clean_settings
@given(clean_mixed_text)
def test_clean_text_changes_only_in_script_and_width_between_chinese(text: str) -> None:
    out = normalize(text, skip=["mojibake"]).text
    assert allowed_change(script_converted(text), out) is None


@clean_settings
@given(clean_mixed_text)
def test_clean_text_passes_the_whole_pipeline(text: str) -> None:
    result = normalize(text)
    assert allowed_change(script_converted(text), result.text) is None
    assert {r.kind for r in result.repairs} <= {"traditional-to-simplified", "punctuation-width"}


@clean_settings
@given(clean_mixed_text)
def test_normalize_is_idempotent_on_clean_text(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@clean_settings
@given(clean_mixed_text)
def test_clean_text_offsets_are_exact(text: str) -> None:
    result = normalize(text, skip=["mojibake"])
    assert len(result.text) == len(text)
    for i in range(len(result.text)):
        assert result.raw_span(i, i + 1) == (i, i + 1) or result.repairs


@clean_settings
@given(clean_mixed_text)
def test_width_and_spaces_steps_alone_never_touch_clean_text_outside_chinese(text: str) -> None:
    assert normalize_spaces(text) == []
    for fix in widen_cjk_punctuation(text):
        assert allowed_change(text[fix.start : fix.end], fix.replacement) is None or fix.start > 0


@st.composite
def converted_hanzi(draw: st.DrawFn) -> str:
    """Text made of characters OpenCC ``t2s`` changes, the ones that can chain."""
    return draw(st.text(alphabet=st.sampled_from(_t2s_changed()), min_size=1, max_size=12))


def _t2s_changed() -> list[str]:
    t2s = converter("t2s")
    block = [chr(cp) for cp in range(0x4E00, 0xA000)]
    converted = t2s.convert("\n".join(block)).split("\n")
    return [c for c, new in zip(block, converted, strict=True) if new != c]


@clean_settings
@given(converted_hanzi())
def test_traditional_text_is_converted_once_and_for_all(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


#: Input the normalizer must survive: GBK-only and Big5 characters, surrogates, CRLF,
#: invisible characters, emoji joiners, annotations and lost-byte marks.
HOSTILE_ALPHABET = "珺旻镕誌製隻工会職(（)）huì4 ?\r\n\u200b\u200d\u00a0😀👩\ud800\udc00。，:"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=HOSTILE_ALPHABET, max_size=40))
def test_hostile_input_normalizes_to_encodable_idempotent_text(text: str) -> None:
    result = normalize(text)
    result.text.encode("utf-8")
    result.raw.encode("utf-8")
    for r in result.repairs:
        (r.before + r.after + r.note).encode("utf-8")
        assert 0 <= r.raw_start <= r.raw_end <= len(result.raw)
    assert normalize(result.text).text == result.text
    spans = [result.raw_span(i, i + 1) for i in range(len(result.text))]
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet="工会a1，。,;:?!()（）“”‘’…— \n", max_size=30))
def test_width_step_is_idempotent_and_widens_only_between_chinese(text: str) -> None:
    from unionnews.normalize.fix import apply_fixes

    once = apply_fixes(text, widen_cjk_punctuation(text))
    assert apply_fixes(once, widen_cjk_punctuation(once)) == once
    assert allowed_change(text, once) is None
