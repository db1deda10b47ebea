"""The normalizer's fast paths give exactly what the slow paths they replace give.

Each shortcut (skipping the mojibake re-check, batched annotation deletions, the
cached one-syllable reading check, prefilters before steps) is checked against the
general code on text built to reach every step.
"""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionnews.models import to_dict
from unionnews.normalize import width
from unionnews.normalize.decode import _holds_surrogate, scrub_surrogates
from unionnews.normalize.fix import Deletions, apply_fixes, line_fixes, run_line_fixes
from unionnews.normalize.mojibake import find_mojibake, find_mojibake_after_widening
from unionnews.normalize.offsets import Edit, OffsetMap, apply_edits
from unionnews.normalize.pinyin import (
    _annotates,
    _annotates_one,
    annotation_spans,
    strip_pinyin,
    strip_pinyin_annotations,
)
from unionnews.normalize.pipeline import NormalizedText, run_pipeline

from damage import (
    SENTENCES,
    crawl_ascii_punctuation,
    gbk_read_as_latin1,
    insert_pinyin,
    to_traditional,
    utf8_read_as_gbk,
)

#: Hanzi in both scripts, readings, ASCII and full-width punctuation, lost-byte marks,
#: Latin-1 and UTF-8-as-GBK mojibake, rare hanzi, odd spaces and invisible characters.
ALPHABET = "工会會議中驿(huì)?:,!;（）é ¹¤»á鍙戝竷\ufffd1陜\r\n\u3000\u200b😀"


def _everything(result: NormalizedText) -> tuple[object, ...]:
    return (
        result.text,
        [to_dict(r) for r in result.repairs],
        result.script,
        result.offsets.segments,
    )


