"""Character tables shipped as package data (``unionnews/data/*.txt``).

They are built from pypinyin and OpenCC by ``scripts/build_tables.py``, so a process
loads neither pypinyin (whose import reads its phrase dictionary: ~0.45 s, +55 MiB)
nor OpenCC converters other than ``t2s`` just to derive them.  Each reader parses
its file in a millisecond or two; callers cache the result.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def _lines(name: str) -> list[str]:
    """The lines of a table, without the ``#`` header."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("#")]


def common_hanzi_chars() -> str:
    """GB2312 level 1 and its traditional forms (OpenCC ``s2t``, ``s2tw``), one run of characters."""
    return "".join(_lines("common_hanzi.txt"))


def chars_by_reading() -> dict[str, str]:
    """Each pinyin reading (with tone marks) -> the characters that have it (pypinyin)."""
    return {reading: chars for reading, chars in (line.split("\t") for line in _lines("pinyin_readings.txt"))}


def word_counts() -> dict[str, int]:
    """How many words of pypinyin's phrase table each character occurs in."""
    counts: dict[str, int] = {}
    for line in _lines("word_counts.txt"):
        count, chars = line.split("\t")
        counts.update(dict.fromkeys(chars, int(count)))
    return counts


def script_only_chars() -> tuple[str, str]:
    """The hanzi of U+4E00-U+9FFF that OpenCC ``t2s`` changes, and those ``s2t`` changes."""
    table = {config: chars for config, chars in (line.split("\t") for line in _lines("script_only.txt"))}
    return table["t2s"], table["s2t"]


def hanzi_folding() -> dict[str, str]:
    """Traditional (and Taiwan) forms of the bigram model's characters -> the counted character."""
    return {line[0]: line[1] for line in _lines("hanzi_folding.txt")}


def hanzi_counts(name: str, width: int) -> dict[str, float]:
    """A bigram-model table (``hanzi_unigrams.txt``, ``width`` 1; ``hanzi_bigrams.txt``, 2): key -> count.

    Each line is a log2 count, a tab and the keys with that count run together, so
    the ~60,000 pairs load with one split per line (``scripts/build_hanzi_model.py``).
    """
    counts: dict[str, float] = {}
    for line in _lines(name):
        exponent, run = line.split("\t")
        keys: Iterable[str] = run if width == 1 else map(operator.add, run[0::2], run[1::2])
        counts.update(dict.fromkeys(keys, 2.0 ** int(exponent)))
    return counts


def t2s_keys() -> tuple[str, str, list[tuple[str, str]]]:
    """The OpenCC version the table was read from, the characters its ``t2s`` converts, and
    the phrases it converts that hold none of them (with a guard)."""
    version = keys = ""
    phrases = []
    for line in _lines("t2s_keys.txt"):
        kind, *fields = line.split("\t")
        if kind == "opencc":
            version = fields[0]
        elif kind == "keys":
            keys = fields[0]
        else:
            phrases.append((fields[0], fields[1]))
    return version, keys, phrases
