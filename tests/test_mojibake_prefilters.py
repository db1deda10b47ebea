"""The mojibake step's shortcuts skip only work that could not have found a repair (hypothesis).

Each shortcut is either a necessary condition checked before the full check (a
phase-shift run's dead end, a UTF-8 window's score ceiling, two Latin-1 letters
close together) or a faster form of a slow computation (implausible runs, the
native-script test, encoding with lost-byte marks).  These properties compare each
with the full check, or with the plain per-character form, over generated clean
and damaged text.
"""

from __future__ import annotations

import json
import pathlib
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unionnews
from unionnews.normalize.mojibake import latin1, phase, utf8
from unionnews.normalize.mojibake.common import encode_with_lost_marks
from unionnews.normalize.mojibake.plausibility import (
    IMPLAUSIBLE,
    implausible_run,
    is_box,
    is_kana,
    is_native_script,
    logp,
    native_text,
)

from damage import (
    SENTENCES,
    crawl_ascii_punctuation,
    gbk_read_as_latin1,
    phase_shift,
    to_traditional,
    utf8_read_as_gbk,
)

#: Rare characters of names, traditional forms, symbols and other scripts that real pages hold.
RARE = "珺旻镕玥祎赟昇璟琦瑄婕翀淏堃晞曌犇奭闫珅暨驿誌製裡麵乾餘"
OTHER = "★➏①⒄ぢのカ한글┌─╋αБ·×é"
PUNCTUATION = "。，、；：？！“”‘’（）《》【】「」—…·"
ASCII = ("2023", "10", "ABC", "App", " ", "3.5%", "１２", "?", "\ufffd", "@", "a?b", "\n")


def _damaged(sentence: str, kind: int, seed: int) -> str:
    """``sentence`` put through one of the damages the step repairs (or none)."""
    rng = random.Random(seed)
    if kind == 1:
        return crawl_ascii_punctuation(phase_shift(sentence, rng)[0])
    if kind == 2:
        return utf8_read_as_gbk(sentence)
    if kind == 3:
        return gbk_read_as_latin1(sentence)
    if kind == 4:
        lost = phase_shift(sentence, rng)[0]
        return lost.replace("?", "\ufffd", 1)
    return sentence


pieces = st.one_of(
    st.builds(
        _damaged,
        st.sampled_from(SENTENCES).map(lambda s: s[:18]),
        st.integers(0, 4),
        st.integers(0, 1000),
    ),
    st.text(alphabet=RARE + OTHER + PUNCTUATION, min_size=1, max_size=4),
    st.sampled_from(ASCII),
)
texts = st.lists(pieces, min_size=1, max_size=5).map("".join)


def _reference_surprising(text: str, i: int) -> bool:
    ch = text[i]
    if "\uff01" <= ch <= "\uff5e":
        ch = chr(ord(ch) - 0xFEE0)
    if (ch.isascii() and not ch.isalpha()) or (is_native_script(ch) and not is_kana(ch)):
        return False
    return -logp(text[i - 1] if i else " ", ch) > IMPLAUSIBLE


def _reference_run(text: str, start: int, end: int) -> int:
    from unionnews.normalize.charsets import is_symbol

    best = run = 0
    for i in range(start, end):
        if _reference_surprising(text, i):
            run += 2 if is_symbol(text[i]) and not is_native_script(text[i]) else 1
            best = max(best, run)
        else:
            run = 0
    return best


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts, st.data())
def test_implausible_run_is_the_run_of_each_characters_surprise(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert implausible_run(text, start, end) == _reference_run(text, start, end)


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts, st.integers(0, 4))
def test_no_run_left_out_from_a_start_re_reads(text: str, back: int) -> None:
    for start in range(len(text)):
        last = min(start + phase.MAX_RUN, len(text))
        for lead_marked in (False, True) if start else (False,):
            tried = set(phase._ends_to_try(text, start, lead_marked))
            frame = max(start - lead_marked - back, 0)
            for end in range(start + 2, last + 1):
                if end not in tried:
                    assert phase._candidate(text, start, end, lead_marked, frame) is None, (start, end)


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_no_run_left_out_before_a_mark_re_reads(text: str) -> None:
    for mark in range(len(text)):
        tried = set(phase._starts_before_mark(text, mark))
        for start in range(max(mark - phase.MAX_RUN, 0), mark - 1):
            if start not in tried:
                assert phase._candidate(text, start, mark, False, start) is None, (start, mark)