@st.composite
def damaged_articles(draw: st.DrawFn) -> str:
    """Sentences hurt the ways crawls hurt them, mixed, with lines between."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    lines = []
    for sentence in draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)):
        hurt = draw(st.sampled_from(("clean", "traditional", "pinyin", "ascii", "latin1", "utf8")))
        if hurt == "traditional":
            sentence = to_traditional(sentence)
        elif hurt == "pinyin":
            sentence = insert_pinyin(to_traditional(sentence), rng)
        elif hurt == "ascii":
            sentence = crawl_ascii_punctuation(sentence)
        elif hurt == "latin1":
            sentence = gbk_read_as_latin1(sentence)
        elif hurt == "utf8":
            sentence = utf8_read_as_gbk(sentence)
        lines.append(sentence)
    return draw(st.sampled_from(("\n", "\r\n", "", "驿站"))).join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(alphabet=ALPHABET, max_size=60), damaged_articles()))
def test_skipping_the_mojibake_recheck_never_changes_output(text: str) -> None:
    fast = run_pipeline(text)
    slow = run_pipeline(text, always_recheck=True)
    assert _everything(fast) == _everything(slow)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(alphabet=ALPHABET, max_size=60), damaged_articles()))
def test_fast_paths_agree_without_script_conversion_or_mojibake_step(text: str) -> None:
    for options in ({"convert_script": False}, {"skip": ["mojibake"]}, {"skip": ["width", "spaces"]}):
        fast = run_pipeline(text, **options)  # type: ignore[arg-type]
        slow = run_pipeline(text, always_recheck=True, **options)  # type: ignore[arg-type]
        assert _everything(fast) == _everything(slow)


@st.composite
def text_and_deletions(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="abc工会职", max_size=30))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=10))))
    return text, [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]


@given(
    text_and_deletions(),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3), st.text("xy", max_size=3))),
)
def test_batched_deletions_map_like_their_edits(
    case: tuple[str, list[tuple[int, int]]], earlier: list[tuple[int, int, str]]
) -> None:
    text, deletions = case
    # an earlier round of edits (or none) gives an identity or a composed map
    first: list[Edit] = []
    pos = 0
    for start, length, replacement in sorted(earlier):
        if start >= pos and start + length <= len(text):
            first.append(Edit(start, start + length, replacement))
            pos = start + length + 1
    before = apply_edits(text, first)
    base = OffsetMap.identity(len(text)).then(first, len(before))
    deletions = [(a, b) for a, b in deletions if b <= len(before)]
    edits = [Edit(a, b, "") for a, b in deletions]
    after = apply_edits(before, edits)
    spans = base.raw_spans(edits)
    batched = base.after_deletions(deletions, len(after), spans)
    assert batched.segments == base.then(edits, len(after), spans).segments
    assert batched.segments == base._general_then(edits, len(after)).segments


@settings(max_examples=200)
@given(
    st.sampled_from("工会會議中長行重乐樂了"),
    st.sampled_from(
        ["huì", "hui4", "HUÌ", "zhōng", "zhong", "cháng", "zhang3", "lè", "yue4", "le", "lv4", "abc"]
    ),
)
def test_cached_one_syllable_check_is_the_general_one(char: str, syllable: str) -> None:
    annotated = f"{char}({syllable})"
    assert _annotates_one(annotated) == _annotates(annotated, 1, [syllable])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(alphabet="工会會議中(huì gōng)? lián）（", max_size=40), damaged_articles()))
def test_batch_and_fixes_of_the_pinyin_step_agree(text: str) -> None:
    batch = strip_pinyin(text)
    fixes = strip_pinyin_annotations(text)
    if isinstance(batch, Deletions):
        assert list(batch.spans) == annotation_spans(text)
        assert batch.fixes() == fixes
    else:
        assert batch == fixes
    assert apply_fixes(text, fixes) == apply_fixes(
        text, batch.fixes() if isinstance(batch, Deletions) else batch
    )


#: Parentheses with readings, names, symbols and spaces inside, and the rest of a page.
PAREN_ALPHABET = "工会會(（)） \tabhuìÀ😀☆→©1记者?\n"


@settings(max_examples=400)
@given(st.text(alphabet=PAREN_ALPHABET, max_size=30))
def test_parenthesis_prefilters_are_necessary(text: str) -> None:
    from unionnews.normalize.insertions import INSERTION_RE, _opens_on_symbol
    from unionnews.normalize.pinyin import ANNOTATION_RE, _opens_on_latin

    if not _opens_on_latin(text):
        assert ANNOTATION_RE.search(text) is None
    if not _opens_on_symbol(text):
        assert INSERTION_RE.search(text) is None


@given(
    st.text(
        alphabet="工会 \u00a0\u3000\u2002\u2003\u2009\u202f\u200b\u200c\u200d\u2060\ufeff😀a", max_size=20
    )
)
def test_layout_prefilters_are_necessary(text: str) -> None:
    from unionnews.normalize.layout import (
        _ODD_SPACE_RUN_RE,
        _SPACES_AND_ZERO_WIDTH,
        _ZERO_WIDTH_RUN_RE,
        ZERO_WIDTH,
        _holds_any,
    )

    if not _holds_any(text, ZERO_WIDTH):
        assert _ZERO_WIDTH_RUN_RE.search(text) is None
    if not _holds_any(text, _SPACES_AND_ZERO_WIDTH):
        assert _ODD_SPACE_RUN_RE.search(text) is None and _ZERO_WIDTH_RUN_RE.search(text) is None


@given(st.text(alphabet="工会会們们國国乾著陜a ", max_size=30))
def test_script_detection_counts_what_it_needs(text: str) -> None:
    from unionnews.normalize.script import _script_only_chars, detect_script, to_simplified

    verdict = detect_script(text)
    simplified = to_simplified(text)
    if verdict == "traditional":
        traditional_only, simplified_only = _script_only_chars()
        traditional_count = len(traditional_only.findall(text))
        assert len(simplified_only.findall(text)) <= max(2, traditional_count // 10)
        assert simplified != text and len(simplified) == len(text)


@given(st.text(alphabet="工会,:;!?()a1 \n“", max_size=40))
def test_widening_by_slices_is_widening_by_characters(text: str) -> None:
    from unionnews.normalize.width import FULLWIDTH, _widen_at

    positions = [i for i, ch in enumerate(text) if ch in FULLWIDTH and i % 2 == 0]
    chars = list(text)
    for i in positions:
        chars[i] = FULLWIDTH[text[i]]
    assert _widen_at(text, positions) == "".join(chars)


# The surrogate check by codec, and the width step's plain-hanzi shortcut.

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@given(st.text(alphabet=st.sampled_from("a工會😀\x00\ufffd\ud800\udbff\udc00\udfff\ud7ff\ue000")))
def test_the_codec_check_finds_exactly_the_surrogates(text: str) -> None:
    assert _holds_surrogate(text) == (_SURROGATE_RE.search(text) is not None)


@given(st.text(alphabet=st.sampled_from("a工會😀\ud800\udfff")))
def test_scrubbed_text_holds_no_surrogate_and_keeps_its_length(text: str) -> None:
    scrubbed = scrub_surrogates(text)
    assert len(scrubbed.text) == len(text)
    assert not _holds_surrogate(scrubbed.text)
    assert bool(scrubbed.fixes) == _holds_surrogate(text)


def test_a_plain_hanzi_is_a_chinese_side_of_a_mark() -> None:
    from unionnews.normalize.width import _CJK, _plain_hanzi, _side

    plain = [chr(cp) for cp in range(0x3000, 0xA000) if _plain_hanzi(chr(cp))]
    assert len(plain) == (0x9FFF - 0x4E00 + 1) + (0x4DBF - 0x3400 + 1)
    assert all(_side(ch) == _CJK for ch in plain)
    assert not any(_plain_hanzi(ch) for ch in ",:;!?()（）a1 。\n")


def _runs_by_sides(text: str) -> list[tuple[int, int]]:
    """The mark runs to widen, each judged by its sides alone (the step without its shortcut)."""
    from unionnews.normalize import width

    runs = []
    for m in width._MARK_RUN_RE.finditer(text):
        start, end = m.span()
        before = width._side_towards(text, start - 1, -1)
        paren = "(" in m.group() or ")" in m.group()
        after = width._side_towards(text, end, 1)
        if before == width._CJK and after == width._NOT_CJK and not paren:
            after = width._clause_follows(text, end)
        if not before or not after or before + after < width._SHARED + width._CJK:
            continue
        if "?" in m.group() and width._touches_suspicious(text, start, end):
            continue
        runs.append((start, end))
    return width._pairs_whole(text, runs)


@given(st.text(alphabet="工会驿的,:;!?()（）“”a1 \n\ufffd¹", max_size=40))
def test_widening_with_the_plain_hanzi_shortcut_is_widening_by_sides(text: str) -> None:
    from unionnews.normalize.fix import line_fixes
    from unionnews.normalize.width import _widen_at, widen_cjk_punctuation

    positions = [i for start, end in _runs_by_sides(text) for i in range(start, end)]
    expected = (
        line_fixes(text, _widen_at(text, positions), positions, "punctuation-width") if positions else []
    )
    assert widen_cjk_punctuation(text) == expected


# Pinyin annotation spans found without a look-behind.


def _lookbehind_spans(text: str) -> list[tuple[int, int]]:
    """annotation_spans as it was: every ANNOTATION_RE match, each checked for its reading."""
    from unionnews.normalize.pinyin import ANNOTATION_RE, _annotates, _opens_on_latin

    if not _opens_on_latin(text):
        return []
    return [m.span() for m in ANNOTATION_RE.finditer(text) if _annotates(text, m.start(), m[1].split())]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="工会會議a\ue84b(（)） \thuìgōngHUI4x1", max_size=50))
def test_annotation_spans_without_lookbehind_are_the_lookbehind_ones(text: str) -> None:
    assert annotation_spans(text) == _lookbehind_spans(text)


def test_a_private_use_character_with_a_reading_is_not_annotated() -> None:
    # U+E84B is in the reading table but is no hanzi, so its "(...)" is left alone.
    from unionnews.normalize.pinyin import _chars_by_reading

    reading = next(r for r, chars in _chars_by_reading().items() if "\ue84b" in chars)
    assert annotation_spans(f"\ue84b({reading})") == []
    assert annotation_spans(f"\ue84b\ue84b({reading} {reading})") == []
    assert annotation_spans(f"會({reading})會(huì)") == [(len(reading) + 4, len(reading) + 9)]


def test_the_latin_blocks_hold_every_latin_letter() -> None:
    import regex

    from unionnews.normalize.pinyin import LATIN_BLOCKS

    latin = regex.compile(r"\p{Latin}")
    inside = {code for low, high in LATIN_BLOCKS for code in range(low, high + 1)}
    assert not [
        code
        for code in range(0x110000)
        if code not in inside and not 0xD800 <= code <= 0xDFFF and latin.match(chr(code))
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="工会會議中(（)） \thuìgōngHUI4Ü1ḿ", max_size=40),
    st.sampled_from(["", "ß", "ａ", "ɑ", "ǐ", "Ǐ", "ŋ", "ⅰ", "ａｂ", "\U0001df00"]),
    st.integers(0, 40),
)
def test_annotation_spans_agree_with_any_latin_letter(text: str, letter: str, at: int) -> None:
    text = text[:at] + letter + text[at:]
    assert annotation_spans(text) == _lookbehind_spans(text)
    assert annotation_spans(f"會({letter}ui)" + text) == _lookbehind_spans(f"會({letter}ui)" + text)


# Width runs found by one pattern, and the scoped mojibake look after widening.

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
