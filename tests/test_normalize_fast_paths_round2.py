"""Second-round shortcuts of the normalizer agree with the checks they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from unionnews.normalize.decode import _holds_surrogate, scrub_surrogates

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
