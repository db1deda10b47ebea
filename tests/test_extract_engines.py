"""Patterns run by the standard library on BMP text find exactly what ``regex`` finds."""

from __future__ import annotations

import re
import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.extract import engines, meetings, organizers
from unionnews.lexicon import MEETING_SUFFIXES, ORG_SUFFIXES, TITLES

_BMP = "".join(map(chr, range(0x10000)))
needs_possessive_re = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="re has possessive quantifiers from 3.11"
)


def _ranges(found: list[str]) -> tuple[tuple[int, int], ...]:
    points = sorted(map(ord, found))
    out: list[tuple[int, int]] = []
    for p in points:
        if out and out[-1][1] == p - 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return tuple(out)


def test_han_and_space_tables_are_regex_classes_inside_the_bmp() -> None:
    assert engines.HAN_BMP == _ranges(regex.findall(r"\p{Han}", _BMP))
    assert engines.SPACE_BMP == _ranges(regex.findall(r"\s", _BMP))


def test_both_engines_read_digits_alike_inside_the_bmp() -> None:
    assert re.findall(r"\d", _BMP) == regex.findall(r"\d", _BMP)


def test_translation_writes_out_han_and_spaces_and_keeps_the_rest() -> None:
    assert re.fullmatch(engines.translate(r"\p{Han}{2}\s\d"), "工会 1")
    assert re.fullmatch(engines.translate(r"[\p{Han}、]+"), "工会、职工")
    assert not re.fullmatch(engines.translate(r"\s"), "\x1c")  # re's own \s would take it
    assert engines.translate(r"[\]a]\(\.") == r"[\]a]\(\."


def test_a_han_class_less_some_characters_repeats_as_one_atom() -> None:
    pattern = engines.translate(r"^[^\P{Han}在于]{0,3}?会$")
    assert re.match(pattern, "工联合会")
    assert not re.match(pattern, "工会联合会")
    assert not re.match(pattern, "在会")
    assert re.match(pattern, "职工联会") and not re.match(pattern, "职在工会")


@pytest.mark.parametrize("escape", [r"\w", r"\b", r"\S", r"\p{L}", r"\P{Han}", r"\X"])
def test_escapes_the_engines_read_differently_are_refused(escape: str) -> None:
    with pytest.raises(ValueError):
        engines.translate(escape)


def test_a_pattern_compiled_with_flags_keeps_regex() -> None:
    folded = regex.compile(r"工会\s*App", regex.IGNORECASE)
    assert engines.standard_twin(folded) is None
    assert engines.for_text(folded, "工会 app") is folded
    assert engines.standard_twin(regex.compile(r"工会\s*App")) is not None


def test_text_outside_the_bmp_keeps_the_regex_pattern() -> None:
    assert engines.for_text(organizers.ORG_RE, "郑州市总工会😀") is organizers.ORG_RE
    assert engines.for_text(organizers.ORG_RE, "𠀀市总工会") is organizers.ORG_RE
    twin = engines.for_text(organizers.ORG_RE, "郑州市总工会")
    assert twin is (
        organizers.ORG_RE if sys.version_info < (3, 11) else engines.standard_twin(organizers.ORG_RE)
    )


def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(set(MEETING_SUFFIXES), key=len, reverse=True))


#: Every pattern the extractors run through :func:`engines.for_text`.
_TWINNED = {
    "ORG_RE": organizers.ORG_RE,
    "SUBJECT_RE": organizers.SUBJECT_RE,
    "LEAD_RE": organizers.LEAD_RE,
    "CONGRESS_RE": meetings.CONGRESS_RE,
    "subject phrase": meetings._subject_phrase_re(_suffixes()),
    "meeting name": meetings._meeting_name_re(_suffixes()),
}

_PIECES = (
    *ORG_SUFFIXES,
    *MEETING_SUFFIXES,
    *TITLES,
    *organizers.load_words("organizer_deictic"),
    *organizers.load_words("organizer_abbreviations"),
    *"市县区省总工会党委员（）()【】“”「」，。；、,和与及在于召开举行隆重开幕闭幕第一二三十届次李王某今天上午下午电讯月日号年度 \u3000\t\n\x1c",
    "2024",
    "5月8日",
    "携手",
    "十届四次",
    "代表大会",
    "职工代表大会第二次会议",
    "以视频形式",
    "通过网络直播",
    "消息",
)
texts = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


def _found(pattern: re.Pattern[str] | regex.Pattern[str], text: str, pos: int) -> object:
    m, s = pattern.match(text, pos), pattern.search(text, pos)
    return (
        m and (m.span(), m.groups()),
        s and (s.span(), s.groups()),
        [(f.span(), f.groups()) for f in pattern.finditer(text)],
        pattern.sub("", text),
    )


@needs_possessive_re
@pytest.mark.parametrize("name", sorted(_TWINNED))
@settings(max_examples=300, deadline=None)
@given(text=texts, pos=st.integers(0, 30))
def test_standard_twin_finds_what_regex_finds(name: str, text: str, pos: int) -> None:
    pattern = _TWINNED[name]
    twin = engines.standard_twin(pattern)
    assert twin is not None
    assert _found(twin, text, pos) == _found(pattern, text, pos)


def test_twins_read_written_clauses_as_regex_does() -> None:
    clauses = (
        "5月8日，郑州市总工会、市妇联联合召开",
        "牛镇镇工会联合会换届暨第三届工会会员代表大会",
        "新乡市总工会要求全市各级工会通过",
        "本报讯（记者 王明）近日，河南省总工会第十五届委员会第三次全体会议今天上午在郑州",
    )
    for pattern in _TWINNED.values():
        for clause in clauses:
            assert _found(engines.for_text(pattern, clause), clause, 0) == _found(pattern, clause, 0)
