"""Repair from siblings: lost characters, orphaned annotations and cut endings filled, offsets exact."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unionnews
from unionnews.corpus.copies import article_signature, group_signatures
from unionnews.corpus.siblings import Sibling, matched_runs, repair_from_siblings

from damage import SENTENCES
from mirrors import make_corpus

CLEAN = "\n".join(SENTENCES) + "\n"


def _fills(norm: unionnews.NormalizedText) -> list[unionnews.Repair]:
    return [r for r in norm.repairs if r.kind == "from-sibling"]


def _check_offsets(before: unionnews.NormalizedText, after: unionnews.NormalizedText) -> None:
    """Characters outside the fills map where they mapped before; each fill maps to its marks' raw span."""
    fills = _fills(after)
    assert fills
    runs = matched_runs(before.text, after.text)
    for run in runs:
        for k in range(run.length):
            assert after.raw_span(run.b_start + k, run.b_start + k + 1) == before.raw_span(
                run.a_start + k, run.a_start + k + 1
            )
    for repair in fills:
        assert repair.raw_start <= repair.raw_end <= len(after.raw)
        assert repair.before == "" or set(repair.before) <= set("\ufffd?")
    spans = [after.raw_span(i, i + 1) for i in range(len(after.text))]
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in itertools.pairwise(spans))
    assert after.raw_span(0, len(after.text)) == before.raw_span(0, len(before.text))


def _lose_characters(text: str, every: int = 9) -> str:
    """Every ``every``-th hanzi replaced by U+FFFD: characters a copy lost for good (no byte left to guess from)."""
    return "".join(
        "\ufffd" if i % every == 4 and "\u4e00" <= c <= "\u9fff" else c for i, c in enumerate(text)
    )


def test_lost_characters_are_filled_from_a_sibling_with_offsets_exact() -> None:
    damaged = unionnews.normalize(_lose_characters(CLEAN))
    assert damaged.text.count("\ufffd") > 5
    sibling = unionnews.parse(CLEAN)
    repaired = repair_from_siblings(damaged, [Sibling("mirror-b", sibling.text)])
    assert repaired.text.rstrip() == unionnews.normalize(CLEAN).text.rstrip()
    assert all(r.note.endswith("siblings: mirror-b") for r in _fills(repaired))
    _check_offsets(damaged, repaired)
    for repair in _fills(repaired):
        assert damaged.raw[repair.raw_start : repair.raw_end]


def test_an_orphaned_annotation_takes_the_character_its_sibling_kept() -> None:
    raw = "市总工会主席李?xiù)英出席活动并讲话，要求各级工会认真落实各项任务。\n" + CLEAN
    damaged = unionnews.normalize(raw)
    assert "李\ufffd英" in damaged.text
    clean = "市总工会主席李秀英出席活动并讲话，要求各级工会认真落实各项任务。\n" + CLEAN
    repaired = repair_from_siblings(damaged, [Sibling("b", clean)])
    assert "李秀英" in repaired.text
    (fill,) = _fills(repaired)
    assert (fill.before, fill.after) == ("\ufffd", "秀")
    assert raw[fill.raw_start : fill.raw_end] == "?xiù)"
    _check_offsets(damaged, repaired)


def test_a_cut_ending_is_completed_and_a_complete_one_is_not() -> None:
    cut = CLEAN[: CLEAN.index("数百名") + 2]
    damaged = unionnews.normalize(cut)
    repaired = repair_from_siblings(damaged, [Sibling("b", unionnews.parse(CLEAN).text)])
    assert repaired.text == CLEAN[: CLEAN.index("\n", len(cut))]
    (fill,) = _fills(repaired)
    assert fill.raw_start == fill.raw_end == len(cut)
    _check_offsets(damaged, repaired)
    whole_sentences = CLEAN[: CLEAN.index("数百名")]
    whole_sentences = whole_sentences[: whole_sentences.rindex("。") + 1]
    norm = unionnews.normalize(whole_sentences)
    assert repair_from_siblings(norm, [Sibling("b", CLEAN)]) is norm


def test_siblings_that_disagree_fill_nothing_and_a_dropped_paragraph_stays_dropped() -> None:
    damaged = unionnews.normalize(
        "市总工会主席李?xiù)英出席活动并讲话，要求各级工会认真落实各项任务。\n" + CLEAN
    )
    a = "市总工会主席李秀英出席活动并讲话，要求各级工会认真落实各项任务。\n" + CLEAN
    b = "市总工会主席李晓英出席活动并讲话，要求各级工会认真落实各项任务。\n" + CLEAN
    assert repair_from_siblings(damaged, [Sibling("a", a), Sibling("b", b)]) is damaged
    both = repair_from_siblings(damaged, [Sibling("a", a), Sibling("c", a)])
    assert _fills(both)[0].note == "siblings: a, c"
    shorter = unionnews.normalize(CLEAN.replace(SENTENCES[3] + "\n", ""))
    assert repair_from_siblings(shorter, [Sibling("b", CLEAN)]) is shorter


