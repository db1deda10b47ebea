"""Traditional -> simplified conversion with OpenCC, and which script the input used."""

from __future__ import annotations

import functools
import os
import re

import opencc
import regex

from unionnews.normalize import tables
from unionnews.normalize.charsets import HAN_RE
from unionnews.normalize.fix import Fix

#: Words where OpenCC ``t2s`` keeps 著 although modern simplified writes 着.
#: Any other 著 in converted text becomes 着 unless it is one of ``ZHU_KEEP``.
ZHU_KEEP = (
    "著名", "著作", "著述", "著称", "著书", "著录", "著者", "著有", "显著", "卓著", "昭著",
    "土著", "编著", "原著", "巨著", "名著", "论著", "专著", "遗著", "拙著", "合著", "新著",
    "所著", "著译", "译著", "撰著", "大著", "著论",
)  # fmt: skip
_ZHU = regex.compile("著")
#: Variant characters OpenCC ``t2s`` leaves alone although simplified text never uses them.
VARIANTS = (("陜", "陕"), ("峯", "峰"), ("綫", "线"), ("衞", "卫"), ("爲", "为"), ("僞", "伪"), ("啓", "启"))
_VARIANT_TABLE = dict(VARIANTS)
_VARIANT_RE = regex.compile(f"[{''.join(old for old, _ in VARIANTS)}]")


def opencc_version() -> str:
    """The installed OpenCC release (the shipped key table is valid for one release only)."""
    return str(getattr(opencc, "__version__", ""))


