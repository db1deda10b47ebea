"""Byline and credit people: ``记者 余嘉熙 通讯员 王佳宁 葛慧君``, ``责任编辑：李方``."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import regex

from unionnews.document import Document
from unionnews.layout_rules import META_LABELS, NOT_NAME_PARTS
from unionnews.lexicon import REVIEW_WORDS, ROLE_WORDS, SURNAMES
from unionnews.models import Person, Role, Span

_ROLE_ALT = "|".join(regex.escape(w) for w, _ in sorted(ROLE_WORDS, key=lambda x: -len(x[0])))
_ROLES = dict(ROLE_WORDS)
ROLE_RE = regex.compile(rf"({_ROLE_ALT}|{'|'.join(REVIEW_WORDS)})\s*[:：]?\s*")
AUTHOR_NOTE_RE = regex.compile(r"^[（(]\s*作者(?:为|系|是)")
NAME_TOKEN_RE = regex.compile(r"\p{Han}{1,4}")
_SINGLE_CHAR_ROLES = ("文", "图", "摄")
_COMPOUND = tuple(s for s in SURNAMES if len(s) == 2)
_SINGLE = frozenset(s for s in SURNAMES if len(s) == 1)


_ALL_HAN_RE = regex.compile(r"\p{Han}+")
_NAME_SEPARATORS_RE = regex.compile(r"[\s、，,]")
# Patterns of plain characters and classes (no \s, \d, \w or \p) use ``re``: the same matches, faster.
#: Words inside a credit that are not names: ``报道``, outlet and organisation endings.
NOT_NAME_WORDS_RE = re.compile(rf"报道|{'|'.join(NOT_NAME_PARTS)}")
#: A field label that ends a credit's names: ``作者：王方 时间：…`` gives 王方 only.
FIELD_LABEL_RE = regex.compile(rf"(?:{'|'.join(sorted(META_LABELS, key=len, reverse=True))})\s*[:：]")
#: Longest run of names before a closing 摄.
_PHOTO_NAMES_MAX = 24


def is_person_name(token: str) -> bool:
    """2-4 hanzi starting with a known surname."""
    if not 2 <= len(token) <= 4 or not _ALL_HAN_RE.fullmatch(token):
        return False
    return token[0] in _SINGLE or token[:2] in _COMPOUND


def extract_people(document: Document) -> list[Person]:
    people: list[Person] = []
    for _, line in document.lines_of("byline", "credit", "dateline"):
        if AUTHOR_NOTE_RE.match(line.text):
            continue
        people.extend(_people_in(line.text, line.start))
    people.extend(_split_labels(document))
    people.extend(_opening_credits(document))
    people.extend(_closing_credits(document))
    people.extend(_photo_credits(document))
    reporters = {p.name for p in people if p.role == "reporter"}
    people.extend(p for p in _signed_author(document) if p.name not in reporters)
    seen = set()
    unique = []
    for p in people:
        if (p.name, p.role) not in seen:
            seen.add((p.name, p.role))
            unique.append(p)
    return unique


def _people_in(text: str, offset: int) -> list[Person]:
    """Names after each role word, up to the next role word or the end of the line."""
    inner = text.strip("()（）【】[]")
    shift = text.find(inner)
    matches = [m for m in ROLE_RE.finditer(inner) if _is_role_here(inner, m)]
    people: list[Person] = []
    if not matches:
        return people
    trailing = _trailing_photo(inner, matches)
    if trailing is not None:
        people.extend(trailing(offset + shift))
        matches = matches[:-1]
    previous_end = 0
    for k, m in enumerate(matches):
        role_word = m.group(1)
        stop = matches[k + 1].start() if k + 1 < len(matches) else len(inner)
        stop = _label_stop(inner, m.end(), stop)
        affiliation = _affiliation(inner[previous_end : m.start()])
        names = _names(inner[m.end() : stop], m.end())
        previous_end = names[-1][2] if names else m.end()
        if role_word in REVIEW_WORDS:
            continue
        role: Role = _ROLES[role_word]  # type: ignore[assignment]
        for name, start, end in names:
            people.append(
                Person(name, role, affiliation, Span(offset + shift + start, offset + shift + end, -1, -1))
            )
    return people


def _affiliation(stretch: str) -> str | None:
    """The words before a role (``市总工会通讯员``), unless they are only names (``王方 通讯员``)."""
    words = stretch.strip(" -—、，,/")
    if not words:
        return None
    names = "".join(name for name, _, _ in _names(words, 0))
    return None if names == _NAME_SEPARATORS_RE.sub("", words) else words


def _label_stop(text: str, start: int, stop: int) -> int:
    """Where another field label (``时间：``, ``来源：``) cuts a role's names short."""
    m = FIELD_LABEL_RE.search(text, start, stop)
    return m.start() if m else stop


