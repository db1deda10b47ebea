"""Segmentation and the metadata and people extractors take time linear in their input.

Each crafted input is classified, or given to one extractor, at N, 2N and 4N, interleaved,
best of three.  Doubling the input may about double the time (bounds 3.5 per doubling and 7
per quadrupling, generous against load), and the 4N run is bounded by a normal article's
per-character cost in the same run.  A quadratic path gives ratios near 4 and 16 and fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

import unionnews
from unionnews.document import Document
from unionnews.extract.metadata import extract_metadata
from unionnews.extract.people import extract_people
from unionnews.plugins import default_plugins
from unionnews.segment import classify

#: Largest time ratios allowed when the input doubles (linear: 2, quadratic: 4) and when it
#: quadruples (linear: 4, quadratic: 16); generous against load from other processes.
DOUBLING_BOUND = 3.5
QUADRUPLING_BOUND = 7.0
#: Fixed allowance (seconds) for timer noise on short runs.
SLACK = 0.05
#: How many times a normal article's per-character cost a crafted input may take.
FACTOR = 40


def _best(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


@pytest.fixture(scope="module")
def normal_per_char(seeds: dict[str, str]) -> float:
    text = seeds["001"]
    unionnews.parse(text)
    return _best(lambda: unionnews.parse(text)) / len(text)


def _document(text: str) -> Document:
    """The document the extractors see: classified lines, furniture left out."""
    lexicon = default_plugins().lexicon
    lines = tuple(line for line in classify(text, lexicon) if line.kind != "furniture")
    return Document(text=text, lines=lines, lexicon=lexicon)


def _segment(text: str) -> Callable[[], object]:
    lexicon = default_plugins().lexicon
    return lambda: classify(text, lexicon)


def _metadata(text: str) -> Callable[[], object]:
    document = _document(text)
    return lambda: extract_metadata(document)


def _people(text: str) -> Callable[[], object]:
    document = _document(text)
    return lambda: extract_people(document)


#: name -> (input builder for n repetitions, what is timed on that input)
CASES: dict[str, tuple[Callable[[int], str], Callable[[str], Callable[[], object]]]] = {
    "segment-headline-like-lines": (lambda n: "全市工会新闻标题第一条\n" * n, _segment),
    "segment-dated-meta-lines": (lambda n: "发布时间：2024-03-02 来源：某县总工会\n" * n, _segment),
    "segment-name-lines": (lambda n: "王方\n" * n, _segment),
    "metadata-reprint-spaces": (lambda n: "转载请注明:某网" + " " * (10 * n) + "标题", _metadata),
    "metadata-source-labels": (lambda n: "来源：" * n + "某日报", _metadata),
    "metadata-closing-dates": (lambda n: "2024年3月2日\n" * n, _metadata),
    "people-credit-runs": (lambda n: "（记者 王方 通讯员 李红）" * n, _people),
    "people-photo-credits": (lambda n: "职工参加比赛。王方 摄\n" * n, _people),
    "people-split-labels": (lambda n: "编辑：\n王方\n" * n, _people),
    "people-closing-credit-paragraph": (lambda n: "职工参加技能比赛，" * n + "。（本报记者王方）", _people),
}


#: Cases whose old quadratic term shows only from larger inputs.
LARGE_N = {"segment-headline-like-lines": 5000}


@pytest.mark.parametrize("name", CASES)
def test_doubling_the_input_about_doubles_the_time(name: str, normal_per_char: float) -> None:
    build, prepare = CASES[name]
    n = LARGE_N.get(name, 2000)
    texts = [build(n), build(2 * n), build(4 * n)]
    runs = [prepare(text) for text in texts]
    runs[0]()  # warm up
    times = [float("inf")] * 3
    for _ in range(3):  # interleaved: load from other processes hits every size alike
        for k, run in enumerate(runs):
            times[k] = min(times[k], _best(run, runs=1))
    assert times[1] < DOUBLING_BOUND * times[0] + SLACK, f"{name}: {times}"
    assert times[2] < QUADRUPLING_BOUND * times[0] + SLACK, f"{name}: {times}"
    bound = FACTOR * normal_per_char * len(texts[2]) + 1.0
    assert times[2] < bound, f"{name}: {times[2]:.2f}s for {len(texts[2]):,} chars, bound {bound:.2f}s"