@functools.cache
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration per process (building one is costly)."""
    return opencc.OpenCC(config)


#: OpenCC ``t2s`` chains on a few characters (薴 -> 苧 -> 苎): converting again until
#: nothing changes makes ``normalize`` idempotent; no chain is longer than this.
MAX_T2S_ROUNDS = 4


def to_simplified(text: str) -> str:
    """OpenCC ``t2s`` applied until the text stops changing (at most :data:`MAX_T2S_ROUNDS`).

    Whole-text rounds, not a per-character table, so OpenCC's phrase decisions
    (乾隆 keeps 乾) stand.  Text without a chain pays one extra conversion only
    when the first one changed something.
    """
    if not may_convert(text):
        return text
    t2s = converter("t2s")
    converted: str = t2s.convert(text)
    previous = text
    for _ in range(MAX_T2S_ROUNDS - 1):
        if converted == previous or not may_convert(converted):
            break
        previous, converted = converted, t2s.convert(converted)
    return converted


def may_convert(text: str) -> bool:
    """Whether OpenCC ``t2s`` could change ``text``: false only when it provably cannot.

    ``t2s`` changes text only where one of its dictionary keys occurs whose value
    differs from it: a single character of :func:`tables.t2s_keys` or one of its
    phrases, and a phrase holds its guard character.  So text without any key
    character and without a listed phrase around a guard is its own conversion,
    and the OpenCC pass (the dearest part of the step on simplified text, and the
    chain check on converted text) is not run.  Characters outside the BMP all
    count as keys, which keeps the class a bitmap.
    """
    table = key_table(opencc_version())
    if table is None:
        return True
    keys, guards, phrases, longest = table
    found = keys.search(text)
    while found is not None:
        if found.group() not in guards:
            return True
        start = found.start()
        if phrases.search(text, max(start - longest + 1, 0), start + longest) is not None:
            return True
        found = keys.search(text, start + 1)
    return False


@functools.cache
def key_table(installed: str) -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str], int] | None:
    """The class of key and guard characters (and the astral planes), the guards, the phrases, their longest.

    ``None`` when ``installed`` (OpenCC's release) is not the one the table was read from:
    its dictionaries may convert characters the table does not list, so every
    text goes through OpenCC.  Compiled with the standard library's ``re``: a class
    of BMP characters is matched through a bitmap; astral characters in it would
    make it a slow list.
    """
    version, keys, phrases = tables.t2s_keys()
    if version != installed:
        return None
    guards = frozenset(guard for _, guard in phrases)
    bmp = re.escape("".join(c for c in keys if ord(c) <= 0xFFFF) + "".join(sorted(guards)))
    key_class = re.compile(f"[{bmp}\\U00010000-\\U0010FFFF]")
    words = sorted((phrase for phrase, _ in phrases), key=len, reverse=True)
    return key_class, guards, re.compile("|".join(map(re.escape, words))), len(words[0])


def has_hanzi(text: str) -> bool:
    """Any hanzi at all: without one the script is ``none`` and there is nothing to convert."""
    return HAN_RE.search(text) is not None


def detect_script(text: str, simplified: str | None = None) -> str:
    """``simplified``, ``traditional``, ``mixed`` or ``none`` (no hanzi at all).

    ``simplified`` is ``t2s`` of ``text`` when the caller has it already.
    """
    if not has_hanzi(text):
        return "none"
    simplified = to_simplified(text) if simplified is None else simplified
    if simplified == text:
        return "simplified"
    if len(simplified) != len(text):
        return "mixed"
    traditional_only, simplified_only = _script_only_chars()
    simplified_count = len(simplified_only.findall(text))
    # Up to two simplified-only characters never make a text mixed: no need to count the rest.
    if simplified_count > 2 and simplified_count > len(traditional_only.findall(text)) // 10:
        return "mixed"
    return "traditional"


@functools.cache
def _script_only_chars() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Classes of the hanzi that ``t2s`` changes, and of those that ``s2t`` changes.

    Derived from OpenCC over the main CJK block and shipped as package data (no
    ``s2t`` converter at run time), and compiled with the standard library's ``re``,
    which matches a class of thousands of characters through a bitmap (``regex``
    searches it far more slowly).
    """
    traditional_only, simplified_only = tables.script_only_chars()
    return re.compile(f"[{traditional_only}]"), re.compile(f"[{simplified_only}]")


def convert_to_simplified(text: str, simplified: str | None = None) -> list[Fix]:
    """One fix per line that OpenCC ``t2s`` changes, trimmed to the changed part.

    OpenCC converts phrases, not single characters, and can change a line's
    length; a fix per line (not per character) keeps the offset map exact and the
    step cheap.  ``simplified`` is ``t2s`` of ``text`` when the caller has it already.
    """
    converted = to_simplified(text) if simplified is None else simplified
    if converted == text:
        return []
    converted = _modern_zhe(converted)
    if len(converted) == len(text):
        return [_changed_part(0, text, converted)]
    fixes = []
    pos = 0
    for line in text.splitlines(keepends=True):
        new = _modern_zhe(to_simplified(line))
        if new != line:
            fixes.append(_changed_part(pos, line, new))
        pos += len(line)
    return fixes


def _changed_part(offset: int, old: str, new: str) -> Fix:
    """A fix replacing ``old`` by ``new`` at ``offset``, without their common ends."""
    head = len(os.path.commonprefix((old, new)))  # noqa: RUF071
    tail = len(os.path.commonprefix((old[head:][::-1], new[head:][::-1])))  # noqa: RUF071
    return Fix(
        offset + head,
        offset + len(old) - tail,
        new[head : len(new) - tail],
        "traditional-to-simplified",
        0.99,
    )


def _modern_zhe(converted: str) -> str:
    """著 -> 着 in converted text, except in the words of ``ZHU_KEEP``; variants folded."""
    converted = _VARIANT_RE.sub(lambda m: _VARIANT_TABLE[m.group()], converted)
    if "著" not in converted:
        return converted

    def replace(m: regex.Match[str]) -> str:
        i = m.start()
        around = converted[max(i - 1, 0) : i + 2]
        if any(word in around for word in ZHU_KEEP):
            return "著"
        return "着"

    return _ZHU.sub(replace, converted)
