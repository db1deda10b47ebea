"""Second round of extraction fast paths: each gives exactly what the slow path gives."""

from __future__ import annotations

import re
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.extract import statistics

#: Pieces of counts and non-counts: digits (ASCII, full-width, a digit outside the BMP), numerals,
#: big units, separators, measure words and the characters that stop a count.
_COUNT_PIECES = (
    *"0123456789０５\U00011f52一二两三十百千万亿零点多余,.:：—-～至到第年月日%《》“”，。、",
    *statistics.MEASURES[:40],
    "以上",
    "以下",
    "左右",
    "职工",
)
count_texts = st.lists(st.sampled_from(_COUNT_PIECES), max_size=30).map("".join)


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=500)
@given(count_texts)
def test_count_shape_first_finds_what_the_full_pattern_finds(text: str) -> None:
    assert _found(statistics.stat_matches(text)) == _found(statistics.STAT_RE.finditer(text))


def test_count_shape_counts_every_regex_digit_as_a_digit() -> None:
    """The shape scan uses ``re``: every character ``regex`` reads as ``\\d`` must start a shape."""
    regex_digit = regex.compile(r"\d")
    shape_start = re.compile(statistics._NUMBER_START)
    missed = [
        c for c in map(chr, range(sys.maxunicode + 1)) if regex_digit.match(c) and not shape_start.match(c)
    ]
    assert missed == []


def test_count_shape_sees_the_character_before_its_start() -> None:
    """``STAT_RE.match`` at a shape's start still looks behind it (clock colon, range dash)."""
    assert [m["num"] for m in statistics.stat_matches("9:30,120名职工")] == ["120"]
    assert [m["num"] for m in statistics.stat_matches("30-45名职工")] == []
