"""Byline and credit people: ``记者 余嘉熙 通讯员 王佳宁 葛慧君``, ``责任编辑：李方``."""

from __future__ import annotations

import itertools

import regex

from unionnews.document import Document
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
    people.extend(_opening_credits(document))
    people.extend(_signed_author(document))
    seen = set()
    unique = []
    for p in people:
        if (p.name, p.role) not in seen:
            seen.add((p.name, p.role))
            unique.append(p)
    return unique


def _people_in(text: str, offset: int) -> list[Person]:
    """Names after each role word, up to the next role word or the end of the line."""
    inner = text.strip("()（）")
    shift = text.find(inner)
    matches = [m for m in ROLE_RE.finditer(inner) if _is_role_here(inner, m)]
    people = []
    for k, m in enumerate(matches):
        role_word = m.group(1)
        if role_word in REVIEW_WORDS:
            continue
        role: Role = _ROLES[role_word]  # type: ignore[assignment]
        stop = matches[k + 1].start() if k + 1 < len(matches) else len(inner)
        affiliation = inner[matches[k - 1].end() if k else 0 : m.start()].strip(" -—") or None
        for name, start, end in _names(inner[m.end() : stop], m.end()):
            people.append(
                Person(name, role, affiliation, Span(offset + shift + start, offset + shift + end, -1, -1))
            )
    return people


def _is_role_here(text: str, m: regex.Match[str]) -> bool:
    """Single-character roles (文/图/摄) count only as a label: ``文/图：``, ``（摄）``."""
    word = m.group(1)
    if word not in _SINGLE_CHAR_ROLES:
        return True
    after = text[m.end(1) : m.end(1) + 1]
    return after in ":：/" or m.end(1) == len(text)


def _names(segment: str, base: int) -> list[tuple[str, int, int]]:
    """Names in ``segment``, split on spaces, 、 and ，; ``陈 刚`` joined when it must be one name."""
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


#: ``本报讯（记者 王明 通讯员 李华）``: the credit a news item opens with, in parentheses.
OPENING_CREDIT_RE = regex.compile(
    r"^(?:本报讯|本刊讯|[^（(，。]{0,16}?(?:讯|电))?\s*[（(](?P<credit>[^（()）]{2,60})[）)]"
)
#: Opening paragraphs searched for such a credit.
OPENING_LINES = 2


def _opening_credits(document: Document) -> list[Person]:
    """Byline people in the parenthesis that opens one of the first body paragraphs."""
    people: list[Person] = []
    for _, line in itertools.islice(document.lines_of("body"), OPENING_LINES):
        m = OPENING_CREDIT_RE.match(line.text)
        if m and ROLE_RE.search(m.group("credit")):
            people.extend(_people_in(m.group("credit"), line.start + m.start("credit")))
    return people


def _signed_author(document: Document) -> list[Person]:
    """A lone name line under the headline, confirmed by an ``(作者为…)`` note or no other byline."""
    lone = [
        line
        for _, line in document.lines_of("byline")
        if is_person_name(line.text) and not ROLE_RE.search(line.text)
    ]
    return [Person(line.text, "author", None, Span(line.start, line.end, -1, -1)) for line in lone]
