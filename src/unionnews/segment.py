"""Layer 2: classify the lines of a normalized page.

Kinds: ``headline``, ``dek`` (引题/副题/原标题, kickers, channel paths), ``dateline``
(date lines and the page's labelled metadata lines), ``byline``, ``body``, ``credit`` and
``furniture``.  The rules are data in :mod:`unionnews.lexicon` and
:mod:`unionnews.layout_rules`; the order of decisions is:

1. lines that match a furniture pattern anywhere are furniture (a metadata line with a
   date is kept whatever frames it), credit patterns make credits;
2. the body starts at the first line of prose;
3. the headline: the line a ``TITLE-site`` page title names; else the headline-like line
   nearest above the first metadata line (date, byline, ``来源：``, e-paper issue line),
   or its first headline-like line below on date-first pages (e-paper, "today" headers);
   with no metadata, the line right above the body.  A short two-part slogan above the
   headline is its kicker; a headline-like line above a found one that is no slogan is
   the headline and the found one its subtitle.  What stands above is furniture;
4. after the last credit line, anything that is not prose is footer furniture.

Every step is one pass over the lines, or a bounded window around one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

import attrs
import regex

from unionnews.layout_rules import (
    CHANNEL_PATH,
    DEK_LABELS,
    FURNITURE_CUE_NEEDS,
    FURNITURE_CUES,
    META_BARE_LABELS,
    META_LABELS,
    OUTLET_SUFFIXES,
    PAGE_TITLE_SPAM_SUFFIXES,
    SLASH_CREDIT,
    TITLE_LABELS,
)
from unionnews.lexicon import CREDIT_PATTERNS, FURNITURE_NEEDS, FURNITURE_PATTERNS, SITE_SUFFIXES, Lexicon

LineKind = Literal["headline", "dek", "dateline", "byline", "body", "credit", "furniture"]

_LEADING_FLAGS_RE = regex.compile(r"^\(\?([aiLmsux]+)\)")


def any_of(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    """One pattern matching where any of ``patterns`` matches: one scan per line, not one each.

    A leading global flag group (``(?i)...``) becomes a scoped one (``(?i:...)``).  The
    alternation answers yes or no, so its groups do not capture (see :func:`without_captures`).
    """
    parts = []
    for pattern in patterns:
        flags = _LEADING_FLAGS_RE.match(pattern)
        if flags:
            parts.append(f"(?{flags.group(1)}:{without_captures(pattern[flags.end() :])})")
        else:
            parts.append(f"(?:{without_captures(pattern)})")
    return regex.compile("|".join(parts))


_BACKREFERENCE_RE = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


def without_captures(pattern: str) -> str:
    """``pattern`` with its plain groups ``(…)`` made non-capturing ``(?:…)``: the same matches.

    Saving and restoring group bounds on every backtrack is a fifth of the cost of the
    furniture alternations, whose groups nobody reads.  A pattern that refers back to a
    group is returned as it is.
    """
    if _BACKREFERENCE_RE.search(pattern):
        return pattern
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[":
            end = _class_end(pattern, i)
            out.append(pattern[i:end])
            i = end
            continue
        out.append("(?:" if ch == "(" and not pattern.startswith("?", i + 1) else ch)
        i += 1
    return "".join(out)


def first_char_guard(words: Iterable[str], *, also: Mapping[str, str] | None = None) -> str:
    """A lookahead for the characters ``words`` start with, to put before their alternation.

    It is a necessary condition (the alternation after it starts with one of them), so
    no match changes.  Where the alternation follows a lazy or repeated prefix
    (``[\\p{Han}]{1,24}?(?:总工会|工会|…)``) the engine tries every word at every
    extension; the guard turns most of those tries into one class test.  ``also``
    maps a first character to others the alternation lets it match (``(`` -> ``（``).
    An empty word could match anywhere: then there is no guard.
    """
    words = tuple(words)
    if not words or not all(words):
        return ""
    chars = {w[0] for w in words}
    for c in tuple(chars):
        chars.update((also or {}).get(c, ""))
    return "(?=[" + "".join(regex.escape(c) for c in sorted(chars)) + "])"


def plain_strings(words: Iterable[str]) -> re.Pattern[str]:
    """One standard-library pattern finding any of ``words``, longest first (none: it never matches).

    For plain strings ``re`` finds what ``regex`` finds, at half the cost a call.
    """
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)) if ordered else "(?!)")


def _class_end(pattern: str, start: int) -> int:
    """Where the character class opening at ``start`` ends (after its ``]``; a leading ``]`` or ``^]`` is a member)."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _top_level_alternation(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside every group and class (``^a|b`` is not anchored)."""
    depth = 0
    in_class = False
    escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _is_anchored(pattern: str) -> bool:
    return pattern.startswith("^") and not _top_level_alternation(pattern)


