"""Build the character tables shipped in ``src/unionnews/data/`` from pypinyin and OpenCC.

    python scripts/build_tables.py          # rewrite the tables
    python scripts/build_tables.py --check  # exit 1 when a shipped table differs

Run after upgrading pypinyin or OpenCC (``pip install -e ".[test]"`` installs both).
At run time unionnews reads these files instead: importing pypinyin loads its phrase
dictionary (~0.45 s, +55 MiB) and every extra OpenCC converter costs ~0.1 s and
~20 MiB, while the tables load in milliseconds.  ``tests/test_tables.py`` checks
that the shipped files are what this script builds from the installed libraries.
"""

from __future__ import annotations

import pathlib
import sys
from collections import Counter
from collections.abc import Callable, Iterable

from table_files import write_or_check

from unionnews.normalize.tables import hanzi_counts

DATA = pathlib.Path(__file__).resolve().parents[1] / "src" / "unionnews" / "data"
#: Characters per line in the tables that are one long run of characters.
WIDTH = 100
#: The main CJK block, over which script-only characters are listed.
CJK_BLOCK = range(0x4E00, 0xA000)


def header(what: str, source: str) -> str:
    return f"# {what}\n# Built by scripts/build_tables.py from {source}; do not edit.\n"


def wrapped(chars: Iterable[str]) -> str:
    run = "".join(sorted(set(chars)))
    return "".join(run[i : i + WIDTH] + "\n" for i in range(0, len(run), WIDTH))


def gb2312_level1() -> str:
    """The 3,755 most used simplified characters (GB2312 rows 16-55), from the codec."""
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def common_hanzi() -> str:
    """GB2312 level 1 and its traditional forms (OpenCC ``s2t`` and ``s2tw``)."""
    import opencc

    simplified = gb2312_level1()
    forms = simplified + opencc.OpenCC("s2t").convert(simplified) + opencc.OpenCC("s2tw").convert(simplified)
    return header(
        "GB2312 level 1 and its traditional forms, one run of characters.",
        "the gb2312 codec and OpenCC s2t, s2tw",
    ) + wrapped(forms)


def pinyin_readings() -> str:
    """``reading<TAB>characters`` for every reading of pypinyin's single-character table."""
    from pypinyin.pinyin_dict import pinyin_dict

    by_reading: dict[str, set[str]] = {}
    for cp, readings in pinyin_dict.items():
        for reading in readings.split(","):
            by_reading.setdefault(reading, set()).add(chr(cp))
    lines = (f"{r}\t{''.join(sorted(cs))}\n" for r, cs in sorted(by_reading.items()))
    return header("Each pinyin reading and the characters that have it.", "pypinyin.pinyin_dict") + "".join(
        lines
    )


def word_counts() -> str:
    """``count<TAB>characters``: how many words of pypinyin's phrase table each character occurs in."""
    from pypinyin.phrases_dict import phrases_dict

    counts = Counter(ch for word in phrases_dict for ch in word)
    by_count: dict[int, list[str]] = {}
    for ch, n in counts.items():
        by_count.setdefault(n, []).append(ch)
    lines = (f"{n}\t{''.join(sorted(cs))}\n" for n, cs in sorted(by_count.items(), reverse=True))
    return header("Characters by the number of words they occur in.", "pypinyin.phrases_dict") + "".join(
        lines
    )


def script_only() -> str:
    """``t2s<TAB>…`` and ``s2t<TAB>…``: the characters of the main CJK block each conversion changes."""
    import opencc

    block = [chr(cp) for cp in CJK_BLOCK]
    lines = []
    for config in ("t2s", "s2t"):
        converted = opencc.OpenCC(config).convert("\n".join(block)).split("\n")
        changed = "".join(c for c, new in zip(block, converted, strict=True) if new != c)
        lines.append(f"{config}\t{changed}\n")
    return header(
        "Hanzi of U+4E00-U+9FFF that OpenCC t2s (traditional-only) and s2t change.", "OpenCC t2s, s2t"
    ) + "".join(lines)


