"""The assembly and segmentation fast paths give what the plain forms give."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unionnews.assemble import _with_raw
from unionnews.models import DateMention, Person, Span, Statistic
from unionnews.normalize.offsets import Edit, OffsetMap, apply_edits, raw_spans_of


@st.composite
def edited_map(draw: st.DrawFn) -> OffsetMap:
    """A map after one or two rounds of edits (deletions, insertions, rewrites of other lengths)."""
    text = draw(st.text(alphabet="abc工会职", max_size=30))
    mp = OffsetMap.identity(len(text))
    for _ in range(draw(st.integers(0, 2))):
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
        edits = [
            Edit(a, b, draw(st.text(alphabet="xy", max_size=3)))
            for a, b in zip(cuts[::2], cuts[1::2], strict=False)
        ]
        text = apply_edits(text, edits)
        mp = mp.then(edits, len(text))
    return mp


@given(edited_map(), st.data())
def test_raw_spans_of_agrees_with_raw_span(mp: OffsetMap, data: st.DataObject) -> None:
    points = st.integers(0, mp.out_length)
    spans = [tuple(sorted(p)) for p in data.draw(st.lists(st.tuples(points, points), max_size=10))]
    assert raw_spans_of(mp, spans) == [mp.raw_span(start, end) for start, end in spans]


def test_raw_spans_of_rejects_what_raw_span_rejects() -> None:
    mp = OffsetMap.identity(5).then([Edit(1, 3, "")], 3)
    with pytest.raises(ValueError):
        raw_spans_of(mp, [(2, 1)])
    with pytest.raises(IndexError):
        raw_spans_of(mp, [(0, 4)])


def test_with_raw_fills_every_record_as_evolve_does() -> None:
    text = "第一段文字（拼音zhu）第二段"
    edits = [Edit(5, 11, "")]
    out = apply_edits(text, edits)
    mp = OffsetMap.identity(len(text)).then(edits, len(out))
    records = [
        Person("王方", "reporter", None, Span(0, 2, 0, 0)),
        Statistic(120000, "元", "12万元", False, "职工", "发放", Span(5, 8, 0, 0), "builtin.statistics"),
        DateMention("今天", None, None, True, None),
        Person("李红", "editor", None, Span(2, len(out) + 3, 0, 0)),
    ]
    expected = tuple(
        attrs.evolve(
            r, evidence=Span(r.evidence.start, r.evidence.end, *mp.raw_span(r.evidence.start, r.evidence.end))
        )
        if r.evidence is not None and r.evidence.end <= len(out)
        else r
        for r in records
    )
    assert _with_raw(records, mp) == expected
    assert expected[1].evidence.raw_start == 11