def split_anchored(patterns: tuple[str, ...]) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """``patterns`` as (line-start ones, for ``match``; the rest, for ``search``).

    Tried only at position 0, the anchored ones cost one attempt per line instead of a
    scan; the floating ones keep ``regex``'s literal-prefix search, as a small alternation.
    """
    anchored = tuple(p[1:] for p in patterns if _is_anchored(p))
    floating = tuple(p for p in patterns if not _is_anchored(p))
    return any_of(anchored), any_of(floating)


@attrs.frozen
class LineTest:
    """Whether any pattern of a table matches a line, each pattern tried the cheapest way.

    Line-start patterns are one ``match``, the others one ``search``; the costly ones
    (those a needs table lists) are tried only on lines holding one of the strings they
    need, found by one standard-library scan for all of them (plain strings: ``re`` and
    ``regex`` agree).  Every pattern that can match a line is still tried on it.
    """

    start: regex.Pattern[str] | None
    floating: regex.Pattern[str] | None
    gate: re.Pattern[str] | None
    gated_start: regex.Pattern[str] | None
    gated_floating: regex.Pattern[str] | None

    @classmethod
    def of(cls, patterns: tuple[str, ...], needs: Mapping[str, tuple[str, ...]]) -> LineTest:
        plain = tuple(p for p in patterns if p not in needs)
        gated = tuple(p for p in patterns if p in needs)
        return cls(
            *_split_or_none(plain),
            plain_strings(n for p in gated for n in needs[p]) if gated else None,
            *_split_or_none(gated),
        )

    def __call__(self, line: str) -> bool:
        if self.start is not None and self.start.match(line) is not None:
            return True
        return self.past_start(line)

    def past_start(self, line: str) -> bool:
        """The test without its line-start patterns (for a caller that tried them already)."""
        if self.floating is not None and self.floating.search(line) is not None:
            return True
        if self.gate is None or self.gate.search(line) is None:
            return False
        if self.gated_start is not None and self.gated_start.match(line) is not None:
            return True
        return self.gated_floating is not None and self.gated_floating.search(line) is not None


def _split_or_none(patterns: tuple[str, ...]) -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None]:
    """:func:`split_anchored`, with None for a side that has no pattern (an empty alternation matches anything)."""
    start, floating = split_anchored(patterns)
    has_start = any(_is_anchored(p) for p in patterns)
    has_floating = not all(_is_anchored(p) for p in patterns)
    return (start if has_start else None), (floating if has_floating else None)


_LISTED_FURNITURE = LineTest.of(FURNITURE_PATTERNS, FURNITURE_NEEDS)
_CUE_FURNITURE = LineTest.of(FURNITURE_CUES, FURNITURE_CUE_NEEDS)
#: Both tables in one test: most lines match neither, and then one test answers for both.
_ANY_FURNITURE = LineTest.of(FURNITURE_CUES + FURNITURE_PATTERNS, {**FURNITURE_NEEDS, **FURNITURE_CUE_NEEDS})
#: Credit patterns are anchored at the line start, where one alternation is fastest.
_CREDIT_RE = any_of(CREDIT_PATTERNS)


