"""How often unionnews and ftfy restore damaged sentences exactly, per kind of damage.

    python benchmarks/bench_repair.py

Each sentence of ``tests/damage.py`` is damaged five ways (UTF-8 read as GBK, GBK
read as Latin-1, a lost byte out of phase, pinyin inserted, turned traditional)
and counts as restored when the repaired text equals the original.  Throughput is
measured by ``bench_real.py``.
"""

from __future__ import annotations

import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import ftfy  # noqa: E402

import unionnews  # noqa: E402

from damage import (  # noqa: E402
    SENTENCES,
    crawl_ascii_punctuation,
    gbk_read_as_latin1,
    insert_pinyin,
    phase_shift,
    to_traditional,
    utf8_read_as_gbk,
)


def main() -> None:
    rng = random.Random(3)
    kinds = {
        "utf8-read-as-gbk": lambda s: utf8_read_as_gbk(s),
        "gbk-read-as-latin1": lambda s: gbk_read_as_latin1(s),
        "phase-shift": lambda s: crawl_ascii_punctuation(phase_shift(to_traditional(s), rng)[0]),
        "pinyin-insertion": lambda s: insert_pinyin(to_traditional(s), rng),
        "s2t": lambda s: to_traditional(s),
    }
    print(f"{'damage':22s} {'unionnews':>10s} {'ftfy':>10s}")
    for name, damage in kinds.items():
        ours = theirs = total = 0
        for sentence in SENTENCES:
            for _ in range(5):
                damaged = damage(sentence)
                total += 1
                ours += unionnews.normalize(damaged).text == sentence
                theirs += ftfy.fix_text(damaged) == sentence
        print(f"{name:22s} {ours / total:10.2f} {theirs / total:10.2f}")


if __name__ == "__main__":
    main()