def _shifted_sentences() -> list[str]:
    """Every sentence (simplified and traditional) with a byte lost, or read as ``?``, every few bytes; the case files' inputs."""
    out = []
    for sentence in SENTENCES + tuple(map(to_traditional, SENTENCES)):
        raw = sentence.encode("gbk")
        for at in range(0, len(raw), 5):
            for mark in (b"?", b""):
                out.append((raw[:at] + mark + raw[at + 1 :]).decode("gbk", errors="replace"))
    for path in sorted(CASES.glob("*.json")):
        out += [case["original"] for case in json.loads(path.read_text(encoding="utf-8"))]
    return out


CASES = pathlib.Path(__file__).resolve().parent / "cases" / "mojibake"


def test_no_run_left_out_of_a_shifted_sentence_re_reads() -> None:
    """Where re-readings are found (damaged text), none lies among the runs left out."""
    accepted = 0
    for text in _shifted_sentences():
        for start in range(len(text)):
            for lead_marked in (False, True) if start else (False,):
                tried = phase._ends_to_try(text, start, lead_marked)
                for end in range(start + 2, min(start + phase.MAX_RUN, len(text)) + 1):
                    found = phase._candidate(text, start, end, lead_marked, max(start - lead_marked, 0))
                    accepted += found is not None
                    assert found is None or end in tried, (text, start, end)
            tried = phase._starts_before_mark(text, start)
            for first in range(max(start - phase.MAX_RUN, 0), start - 1):
                found = phase._candidate(text, first, start, False, first)
                assert found is None or first in tried, (text, first, start)
    assert accepted > 1000


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_a_skipped_utf8_window_has_no_reading_that_gains_enough(text: str) -> None:
    for lo in range(len(text)):
        for hi in range(lo + 1, min(lo + 4, len(text)) + 1):
            left, right = utf8.window_bounds(text, lo, hi, stop=utf8.WINDOW_STOPS)
            ceilings = utf8._ceilings(text[left:right])
            kept = set(utf8.promising_windows(text, lo, hi, ceilings))
            for start, end in utf8.windows(text, lo, hi, stop=utf8.WINDOW_STOPS, shrink=utf8.SHRINK):
                if (start, end) in kept:
                    continue
                gains = [g for g, *_ in utf8.utf8_readings(text[start:end], require_clean=True)]
                assert all(g < utf8.MIN_GAIN for g in gains), (start, end, gains)


def _misread_utf8_texts() -> list[str]:
    """UTF-8 sentences read as GB18030 or Big5, alone and inside clean text (two characters that
    read as Big5 without a lost byte among them too); the case files' inputs."""
    out = []
    for i, sentence in enumerate(SENTENCES + tuple(map(to_traditional, SENTENCES))):
        raw = sentence[: 6 + i % 5].encode("utf-8")
        for codec in ("gb18030", "big5"):
            damaged = raw.decode(codec, errors="replace")
            out += [damaged, SENTENCES[i % len(SENTENCES)][:8] + damaged + "，" + sentence[-6:]]
        for at in range(len(sentence) - 2):
            try:
                whole = sentence[at : at + 2].encode("utf-8").decode("big5")
            except UnicodeDecodeError:
                continue
            out.append(sentence[:at] + whole + sentence[at + 2 :])
    for path in sorted(CASES.glob("*.json")):
        out += [case["original"] for case in json.loads(path.read_text(encoding="utf-8"))]
    return out