def line_start_test(credits: tuple[str, ...], cue: LineTest, listed: LineTest) -> regex.Pattern[str]:
    """One ``match`` per line for the credit patterns and both furniture tables' line-start patterns.

    The alternatives are tried in order, each in its group: ``credit`` set is
    :func:`is_credit`'s yes; ``cue`` set means no credit and a cue's line-start pattern
    matched; ``listed``, neither of those and a listed one did.  Three tables in one call,
    where a ``regex`` call costs more than most of its tries.  Every credit pattern must be
    anchored (a floating one could match past the start).
    """
    if not all(_is_anchored(p) for p in credits) or cue.start is None or listed.start is None:
        raise ValueError(
            "every credit pattern, and some pattern of each table, must be anchored at the line start"
        )
    credit_start, _ = split_anchored(credits)
    return regex.compile(
        f"(?P<credit>{credit_start.pattern})|(?P<cue>{cue.start.pattern})|(?P<listed>{listed.start.pattern})"
    )


_LINE_START_RE = line_start_test(CREDIT_PATTERNS, _CUE_FURNITURE, _LISTED_FURNITURE)
#: The outlet endings as one alternation, longest first (``日报`` before ``报``).
OUTLET_ALT = "|".join(sorted(OUTLET_SUFFIXES, key=len, reverse=True))
OUTLET_GUARD = first_char_guard(OUTLET_SUFFIXES)
#: A date line, also after an outlet's name (``某日报  2024-03-02 10:20``).
DATE_LINE_RE = regex.compile(
    rf"^(?:[^\s\d]{{1,12}}?{OUTLET_GUARD}(?:{OUTLET_ALT})\s+)?"
    r"[〖【\[]?\s*(?:(?:发布|发表|更新|时间|日期|发布日期|发布时间)[:：]?\s*)?"
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|[〇零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*[〗】\]]?"
)
ANY_DATE_RE = regex.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
#: A timestamp (``2024-03-02 18:00``) anywhere in a short line: a post's metadata line.
DATE_CLOCK_RE = regex.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}[:：]\d{2}")
_STAMP_LINE_MAX = 80
LABELLED_DATE_RE = regex.compile(r"(发布日期|发布时间|发表时间|时间|日期)\s*[:：]\s*\d{4}")
#: What the date patterns need before they are tried: every date line has a separator, every label 时间 or 日期.
_DATE_SEPARATOR_RE = plain_strings(("-", "/", ".", "年"))
_DATE_LABEL_RE = plain_strings(("时间", "日期"))
BYLINE_RE = regex.compile(rf"(记者|通讯员|特约通讯员|实习生|见习记者)\s*\S|{SLASH_CREDIT}")
_DEK_ALT = "|".join(DEK_LABELS)
DEK_RE = regex.compile(rf"^(原标题|原题|{_DEK_ALT})[:：]|[（(]({_DEK_ALT})[)）]$|^【[^】]{{2,40}}】$")
#: ``原标题：…``: a label before a headline.
TITLE_LABEL_RE = regex.compile(rf"^(?:{'|'.join(TITLE_LABELS)})\s*[:：]\s*")
#: A labelled field of a metadata block (``来源：``, ``发布时间 2024-03-02``, ``阅读：``).
META_LINE_RE = regex.compile(
    rf"(?:{'|'.join(sorted(META_LABELS, key=len, reverse=True))})\s*[:：]"
    rf"|(?:{'|'.join(META_BARE_LABELS)})\s*\d"
    r"|第\s*[A-Z]?\d{1,3}\s*版"
)
#: What META_LINE_RE needs: a colon, a bare label or 版; BYLINE_RE: a reporter's word or a slash.
_META_NEEDS_RE = plain_strings((":", "：", "版", *META_BARE_LABELS))
_BYLINE_NEEDS_RE = plain_strings(("记者", "通讯员", "实习生", "/", "／"))


def _has_meta_field(line: str) -> bool:
    """``META_LINE_RE.search(line)``, tried only on lines holding what it needs."""
    return _META_NEEDS_RE.search(line) is not None and META_LINE_RE.search(line) is not None


