"""Crafted input costs time linear in its length, measured against a normal article.

Each case is parsed whole (normalize and every extractor).  The bound is relative:
a normal seed's parse time per character, measured in the same run, times the
case's length, times a generous factor; so a slow machine does not fail these and
a quadratic path does (at these sizes it would be hundreds of times over).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

import unionnews

#: How many times a normal article's per-character cost a crafted input may take.
FACTOR = 25
#: Fixed allowance for start-up costs of one call (lazy tables are loaded before timing).
SLACK_SECONDS = 1.0


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def seconds_per_char(seeds: dict[str, str]) -> float:
    text = seeds["001"]
    unionnews.parse(text)  # load lazy tables
    return min(_seconds(lambda: unionnews.parse(text)) for _ in range(3)) / len(text)


CASES: dict[str, Callable[[], str]] = {
    "10MB-one-line": lambda: "工会召开职工代表大会" * 350_000,
    "1M-parentheses": lambda: "(" * 500_000 + "工会" + ")" * 500_000,
    "endless-digits": lambda: "1" * 2_000_000,
    "numbers-with-units": lambda: "职工3.77万名，" * 40_000,
    "nested-quotes": lambda: "“工程“行动" * 100_000 + "”" * 200_000,
    "unclosed-annotations": lambda: "会(huì" * 200_000,
    "lost-byte-marks": lambda: "?" * 500_000 + "眳①" * 1000,
    "hold-verbs": lambda: "省总工会召开会议" * 80_000,
    "punctuation-runs": lambda: "工:" * 300_000,
    "bylines": lambda: "记者 张三 " * 100_000,
}


@pytest.mark.parametrize("name", CASES)
def test_crafted_input_takes_linear_time(name: str, seconds_per_char: float) -> None:
    text = CASES[name]()
    elapsed = _seconds(lambda: unionnews.parse(text))
    bound = FACTOR * seconds_per_char * len(text) + SLACK_SECONDS
    assert elapsed < bound, f"{name}: {elapsed:.1f}s for {len(text):,} chars, bound {bound:.1f}s"


def test_ten_megabytes_of_bytes_decode_and_parse(seconds_per_char: float) -> None:
    data = ("工会召开职工代表大会，" * 330_000).encode("gb18030")  # ~10 MB, not UTF-8
    elapsed = _seconds(lambda: unionnews.parse(data))
    assert elapsed < FACTOR * seconds_per_char * len(data) / 2 + SLACK_SECONDS
