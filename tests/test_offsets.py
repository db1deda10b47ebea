from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from unionnews.normalize.offsets import Edit, OffsetMap, apply_edits


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet="abc工会职", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append(Edit(a, b, draw(st.text(alphabet="xy", max_size=3))))
    return text, edits


@given(text_and_edits(), text_and_edits())
def test_map_is_monotone_and_complete(first: tuple[str, list[Edit]], second: tuple[str, list[Edit]]) -> None:
    text, edits = first
    out1 = apply_edits(text, edits)
    m = OffsetMap.identity(len(text)).then(edits, len(out1))
    # a second round of edits over the first output composes
    _, edits2 = second
    edits2 = [e for e in edits2 if e.end <= len(out1)]
    out2 = apply_edits(out1, edits2)
    m2 = m.then(edits2, len(out2))
    for mp, out in ((m, out1), (m2, out2)):
        positions = [mp.raw_span(i, i + 1) for i in range(len(out))]
        starts = [s for s, _ in positions]
        assert starts == sorted(starts)
        assert all(0 <= s <= e <= len(text) for s, e in positions)
        # the segments tile the raw text: contiguous, in order, nothing left out
        raw_pos = 0
        for seg in mp.segments:
            assert seg.raw_start == raw_pos
            raw_pos += seg.raw_len
        assert raw_pos == len(text)


def test_unchanged_spans_map_exactly() -> None:
    text = "甲乙(jiǎ)丙丁"
    edits = [Edit(2, 7, "")]
    out = apply_edits(text, edits)
    m = OffsetMap.identity(len(text)).then(edits, len(out))
    assert out == "甲乙丙丁"
    assert m.raw_span(2, 4) == (7, 9)
    assert m.raw_span(1, 3) == (1, 8)


@given(text_and_edits())
def test_identity_shortcut_agrees_with_general_composition(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    out = apply_edits(text, edits)
    identity = OffsetMap.identity(len(text))
    fast = identity.then(edits, len(out))
    general = identity._general_then(edits, len(out))
    assert fast.segments == general.segments
    assert identity.raw_spans(edits) == [identity.raw_span(e.start, e.end) for e in edits]
