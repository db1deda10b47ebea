"""Who held a meeting: organisation names at the head of a clause, and the person a phrase ends with.

An organisation is a name ending in an organisation word (``总工会``, ``党组``, and the kinds in
``data/organizer_kinds.txt``), possibly chained (``市总工会机关党委``), or a deictic or short form
written on its own (``我市``, ``学校``, ``全总``).  A clause's subject is a list of them joined by
``、和与及`` or ``携手/联合``, after what may open a clause (a dateline, dates, adverbs).
"""

from __future__ import annotations

import re

import regex

from unionnews.extract.engines import for_text
from unionnews.extract.people import is_person_name
from unionnews.extract.wordlists import load_words
from unionnews.lexicon import ORG_SUFFIXES, TITLES
from unionnews.segment import first_char_guard, plain_strings

# Patterns of plain characters and classes (no \s, \d, \w or \p) use ``re``: the same matches, faster.
_CLAUSE_BREAK_RE = re.compile(r"[，；：,]")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


_ORG_WORDS = (*ORG_SUFFIXES, *load_words("organizer_kinds"))
#: The organisation endings, each tried only where one of their first characters stands.
_ORG_SUFFIX = first_char_guard(_ORG_WORDS) + f"(?:{_alternation(_ORG_WORDS)})"
#: Words that may stand between two organisation endings (``市总工会机关党委``), not a verb or preposition.
_ORG_LINK = r"[^\P{Han}在于从对向与和及的召举是将把为由今昨近日共携同分也还已并又组织全各暨]{0,6}?"
ORG_PATTERN = (
    rf"(?:[\p{{Han}}（）()]{{1,24}}?{_ORG_SUFFIX}(?:{_ORG_LINK}{_ORG_SUFFIX})*"
    rf"|(?:{_alternation(load_words('organizer_deictic'))})"
    rf"|(?:{_alternation(load_words('organizer_abbreviations'))}))"
)
ORG_RE = regex.compile(ORG_PATTERN)
_JOIN = r"(?:[、和与及]|携手|联合|会同)"
SUBJECT_RE = regex.compile(rf"^(?:{ORG_PATTERN})(?:{_JOIN}(?:{ORG_PATTERN}))*")
#: What follows the lazy prefix of a dateline (a date or 电/讯/消息): a necessary condition tried first.
_DATELINE_GUARD = r"(?=[\d电讯消])"
#: What may open a clause before its subject: a dateline and credit, dates, times and adverbs.
LEAD_RE = regex.compile(
    r"^(?:[\s，,、]+"
    rf"|[\p{{Han}}]{{0,12}}?{_DATELINE_GUARD}(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|讯|消息)(?=[\s（(【])"
    r"|[（(【][^）)】]{0,60}[）)】]"
    r"|(?:\d{4}|[〇零一二三四五六七八九]{4})年度?"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?"
    r"|\d{1,2}[日号]|至\d{1,2}[日号]"
    r"|[\d:：—\-～~]+"
    r"|上午|下午|中午|晚上|晚间|早上|凌晨"
    r"|同日|当天|当日|同时|近日|日前|此前|随后|会后|会前|会上|昨天|昨日|今天|今日|近期|前天|最近"
    r"|活动现场|现场|此外|另外|同期|期间|首先|接着|然后|最后|其间|还|并|也|又|再|另|共同|一同|一起|专门"
    r")++"
)
#: The organizer never starts with these (the reporter, the meeting itself).
NOT_ORGANIZER_START = ("记者", "会议", "会上", "大会", "本报", "据")
_TITLE_ALT = "|".join(sorted(TITLES, key=len, reverse=True))
_TITLE_RE = re.compile(rf"(?:{_TITLE_ALT})")
_ORG_SESSION_RE = regex.compile(r"第?[一二三四五六七八九十百\d]+届")


def strip_lead(clause: str) -> str:
    """``clause`` without what opens it before its subject (:data:`LEAD_RE`; ``re`` where it can)."""
    return for_text(LEAD_RE, clause).sub("", clause)