def _trailing_photo(inner: str, matches: list[regex.Match[str]]) -> Callable[[int], list[Person]] | None:
    """``（王方 李红 摄）``: a closing 摄 credits the names written before it."""
    last = matches[-1]
    if last.group(1) != "摄" or inner[last.end() :].strip() or len(matches) > 1:
        return None
    head = inner[: last.start()]
    cut = max(head.rfind(c) for c in "。！？；：:）)")
    if len(head) - cut > _PHOTO_NAMES_MAX:
        return None
    names = _names(head[cut + 1 :], cut + 1)

    def build(base: int) -> list[Person]:
        return [Person(n, "photographer", None, Span(base + s, base + e, -1, -1)) for n, s, e in names]

    return build


def _is_role_here(text: str, m: regex.Match[str]) -> bool:
    """Single-character roles (文/图/摄) count only as a label: ``文/图：``, ``（摄）``."""
    word = m.group(1)
    if word not in _SINGLE_CHAR_ROLES:
        return True
    after = text[m.end(1) : m.end(1) + 1]
    return after in ":：/" or m.end(1) == len(text)


def _names(segment: str, base: int) -> list[tuple[str, int, int]]:
    """Names in ``segment``, split on spaces, 、 and ，; ``陈 刚`` joined when it must be one name."""
    segment = NOT_NAME_WORDS_RE.sub(lambda m: " " * len(m.group()), segment)
    tokens = [(m.group(), m.start(), m.end()) for m in NAME_TOKEN_RE.finditer(segment)]
    names = []
    i = 0
    while i < len(tokens):
        tok, s, e = tokens[i]
        if (
            len(tok) == 1
            and tok in _SINGLE
            and i + 1 < len(tokens)
            and len(tokens[i + 1][0]) == 1
            and not segment[e : tokens[i + 1][1]].strip(" ")
        ):
            nxt = tokens[i + 1]
            names.append((tok + nxt[0], base + s, base + nxt[2]))
            i += 2
            continue
        if is_person_name(tok):
            names.append((tok, base + s, base + e))
        i += 1
    return names


#: ``本报讯（记者 王明 通讯员 李华）``, ``某日报（某网）消息（记者…）``: the credit a news item
#: opens with, in parentheses.
OPENING_CREDIT_RE = regex.compile(
    r"^(?:[^（(，。]{0,16}?(?:[（(][^（()）]{1,12}[)）])?(?:讯|电|消息))?\s*"
    r"[（(](?P<credit>[^（()）]{2,80})[）)]"
)
#: ``长治日报讯 记者王方报道：``: an opening credit without parentheses.
OPENING_BARE_CREDIT_RE = regex.compile(
    r"^(?:[^（(，。]{0,16}?(?:讯|电|消息))?\s*"
    r"(?P<credit>(?:本报|本台|本网)?(?:记者|通讯员|特约通讯员)[^:：，。（(]{2,30}?)(?:报道\s*[:：]?|\s*[:：])"
)
#: Opening paragraphs searched for such a credit (captions may stand before the lead).
OPENING_LINES = 5
#: ``…。（本报记者王方 通讯员李红）``: a credit closing a paragraph.
CLOSING_CREDIT_RE = regex.compile(r"[（(](?P<credit>[^（()）]{2,60})[）)]\s*$")
#: ``…。记者 王方``: a bare credit closing the last paragraph.
CLOSING_BARE_CREDIT_RE = regex.compile(
    r"(?:^|[。！？”])\s*(?P<credit>(?:本报|本台|本网)?(?:记者|通讯员)\s*[\p{Han}\s、]{2,30})$"
)
#: ``…。刘安 摄``: a photo caption's credit.
PHOTO_CREDIT_RE = regex.compile(r"(?:^|[。！？）)\s])(?P<names>[\p{Han}][\p{Han}\s、]{1,22}?)\s*摄[）)]?$")
#: A role label ending a line, its names on the next: ``编辑：`` / ``王方``.
DANGLING_ROLE_RE = regex.compile(rf"(?:{_ROLE_ALT})\s*[:：]\s*$")