#: An e-paper's issue line, ``《某日报》（2024年03月02日 02版）``: metadata, and its paper the source.
EPAPER_LINE_RE = regex.compile(r"^《(?P<outlet>[^》]{2,20})》\s*[（(]\s*\d{4}\s*年")
#: A kicker's two short parallel phrases: ``工地战高温 关爱送清凉``.
COUPLET_RE = regex.compile(r"^\S{2,10}(?:[\s，,]+\S{2,10}){1,2}$")
CHANNEL_PATH_RE = regex.compile(CHANNEL_PATH)
WEEKDAY_RE = regex.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
OUTLET_SPLIT_RE = regex.compile(r"[\s\-_—|｜·]+")
PAGE_TITLE_RE = regex.compile(r"^(.{6,80}?)\s*[-_—|｜]\s*(.{1,20}?)(?:\s*[-_—|｜]\s*(.{1,20}))?$")
#: What PAGE_TITLE_RE needs: one of its separators.
_TITLE_SEPARATOR_RE = plain_strings(("-", "_", "—", "|", "｜"))
NAME_LINE_RE = regex.compile(r"^\p{Han}{2,4}$")


def han_at_least(n: int) -> regex.Pattern[str]:
    """A pattern matching (at the start) a line holding at least ``n`` hanzi: one call, no list of them."""
    return regex.compile(rf"(?:\P{{Han}}*\p{{Han}}){{{n}}}")


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
    return _is_cue_furniture(line) or _is_listed_furniture(line, lexicon)


def _is_listed_furniture(line: str, lexicon: Lexicon | None) -> bool:
    """Furniture by the pattern table or the lexicon (the cues are checked apart)."""
    if lexicon is None:
        return _is_listed(line, frozenset(), ())
    return _is_listed(line, frozenset(lexicon.get("section")), lexicon.get("furniture"))


def _is_listed(line: str, sections: frozenset[str], words: tuple[str, ...]) -> bool:
    """:func:`_is_listed_furniture` with the lexicon's section names and furniture words looked up once per page."""
    return _LISTED_FURNITURE(line) or _in_lexicon(line, sections, words)


def _in_lexicon(line: str, sections: frozenset[str], words: tuple[str, ...]) -> bool:
    """A section name of the lexicon, or a line holding one of its furniture words."""
    return line in sections or (bool(words) and any(w in line for w in words))


def _in_lexicon_or_past_start(line: str, sections: frozenset[str], words: tuple[str, ...]) -> bool:
    """Whether a cue or :func:`_is_listed` can call ``line`` furniture, where no line-start pattern matched.

    Both tables' other patterns in one test, then the lexicon: a necessary condition (it
    holds wherever either does), so only the few lines it lets through are tried against
    each table apart.
    """
    return _ANY_FURNITURE.past_start(line) or _in_lexicon(line, sections, words)


def _credit_or_furniture(line: str, sections: frozenset[str], words: tuple[str, ...]) -> LineKind | None:
    """``credit`` (:func:`is_credit`), ``furniture`` (a cue, or listed and no dated metadata line) or None.

    The line-start patterns of all three tables are one match, which also says which
    table's matched; the rest of each table is tried only when that can change the answer.
    """
    start = _LINE_START_RE.match(line)
    if start is not None:
        if start.group("credit") is not None:
            return "credit"
        if start.group("cue") is not None or _CUE_FURNITURE.past_start(line):
            return "furniture"
        return None if _is_dated_meta(line) else "furniture"
    if not _in_lexicon_or_past_start(line, sections, words):
        return None
    if _CUE_FURNITURE.past_start(line):
        return "furniture"
    listed = _LISTED_FURNITURE.past_start(line) or _in_lexicon(line, sections, words)
    return "furniture" if listed and not _is_dated_meta(line) else None


def _is_cue_furniture(line: str) -> bool:
    """Layout furniture that a date does not redeem: a forum post header, an e-reader label."""
    return _CUE_FURNITURE(line)


def _is_dated_meta(line: str) -> bool:
    """A metadata line with a date (``|| 2024-03-02 编辑：…``): a dateline, whatever frames it."""
    return _has_meta_field(line) and bool(ANY_DATE_RE.search(line)) and len(line) < 160


