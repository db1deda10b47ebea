"""The assembly and segmentation fast paths give what the plain forms give."""

from __future__ import annotations

import attrs
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews import parse
from unionnews.assemble import _with_raw
from unionnews.document import SENTENCE_END_RE, Document, _pieces
from unionnews.layout_rules import FURNITURE_CUES
from unionnews.lexicon import FURNITURE_PATTERNS, Lexicon
from unionnews.models import DateMention, Person, Span, Statistic
from unionnews.normalize.offsets import Edit, OffsetMap, _append, apply_edits
from unionnews.segment import (
    _ANY_FURNITURE,
    _CUE_FURNITURE,
    _LINE_START_RE,
    _LISTED_FURNITURE,
    _TITLE_SEPARATOR_RE,
    PAGE_TITLE_RE,
    Line,
    _credit_or_furniture,
    _in_lexicon_or_past_start,
    _is_cue_furniture,
    _is_dated_meta,
    _is_listed,
    han_at_least,
    is_credit,
    line_start_test,
    page_title_parts,
)


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
    assert mp.raw_spans_of(spans) == [mp.raw_span(start, end) for start, end in spans]


def test_raw_spans_of_rejects_what_raw_span_rejects() -> None:
    mp = OffsetMap.identity(5).then([Edit(1, 3, "")], 3)
    with pytest.raises(ValueError):
        mp.raw_spans_of([(2, 1)])
    with pytest.raises(IndexError):
        mp.raw_spans_of([(0, 4)])


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


_FURNITURE_LINES = st.text(
    alphabet="首页>›|关于我们分享星期三正文欢迎您登录 ICP©copyrightA电子报阅读器楼发表于：:工会1积分版权所有微信公众号要闻",
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(
    _FURNITURE_LINES,
    st.sampled_from(((), ("页>",), ("微信",))),
    st.sampled_from((frozenset(), frozenset({"要闻"}))),
)
def test_the_prefilter_holds_wherever_a_table_or_the_lexicon_calls_a_line_furniture(
    line: str, words: tuple[str, ...], sections: frozenset[str]
) -> None:
    cue = any(regex.search(p, line) for p in FURNITURE_CUES)
    if (cue or _is_listed(line, sections, words)) and _LINE_START_RE.match(line) is None:
        assert _in_lexicon_or_past_start(line, sections, words)
    assert _ANY_FURNITURE(line) == any(regex.search(p, line) for p in (*FURNITURE_CUES, *FURNITURE_PATTERNS))


@given(st.text(alphabet="工会。！？；\n 职a", max_size=30), st.integers(0, 50))
def test_sentence_pieces_are_the_pattern_matches(text: str, base: int) -> None:
    expected = [(base + m.start(), base + m.end(), m.group()) for m in SENTENCE_END_RE.finditer(text)]
    assert list(_pieces(text, base)) == expected


def _document() -> Document:
    parts = (
        ("headline", "职工之家"),
        ("body", "市总工会召开全委会议。会议部署全年工作！"),
        ("byline", "记者 王方"),
    )
    text = "\n".join(p for _, p in parts)
    lines = []
    for kind, part in parts:
        start = text.index(part)
        lines.append(Line(start, start + len(part), kind, part))  # type: ignore[arg-type]
    return Document(text, tuple(lines), Lexicon.merge(()))


def test_dated_document_keeps_its_lines_and_shares_what_was_split() -> None:
    first = _document()
    body = list(first.sentences())
    assert [s.text for s in body] == ["市总工会召开全委会议。", "会议部署全年工作！"]
    dates = (
        DateMention("3月2日", "2024-03-02", "day", False, Span(8, 12, 8, 12)),
        DateMention("今天", None, None, True, Span(5, 7, 5, 7)),
        DateMention("去年", None, None, True, None),
    )
    later = first.dated("2024-03-02", dates)
    assert (later.text, later.lines, later.published, later.dates) == (
        first.text,
        first.lines,
        "2024-03-02",
        dates,
    )
    assert list(later.sentences()) == body
    assert list(later.lines_of("byline")) == [(2, first.lines[2])]
    assert later.dates_in(0, 10) == [dates[0], dates[1]]
    assert later.dates_in(6, 10) == [dates[0]]
    assert first.dates_in(0, 30) == []


@given(st.text(alphabet="工会a 1，-", max_size=20), st.integers(0, 8))
def test_han_at_least_agrees_with_counting_the_hanzi(line: str, n: int) -> None:
    assert (han_at_least(n).match(line) is not None) == (len(regex.findall(r"\p{Han}", line)) >= n)


@settings(max_examples=300)
@given(st.text(alphabet="市总工会召开大会网报-_—|｜ a", max_size=40))
def test_page_title_gate_never_hides_a_page_title(line: str) -> None:
    m = PAGE_TITLE_RE.match(line)
    if m is not None:
        assert _TITLE_SEPARATOR_RE.search(line) is not None
    if page_title_parts(line) is not None:
        assert m is not None and page_title_parts(line) == tuple(p for p in m.groups() if p)


def test_page_title_parts_of_written_lines() -> None:
    assert page_title_parts("市总工会召开全委会议部署工作 - 工会新闻 - 某某工人网") == (
        "市总工会召开全委会议部署工作",
        "工会新闻",
        "某某工人网",
    )
    assert page_title_parts("市总工会召开全委会议部署工作") is None


_START_LINES = st.text(
    alphabet="（(【[ 责任编辑：:作者为据《转载请注明来源首页>›分享星期三正文楼发表于积分1x工会",
    max_size=20,
)


@settings(max_examples=300)
@given(_START_LINES)
def test_one_line_start_match_answers_for_credits_and_furniture_starts(line: str) -> None:
    m = _LINE_START_RE.match(line)
    credit = m is not None and m.group("credit") is not None
    assert credit == is_credit(line)
    if not credit:
        assert (m is not None) == (
            _ANY_FURNITURE.start is not None and _ANY_FURNITURE.start.match(line) is not None
        )


def test_line_start_test_refuses_a_floating_credit_pattern() -> None:
    with pytest.raises(ValueError):
        line_start_test((r"^作者[:：]", r"责任编辑[:：]"), _CUE_FURNITURE, _LISTED_FURNITURE)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        _START_LINES,
        _FURNITURE_LINES,
        st.text(alphabet="2024-03-02 发布时间：来源：编辑 首页>分享欢迎", max_size=30),
    ),
    st.sampled_from(((), ("页>",), ("微信",))),
    st.sampled_from((frozenset(), frozenset({"要闻"}))),
)
def test_first_pass_decides_as_the_tables_one_by_one(
    line: str, words: tuple[str, ...], sections: frozenset[str]
) -> None:
    if is_credit(line):
        expected = "credit"
    elif _is_cue_furniture(line) or (_is_listed(line, sections, words) and not _is_dated_meta(line)):
        expected = "furniture"
    else:
        expected = None
    assert _credit_or_furniture(line, sections, words) == expected