def _may_open(text: str) -> bool:
    """What an opening credit needs (a parenthesis or a reporter's label): most paragraphs lack both."""
    return "（" in text or "(" in text or "记者" in text or "通讯员" in text


def _may_close(text: str) -> bool:
    """What a closing credit needs: a closing parenthesis at the end, or a reporter's label."""
    return text.rstrip().endswith(("）", ")")) or "记者" in text or "通讯员" in text


def _opening_credits(document: Document) -> list[Person]:
    """Byline people in the credit that opens one of the first body paragraphs."""
    people: list[Person] = []
    for _, line in itertools.islice(document.lines_of("body"), OPENING_LINES):
        m = _may_open(line.text) and (
            OPENING_CREDIT_RE.match(line.text) or OPENING_BARE_CREDIT_RE.match(line.text)
        )
        if m and ROLE_RE.search(m.group("credit")):
            people.extend(_people_in(m.group("credit"), line.start + m.start("credit")))
    return people


def _closing_credits(document: Document) -> list[Person]:
    """A credit closing a body paragraph, however long the paragraph: ``…。（记者王方）``."""
    people: list[Person] = []
    for _, line in document.lines_of("body"):
        m = _may_close(line.text) and (
            CLOSING_CREDIT_RE.search(line.text) or CLOSING_BARE_CREDIT_RE.search(line.text)
        )
        if m and ROLE_RE.search(m.group("credit")) and not AUTHOR_NOTE_RE.match(m.group()):
            people.extend(_people_in(m.group("credit"), line.start + m.start("credit")))
    return people


def _photo_credits(document: Document) -> list[Person]:
    """``刘安 摄`` closing a caption or paragraph: the photographers."""
    people: list[Person] = []
    for _, line in document.lines_of("body", "byline", "credit"):
        if not line.text.endswith(("摄", "摄）", "摄)")):
            continue
        m = PHOTO_CREDIT_RE.search(line.text)
        if m and not ROLE_RE.search(m.group("names").rstrip("摄")):
            base = line.start + m.start("names")
            people.extend(
                Person(n, "photographer", None, Span(base + s, base + e, -1, -1))
                for n, s, e in _names(m.group("names"), 0)
            )
    return people


def _may_dangle(text: str) -> bool:
    """What :data:`DANGLING_ROLE_RE` needs: a colon ending the line once trailing space is cut.

    ``str.rstrip`` cuts every character ``regex`` reads as ``\\s``, so no match is skipped.
    """
    return text.rstrip().endswith((":", "："))


def _split_labels(document: Document) -> list[Person]:
    """A role label at the end of one line and the names at the start of the next."""
    people: list[Person] = []
    lines = document.lines
    for i in range(len(lines) - 1):
        if not _may_dangle(lines[i].text):
            continue
        m = DANGLING_ROLE_RE.search(lines[i].text)
        if not m:
            continue
        nxt = lines[i + 1]
        head = ROLE_RE.search(nxt.text)
        names_part = nxt.text[: head.start()] if head else nxt.text
        if len(names_part) <= _PHOTO_NAMES_MAX:
            joined = m.group() + names_part
            shift = nxt.start - len(m.group())
            people.extend(_people_in(joined, shift))
    return people


def _signed_author(document: Document) -> list[Person]:
    """A lone name line under the headline, confirmed by an ``(作者为…)`` note or no other byline."""
    lone = [
        line
        for _, line in document.lines_of("byline")
        if is_person_name(line.text) and not ROLE_RE.search(line.text)
    ]
    return [Person(line.text, "author", None, Span(line.start, line.end, -1, -1)) for line in lone]
