"""Third-round shortcuts of the normalizer agree with the slow code they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.normalize.pinyin import annotation_spans


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
