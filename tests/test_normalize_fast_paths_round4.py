"""Fourth-round shortcuts of the normalizer agree with the code they replace."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionnews.normalize import width
from unionnews.normalize.fix import apply_fixes, line_fixes, run_line_fixes
from unionnews.normalize.mojibake import find_mojibake, find_mojibake_after_widening
from unionnews.normalize.pipeline import run_pipeline

_MARKED_TEXT = st.text(alphabet="工会驿的㐀,:;!?()（）“”a1 \n\ufffd¹", max_size=60)


@given(_MARKED_TEXT, st.data())
def test_fixes_built_by_runs_are_the_fixes_built_by_positions(text: str, data: st.DataObject) -> None:
    runs = [m.span() for m in width._MARK_RUN_RE.finditer(text)]
    runs = [run for run in runs if data.draw(st.booleans())]
    positions = [i for start, end in runs for i in range(start, end)]
    expected = line_fixes(text, width._widen_at(text, positions), positions, "w") if positions else []
    assert run_line_fixes(text, runs, width.FULLWIDTH, "w") == expected


@given(_MARKED_TEXT)
def test_the_run_pattern_finds_every_mark_run_and_its_plain_runs_widen(text: str) -> None:
    found = list(width._RUN_RE.finditer(text))
    assert [m.span() for m in found] == [m.span() for m in width._MARK_RUN_RE.finditer(text)]
    for m in found:
        start, end = m.span()
        plain = (
            start > 0
            and end < len(text)
            and width._plain_hanzi(text[start - 1])
            and width._plain_hanzi(text[end])
            and "?" not in m.group()
        )
        assert bool(m.lastindex) == plain
        if plain:
            assert width._widens(text, m)
            assert (m.lastindex == 1) == ("(" not in m.group() and ")" not in m.group())


def _utf8_as_gbk(text: str) -> str:
    return text.encode("utf-8").decode("gbk", "replace")


def _gbk_shifted(text: str) -> str:
    return text.encode("gbk")[1:].decode("gbk", "replace")


#: Sentences of my own, pieces of each kind of mojibake, rare but real hanzi, and
#: the ASCII marks the width step widens, so that clusters and anchors sit next to them.
_PIECES = (
    "职工代表大会",
    "工会主席说",
    "驿站",
    "漯河",
    "珺",
    "鄄城",
    _utf8_as_gbk("发布时间"),
    _utf8_as_gbk("会议"),
    _utf8_as_gbk("工会"),
    _gbk_shifted("参赛选手"),
    _gbk_shifted("。”参赛"),
    "\u00b9\u00a4\u00bb\u00e1",
    ",",
    ":",
    ";",
    "!",
    "?",
    "(",
    ")",
    " ",
    "\n",
    "2",
    "a",
    "。",
    "“",
)


_WORDS = st.sampled_from(("职工代表大会", "工会主席说", "稳", "驿站", "", "鄄城"))
_MOJIBAKE = st.sampled_from(
    (
        *map(_utf8_as_gbk, ("工会", "会议", "职工", "发布时间", "代表")),
        _utf8_as_gbk("工会")[:-1],
        _utf8_as_gbk("会议")[1:],
    )
)
_MARKS = st.sampled_from((",", "!", ")", ":", ";", "(", ",!", "?", ")!"))
#: UTF-8 mojibake, maybe a rare hanzi or a lost byte, then marks the width step widens:
#: the shape where a widened mark cuts a UTF-8 window short.
_MOJIBAKE_BEFORE_MARKS = st.tuples(
    _WORDS, _MARKS, _WORDS, _MOJIBAKE, st.sampled_from(("", "珺", "驿", "\ufffd")), _MARKS, _WORDS
).map("".join)


_SHIFTED = st.sampled_from(
    tuple(map(_gbk_shifted, ("。“工人", "。“职工", "，“工会", "。”参赛", "！“劳动", "。“全市")))
)
_MORE_MARKS = st.sampled_from((",", "!", ")", ":", ";", "(", ",!", "?", ")!", "!!", ",,"))
#: GBK read one byte out of phase between runs of marks: widening them can complete a re-reading.
_SHIFTED_BETWEEN_MARKS = st.tuples(_WORDS, _MORE_MARKS, _SHIFTED, _MORE_MARKS, _WORDS).map("".join)
_AROUND_MARKS = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=24).map("".join),
    _MOJIBAKE_BEFORE_MARKS,
    _SHIFTED_BETWEEN_MARKS,
)


@settings(max_examples=900, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_AROUND_MARKS)
def test_after_widening_the_scoped_look_says_nothing_only_when_the_full_pass_finds_nothing(text: str) -> None:
    failed: set[tuple[str, str, str]] = set()
    live: set[tuple[int, int]] = set()
    if find_mojibake(text, failed, live):
        return
    widened = apply_fixes(text, width.widen_cjk_punctuation(text))
    if not find_mojibake_after_widening(widened, failed, live):
        assert find_mojibake(widened, set(failed)) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_AROUND_MARKS)
def test_normalize_with_the_scoped_look_is_normalize_with_the_full_look(text: str) -> None:
    fast = run_pipeline(text)
    slow = run_pipeline(text, always_recheck=True)
    assert (fast.text, fast.repairs) == (slow.text, slow.repairs)


@given(
    st.integers(1, 40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 3), st.text("，x", max_size=3)))
)
def test_a_summary_on_an_identity_map_spans_what_the_map_says(
    length: int, edits: list[tuple[int, int, str]]
) -> None:
    from unionnews.normalize.fix import Fix
    from unionnews.normalize.offsets import OffsetMap
    from unionnews.normalize.pipeline import _summary

    fixes, pos = [], 0
    for start, size, replacement in sorted(edits):
        if start >= pos and start + size <= length:
            fixes.append(Fix(start, start + size, replacement, "k", 0.5 + size / 10))
            pos = start + size + 1
    if not fixes:
        return
    offsets = OffsetMap.identity(length)
    summary = _summary("k", fixes, "x" * length, offsets)
    assert (summary.raw_start, summary.raw_end) == (
        offsets.raw_span(fixes[0].start, fixes[0].end)[0],
        offsets.raw_span(fixes[-1].start, fixes[-1].end)[1],
    )


@given(_MARKED_TEXT, st.data())
def test_pairing_drops_nothing_when_every_parenthesis_is_widened(text: str, data: st.DataObject) -> None:
    runs = [m.span() for m in width._MARK_RUN_RE.finditer(text) if data.draw(st.booleans())]
    with_parens = [text[start:end] for start, end in runs if "(" in text[start:end] or ")" in text[start:end]]
    if with_parens and width._every_paren_widened(text, with_parens):
        assert width._pairs_whole(text, runs) == runs