def is_credit(line: str) -> bool:
    return _CREDIT_RE.search(line) is not None


def is_prose(line: str) -> bool:
    """A sentence-bearing line: long, with sentence punctuation."""
    if len(line) >= _PROSE_MIN:
        return "。" in line or line.count("，") >= 2 or line.endswith(("。", "！", "？", "…", "”"))
    return len(line) >= _SENTENCE_MIN and line.endswith(("。", "！", "？"))


def starts_with_date(line: str) -> bool:
    """Whether :data:`DATE_LINE_RE` matches: only a line with a date separator can (``-/.`` or ``年``)."""
    return _DATE_SEPARATOR_RE.search(line) is not None and DATE_LINE_RE.match(line) is not None


def is_dateline(line: str) -> bool:
    if starts_with_date(line):
        return True
    return (
        len(line) < 80
        and _DATE_LABEL_RE.search(line) is not None
        and LABELLED_DATE_RE.search(line) is not None
    )


def is_byline(line: str) -> bool:
    if len(line) > 80 or line.endswith("。"):
        return False
    return _BYLINE_NEEDS_RE.search(line) is not None and bool(BYLINE_RE.search(line)) and not is_prose(line)


def classify(text: str, lexicon: Lexicon) -> list[Line]:
    """Classify every non-blank line of ``text``."""
    return [Line(a, b, k, s) for a, b, k, s in classified(text, lexicon)]


def classified(text: str, lexicon: Lexicon) -> list[tuple[int, int, LineKind, str]]:
    """:func:`classify` as ``(start, end, kind, text)`` tuples, for a caller that re-bases the lines anyway."""
    lines = split_lines(text)
    kinds: list[LineKind | None] = [None] * len(lines)
    sections, words = frozenset(lexicon.get("section")), lexicon.get("furniture")
    for i, (_, _, s) in enumerate(lines):
        kinds[i] = _credit_or_furniture(s, sections, words)
    body_start = next(
        (i for i, (_, _, s) in enumerate(lines) if kinds[i] is None and is_prose(s)), len(lines)
    )
    headline, not_meta = _find_headline(lines, kinds, body_start)
    kicker = _kicker(lines, kinds, headline)
    for i in range(body_start):
        s = lines[i][2]
        if kinds[i] is not None:
            continue
        if i == headline:
            kinds[i] = "headline"
        elif i == kicker:
            kinds[i] = "dek"
        elif headline is not None and i > headline and s == lines[headline][2]:
            kinds[i] = "furniture"
        elif i >= not_meta and (meta := _meta_kind(s)) is not None:
            kinds[i] = meta
        elif headline is not None and i > headline:
            kinds[i] = "byline" if NAME_LINE_RE.match(s) else "dek" if _is_dek(s) else "body"
        else:
            kinds[i] = "dek" if (_is_dek(s) and headline is None) or CHANNEL_PATH_RE.match(s) else "furniture"
    _mark_footer(lines, kinds, body_start)
    for i in range(body_start, len(lines)):
        if kinds[i] is None:
            s = lines[i][2]
            kinds[i] = "byline" if _is_end_byline(s) else "body"
    return [(a, b, k or "body", s) for (a, b, s), k in zip(lines, kinds, strict=True)]


def _kicker(
    lines: list[tuple[int, int, str]], kinds: list[LineKind | None], headline: int | None
) -> int | None:
    """The kicker (引题) right above the headline: a shorter headline-like line."""
    if not headline or kinds[headline - 1] is not None:
        return None
    above, head = lines[headline - 1][2], lines[headline][2]
    if is_headline_like(above) and len(above) < len(head) and not page_title_parts(above):
        return headline - 1
    return None


def _is_dek(line: str) -> bool:
    return bool(DEK_RE.search(line))


def _is_end_byline(line: str) -> bool:
    return line.startswith(("(", "（")) and line.endswith((")", "）")) and is_byline(line)


