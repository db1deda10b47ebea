"""Properties of the mojibake step over generated text (hypothesis).

* A one-byte GBK phase shift at any offset of any sentence is repaired or left
  alone, never made worse (measured as characters of the clean sentence kept).
* Clean text made of real words (simplified or traditional, with rare name
  characters, ASCII, digits and punctuation) is never changed by the mojibake
  step, and ``normalize`` changes nothing in it beyond script and punctuation width.
"""

from __future__ import annotations

import functools
from difflib import SequenceMatcher

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionnews import normalize
from unionnews.normalize.fix import apply_fixes
from unionnews.normalize.mojibake import find_mojibake
from unionnews.normalize.script import converter

from damage import SENTENCES

MORE_SENTENCES = (
    "会员们说：“服务很周到。”这一年来，区总工会走访了困难职工。",
    "据了解，该项目已覆盖全区，受益职工超过两千人。",
    "記者陳珺報道：市總工會舉辦職工技能大賽，參賽選手來自各行業。",
    "他表示：“我们会继续努力。”今年以来，市总工会举办培训班十二期。",
)
ALL_SENTENCES = SENTENCES + MORE_SENTENCES
#: Rare characters of names (GBK but not GB2312) and common traditional ones (Big5 level 1).
NAME_CHARACTERS = "珺旻镕玥祎赟昇璟琦瑄婕翀淏堃晞曌犇奭"
TRADITIONAL = "誌製註週隻檯臺於著裡麵乾餘後鬥衝"
PUNCTUATION = "。，、；：？！“”‘’（）《》【】「」—…·"


def shift(text: str, at: int, mark: bool) -> str:
    """GBK bytes of ``text`` with byte ``at`` lost (or read as ``?``), decoded again."""
    raw = text.encode("gbk")
    at = min(at, len(raw) - 1)
    damaged = raw[:at] + (b"?" if mark else b"") + raw[at + 1 :]
    return damaged.decode("gbk", errors="replace")


def kept(text: str, clean: str) -> int:
    """Characters of ``clean`` found in order in ``text``."""
    return sum(m.size for m in SequenceMatcher(None, text, clean, autojunk=False).get_matching_blocks())


def mojibake_step(text: str) -> str:
    return apply_fixes(text, find_mojibake(text))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(ALL_SENTENCES), st.integers(min_value=0, max_value=200), st.booleans())
def test_phase_shift_is_repaired_or_left_alone_never_worse(sentence: str, at: int, mark: bool) -> None:
    damaged = shift(sentence, at, mark)
    repaired = mojibake_step(damaged)
    assert kept(repaired, sentence) >= kept(damaged, sentence)


@functools.cache
def words() -> tuple[str, ...]:
    """A fixed sample of real words from pypinyin's phrase table."""
    from pypinyin.phrases_dict import phrases_dict

    return tuple(sorted(phrases_dict))[::97]


tokens = st.one_of(
    st.sampled_from(words()),
    st.sampled_from("陈王李张刘").flatmap(lambda s: st.sampled_from(NAME_CHARACTERS).map(lambda c: s + c)),
    st.sampled_from(TRADITIONAL),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(("2023", "10", "ABC", "App", "http://example.cn/a", " ", "3.5%", "１２")),
)
clean_texts = st.lists(tokens, min_size=1, max_size=25).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(clean_texts, st.booleans())
def test_clean_text_is_never_changed_beyond_script_and_width(text: str, traditional: bool) -> None:
    if traditional:
        text = converter("s2t").convert(text)
    assert find_mojibake(text) == []
    script_and_width = normalize(text, skip=["mojibake", "spaces", "pinyin", "lost-symbols"]).text
    assert normalize(text).text == script_and_width
