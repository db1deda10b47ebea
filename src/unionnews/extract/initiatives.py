"""Named initiatives: quoted names that the words around them call a program.

``“13255工程”`` ends in a trigger word; ``“集中要约”行动`` is followed by one;
``“工会E卡”“豫工惠”等智慧服务平台`` is a group of quoted names sharing the
trigger after the last.  ``金工“惠”品牌`` keeps the short prefix that belongs to
the name, and ``“金”生有缘·浪漫登“堂”`` is read as one name.  Slogans and epithets
(``“娘家人”``) are excluded by the ``not_initiative`` lexicon.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import attrs
import regex

from unionnews.document import Document
from unionnews.extract.people import is_person_name
from unionnews.extract.wordlists import load_words
from unionnews.models import Event, Initiative, Span
from unionnews.segment import first_char_guard, plain_strings

# Patterns of plain characters and classes (no \s, \d, \w or \p) use ``re``: the same matches, faster.
#: A quoted name: “…”, or corner quotes 「…」 and 『…』.
QUOTED_RE = re.compile(r"[“「『]([^“”「」『』]{1,40})[”」』]")
#: What may stand between two quoted names of one group: nothing, or 、 and a short prefix.
GROUP_GAP_RE = regex.compile(r"^(?:、?\p{Han}{0,3}|和|与|及)$")
#: Joins ``“金”生有缘·浪漫登“堂”`` into one name: short unpunctuated text between quotes.
INNER_GAP_RE = regex.compile(r"^[\p{Han}·]{1,8}$")
FUNCTION_WORDS = ("的", "和", "与", "及", "等", "或", "是", "为", "在")
HEAD_STOP_RE = re.compile(r"[，。；：！？“（(]")
PREFIX_RE = regex.compile(r"(?:^|[、，；以和与及把将])(\p{Han}{2})$")
_UNION_WORDS = ("总工会", "工会", "联合会", "省总", "市总", "县总")
#: The most characters an organisation's name has before its union word.
_ORG_REACH = 12
ORG_IN_SENTENCE_RE = regex.compile(
    rf"([\p{{Han}}]{{2,{_ORG_REACH}}}?{first_char_guard(_UNION_WORDS)}(?:{'|'.join(_UNION_WORDS)}))"
)
_UNION_WORD_RE = plain_strings(_UNION_WORDS)
_HEAD_LEN = 30
#: Words after a quoted name that make it a period of time (``“十四五”以来``), not a program.
PERIOD_WORDS = ("以来", "期间", "时期", "以后", "之后", "开局", "收官")
#: ``“流动书箱”“读书角”等3200多个``: a group counted after 等 is a set of programs.
COUNTED_GROUP_RE = regex.compile(r"^等[\d一二三四五六七八九十百千万]")
#: A two-part motto (``“情暖劳动者 喜迎新春”``): two phrases of three or more characters with a space between.
MOTTO_RE = regex.compile(r"^[^\s]{3,}[\s\u3000]+[^\s]{3,}$")
#: ``…十件实事，包括：“…”、“…”``: names listed under a sentence that announces a set of programs.
PROGRAM_SET_RE = re.compile(
    r"(实事|项目|行动|工程|举措|活动|品牌|平台)[^。“”]{0,8}?(?:包括|分别是|分别为|即)[：:，,]?$"
)
#: Words before a quote that make it the theme of what follows (``围绕“…”开展``).
THEME_MARKERS = ("围绕", "紧扣", "聚焦", "紧紧围绕", "以")
#: ``“2022年省级职工创新工作室”``: a year opening the name marks a title conferred that year.
YEAR_TITLE_RE = regex.compile(r"^\d{4}年")
#: ``“李明劳模创新工作室”``: one person's studio, not a program.
PERSONAL_RE = regex.compile(r"^(\p{Han}{2,3}?)(?:劳模|工匠|技能大师|大师|职工)?(?:创新)?工作室$")
# What the anchored patterns above need, checked first (``$`` also matches before a final newline):
#: the longest text GROUP_GAP_RE and INNER_GAP_RE match, and the endings PERSONAL_RE matches.
_GROUP_GAP_MAX = 5
_INNER_GAP_MAX = 9
_STUDIO_ENDINGS = ("工作室", "工作室\n")


def _may_be_motto(name: str) -> bool:
    """What MOTTO_RE needs: a space, or another character ``regex`` reads as ``\\s`` (none is printable)."""
    return " " in name or not name.isprintable()


#: Sentence punctuation inside quotes marks speech (a name may hold a comma: a slogan-like title).
SPEECH_MARKS_RE = re.compile(r"[。！？]")


@attrs.frozen(slots=True)
class _Quoted:
    start: int
    end: int
    name: str


def extract_initiatives(document: Document) -> list[Event]:
    """Named programs: quoted names that a program noun follows, ends or precedes."""
    base = document.lexicon.get("initiative_trigger")
    direct = load_words("initiative_triggers")
    triggers = _merged(base, direct)
    endings, base_endings = _endings(triggers), _endings(base)
    base_re = _trigger_re(base)
    before_words = load_words("initiative_triggers_before")
    excluded = frozenset((*document.lexicon.get("not_initiative"), *load_words("not_initiatives")))
    known = _named_in(document.lexicon.get("initiative"), document.text)
    found: dict[str, Initiative] = {}
    for _, line in document.lines_of("headline", "body", "dek"):
        if not known and not _may_quote(line.text):
            continue  # no quoted name and no known one: most lines
        org = functools.partial(_organization_in, line.text)
        for group in _groups(line.text):
            head = _head(line.text, group[-1].end)
            trigger = None if head.startswith(PERIOD_WORDS) else _trigger_in(head, base_re)
            if trigger is None:
                trigger = (
                    next((w for w in direct if head.startswith(w)), None) if head.startswith(direct) else None
                )
            if trigger is None and head.startswith("等") and COUNTED_GROUP_RE.match(head):
                trigger = "等"
            lead = line.text[max(group[0].start - 4, 0) : group[0].start]
            if trigger is None:
                trigger = (
                    next((w for w in before_words if lead.endswith(w)), None)
                    if lead.endswith(before_words)
                    else None
                )
            listed = None
            if trigger is None:
                listed = PROGRAM_SET_RE.search(line.text, max(group[0].start - 30, 0), group[0].start)
                trigger = listed.group(1) if listed else None
            for item in group:
                if _is_speech(line.text, item) and not (listed and item is group[0]):
                    continue
                if (
                    _may_be_motto(item.name)
                    and MOTTO_RE.match(item.name)
                    and (item is not group[-1] or lead.endswith(THEME_MARKERS))
                ):
                    continue  # mottos listed before a campaign's name, or ``围绕“…”``, are themes
                for name in _split_items(item.name, base_endings):
                    category = _ends_with(name, endings) or trigger
                    if category is None or name in excluded or len(name) < 2 or _not_a_program(name):
                        continue
                    _add(found, name, category, line.start + item.start, line.start + item.end, org)
        for name in known:
            i = line.text.find(name)
            if i >= 0:
                _add(
                    found,
                    name,
                    _ends_with(name, endings) or "品牌",
                    line.start + i,
                    line.start + i + len(name),
                    org,
                )
    return list(found.values())


_KEY_NOISE_RE = regex.compile(r"[\s·、，,]")


def _named_in(known: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The known names that occur in ``text``, in lexicon order.

    Every line is part of the document's text, so a name the text lacks is in no
    line: looked for once per document instead of once per line.
    """
    return tuple(name for name in known if name in text)


