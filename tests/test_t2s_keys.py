"""The t2s key table: text it says OpenCC cannot change is never changed, and skipping OpenCC moves no output."""

from __future__ import annotations

import opencc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionnews.normalize import tables
from unionnews.normalize.script import MAX_T2S_ROUNDS, may_convert, to_simplified

T2S = opencc.OpenCC("t2s")
VERSION, KEYS, PHRASES = tables.t2s_keys()
#: Where single characters live that a t2s dictionary could hold: CJK radicals to the
#: end of the unified block, the compatibility ideographs, and the supplementary planes.
CJK_RANGES = (range(0x2E80, 0xA000), range(0xF900, 0xFB00), range(0x20000, 0x323B0))
#: Simplified text, guards and the rest of their phrases, traditional keys, a chain
#: (薴 -> 苧 -> 苎), a compatibility ideograph, an astral character, and non-hanzi.
ALPHABET = "工会议深沉反复明了全覆盖沈浸申藉口坏打暗墨瞭然會議薴苧豈😀𠀀a1,（）\n "


def _unfiltered(text: str) -> str:
    """:func:`to_simplified` as it was before the key table: OpenCC every round."""
    converted: str = T2S.convert(text)
    previous = text
    for _ in range(MAX_T2S_ROUNDS - 1):
        if converted == previous:
            break
        previous, converted = converted, T2S.convert(converted)
    return converted


def test_every_character_t2s_changes_alone_is_a_key() -> None:
    chars = [chr(cp) for r in CJK_RANGES for cp in r]
    converted = T2S.convert("\n".join(chars)).split("\n")
    changed = {c for c, new in zip(chars, converted, strict=True) if new != c}
    assert len(changed) > 4000
    assert changed <= set(KEYS)
    assert all(may_convert(f"工会{c}会议") for c in changed)


def test_listed_phrases_are_changed_hold_no_key_and_hold_their_guard() -> None:
    keys = set(KEYS)
    assert len(PHRASES) > 50
    for phrase, guard in PHRASES:
        assert T2S.convert(phrase) != phrase
        assert keys.isdisjoint(phrase)
        assert guard in phrase
        assert may_convert(f"我们{phrase}了") and may_convert(phrase)


def test_common_simplified_text_needs_no_opencc_pass() -> None:
    assert not may_convert("职工服务中心实现全覆盖，深沉的夜里反复明了工作。")
    assert not may_convert("Copyright 2024 (huì) 12:30")
    assert may_convert("市總工會召開會議")
    assert may_convert("深沈的夜")
    assert may_convert("反反覆覆")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_text_the_table_clears_is_its_own_conversion(text: str) -> None:
    assert may_convert(text) or T2S.convert(text) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_skipping_opencc_never_changes_the_conversion(text: str) -> None:
    assert to_simplified(text) == _unfiltered(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([p for p, _ in PHRASES] + list(ALPHABET)), max_size=12))
def test_phrases_anywhere_in_text_are_converted_as_before(parts: list[str]) -> None:
    text = "".join(parts)
    assert to_simplified(text) == _unfiltered(text)


def test_another_opencc_release_converts_every_text() -> None:
    """The key table is read from one OpenCC release; another may convert more, so nothing is skipped."""
    from unionnews.normalize.script import key_table, opencc_version

    assert VERSION == opencc_version()
    assert key_table(VERSION) is not None
    assert key_table("0.0.1") is None
