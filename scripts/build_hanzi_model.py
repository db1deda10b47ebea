"""Build ``src/unionnews/data/hanzi_{unigrams,bigrams}.txt`` from jieba's dictionary.

    python scripts/build_hanzi_model.py          # rewrite the tables
    python scripts/build_hanzi_model.py --check  # exit 1 when a shipped table differs

The mojibake repairs judge whether a run of hanzi reads as Chinese with a
character bigram model.  Its counts come from jieba's word list (``dict.txt``:
word, frequency, tag), which ships with the ``jieba`` package: every word adds its
frequency to each of its characters and to each pair of adjacent characters.
Counts are kept as rounded log2 so the tables stay small; bigrams seen less than
``MIN_BIGRAM`` times are dropped (the model backs off to the unigram).

Each table holds one line per log2 count: the count, a tab, and every character
(or pair) with that count run together, commonest first.  A process reads it with
one split per line instead of one per entry (:func:`unionnews.normalize.tables.hanzi_counts`).
``tests/test_hanzi_model.py`` checks that the shipped files are what this script builds.

Run: ``pip install jieba && python scripts/build_hanzi_model.py``.
"""

from __future__ import annotations

import itertools
import math
import os
import sys
from collections import Counter
from pathlib import Path

from table_files import write_or_check

MIN_BIGRAM = 40
OUT = Path(__file__).resolve().parent.parent / "src" / "unionnews" / "data"


def is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003ffff"


def count(path: str) -> tuple[Counter[str], Counter[str]]:
    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            if not all(map(is_hanzi, word)):
                continue
            for ch in word:
                unigrams[ch] += freq
            for a, b in itertools.pairwise(word):
                bigrams[a + b] += freq
    return unigrams, bigrams


def grouped(counts: Counter[str], header: str) -> str:
    """``header``, then ``log2 count<TAB>keys`` lines, commonest first (ties by key)."""
    lines: dict[int, list[str]] = {}
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.setdefault(round(math.log2(n + 1)), []).append(key)
    return header + "".join(f"{exponent}\t{''.join(keys)}\n" for exponent, keys in lines.items())


def tables() -> dict[str, str]:
    """File name -> text, counted from the installed jieba's ``dict.txt``."""
    import jieba

    unigrams, bigrams = count(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))
    kept = Counter({k: n for k, n in bigrams.items() if n >= MIN_BIGRAM})
    return {
        "hanzi_unigrams.txt": grouped(
            unigrams,
            "# Character log2 counts from jieba's dict.txt: log2 count, tab, the characters.\n"
            "# Built by scripts/build_hanzi_model.py; do not edit.\n",
        ),
        "hanzi_bigrams.txt": grouped(
            kept,
            f"# Character-pair log2 counts from jieba's dict.txt (pairs seen {MIN_BIGRAM}+ times):"
            " log2 count, tab, the pairs.\n# Built by scripts/build_hanzi_model.py; do not edit.\n",
        ),
    }


def main() -> int:
    return write_or_check(tables, OUT, "build_hanzi_model.py", __doc__)


if __name__ == "__main__":
    sys.exit(main())