@functools.lru_cache(maxsize=16)
def _merged(*lists: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(w for words in lists for w in words), key=len, reverse=True))


_HONOUR_RE = plain_strings(load_words("honour_words"))


def _not_a_program(name: str) -> bool:
    """Honour titles, one person's studio, and lists of bare words are not programs."""
    if name[4:5] == "年" and YEAR_TITLE_RE.match(name):
        return True
    if _HONOUR_RE.search(name):
        return True
    personal = PERSONAL_RE.match(name) if name.endswith(_STUDIO_ENDINGS) else None
    if personal and is_person_name(personal.group(1)):
        return True
    parts = name.split("、")
    return len(parts) > 1 and all(len(p) <= 2 for p in parts)


def _add(
    found: dict[str, Initiative],
    name: str,
    category: str,
    start: int,
    end: int,
    org: Callable[[], str | None],
) -> None:
    key = _KEY_NOISE_RE.sub("", name)
    if key in found:
        return
    found[key] = Initiative(
        name=name,
        category=category,
        organization=org(),
        evidence=Span(start, end, -1, -1),
        extractor="builtin.initiatives",
        confidence=0.7,
    )


@functools.lru_cache(maxsize=1)
def _organization_in(line: str) -> str | None:
    """The first union organisation named in the line (remembered for the line being read).

    A match ends in a union word at most :data:`_ORG_REACH` characters after it starts, so the
    search starts that far before the first union word (none: no match), not at every character.
    """
    word = _UNION_WORD_RE.search(line)
    if word is None:
        return None
    m = ORG_IN_SENTENCE_RE.search(line, max(word.start() - _ORG_REACH, 0))
    return m.group(1) if m else None


#: The opening quotes :data:`QUOTED_RE` starts with.
OPENING_QUOTES = ("“", "「", "『")