def match_subject(clause: str) -> re.Match[str] | regex.Match[str] | None:
    """The organisations ``clause`` opens with (:data:`SUBJECT_RE`; ``re`` where it can)."""
    return for_text(SUBJECT_RE, clause).match(clause)


def is_all_unions(org: str) -> bool:
    """``全市工会``: the unions of a whole city, not one organizer."""
    return (
        org.startswith(("全市", "全省", "全县", "全区", "全州", "全镇", "各", "县市区", "市县"))
        and "总工会" not in org
    )


def subject_of(text: str) -> str | None:
    """The organisation a sentence opens with (after its date), for a later clause that leaves it out."""
    head = strip_lead(text[:80])
    subject = match_subject(head)
    if not subject:
        return None
    first = for_text(ORG_RE, subject.group()).match(subject.group())
    org = clean_org(first.group()) if first else ""
    return None if not org or is_all_unions(org) or org.startswith(NOT_ORGANIZER_START) else org


def organizers_before(before: str) -> list[tuple[str, int]]:
    """The subject organizations of the clause before the verb: ``A、B(也分别…)`` -> [A, B].

    Returns each organization with the offset in ``before`` where the subject ends.
    """
    clause = _CLAUSE_BREAK_RE.split(before)[-1]
    clause = strip_lead(clause.strip())
    if clause.startswith(NOT_ORGANIZER_START):
        return []
    subject = match_subject(clause)
    if not subject:
        return []
    end = len(before) - len(clause) + subject.end()
    found = orgs_in(subject.group())
    cut = _title_overlap(found[-1], before[end:]) if found else 0
    if cut:  # ``X总工会党组书记王强``: 党组 opens the title, it is not part of the organizer
        found[-1], end = found[-1][:-cut], end - cut
    return [(org, end) for org in found if org and not is_all_unions(org)]


def _title_overlap(org: str, rest: str) -> int:
    """How many closing characters of ``org`` begin a job title that ``rest`` completes."""
    for head, tail, k in _TITLE_SPLITS.get(org[-1:], ()):
        if org.endswith(head) and rest.startswith(tail) and len(org) > k:
            return k
    return 0


def _title_splits(titles: tuple[str, ...]) -> dict[str, tuple[tuple[str, str, int], ...]]:
    """Every split ``title[:k] + title[k:]`` (k >= 1), in title order, filed under the head's last character.

    Only splits whose head ends with an organisation's last character can overlap it:
    looking those up replaces trying every title at every length for every organizer.
    """
    splits: dict[str, list[tuple[str, str, int]]] = {}
    for title in titles:
        for k in range(1, len(title)):
            splits.setdefault(title[k - 1], []).append((title[:k], title[k:], k))
    return {last: tuple(found) for last, found in splits.items()}


_TITLE_SPLITS = _title_splits(TITLES)


#: Function words that never stand inside an organisation's name.
_NOT_IN_ORG = "是要的了把将被这那"
_NOT_IN_ORG_RE = plain_strings(_NOT_IN_ORG)


def orgs_in(subject: str) -> list[str]:
    """The organisations of a subject list, cleaned; a session alone (``第七届委员会``) is none."""
    found = for_text(ORG_RE, subject).finditer(subject)
    return [org for org in (clean_org(o.group()) for o in found) if org]


def clean_org(org: str) -> str:
    """The organizer without a joining word before it or a session after it (``…第三届委员会``)."""
    session = _ORG_SESSION_RE.search(org, 2)
    if session:
        org = org[: session.start()]
    for prefix in ("携手", "联合", "会同", "由", "在", "和", "与", "及", "也", "、"):
        if org.startswith(prefix):
            org = org[len(prefix) :]
    if _ORG_SESSION_RE.match(org) or _NOT_IN_ORG_RE.search(org):
        return ""  # ``二是要处理好工会…``: a clause, not a name
    return org


def person_at_end(lead: str) -> str | None:
    """The person a phrase ends with, after titles: ``省总工会党组书记李明`` -> 李明."""
    parts = _TITLE_RE.split(lead)
    tail = parts[-1].strip("、 ")
    if is_person_name(tail):
        return tail
    for size in (3, 2):
        if is_person_name(lead[-size:]):
            return lead[-size:]
    return None
