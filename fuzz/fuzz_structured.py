"""Hypothesis fuzzing with large budgets over text built from the damage the seeds show.

Not part of CI::

    python fuzz/fuzz_structured.py --examples 20000

Inputs splice seed fragments with the damage generators of ``tests/damage.py``
and hostile fragments (deep parentheses, digit runs, nested quotes).  Checked:
no exception but the library's typed errors, offsets inside the text, and
``normalize`` idempotent.  Falsifying examples are printed; each one fixed is kept
in ``tests/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import unionnews  # noqa: E402

from damage import SENTENCES, gbk_read_as_latin1, insert_pinyin, phase_shift, to_traditional  # noqa: E402

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
HOSTILE = [
    "(" * 50,
    ")" * 50,
    "1" * 80,
    "“" * 30 + "”" * 30,
    "?" * 40,
    "\ufffd" * 10,
    "（会(huì)）",
    "\n" * 20,
]


@st.composite
def damaged_text(draw: st.DrawFn) -> str:
    rng = random.Random(draw(st.integers(0, 2**32)))
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        choice = draw(st.integers(0, 5))
        if choice == 0:
            seed = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, len(seed) - 1))
            parts.append(seed[start : start + draw(st.integers(1, 400))])
        elif choice == 1:
            parts.append(insert_pinyin(to_traditional(draw(st.sampled_from(SENTENCES))), rng))
        elif choice == 2:
            parts.append(gbk_read_as_latin1(draw(st.sampled_from(SENTENCES))))
        elif choice == 3:
            parts.append(phase_shift(to_traditional(draw(st.sampled_from(SENTENCES))), rng)[0])
        elif choice == 4:
            parts.append(draw(st.sampled_from(HOSTILE)))
        else:
            parts.append(draw(st.text(max_size=30)))
    return "".join(parts)


def check(text: str) -> None:
    try:
        article = unionnews.parse(text)
    except unionnews.UnionnewsError:
        return
    for item in (*article.people, *article.events, *article.dates):
        span = item.evidence
        assert span is None or 0 <= span.start <= span.end <= len(article.text), span
    once = unionnews.normalize(text).text
    assert unionnews.normalize(once).text == once, (text, once)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=20000)
    args = ap.parse_args()
    run = settings(
        max_examples=args.examples, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )(given(damaged_text())(check))
    run()
    print(f"{args.examples} examples, no failure")


if __name__ == "__main__":
    main()