def page_title_parts(line: str) -> tuple[str, ...] | None:
    """``TITLE-section-site`` (an HTML <title> copied into the text) split, or None."""
    if _TITLE_SEPARATOR_RE.search(line) is None:
        return None
    m = PAGE_TITLE_RE.match(line)
    if not m:
        return None
    parts = tuple(p for p in m.groups() if p)
    if not parts[-1].endswith((*SITE_SUFFIXES, *PAGE_TITLE_SPAM_SUFFIXES)) or len(parts) < 2:
        return None
    return parts


#: Length bounds of a headline found with no dateline or byline to confirm it.
HEADLINE_MIN = 6
HEADLINE_MAX = 60
#: Han characters a headline holds at least, and its longest length.
_HEADLINE_HAN_MIN = 5
_HEADLINE_LEN_MAX = 80
#: Lines looked at above (or, on date-first pages, below) the metadata block.
_HEADLINE_WINDOW = 8
_HEADLINE_HAN_RE = han_at_least(_HEADLINE_HAN_MIN)
_BARE_HEADLINE_HAN_RE = han_at_least(HEADLINE_MIN)


def _meta_kind(line: str) -> LineKind | None:
    """What a metadata line is classified as (``dateline`` or ``byline``); None for a line :func:`is_meta` refuses."""
    if is_dateline(line):
        return "dateline"
    if is_byline(line):
        return "byline"
    return "dateline" if _is_other_meta(line) else None


def is_meta(line: str) -> bool:
    """A line of the page's metadata block: a date line, a byline, labelled fields, an e-paper line."""
    return is_dateline(line) or is_byline(line) or _is_other_meta(line)


def _is_other_meta(line: str) -> bool:
    """:func:`is_meta` for a line already found to be neither a dateline nor a byline."""
    if len(line) > 160 or is_prose(line):
        return False
    if len(line) < _STAMP_LINE_MAX and DATE_CLOCK_RE.search(line):
        return True
    return _has_meta_field(line) or bool(EPAPER_LINE_RE.search(line))


def is_headline_like(line: str) -> bool:
    """A line that can be a headline: a short run of words, no sentence end, no field label."""
    return _has_headline_shape(line) and not is_meta(line)


def _has_headline_shape(line: str) -> bool:
    """:func:`is_headline_like` but for the metadata test, for lines known to be no metadata."""
    if (
        len(line) > _HEADLINE_LEN_MAX
        or line.endswith(("。", "：", ":", "；", "，"))
        or line[0] in ",，、;；.。"
    ):
        return False
    if not _HEADLINE_HAN_RE.match(line) or NAME_LINE_RE.match(line):
        return False
    if _is_dek(line) or _is_outlet_line(line):
        return False
    return "》" not in line[:1] and not CHANNEL_PATH_RE.match(line)


def _is_outlet_line(line: str) -> bool:
    """``某某日报-某某网``: a line naming only outlets (a site banner, not a headline)."""
    parts = [p for p in OUTLET_SPLIT_RE.split(line) if p]
    return bool(parts) and all(p.endswith(OUTLET_SUFFIXES) for p in parts)


def _is_today_header(line: str) -> bool:
    """A site's "today" header (``2024年06月01日 星期六``): it dates the visit, not the story."""
    return bool(WEEKDAY_RE.search(line)) and is_dateline(line) and not _has_meta_field(line)


def _find_headline(
    lines: list[tuple[int, int, str]], kinds: list[LineKind | None], body_start: int
) -> tuple[int | None, int]:
    """The headline: the candidate nearest above the first metadata line; below it on date-first pages.

    Also how many leading lines the search found to be no metadata (of those not
    classified yet): the lines above the first metadata line, which need not be asked again.
    """
    candidates = [i for i in range(body_start) if kinds[i] is None]
    titled = _page_title_headline(lines, kinds, candidates)
    if titled is not None:
        return titled, 0
    anchor = next(
        (i for i in range(body_start) if kinds[i] == "credit" or (kinds[i] is None and is_meta(lines[i][2]))),
        None,
    )
    if anchor is None:
        return _bare_headline(lines, kinds, body_start), body_start
    if not _is_today_header(lines[anchor][2]):
        above = _nearest(
            lines, kinds, range(anchor - 1, max(-1, anchor - 1 - _HEADLINE_WINDOW), -1), _has_headline_shape
        )
        if above is not None:
            return _over_subtitle(lines, kinds, above), anchor
    below = range(anchor + 1, min(body_start, anchor + 1 + _HEADLINE_WINDOW))
    return _nearest(lines, kinds, below, is_headline_like), anchor


