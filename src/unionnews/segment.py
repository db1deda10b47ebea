"""Layer 2: classify the lines of a normalized page.

Kinds: ``headline``, ``dek`` (引题/主题/副题/原标题, column labels), ``dateline``,
``byline``, ``body``, ``credit`` and ``furniture``.  The rules are data in
:mod:`unionnews.lexicon`; the order of decisions is:

1. lines that match a furniture pattern anywhere are furniture;
2. the body starts at the first line of prose;
3. the headline is the line before the datelines and bylines that precede the body
   (or the line a ``TITLE-section-site`` page title names); what stands above it is
   page furniture;
4. after the last credit line, anything that is not prose is footer furniture.
"""

from __future__ import annotations

from typing import Literal

import attrs
import regex

from unionnews.lexicon import CREDIT_PATTERNS, FURNITURE_PATTERNS, SITE_SUFFIXES, Lexicon
from unionnews.normalize.charsets import HAN_RE

LineKind = Literal["headline", "dek", "dateline", "byline", "body", "credit", "furniture"]

_LEADING_FLAGS_RE = regex.compile(r"^\(\?([aiLmsux]+)\)")


def any_of(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    """One pattern matching where any of ``patterns`` matches: one scan per line, not one each.

    A leading global flag group (``(?i)...``) becomes a scoped one (``(?i:...)``).
    """
    parts = []
    for pattern in patterns:
        flags = _LEADING_FLAGS_RE.match(pattern)
        if flags:
            parts.append(f"(?{flags.group(1)}:{pattern[flags.end() :]})")
        else:
            parts.append(f"(?:{pattern})")
    return regex.compile("|".join(parts))


#: Furniture patterns are scanned one by one: several are unanchored, and as one
#: alternation they lose ``regex``'s literal-prefix search (3x slower on the seeds).
_FURNITURE_RES = tuple(regex.compile(p) for p in FURNITURE_PATTERNS)
#: Credit patterns are anchored at the line start, where one alternation is fastest.
_CREDIT_RE = any_of(CREDIT_PATTERNS)
DATE_LINE_RE = regex.compile(
    r"^[〖【\[]?\s*(?:(?:发布|发表|更新|时间|日期|发布日期|发布时间)[:：]?\s*)?"
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|[〇零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*[〗】\]]?"
)
LABELLED_DATE_RE = regex.compile(r"(发布日期|发布时间|发表时间|时间|日期)\s*[:：]\s*\d{4}")
BYLINE_RE = regex.compile(r"(记者|通讯员|特约通讯员|实习生|见习记者)\s*\S")
DEK_RE = regex.compile(r"^(原标题|引题|副题|主题|肩题)[:：]|[（(](引题|主题|副题|肩题)[)）]$|^【.{2,40}】$")
PAGE_TITLE_RE = regex.compile(r"^(.{6,80}?)\s*[-_—|｜]\s*(.{1,20}?)(?:\s*[-_—|｜]\s*(.{1,20}))?$")
NAME_LINE_RE = regex.compile(r"^\p{Han}{2,4}$")
_PROSE_MIN = 40
_SENTENCE_MIN = 10


@attrs.frozen(slots=True)
class Line:
    """One line of a document: ``text[start:end]`` and what it is."""

    start: int
    end: int
    kind: LineKind
    text: str


def split_lines(text: str) -> list[tuple[int, int, str]]:
    """Non-blank lines as ``(start, end, stripped text)``; offsets exclude the stripped space."""
    out = []
    pos = 0
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        if stripped:
            lead = len(raw_line) - len(raw_line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw_line) + 1
    return out


def is_furniture(line: str, lexicon: Lexicon | None = None) -> bool:
    if any(r.search(line) for r in _FURNITURE_RES):
        return True
    if lexicon is not None:
        if line in lexicon.get("section"):
            return True
        if any(w in line for w in lexicon.get("furniture")):
            return True
    return False


def is_credit(line: str) -> bool:
    return _CREDIT_RE.search(line) is not None


def is_prose(line: str) -> bool:
    """A sentence-bearing line: long, with sentence punctuation."""
    if len(line) >= _PROSE_MIN:
        return "。" in line or line.count("，") >= 2 or line.endswith(("。", "！", "？", "…", "”"))
    return len(line) >= _SENTENCE_MIN and line.endswith(("。", "！", "？"))


def is_dateline(line: str) -> bool:
    return bool(DATE_LINE_RE.match(line)) or (bool(LABELLED_DATE_RE.search(line)) and len(line) < 80)


def is_byline(line: str) -> bool:
    if len(line) > 80 or line.endswith("。"):
        return False
    return bool(BYLINE_RE.search(line)) and not is_prose(line)


def classify(text: str, lexicon: Lexicon) -> list[Line]:
    """Classify every non-blank line of ``text``."""
    lines = split_lines(text)
    kinds: list[LineKind | None] = [None] * len(lines)
    for i, (_, _, s) in enumerate(lines):
        if is_credit(s):
            kinds[i] = "credit"
        elif is_furniture(s, lexicon):
            kinds[i] = "furniture"
    body_start = next(
        (i for i, (_, _, s) in enumerate(lines) if kinds[i] is None and is_prose(s)), len(lines)
    )
    headline = _find_headline(lines, kinds, body_start)
    for i in range(body_start):
        s = lines[i][2]
        if kinds[i] is not None:
            continue
        if i == headline:
            kinds[i] = "headline"
        elif is_dateline(s):
            kinds[i] = "dateline"
        elif is_byline(s):
            kinds[i] = "byline"
        elif headline is not None and i > headline:
            kinds[i] = "byline" if NAME_LINE_RE.match(s) else "dek" if _is_dek(s) else "body"
        else:
            kinds[i] = "dek" if _is_dek(s) and headline is None else "furniture"
    _mark_footer(lines, kinds, body_start)
    for i in range(body_start, len(lines)):
        if kinds[i] is None:
            s = lines[i][2]
            kinds[i] = "byline" if _is_end_byline(s) else "body"
    return [Line(a, b, k or "body", s) for (a, b, s), k in zip(lines, kinds, strict=True)]


def _is_dek(line: str) -> bool:
    return bool(DEK_RE.search(line))


def _is_end_byline(line: str) -> bool:
    return line.startswith(("(", "（")) and line.endswith((")", "）")) and is_byline(line)


def page_title_parts(line: str) -> tuple[str, ...] | None:
    """``TITLE-section-site`` (an HTML <title> copied into the text) split, or None."""
    m = PAGE_TITLE_RE.match(line)
    if not m:
        return None
    parts = tuple(p for p in m.groups() if p)
    if not parts[-1].endswith(SITE_SUFFIXES) or len(parts) < 2:
        return None
    return parts


#: Length bounds of a headline found with no dateline or byline to confirm it.
HEADLINE_MIN = 6
HEADLINE_MAX = 60


def _find_headline(
    lines: list[tuple[int, int, str]], kinds: list[LineKind | None], body_start: int
) -> int | None:
    candidates = [i for i in range(body_start) if kinds[i] is None]
    for i in candidates:
        parts = page_title_parts(lines[i][2])
        if parts:
            for j in candidates:
                if j > i and lines[j][2] == parts[0]:
                    kinds[i] = "furniture"
                    return j
    for i in candidates:
        s = lines[i][2]
        if len(s) < 6 or is_dateline(s) or is_byline(s) or _is_dek(s) or s.endswith("。"):
            continue
        following = [j for j in range(i + 1, body_start) if kinds[j] != "furniture"][:4]
        if any(is_dateline(lines[j][2]) or is_byline(lines[j][2]) or kinds[j] == "credit" for j in following):
            return i
        if following and all(_is_dek(lines[j][2]) or NAME_LINE_RE.match(lines[j][2]) for j in following[:1]):
            return i
    return _bare_headline(lines, candidates, body_start)


def _bare_headline(lines: list[tuple[int, int, str]], candidates: list[int], body_start: int) -> int | None:
    """A page of just ``headline, body``: the line right above the body, if it reads as a headline."""
    if body_start >= len(lines) or not candidates or candidates[-1] != body_start - 1:
        return None
    s = lines[body_start - 1][2]
    if not HEADLINE_MIN <= len(s) <= HEADLINE_MAX or s.endswith(("。", "！", "？", "：", ":")):
        return None
    if is_dateline(s) or is_byline(s) or len(HAN_RE.findall(s)) < HEADLINE_MIN:
        return None
    return body_start - 1


def _mark_footer(lines: list[tuple[int, int, str]], kinds: list[LineKind | None], body_start: int) -> None:
    credits = [i for i in range(body_start, len(lines)) if kinds[i] == "credit"]
    if not credits:
        return
    for i in range(credits[-1] + 1, len(lines)):
        if kinds[i] is None and not is_prose(lines[i][2]):
            kinds[i] = "furniture"
