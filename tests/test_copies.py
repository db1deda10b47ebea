"""Copy groups on generated mirror corpora: precision, recall, canonical copy, streaming and Dask."""

from __future__ import annotations

import collections
import itertools
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unionnews
from unionnews.corpus.copies import (
    CopiesError,
    CopyIndex,
    Signature,
    article_signature,
    fold,
    group_copies,
    group_copies_dask,
    group_parsed_dask,
    group_signatures,
    signature,
)

from mirrors import Corpus, make_corpus


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return make_corpus(40, seed=11)


@pytest.fixture(scope="module")
def parsed(corpus: Corpus) -> dict[str, unionnews.Article]:
    return {c.article_id: unionnews.parse(c.raw) for c in corpus.copies}


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = collections.defaultdict(list)
    for article_id, group in labels.items():
        members[group].append(article_id)
    return {tuple(sorted(p)) for m in members.values() for p in itertools.combinations(m, 2)}  # type: ignore[misc]


def test_groups_are_the_copies_of_each_article(corpus: Corpus, parsed: dict[str, unionnews.Article]) -> None:
    groups = group_signatures([article_signature(i, a) for i, a in parsed.items()])
    predicted = _pairs({g.article_id: g.copy_group for g in groups})
    truth = _pairs(corpus.group_of)
    assert len(truth) > 200
    assert len(predicted & truth) / len(predicted) >= 0.99
    assert len(predicted & truth) / len(truth) >= 0.98


def test_the_canonical_copy_is_complete_and_undamaged(
    corpus: Corpus, parsed: dict[str, unionnews.Article]
) -> None:
    groups = group_signatures([article_signature(i, a) for i, a in parsed.items()])
    by_group: dict[str, list[str]] = collections.defaultdict(list)
    canonical = {}
    for g in groups:
        by_group[g.copy_group].append(g.article_id)
        if g.canonical:
            assert g.copy_group not in canonical
            canonical[g.copy_group] = g.article_id
    assert set(canonical) == set(by_group)
    damage = {c.article_id: c.damage for c in corpus.copies}
    for group, members in by_group.items():
        best = canonical[group]
        assert "\ufffd" not in parsed[best].text
        assert not {"drop-paragraph", "cut-ending", "lost-bytes", "phase-shift"} & set(damage[best])
        assert signature(best, parsed[best].text).length == max(
            signature(m, parsed[m].text).length for m in members
        )


def test_streaming_keeps_signatures_not_texts_and_order_does_not_matter(
    parsed: dict[str, unionnews.Article],
) -> None:
    items = [(i, a.text) for i, a in parsed.items()]
    index = CopyIndex()
    for article_id, text in items:
        index.add(article_id, text)
    assert index.nbytes == len(items) * (512 + 1 + 3 * 8)
    shuffled = items[:]
    random.Random(1).shuffle(shuffled)
    assert index.groups() == group_copies(iter(shuffled))


def test_dask_partitions_give_the_groups_of_one_process(parsed: dict[str, unionnews.Article]) -> None:
    import dask
    import dask.bag as db

    items = [(i, a.text) for i, a in parsed.items()]
    with dask.config.set(scheduler="synchronous"):
        on_dask = group_copies_dask(db.from_sequence(items, npartitions=7))
    assert on_dask == group_copies(items)


def test_dask_local_cluster_parses_and_groups_like_one_process(tmp_path, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    from dask.distributed import Client, LocalCluster

    copies = corpus.copies[:60]
    paths = []
    for part in range(3):
        path = tmp_path / f"part{part}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for c in copies[part::3]:
                f.write(json.dumps({"id": c.article_id, "text": c.raw}, ensure_ascii=False) + "\n")
        paths.append(str(path))
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster),
    ):
        on_dask = group_parsed_dask(paths)
    single = CopyIndex()
    for n, path in enumerate(paths):
        for line_no, c in enumerate(copies[n::3], start=1):
            single.add_signature(article_signature(f"{path}:{line_no}", unionnews.parse(c.raw)))
    assert on_dask == single.groups()
    assert len({a.copy_group for a in on_dask.values()}) < len(on_dask)


def test_short_texts_stay_alone_and_ids_must_be_unique() -> None:
    groups = group_copies([("a", "工会"), ("b", "工会"), ("c", "")])
    assert {g.size for g in groups.values()} == {1}
    assert all(g.canonical for g in groups.values())
    with pytest.raises(CopiesError):
        group_signatures([Signature("a", None, 0), Signature("a", None, 0)])


def test_script_punctuation_and_pinyin_do_not_separate_copies() -> None:
    text = (
        "市总工会召开党组会议，传达学习全国工会代表大会精神，研究部署下一阶段重点工作任务。"
        "会议要求，各级工会要聚焦主责主业，倾听职工诉求，当好职工娘家人。"
    )
    variants = [
        text,
        "市總工會(huì)召開黨組會議,傳達學習全國工會代表大會精神,研究部署下一階段重點工作任務。"
        "會議要求,各級工會要聚焦主責主業,傾聽職工訴求,當好職工孃家人。",
        "首页 | 新闻\n" + text + "\n版权所有 ICP备12345678号",
    ]
    groups = group_copies((str(n), unionnews.parse(v).text) for n, v in enumerate(variants))
    assert len({g.copy_group for g in groups.values()}) == 1


_TEXT = st.text(
    alphabet="工会职工代表大会召开党组议精神市县区总劳模工匠技能培训，。、 \n", min_size=0, max_size=200
)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_fold_is_idempotent_and_keeps_only_letters_and_digits(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert all(c.isalnum() for c in folded)


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.lists(st.sampled_from("，。、 \n!?"), max_size=20), st.randoms(use_true_random=False))
def test_punctuation_and_spacing_do_not_change_a_signature(
    text: str, marks: list[str], rnd: random.Random
) -> None:
    chars = list(text)
    for mark in marks:
        chars.insert(rnd.randrange(len(chars) + 1), mark)
    a, b = signature("a", text), signature("b", "".join(chars))
    assert (a.rows is None) == (b.rows is None)
    if a.rows is not None and b.rows is not None:
        assert (a.rows == b.rows).all()