def hanzi_folding() -> str:
    """``<traditional><simplified>`` pairs: the traditional (and Taiwan) forms of the bigram model's characters.

    The mojibake plausibility model counts simplified characters; it folds a
    traditional character to the counted one through this table, never through an
    OpenCC call per character.
    """
    import opencc

    chars = list(hanzi_counts("hanzi_unigrams.txt", 1))
    joined = "\n".join(chars)
    folding: dict[str, str] = {}
    for config in ("s2t", "s2tw"):
        for simple, other in zip(chars, opencc.OpenCC(config).convert(joined).split("\n"), strict=False):
            if len(other) == 1 and other != simple:
                folding.setdefault(other, simple)
    pairs = "".join(f"{other}{simple}\n" for other, simple in folding.items())
    return header("Traditional forms of the bigram model's characters, then the counted character.",
                  "OpenCC s2t, s2tw over hanzi_unigrams.txt") + pairs  # fmt: skip


def opencc_dictionary(name: str) -> dict[str, str]:
    """One of OpenCC's shipped ``.ocd2`` dictionaries as key -> first value (what OpenCC converts to)."""
    import subprocess
    import tempfile

    import opencc

    clib = pathlib.Path(opencc.__file__).resolve().parent / "clib"
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "dict.txt"
        subprocess.run(
            [clib / "bin" / "opencc_dict", "-i", clib / "share" / "opencc" / name, "-o", out,
             "-f", "ocd2", "-t", "text"],
            check=True, capture_output=True,
        )  # fmt: skip
        lines = out.read_text(encoding="utf-8").splitlines()
    return {key: values.split(" ")[0] for key, values in (line.split("\t") for line in lines if line)}


def t2s_dictionaries() -> list[str]:
    """The ``.ocd2`` files OpenCC's ``t2s`` configuration reads (normalization and conversion)."""
    import json

    import opencc

    config = pathlib.Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc" / "t2s.json"
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(config.read_text(encoding="utf-8")))
    return found


def t2s_keys() -> str:
    """``keys<TAB>…`` and ``phrase<TAB>…<TAB>guard`` lines: what OpenCC ``t2s`` can change.

    ``keys``: every single character one of the ``t2s`` dictionaries (normalization
    or conversion, whichever OpenCC consults first) converts to something else.  ``phrase``: the phrases ``t2s`` changes although none of their
    characters is such a key (深沈 -> 深沉), each with its rarest character (by the
    bigram model's counts) as the guard to look for.  Text holding no key and no
    listed phrase is its own ``t2s`` conversion.  ``opencc``: the version read, since
    another release may ship other dictionaries.
    """
    import opencc

    changed = {
        key for name in t2s_dictionaries() for key, value in opencc_dictionary(name).items() if value != key
    }
    keys = {key for key in changed if len(key) == 1}
    counts = hanzi_counts("hanzi_unigrams.txt", 1)
    phrases = sorted(key for key in changed if len(key) > 1 and keys.isdisjoint(key))
    lines = [f"opencc\t{opencc.__version__}\n", f"keys\t{''.join(sorted(keys))}\n"]
    lines += [f"phrase\t{p}\t{min(p, key=lambda c: (counts.get(c, 0), c))}\n" for p in phrases]
    return header(
        "Characters OpenCC t2s converts, and the phrases it converts that hold none of them (with a guard).",
        "OpenCC's t2s dictionaries (opencc_dict)",
    ) + "".join(lines)


#: File name -> the function building its text.
TABLES: dict[str, Callable[[], str]] = {
    "common_hanzi.txt": common_hanzi,
    "pinyin_readings.txt": pinyin_readings,
    "word_counts.txt": word_counts,
    "script_only.txt": script_only,
    "hanzi_folding.txt": hanzi_folding,
    "t2s_keys.txt": t2s_keys,
}


def built() -> dict[str, str]:
    """Every table's text, by file name."""
    return {name: build() for name, build in TABLES.items()}


def main() -> int:
    return write_or_check(built, DATA, "build_tables.py", __doc__)


if __name__ == "__main__":
    sys.exit(main())
