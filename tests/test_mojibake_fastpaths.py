"""The mojibake step's faster forms compute what their plain forms do (hypothesis, exhaustive where cheap).

Big5 encodability is a length check, a window's score ceiling counts good
characters instead of scoring each one, and the suspicious characters are found
once for every repair family: each is compared with the form it replaces.
"""

from __future__ import annotations

import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_mojibake_prefilters import texts

from unionnews.normalize.charsets import SPACES_ABOVE_LATIN1, mojibake_gate_re, suspicious_re
from unionnews.normalize.mojibake import find_mojibake, phase, repair_latin1_runs, repair_misread_cjk, utf8
from unionnews.normalize.mojibake.common import (
    LOST_BYTE_MARKS,
    TWO_BYTE_CODECS,
    Taken,
    encode_with_lost_marks,
)


def test_two_byte_codecs_write_ascii_as_one_byte_and_the_rest_as_two_or_nothing() -> None:
    for codec in TWO_BYTE_CODECS:
        for cp in range(sys.maxunicode + 1):
            if 0xD800 <= cp < 0xE000:
                continue
            ch = chr(cp)
            try:
                size = len(ch.encode(codec))
            except UnicodeEncodeError:
                size = 0
            assert size == len(ch.encode(codec, "ignore"))
            assert size in ((1,) if cp < 0x80 else (0, 2)), (codec, hex(cp))


def test_a_window_with_a_character_big5_lacks_does_not_encode() -> None:
    assert encode_with_lost_marks("全国总工会", "big5") is None
    assert encode_with_lost_marks("全國總工會?", "big5") == "全國總工會".encode("big5") + b"\x00"
    assert encode_with_lost_marks("a工會", "big5") == "a工會".encode("big5")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=40) | texts.map(lambda t: t.encode("gb18030")))
def test_the_ceiling_is_the_sum_of_each_characters_score(raw: bytes) -> None:
    reading = raw.decode("utf-8", errors="replace")
    assert utf8._ceiling(raw) == sum(utf8._score(c) for c in reading if not c.isascii() and c != "\ufffd")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_one_scan_of_suspicious_characters_finds_what_each_family_finds_alone(text: str) -> None:
    sus = suspicious_re()
    fixes = repair_latin1_runs(text)
    taken = Taken(fixes)
    fixes += [f for f in repair_misread_cjk(text, set()) if taken.add(f.start, f.end)]
    fixes += phase.repair_phase_shifts(text, sus, taken, set())
    alone = sorted((f.start, f.end, f.replacement) for f in fixes)
    assert [(f.start, f.end, f.replacement) for f in find_mojibake(text, set())] == alone


def _reference_bounds(text: str, lo: int, hi: int) -> tuple[int, int]:
    """:func:`utf8.window_bounds` as the per-character loops it was written as."""
    left = lo
    while left > 0 and lo - left < utf8.EXPAND and text[left - 1] not in utf8.WINDOW_STOPS:
        left -= 1
    right = hi
    while right < len(text) and right - hi < utf8.EXPAND and text[right] not in utf8.WINDOW_STOPS:
        right += 1
        if text[right - 1].isascii() and text[right - 1].isalnum():
            break
    return left, right


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="工会珺aZ09_ ，。：\n\t?\ufffd-", min_size=1, max_size=16), st.data())
def test_window_bounds_by_regex_are_the_loops_bounds(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text) - 1))
    hi = data.draw(st.integers(lo + 1, len(text)))
    assert utf8.window_bounds(text, lo, hi, utf8.WINDOW_STOPS) == _reference_bounds(text, lo, hi)
    assert utf8.window_bounds(text, lo, hi, "".join(utf8.WINDOW_STOPS)) == _reference_bounds(text, lo, hi)


def test_the_spaces_above_latin1_are_what_str_isspace_says() -> None:
    spaces = {chr(cp) for cp in range(0x100, sys.maxunicode + 1) if chr(cp).isspace()}
    assert spaces == {
        c for c in map(chr, range(0x100, 0x10000)) if re.fullmatch(f"[{SPACES_ABOVE_LATIN1}]", c)
    }


def test_the_gate_matches_exactly_what_some_repair_family_starts_from() -> None:
    gate, sus = mojibake_gate_re(), suspicious_re()
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        starts = sus.match(ch) is not None or "\x80" <= ch <= "\xff" or ch in LOST_BYTE_MARKS
        assert (gate.match(ch) is not None) == starts, hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="工会总召开，。 \n珺ÊÐ¹¤?\ufffdab", max_size=30) | texts)
def test_text_the_gate_turns_away_has_no_repair_from_any_family(text: str) -> None:
    if mojibake_gate_re().search(text) is None:
        assert repair_latin1_runs(text) == []
        assert repair_misread_cjk(text, set()) == []
        assert phase.repair_phase_shifts(text, suspicious_re(), Taken(), set()) == []
