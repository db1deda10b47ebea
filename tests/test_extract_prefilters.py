"""The extraction fast paths give what the slow ones give: guards, prefilters and lookup tables."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from unionnews.extract import initiatives, organizers
from unionnews.extract.meetings import _suffix_alternation
from unionnews.lexicon import MEETING_SUFFIXES, ORG_SUFFIXES, TITLES
from unionnews.segment import OUTLET_ALT, OUTLET_GUARD, first_char_guard, without_captures

#: Pieces the generated texts are made of: organisation and meeting words, titles, glue.
_ORG_WORDS = (*ORG_SUFFIXES, *organizers.load_words("organizer_kinds"))
_PIECES = (
    *_ORG_WORDS,
    *MEETING_SUFFIXES,
    *TITLES,
    *"市县区省总工会党委员（）()“”「」『』，。、和与及在召开举行第一二三十届次李王某",
    "携手",
    "联合",
    "十届四次",
    "日报",
    "新闻网",
    "融媒体中心",
)
texts = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


def _spans(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300)
@given(texts)
def test_guarded_org_pattern_matches_as_unguarded(text: str) -> None:
    plain = organizers._alternation(_ORG_WORDS)
    link = organizers._ORG_LINK
    unguarded = regex.compile(
        rf"(?:[\p{{Han}}（）()]{{1,24}}?(?:{plain})(?:{link}(?:{plain}))*"
        rf"|(?:{organizers._alternation(organizers.load_words('organizer_deictic'))})"
        rf"|(?:{organizers._alternation(organizers.load_words('organizer_abbreviations'))}))"
    )
    assert _spans(organizers.ORG_RE, text) == _spans(unguarded, text)
    subject = organizers.SUBJECT_RE.match(text)
    plain_subject = regex.compile(
        rf"^(?:{unguarded.pattern})(?:{organizers._JOIN}(?:{unguarded.pattern}))*"
    ).match(text)
    assert (subject and subject.span()) == (plain_subject and plain_subject.span())


@settings(max_examples=300)
@given(texts)
def test_guarded_meeting_words_match_as_unguarded(text: str) -> None:
    words = sorted(set(MEETING_SUFFIXES), key=len, reverse=True)
    plain = "|".join(regex.escape(w).replace(r"\(", "[(（]").replace(r"\)", "[)）]") for w in words)
    guarded = regex.compile(rf"^(?P<phrase>.*?(?:{_suffix_alternation(MEETING_SUFFIXES)}))")
    unguarded = regex.compile(rf"^(?P<phrase>.*?(?:{plain}))")
    g, u = guarded.match(text), unguarded.match(text)
    assert (g and g.span()) == (u and u.span())


@settings(max_examples=200)
@given(texts)
def test_guarded_outlet_and_union_patterns_match_as_unguarded(text: str) -> None:
    for guarded, unguarded in (
        (rf"[^\s\d]{{1,12}}?{OUTLET_GUARD}(?:{OUTLET_ALT})", rf"[^\s\d]{{1,12}}?(?:{OUTLET_ALT})"),
        (
            initiatives.ORG_IN_SENTENCE_RE.pattern,
            r"([\p{Han}]{2,12}?(?:总工会|工会|联合会|省总|市总|县总))",
        ),
    ):
        assert _spans(regex.compile(guarded), text) == _spans(regex.compile(unguarded), text)


def test_first_char_guard_lists_first_characters_and_their_variants() -> None:
    assert first_char_guard(("工会", "总工会", "(扩大)会"), also={"(": "（"}) == "(?=[\\(工总（])"
    assert first_char_guard(("会", "")) == ""  # an empty word matches anywhere
    assert first_char_guard(()) == ""


def _title_overlap_by_trying_all(org: str, rest: str) -> int:
    for title in TITLES:
        for k in range(1, len(title)):
            if org.endswith(title[:k]) and rest.startswith(title[k:]) and len(org) > k:
                return k
    return 0


@settings(max_examples=300)
@given(texts, texts)
def test_title_overlap_table_agrees_with_trying_every_title(org: str, rest: str) -> None:
    assert organizers._title_overlap(org, rest) == _title_overlap_by_trying_all(org, rest)


def test_title_overlap_cuts_the_title_head_off_the_organizer() -> None:
    assert organizers._title_overlap("市总工会党组", "书记王强") == 2
    assert organizers._title_overlap("市总工会", "主席王强") == 0


@settings(max_examples=300)
@given(texts)
def test_lines_without_an_opening_quote_have_no_quoted_name(text: str) -> None:
    if initiatives.QUOTED_RE.search(text):
        assert initiatives._may_quote(text)


def test_known_names_are_kept_in_lexicon_order_when_present() -> None:
    known = ("职工书屋", "工会E卡", "金秋助学")
    assert initiatives._named_in(known, "推进金秋助学和职工书屋建设") == ("职工书屋", "金秋助学")
    assert initiatives._named_in(known, "没有名字") == ()


def test_without_captures_leaves_classes_escapes_and_special_groups_alone() -> None:
    assert without_captures(r"(a|b)\(c\)[(x)]") == r"(?:a|b)\(c\)[(x)]"
    assert without_captures(r"[](]+(?i:x)(?=y)(?P<n>z)") == r"[](]+(?i:x)(?=y)(?P<n>z)"
    assert without_captures(r"[^](](d)") == r"[^](](?:d)"
    assert without_captures(r"(a)\1") == r"(a)\1"  # a back-reference needs its group


@settings(max_examples=300)
@given(st.text(alphabet="ab()|[]^\\?:*+.", max_size=12), st.text(alphabet="ab()[]", max_size=12))
def test_without_captures_keeps_what_a_pattern_matches(pattern: str, text: str) -> None:
    try:
        plain = regex.compile(pattern)
    except regex.error:
        return
    stripped = regex.compile(without_captures(pattern))
    assert _spans(stripped, text) == _spans(plain, text)