def test_no_utf8_window_left_out_of_misread_text_gains() -> None:
    """Over text that is UTF-8 read as GBK or Big5, the windows left out never read back with a gain."""
    from unionnews.normalize.charsets import suspicious_re
    from unionnews.normalize.mojibake import _CLUSTER_GAP, _marks_near
    from unionnews.normalize.mojibake.common import merge_clusters

    gaining = 0
    for text in _misread_utf8_texts():
        spans = [m.span() for m in suspicious_re().finditer(text)]
        for lo, hi in merge_clusters(_CLUSTER_GAP, spans, _marks_near(text, spans)):
            left, right = utf8.window_bounds(text, lo, hi, stop=utf8.WINDOW_STOPS)
            kept = set(utf8.promising_windows(text, lo, hi, utf8._ceilings(text[left:right])))
            for start, end in utf8.windows(text, lo, hi, stop=utf8.WINDOW_STOPS, shrink=utf8.SHRINK):
                gains = [g for g, *_ in utf8.utf8_readings(text[start:end], require_clean=True)]
                gaining += (start, end) in kept and any(g >= utf8.MIN_GAIN for g in gains)
                assert (start, end) in kept or all(g < utf8.MIN_GAIN for g in gains), (text, start, end)
    assert gaining > 100


def _gaining_windows_of_skipped_clusters(text: str) -> list[tuple[int, int, int, int]]:
    """Windows with a reading gaining enough, around spans that ``_may_gain`` turns away."""
    found = []
    for lo in range(len(text)):
        for hi in range(lo + 1, min(lo + 4, len(text)) + 1):
            left, right = utf8.window_bounds(text, lo, hi, stop=utf8.WINDOW_STOPS)
            widest = text[left:right]
            if utf8._may_gain(widest, utf8._core(text, lo, hi), utf8._ceilings(widest)):
                continue
            for start, end in utf8.windows(text, lo, hi, stop=utf8.WINDOW_STOPS, shrink=utf8.SHRINK):
                gains = [g for g, *_ in utf8.utf8_readings(text[start:end], require_clean=True)]
                if any(g >= utf8.MIN_GAIN for g in gains):
                    found.append((lo, hi, start, end))
    return found


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_a_cluster_turned_away_has_no_window_that_gains_enough(text: str) -> None:
    assert _gaining_windows_of_skipped_clusters(text) == []


def _lossy_misread_texts() -> list[str]:
    """UTF-8 read as GBK or Big5 with bytes lost (``\ufffd`` or ``?``), alone and inside clean text."""
    out = []
    for sentence in SENTENCES:
        raw = sentence[:10].encode("utf-8")
        for codec in ("gbk", "big5"):
            damaged = raw.decode(codec, errors="replace")
            out += [damaged, damaged.replace("\ufffd", "?"), sentence[:6] + damaged + "，" + sentence[-5:]]
    return out


def test_no_misread_cluster_turned_away_could_read_back() -> None:
    """Lost bytes, a narrower window that encodes where the widest does not, a cluster at the start."""
    for text in _misread_utf8_texts() + _lossy_misread_texts():
        assert _gaining_windows_of_skipped_clusters(text) == [], text


def test_partial_big5_misreading_inside_simplified_text_is_repaired() -> None:
    damaged = "模工".encode().decode("big5")
    text = f"市总工会今年表彰了一批劳{damaged}匠代表。"
    assert unionnews.normalize(text).text == "市总工会今年表彰了一批劳模工匠代表。"


def test_a_misread_character_opening_the_text_is_repaired() -> None:
    damaged = "这".encode().decode("big5", errors="replace")
    assert unionnews.normalize(damaged + "次活动在市工人文化宫举行。").text == "这次活动在市工人文化宫举行。"


def test_a_real_utf8_cluster_keeps_its_window() -> None:
    """The ceiling leaves the window that reads back: UTF-8 read as GBK inside clean text is repaired."""
    damaged = utf8_read_as_gbk("工会")
    text = "今年市里" + damaged + "举办比赛"
    lo = text.index(damaged)
    fix = utf8.repair_misread_utf8(text, lo, lo + len(damaged))
    assert fix is not None and fix.replacement == "工会"


def _reference_runs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in latin1._RUN.finditer(text) if sum(not c.isascii() for c in m.group()) >= 2]


latin1_texts = st.one_of(
    st.text(alphabet="ab@~( \u00e9\u00b7\u00b9\u00a4\u201c\u201d\u2014\ufffd中。", max_size=30),
    st.builds(lambda s, t: gbk_read_as_latin1(s[:6]) + t, st.sampled_from(SENTENCES), st.text(max_size=5)),
)