def _over_subtitle(lines: list[tuple[int, int, str]], kinds: list[LineKind | None], found: int) -> int:
    """The line right above ``found`` when it is the headline and ``found`` its subtitle.

    A short two-part slogan above (``工地战高温 关爱送清凉``) is a kicker, and a breadcrumb
    ending in the headline is navigation: then ``found`` stays the headline.  ``found``
    stands above the first metadata line, so the line above it is no metadata either.
    """
    up = found - 1
    if up < 0 or kinds[up] is not None:
        return found
    upper, lower = lines[up][2], lines[found][2]
    if not _has_headline_shape(upper) or COUPLET_RE.match(upper) or upper in lower or lower in upper:
        return found
    return found if page_title_parts(upper) else up


def _nearest(
    lines: list[tuple[int, int, str]],
    kinds: list[LineKind | None],
    order: range,
    headline_like: Callable[[str], bool],
) -> int | None:
    """The first headline-like line in ``order``, passing over furniture, names and metadata.

    ``headline_like`` is :func:`is_headline_like`, or :func:`_has_headline_shape` where
    the lines are known to be no metadata.
    """
    for j in order:
        if kinds[j] is None and headline_like(lines[j][2]):
            return j
    return None


def _passed_over(line: str) -> bool:
    return _is_dek(line) or _is_caption_or_name(line) or is_byline(line)


def _is_caption_or_name(line: str) -> bool:
    """A photo caption (a sentence, often ending ``某某 摄``) or a lone name between headline and body."""
    return bool(NAME_LINE_RE.match(line)) or "。" in line or line.endswith("摄")


def _page_title_headline(
    lines: list[tuple[int, int, str]], kinds: list[LineKind | None], candidates: list[int]
) -> int | None:
    """A ``TITLE-section-site`` line whose TITLE stands alone on a later line: that later line."""
    last_at: dict[str, int] = {}
    for j in candidates:
        last_at[lines[j][2]] = j
    for i in candidates:
        parts = page_title_parts(lines[i][2])
        if parts and last_at.get(parts[0], -1) > i:
            kinds[i] = "furniture"
            return next(j for j in candidates if j > i and lines[j][2] == parts[0])
    return None


def _bare_headline(
    lines: list[tuple[int, int, str]], kinds: list[LineKind | None], body_start: int
) -> int | None:
    """A page of just ``headline, body``: the line right above the body.

    Passed over on the way up: furniture (``正文``), deks, captions, names and bylines.
    """
    if body_start >= len(lines):
        return None
    j = body_start - 1
    labelled = None
    while j >= 0 and (kinds[j] == "furniture" or (kinds[j] is None and _passed_over(lines[j][2]))):
        if labelled is None and TITLE_LABEL_RE.match(lines[j][2]):
            labelled = j
        j -= 1
    if j < 0 or kinds[j] is not None:
        return labelled
    s = lines[j][2]
    if not HEADLINE_MIN <= len(s) <= HEADLINE_MAX or s.endswith(("。", "！", "？", "：", ":")):
        return None
    if is_dateline(s) or is_byline(s) or not _BARE_HEADLINE_HAN_RE.match(s):
        return None
    return j


def _mark_footer(lines: list[tuple[int, int, str]], kinds: list[LineKind | None], body_start: int) -> None:
    credits = [i for i in range(body_start, len(lines)) if kinds[i] == "credit"]
    if not credits:
        return
    for i in range(credits[-1] + 1, len(lines)):
        if kinds[i] is None and not is_prose(lines[i][2]):
            kinds[i] = "furniture"
