"""Layout characters: line endings, odd spaces and invisible characters, one fix per run.

A page of a million line breaks or zero-width spaces must cost one scan and a
handful of records, not an object per character.
"""

from __future__ import annotations

import regex

from unionnews.normalize.fix import Fix

#: Spaces that are really layout: NBSP and ideographic space become a plain space.
SPACE_LIKE = {"\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " "}
#: Invisible characters that only break matching.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: The joiner that glues emoji into one (👨+ZWJ+👩+ZWJ+👧): kept between two pictographs.
EMOJI_JOINER = "\u200d"

_ODD_SPACE_RUN_RE = regex.compile(f"[{''.join(SPACE_LIKE)}]+")
_ZERO_WIDTH_RUN_RE = regex.compile(f"[{ZERO_WIDTH}]+")
_CRLF_RUN_RE = regex.compile(r"(?:\r\n?)+")
_PICTOGRAPH_RE = regex.compile(r"[\p{Extended_Pictographic}\ufe0f\U0001f3fb-\U0001f3ff]")


def normalize_line_endings(text: str) -> list[Fix]:
    """``\\r\\n`` and ``\\r`` -> ``\\n``, one fix per run of line breaks.

    The pipeline sums these up in one repair: a CRLF page is no damage worth a
    record per line, and a page of a million line breaks must not cost a million.
    """
    if "\r" not in text:
        return []
    return [
        Fix(m.start(), m.end(), "\n" * m.group().count("\r"), "line-ending")
        for m in _CRLF_RUN_RE.finditer(text)
    ]


def normalize_spaces(text: str) -> list[Fix]:
    """NBSP and ideographic spaces -> space, one fix per run; zero-width characters a repair brought back removed."""
    if not _holds_any(text, _SPACES_AND_ZERO_WIDTH):
        return []
    fixes = [
        Fix(m.start(), m.end(), " " * (m.end() - m.start()), "space", note=_count_note(m.group()))
        for m in _ODD_SPACE_RUN_RE.finditer(text)
    ]
    zero_width = remove_zero_width(text)
    if zero_width:
        fixes = sorted(fixes + zero_width, key=lambda f: f.start)
    return fixes


def remove_zero_width(text: str) -> list[Fix]:
    """Zero-width characters removed, one fix per run.

    Runs before the mojibake step, which would otherwise read every invisible
    character as a symbol to explain.  A zero-width joiner alone between two
    pictographs is part of an emoji sequence (``👨 ZWJ 👩 ZWJ 👧``) and stays.
    """
    fixes: list[Fix] = []
    if not _holds_any(text, ZERO_WIDTH):
        return fixes
    for m in _ZERO_WIDTH_RUN_RE.finditer(text):
        run = m.group()
        if not (run == EMOJI_JOINER and _joins_emoji(text, m.start())):
            fixes.append(Fix(m.start(), m.end(), "", "zero-width", note=_count_note(run)))
    return fixes


_SPACES_AND_ZERO_WIDTH = "".join(SPACE_LIKE) + ZERO_WIDTH


def _holds_any(text: str, chars: str) -> bool:
    """Whether any of ``chars`` is in ``text``: a substring search each, far cheaper than a
    pattern scan, so the steps cost next to nothing on the many pages with nothing to do."""
    return any(ch in text for ch in chars)


def _joins_emoji(text: str, i: int) -> bool:
    return (
        0 < i < len(text) - 1
        and _PICTOGRAPH_RE.match(text, i - 1) is not None
        and _PICTOGRAPH_RE.match(text, i + 1) is not None
    )


def _count_note(run: str) -> str:
    return f"{len(run)} characters" if len(run) > 1 else ""