@settings(max_examples=400, deadline=None)
@given(latin1_texts)
def test_latin1_runs_found_from_letter_pairs_are_the_runs_with_two_letters(text: str) -> None:
    assert [m.span() for m in latin1._runs_of_two(text)] == _reference_runs(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 5000), max_size=3), st.integers(1, 5000))
def test_the_latin1_gate_counts_the_whole_text(positions: list[int], length: int) -> None:
    chars = ["中"] * length
    for p in positions:
        chars[p % length] = "é"
    text = "".join(chars)
    assert latin1._few_latin1(text) == (len(latin1._LATIN1_CHAR.findall(text)) < 2)


def test_mojibake_far_into_a_long_text_is_repaired_after_one_early_latin1_letter() -> None:
    """The gate once counted only the first 4,096 characters when one Latin-1 letter stood there."""
    text = "café：" + "职工服务。" * 900 + gbk_read_as_latin1("工会") + "。"
    assert unionnews.normalize(text).text.endswith("工会。")


@settings(max_examples=300, deadline=None)
@given(texts, st.data(), st.booleans())
def test_native_text_is_the_per_character_test(text: str, data: st.DataObject, box_drawing: bool) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    native = any(
        is_native_script(c) and not is_kana(c) and (box_drawing or not is_box(c)) for c in text[lo:hi]
    )
    japanese = sum(map(is_kana, text[max(lo - 8, 0) : hi + 8])) >= 3
    assert native_text(text, lo, hi, box_drawing=box_drawing) == (native or japanese)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(("gb18030", "big5", "gbk")))
def test_encoding_with_lost_marks_is_per_character(text: str, codec: str) -> None:
    out = bytearray()
    reference: bytes | None = None
    try:
        for ch in text:
            out += b"\x00" if ch in "?\ufffd" else ch.encode(codec)
        reference = bytes(out)
    except UnicodeEncodeError:
        reference = None
    assert encode_with_lost_marks(text, codec) == reference


def _reference_lines(text: str) -> list[tuple[int, int, str]]:
    from unionnews.normalize.charsets import suspicious_re

    sus = suspicious_re()
    fixes = []
    pos = 0
    for line in text.split("\n"):
        wide = len(line) - len(line.encode("ascii", "ignore"))
        if (
            sus.search(line) is not None
            and wide >= 6
            and len(sus.findall(line)) * utf8.LINE_SUSPICION >= wide
        ):
            fix = utf8._reread_line(line, pos)
            if fix is not None:
                fixes.append((fix.start, fix.end, fix.replacement))
        pos += len(line) + 1
    return fixes


misread_lines = st.lists(
    st.one_of(
        st.sampled_from(SENTENCES).map(utf8_read_as_gbk),
        st.sampled_from(SENTENCES),
        st.text(alphabet=RARE + OTHER + "ab \n", max_size=12),
    ),
    max_size=5,
).map("\n".join)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(misread_lines)
def test_whole_lines_are_found_by_jumping_to_suspicious_characters(text: str) -> None:
    from unionnews.normalize.charsets import suspicious_re

    found = [(f.start, f.end, f.replacement) for f in utf8.repair_misread_lines(text, suspicious_re())]
    assert found == _reference_lines(text)


def test_a_character_never_surprising_is_plausible_after_anything() -> None:
    from unionnews.normalize.mojibake.plausibility import _never_surprising, surprise_weight

    never = _never_surprising()
    assert {"会", "的", "。", "a", "７", "，"} <= never and not {"珅", "①", "ぢ", "\ufffd"} & never
    before = "0a9Z 的会工珅驿①ぢ，。“?\ufffd\n\u00e9한" + SENTENCES[0]
    assert all(surprise_weight(prev, ch) == 0 for ch in never for prev in before)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_no_implausible_pair_means_no_implausible_run_of_two(text: str, data: st.DataObject) -> None:
    from unionnews.normalize.mojibake.plausibility import may_hold_implausible_pair

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if not may_hold_implausible_pair(text, start, end):
        assert implausible_run(text, start, end) < 2
