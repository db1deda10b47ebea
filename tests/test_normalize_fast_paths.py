"""The normalizer's fast paths give exactly what the slow paths they replace give.

Each shortcut (skipping the mojibake re-check, batched annotation deletions, the
cached one-syllable reading check, prefilters before steps) is checked against the
general code on text built to reach every step.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionnews.models import to_dict
from unionnews.normalize.fix import Deletions, apply_fixes
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
