"""``regex`` patterns run by the standard library's ``re`` on text inside the BMP.

``re`` matches the organisation patterns (lazy runs of Han characters before a word list)
two to four times faster than ``regex``.  Inside the BMP the two engines read ``\\d`` alike,
and ``\\p{Han}`` and ``\\s`` are the classes below, so a pattern written with them is
rewritten once and compiled by ``re``; text with a character outside the BMP keeps the
``regex`` pattern.  ``re`` has possessive quantifiers from Python 3.11: before that a
pattern using them keeps ``regex`` too.
"""

from __future__ import annotations

import functools
import re

import regex

#: ``regex``'s ``\p{Han}`` inside the BMP, as code point ranges (a test checks them against ``regex``).
HAN_BMP = (
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x3005, 0x3005),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9),
)
#: ``regex``'s ``\s`` (Unicode White_Space) inside the BMP; ``re``'s also takes ``\x1c``-``\x1f``.
SPACE_BMP = (
    (0x09, 0x0D),
    (0x20, 0x20),
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
)
#: The flags of a ``regex`` pattern compiled without any.
_PLAIN_FLAGS = regex.compile("").flags
#: A character outside the BMP.
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def _code(n: int) -> str:
    return f"\\U{n:08x}"


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(_code(a) if a == b else f"{_code(a)}-{_code(b)}" for a, b in ranges)


_HAN = _class(HAN_BMP)
_SPACE = _class(SPACE_BMP)
#: Escapes whose meaning differs between the engines and has no rewriting here.
_UNSUPPORTED = frozenset("wWbBSpPXRNGKzZ")


def translate(pattern: str) -> str:
    """``pattern`` with ``\\p{Han}`` and ``\\s`` written out as their BMP classes.

    ``[^\\P{Han}…]`` (Han characters but the listed ones) becomes a negative lookahead before
    the Han class.  Any other escape that the engines read differently raises ``ValueError``.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            if pattern.startswith("\\p{Han}", i):
                out.append(_HAN if in_class else f"[{_HAN}]")
                i += len("\\p{Han}")
            elif nxt == "s":
                out.append(_SPACE if in_class else f"[{_SPACE}]")
                i += 2
            elif nxt in _UNSUPPORTED:
                raise ValueError(f"no standard-library reading of \\{nxt} at {i}")
            else:
                out.append(pattern[i : i + 2])
                i += 2
            continue
        if not in_class and pattern.startswith("[^\\P{Han}", i):
            end = _class_end(pattern, i)
            listed = pattern[i + len("[^\\P{Han}") : end - 1]
            out.append(f"(?:(?![{translate(listed)}])[{_HAN}])" if listed else f"[{_HAN}]")
            i = end
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            i += 1
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):
                out.append("\\]")
                i += 1
            continue
        if c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """Where the character class opening at ``start`` ends (after its ``]``)."""
    i = start + 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


@functools.lru_cache(maxsize=64)
def standard_twin(pattern: regex.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` compiled by ``re`` after :func:`translate`; None where ``re`` cannot read it.

    A pattern compiled with flags (``regex.IGNORECASE``, ``regex.V1``...) has none: the
    flags would have to be carried over one by one, and the heavy patterns use none.
    """
    if pattern.flags != _PLAIN_FLAGS:
        return None
    try:
        return re.compile(translate(pattern.pattern))
    except (ValueError, re.error):
        return None


def for_text(pattern: regex.Pattern[str], text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """The pattern that reads ``text`` as ``pattern`` does, fastest: its ``re`` twin inside the BMP."""
    if _ASTRAL_RE.search(text) is not None:
        return pattern
    twin = standard_twin(pattern)
    return pattern if twin is None else twin