@given(edited_map(), st.data())
def test_deleting_lines_maps_as_then_does(mp: OffsetMap, data: st.DataObject) -> None:
    points = sorted(set(data.draw(st.lists(st.integers(0, mp.out_length), max_size=8))))
    deletions = [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]
    new_length = mp.out_length - sum(b - a for a, b in deletions)
    spans = mp.raw_spans_of(deletions)
    general = mp.then([Edit(a, b, "") for a, b in deletions], new_length).segments
    assert mp.after_deletions(deletions, new_length, spans).segments == general


def _copy_segment_by_segment(mp: OffsetMap, start: int, end: int, at: int) -> list[tuple[int, int, int, int]]:
    """What composing copied before segments inside a stretch were shifted together: one step each."""
    out: list[tuple[int, int, int, int]] = []
    for seg in mp.segments:
        out_start, out_len, raw_start, raw_len = seg.out_start, seg.out_len, seg.raw_start, seg.raw_len
        if out_start > end:
            break
        if out_len == 0:
            if start <= out_start:
                _append(out, (at + out_start - start, 0, raw_start, raw_len))
            continue
        lo, hi = max(start, out_start), min(end, out_start + out_len)
        if lo >= hi:
            continue
        if out_len == raw_len:
            _append(out, (at + lo - start, hi - lo, raw_start + lo - out_start, hi - lo))
        else:
            _append(out, (at + lo - start, hi - lo, raw_start, raw_len))
    return out


@given(edited_map(), st.data())
def test_copying_a_stretch_in_bulk_is_copying_segment_by_segment(mp: OffsetMap, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, mp.out_length))
    end = data.draw(st.integers(start, mp.out_length))
    at = data.draw(st.integers(0, 5))
    out: list[tuple[int, int, int, int]] = []
    mp._copy_into(out, start, end, at)
    assert out == _copy_segment_by_segment(mp, start, end, at)


def test_dropped_furniture_keeps_its_raw_span_and_the_lines_their_text() -> None:
    raw = "首页 > 工会新闻 > 正文\n市总工会召开全委会议\n记者 王方\n市总工会召开全委会议，部署全年工作。会议指出，要做好职工服务。\n分享\n"
    article = parse(raw)
    assert [f.text for f in article.furniture] == ["首页 > 工会新闻 > 正文", "分享"]
    for f in article.furniture:
        assert raw[f.raw_start : f.raw_end] == f.text
    assert "首页" not in article.text and "分享" not in article.text
    assert article.title == "市总工会召开全委会议"
