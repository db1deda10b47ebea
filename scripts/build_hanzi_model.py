"""Build ``src/unionnews/data/hanzi_{unigrams,bigrams}.txt`` from jieba's dictionary.

The mojibake repairs judge whether a run of hanzi reads as Chinese with a
character bigram model.  Its counts come from jieba's word list (``dict.txt``:
word, frequency, tag), which ships with the ``jieba`` package: every word adds its
frequency to each of its characters and to each pair of adjacent characters.
Counts are kept as rounded log2 so the tables stay small; bigrams seen less than
``MIN_BIGRAM`` times are dropped (the model backs off to the unigram).

Run: ``pip install jieba && python scripts/build_hanzi_model.py``.
"""

from __future__ import annotations

import itertools
import math
import os
from collections import Counter
from pathlib import Path

import jieba

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


def main() -> None:
    unigrams, bigrams = count(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))
    OUT.mkdir(exist_ok=True)
    with open(OUT / "hanzi_unigrams.txt", "w", encoding="utf-8") as f:
        f.write("# character log2 counts from jieba's dict.txt (scripts/build_hanzi_model.py)\n")
        for ch, n in sorted(unigrams.items(), key=lambda kv: (-kv[1], kv[0])):
            f.write(f"{ch}{round(math.log2(n + 1))}\n")
    kept = sorted(((k, n) for k, n in bigrams.items() if n >= MIN_BIGRAM), key=lambda kv: (-kv[1], kv[0]))
    with open(OUT / "hanzi_bigrams.txt", "w", encoding="utf-8") as f:
        f.write("# character-pair log2 counts from jieba's dict.txt (scripts/build_hanzi_model.py)\n")
        for pair, n in kept:
            f.write(f"{pair}{round(math.log2(n + 1))}\n")
    print(len(unigrams), "characters,", len(kept), "of", len(bigrams), "pairs")


if __name__ == "__main__":
    main()
