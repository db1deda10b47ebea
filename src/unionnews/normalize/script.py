"""Traditional -> simplified conversion with OpenCC, and which script the input used."""

from __future__ import annotations

import functools

import opencc
import regex

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
_VARIANT_TABLE = str.maketrans(dict(VARIANTS))


@functools.cache
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration per process (building one is costly)."""
    return opencc.OpenCC(config)


def count_changed(a: str, b: str) -> int:
    """How many positions differ between two strings of equal length."""
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def detect_script(text: str, simplified: str | None = None) -> str:
    """``simplified``, ``traditional``, ``mixed`` or ``none`` (no hanzi at all)."""
    if not regex.search(r"\p{Han}", text):
        return "none"
    simplified = converter("t2s").convert(text) if simplified is None else simplified
    if simplified == text:
        return "simplified"
    if len(simplified) != len(text):
        return "mixed"
    traditional_chars = count_changed(text, simplified)
    simplified_only = count_changed(text, converter("s2t").convert(text))
    if simplified_only > max(2, traditional_chars // 10):
        return "mixed"
    return "traditional"


def convert_to_simplified(text: str) -> list[Fix]:
    """Fixes turning traditional characters into simplified ones, line by line.

    OpenCC converts phrases, not single characters, and can change a line's length;
    such a line is one fix, so the offset map stays exact.
    """
    converted = converter("t2s").convert(text)
    if converted == text:
        return []
    converted = _modern_zhe(converted)
    if len(converted) == len(text):
        return _changed_runs(text, converted)
    fixes = []
    pos = 0
    for line in text.splitlines(keepends=True):
        new = _modern_zhe(converter("t2s").convert(line))
        if new != line:
            fixes.extend(
                Fix(pos + f.start, pos + f.end, f.replacement, f.kind, f.confidence)
                for f in (_changed_runs(line, new) if len(new) == len(line) else [_line_fix(line, new)])
            )
        pos += len(line)
    return fixes


def _line_fix(line: str, new: str) -> Fix:
    return Fix(0, len(line), new, "traditional-to-simplified", 0.99)


def _changed_runs(old: str, new: str) -> list[Fix]:
    """One fix per run of changed characters (equal-length strings)."""
    fixes: list[Fix] = []
    start = -1
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        if a != b:
            if start < 0:
                start = i
        elif start >= 0:
            fixes.append(Fix(start, i, new[start:i], "traditional-to-simplified", 0.99))
            start = -1
    if start >= 0:
        fixes.append(Fix(start, len(old), new[start:], "traditional-to-simplified", 0.99))
    return fixes


def _modern_zhe(converted: str) -> str:
    """著 -> 着 in converted text, except in the words of ``ZHU_KEEP``; variants folded."""
    converted = converted.translate(_VARIANT_TABLE)
    if "著" not in converted:
        return converted

    def replace(m: regex.Match[str]) -> str:
        i = m.start()
        around = converted[max(i - 1, 0) : i + 2]
        if any(word in around for word in ZHU_KEEP):
            return "著"
        return "着"

    return _ZHU.sub(replace, converted)