def test_a_generated_corpus_recovers_what_siblings_kept() -> None:
    corpus = make_corpus(90, seed=4)
    parsed = {c.article_id: unionnews.parse(c.raw) for c in corpus.copies}
    groups = group_signatures([article_signature(i, a) for i, a in parsed.items()])
    members: dict[str, list[str]] = {}
    for g in groups:
        members.setdefault(g.copy_group, []).append(g.article_id)
    lost = recovered = wrong = 0
    for copy in corpus.copies:
        norm = unionnews.normalize(copy.raw)
        if "\ufffd" not in norm.text:
            continue
        group = next(g for g in groups if g.article_id == copy.article_id).copy_group
        siblings = [Sibling(m, parsed[m].text) for m in members[group] if m != copy.article_id]
        repaired = repair_from_siblings(norm, siblings)
        truth = unionnews.normalize(corpus.truths[corpus.group_of[copy.article_id]].text).text
        lost += norm.text.count("\ufffd")
        for fill in _fills(repaired):
            if fill.before:
                recovered += fill.before.count("\ufffd")
                wrong += fill.after not in truth
        article = unionnews.parse(repaired)
        for event in article.events:
            ev = event.evidence
            assert ev is not None and 0 <= ev.raw_start <= ev.raw_end <= len(repaired.raw)
    assert lost > 30
    assert recovered / lost >= 0.9
    assert wrong == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=8), st.randoms(use_true_random=False))
def test_clean_text_is_never_touched_and_fills_only_replace_marks(
    sentences: list[str], rnd: random.Random
) -> None:
    text = "".join(sentences)
    clean = unionnews.normalize(text)
    assert repair_from_siblings(clean, [Sibling("b", text[::-1]), Sibling("c", text)]) is clean
    k = rnd.randrange(len(text))
    damaged = unionnews.normalize(text[:k] + "\ufffd" + text[k + 1 :])
    repaired = repair_from_siblings(damaged, [Sibling("c", text)])
    assert len(repaired.text) == len(damaged.text)
    for i, (x, y) in enumerate(zip(damaged.text, repaired.text, strict=True)):
        assert x == y or x == "\ufffd", i
        assert y == "\ufffd" or y == clean.text[i]


def test_unread_mojibake_with_a_lost_mark_is_replaced_whole_unless_the_sibling_is_garbled_too() -> None:
    before, after = "各级工会扎实推进职工法律援助服务", "，推动各项工作落地见效。\n" + CLEAN
    damaged = unionnews.normalize(before + "菔瘢\ufffd" + after)
    repaired = repair_from_siblings(damaged, [Sibling("b", before + "工作，" + after)])
    (fill,) = _fills(repaired)
    assert (fill.after, fill.confidence) == ("工作，", 0.8)
    assert fill.note.startswith("garbled text")
    assert repair_from_siblings(damaged, [Sibling("b", before + "？M，" + after)]) is damaged


@pytest.mark.parametrize("word", ["工会", "职工", "运动"])
def test_a_word_read_as_big5_is_filled_from_a_sibling_by_its_byte_length(word: str) -> None:
    """UTF-8 read as Big5 leaves two or three characters (marks among them) for every two; the raw bytes match."""
    sentence = "区总工会举办职工运动会，吸引了数百名职工参加比赛。"
    garbled = word.encode("utf-8").decode("big5", errors="replace")
    damaged = unionnews.normalize(CLEAN + sentence.replace(word, garbled, 1) + "\n" + CLEAN)
    sibling = unionnews.parse(CLEAN + sentence + "\n" + CLEAN)
    repaired = repair_from_siblings(damaged, [Sibling("b", sibling.text)])
    assert repaired.text.split("\n")[len(SENTENCES)] == sentence
    (fill,) = _fills(repaired)
    assert fill.after == word and fill.note.startswith("garbled text")
    assert damaged.raw[fill.raw_start : fill.raw_end] == garbled


def test_garbled_text_whose_bytes_do_not_match_the_sibling_is_kept() -> None:
    """A sibling with other words there (far more bytes than the garbled stretch holds) is an edit, not the same text."""
    sentence = "区总工会举办职工运动会，吸引了数百名职工参加比赛。"
    garbled = "职工".encode().decode("big5", errors="replace")
    damaged = unionnews.normalize(CLEAN + sentence.replace("职工", garbled, 1) + "\n" + CLEAN)
    edited = sentence.replace("职工", "全市职工和家属代表", 1)
    assert (
        repair_from_siblings(damaged, [Sibling("b", unionnews.parse(CLEAN + edited + "\n" + CLEAN).text)])
        is damaged
    )