_OPENING_QUOTE_RE = plain_strings(OPENING_QUOTES)


def _may_quote(text: str) -> bool:
    """Whether ``text`` has an opening quote: every quoted name needs one, most lines have none."""
    return _OPENING_QUOTE_RE.search(text) is not None


def _groups(text: str) -> list[list[_Quoted]]:
    """Quoted names, merged where they form one name and grouped where they share a trigger."""
    items: list[_Quoted] = []
    if not _may_quote(text):
        return []
    for m in QUOTED_RE.finditer(text):
        name = m.group(1).strip()
        if items:
            prev = items[-1]
            gap = text[prev.end : m.start()]
            if (
                len(gap) <= _INNER_GAP_MAX
                and INNER_GAP_RE.match(gap)
                and len(prev.name) <= 2
                and gap not in FUNCTION_WORDS
            ):
                items[-1] = _Quoted(prev.start, m.end(), prev.name + gap + name)
                continue
        if len(name) <= 2:
            prefix = PREFIX_RE.search(text, max(m.start() - 3, 0), m.start())
            if prefix:
                name = prefix.group(1) + name
        items.append(_Quoted(m.start(), m.end(), name))
    groups: list[list[_Quoted]] = []
    for item in items:
        between = text[groups[-1][-1].end : item.start] if groups else None
        if between == "的":  # “化解认知、释解疑虑、破解难题”的“三解”工作法: a description, then the name
            groups[-1][-1] = item
        elif between is not None and len(between) <= _GROUP_GAP_MAX and GROUP_GAP_RE.match(between):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _head(text: str, end: int) -> str:
    """The words after a quoted name, up to the clause's end.

    A ``、`` after other words ends it too (``”深入一线、…开展…活动``: a list of
    actions, not the name's kind), unless an ``等`` before it makes the quote part of
    a list whose kind comes last (``”等一批示范效应好、带动作用强的…品牌``).
    """
    rest = text[end : end + _HEAD_LEN]
    stop = HEAD_STOP_RE.search(rest)
    head = rest[: stop.start()] if stop else rest
    cut = head.find("、", 1)
    return head[:cut] if cut > 0 and "等" not in head[:cut] else head


def _trigger_in(head: str, triggers: re.Pattern[str]) -> str | None:
    """The earliest trigger word in ``head``; at one position, the longest.

    A one-character trigger (``年``, ``课``) counts only right after the quote, so
    ``”全年累计…`` does not make a quotation a program.
    """
    for m in triggers.finditer(head):
        if len(m.group()) > 1 or m.start() == 0:
            return m.group()
    return None


def _is_speech(line: str, item: _Quoted) -> bool:
    """Quoted speech, not a name: it holds sentence punctuation or follows ``说：``."""
    return SPEECH_MARKS_RE.search(item.name) is not None or line[item.start - 1 : item.start] in ("：", ":")


@functools.lru_cache(maxsize=16)
def _trigger_re(triggers: tuple[str, ...]) -> re.Pattern[str]:
    """Triggers as one alternation, longest first, so a search finds the earliest and then longest.

    Plain strings: the standard library finds what ``regex`` finds, faster (no words: the empty
    pattern, as the empty alternation always was).
    """
    return plain_strings(triggers) if triggers else re.compile("")


@attrs.frozen(slots=True)
class _Endings:
    """Trigger words as the endings of names, grouped by length.

    Of one length only one word can end a given name, so one lookup per length (a few)
    finds every trigger it ends with, where a scan tried every trigger in turn.
    """

    words: tuple[str, ...]
    #: (length, word -> its first place in ``words``) for each length of word.
    by_length: tuple[tuple[int, dict[str, int]], ...]


@functools.lru_cache(maxsize=16)
def _endings(words: tuple[str, ...]) -> _Endings:
    places: dict[str, int] = {}
    for i, word in enumerate(words):
        places.setdefault(word, i)
    sizes = sorted({len(w) for w in places})
    return _Endings(words, tuple((n, {w: i for w, i in places.items() if len(w) == n}) for n in sizes))


def _ends_with(name: str, endings: _Endings) -> str | None:
    """The first trigger (in the list's order) that ``name`` ends with and is longer than."""
    if not name.endswith(endings.words):
        return None
    first = None
    for size, places in endings.by_length:
        if size >= len(name):
            break
        i = places.get(name[len(name) - size :])
        if i is not None and (first is None or i < first):
            first = i
    return None if first is None else endings.words[first]


def _split_items(name: str, endings: _Endings) -> list[str]:
    """``五大行动、十件实事`` is two initiatives when every part is a complete name."""
    parts = [p.strip() for p in name.split("、")]
    if len(parts) > 1 and all(_ends_with(p, endings) for p in parts):
        return parts
    return [name]
