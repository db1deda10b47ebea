"""Meetings reported as held (``郑州市总工会召开党组会议``), and activities.

A sentence reports a meeting when an organizer is followed by a holding verb
(召开/举行/举办, optionally after ``在<place>``) and a name ending in a meeting
word.  ``A、B分别召开`` gives one meeting per organizer.  The date is the first date
in the sentence, else a date opening the paragraph, else the last date before it
(``同日`` resolves to that).  The chair comes from ``<name>主持`` in the same or the
next sentence.
"""

from __future__ import annotations

import bisect
import functools

import attrs
import regex

from unionnews.document import Document, Sentence
from unionnews.extract.people import is_person_name
from unionnews.lexicon import HOLD_VERBS, NOT_HELD_CUES, ORG_SUFFIXES, TITLES
from unionnews.models import Activity, DateMention, Event, Meeting, Span

_VERBS = "|".join(HOLD_VERBS)
_ORG_SUFFIX = "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True))
_ORG = rf"[\p{{Han}}（）()]{{1,24}}?(?:{_ORG_SUFFIX})"
ORG_RE = regex.compile(_ORG)
SUBJECT_RE = regex.compile(rf"^(?:{_ORG})(?:[、和与及](?:{_ORG}))*")
DATE_PREFIX_RE = regex.compile(
    r"^(?:\d{1,2}月\d{1,2}日[上下午晚间]*|同日|当天|当日|同时|近日|日前|此前|随后|会上|昨天|今天)"
)
HOLD_RE = regex.compile(
    rf"(?:在(?P<place>[^，。；]{{2,40}}?))?(?P<verb>{_VERBS})(?:了)?(?P<name>[^，。；！？]{{2,60}})"
)
ACTIVITY_WORDS = ("活动", "竞赛", "比赛", "大赛", "仪式", "展览", "赛", "宣讲", "运动会", "晚会", "义诊")
#: ``X总工会第十五次代表大会在新乡开幕``: a congress the story reports on (its ordinal is
#: required; ``中国工会十八大胜利闭幕`` is background and has none).
#: Words just before a congress that make it a plan, an order or a subject of study.
NOT_CONGRESS_CUES = (*NOT_HELD_CUES, "学习", "贯彻", "传达")
#: A story that studies a congress's spirit reports the follow-up; the congress is background.
FOLLOW_UP_RE = regex.compile(
    r"(?:学习|传达|贯彻|落实|领会)[^。]{0,30}?(?:代表大会|[一二三四五六七八九十]+大)[^。]{0,4}?精神"
)
CONGRESS_RE = regex.compile(
    rf"(?P<org>{_ORG})(?P<session>第[一二三四五六七八九十百\d]+(?:届|次))(?P<kind>[\p{{Han}}]{{0,6}}?代表大会)"
    r"(?:第[一二三四五六七八九十\d]+次(?:全体)?会议)?"
    r"(?:在(?P<place>[^，。；]{2,30}?))?(?:隆重|胜利)?(?P<what>开幕|闭幕|召开|举行)(?!后|之后|以来)"
)
CHAIR_RE = regex.compile(r"([\p{Han}、]{2,30}?)主持(?:会议|并讲话|了会议|$|。|，)")
PURPOSE_RE = regex.compile(r"[，,]\s*((?:传达|学习|研究|部署|安排|贯彻|听取|审议|总结|通报)[^，。；]{2,40})")


@functools.lru_cache(maxsize=16)
def _meeting_name_re(suffixes: tuple[str, ...]) -> regex.Pattern[str]:
    """A phrase up to its last meeting word (the lexicon's ``meeting_suffix``); ``(`` matches either width."""
    words = sorted(set(suffixes), key=len, reverse=True)
    alternation = "|".join(regex.escape(w).replace(r"\(", "[(（]").replace(r"\)", "[)）]") for w in words)
    return regex.compile(rf"^[^，。]*(?:{alternation})")


#: The theme a meeting name may open with: ``…精神``, ``…十六大`` (a congress studied).
THEME_RE = regex.compile(r"^.*(?:精神|[一二三四五六七八九十]+大(?!会)|代表大会)")
CHAIR_LOOKAHEAD = 3
_TITLE_ALT = "|".join(sorted(TITLES, key=len, reverse=True))
_TITLE_RE = regex.compile(rf"(?:{_TITLE_ALT})")
_ACTIVITY_AT_PLACE_RE = regex.compile(
    rf"(?P<what>[^，。]{{2,30}}?(?:活动|竞赛|比赛))在(?P<place>[^，。]{{2,30}}?)(?:{_VERBS})"
)
#: Session numbers a meeting's name opens with: ``第十五次``, ``十四届二次``, ``第十四届第二次``.
_ORDINAL_SESSION_RE = regex.compile(
    r"^(?:第?[一二三四五六七八九十百\d]+届)?(?:第?[一二三四五六七八九十百\d]+次)?(?=\p{Han})"
)
_ACTIVITY_NAME_RE = regex.compile(rf"^[^，。]*?(?:{'|'.join(ACTIVITY_WORDS)})")
_CLAUSE_BREAK_RE = regex.compile(r"[，；：]")


def extract_meetings(document: Document) -> list[Event]:
    events: list[Event] = []
    sentences = list(document.sentences("body"))
    last_date: str | None = None
    paragraph_date: dict[int, str | None] = {}
    follow_up = FOLLOW_UP_RE.search(document.text) is not None
    for k, sentence in enumerate(sentences):
        dates = [d for d in document.dates_in(sentence.start, sentence.end) if d.value]
        if sentence.line not in paragraph_date:
            opening = _opening_date(document, sentence)
            paragraph_date[sentence.line] = opening
        date = dates[0].value if dates else paragraph_date[sentence.line] or last_date
        found = _meetings_in(sentence, date, document)
        if not follow_up:
            found += _congresses_in(sentence, date)
        if found:
            chair = _chair(sentence.text) or _chair_after(sentences, k)
            for event in found:
                if isinstance(event, Meeting) and chair and event.chair is None:
                    event = attrs.evolve(event, chair=chair)
                events.append(event)
        if dates:
            last_date = dates[-1].value
    return events


def _congresses_in(sentence: Sentence, date: str | None) -> list[Event]:
    """Congresses reported as opening, closing or held, named by their organisation.

    Not called for a follow-up story (:data:`FOLLOW_UP_RE`): there the congress is background.
    """
    out: list[Event] = []
    if "代表大会" not in sentence.text:
        return out
    for m in CONGRESS_RE.finditer(sentence.text):
        before = sentence.text[max(m.start() - 4, 0) : m.start()]
        if any(cue in before for cue in NOT_CONGRESS_CUES):
            continue
        organizers = _organizers(m.group("org"))
        evidence = Span(sentence.start, sentence.end, -1, -1)
        for org, _ in organizers or [(m.group("org"), 0)]:
            out.append(
                Meeting(
                    org,
                    m.group("kind"),
                    date,
                    None,
                    m.group("place"),
                    None,
                    evidence,
                    "builtin.meetings",
                    0.7,
                )
            )
    return out


def _chair_after(sentences: list[Sentence], k: int) -> str | None:
    """``…主持会议`` in the next sentences of the same paragraph, before another meeting."""
    for later in sentences[k + 1 : k + 1 + CHAIR_LOOKAHEAD]:
        if later.line != sentences[k].line and later.line != sentences[k].line + 1:
            break
        if HOLD_RE.search(later.text) and "主持" not in later.text:
            break
        chair = _chair(later.text)
        if chair:
            return chair
    return None


def _opening_date(document: Document, sentence: Sentence) -> str | None:
    """A date that opens the sentence's paragraph applies to the whole paragraph."""
    line = document.lines[sentence.line]
    head: list[DateMention] = [
        d for d in document.dates_in(line.start, line.start + 12) if d.value and not d.relative
    ]
    return head[0].value if head else None


def _meetings_in(sentence: Sentence, date: str | None, document: Document) -> list[Event]:
    out: list[Event] = []
    text = sentence.text
    if not any(verb in text for verb in HOLD_VERBS):
        return out  # HOLD_RE tries a place phrase at every position: skip sentences without a verb
    breaks: list[int] | None = None
    for m in HOLD_RE.finditer(text):
        if breaks is None:
            breaks = [b.start() for b in _CLAUSE_BREAK_RE.finditer(text)]
        name = _meeting_name(m.group("name"), document.lexicon.get("meeting_suffix"))
        before = _clause_before(text, breaks, m.start())
        if before is None:
            continue
        organizers = _organizers(before)
        if not organizers or _not_held(before, organizers[-1][1]):
            continue
        place = m.group("place")
        evidence = Span(sentence.start, sentence.end, -1, -1)
        if name is None:
            activity = _activity_name(m.group("name"))
            if activity:
                for org, _ in organizers:
                    out.append(Activity(org, activity, date, place, evidence, "builtin.meetings", 0.6))
            continue
        purpose = PURPOSE_RE.search(text, m.end())
        # ``X党组书记王强主持召开…``: the one who convenes it chairs it
        chair = _person_at_end(before[organizers[-1][1] :]) if m.group("verb") == "主持召开" else None
        for org, _ in organizers:
            out.append(
                Meeting(
                    organizer=org,
                    name=name,
                    date=date,
                    chair=chair,
                    location=place.strip() if place else None,
                    purpose=purpose.group(1) if purpose else None,
                    evidence=evidence,
                    extractor="builtin.meetings",
                    confidence=0.8,
                )
            )
    for m in _ACTIVITY_AT_PLACE_RE.finditer(text):
        subjects = _organizers(m.group("what"))
        out.append(
            Activity(
                subjects[0][0] if subjects else None,
                m.group("what")[len(subjects[0][0]) if subjects else 0 :],
                date,
                m.group("place"),
                Span(sentence.start, sentence.end, -1, -1),
                "builtin.meetings",
                0.6,
            )
        )
    return out


def _meeting_name(phrase: str, suffixes: tuple[str, ...]) -> str | None:
    """The kind of meeting: the phrase up to its meeting word, without the theme before it."""
    m = _meeting_name_re(suffixes).search(phrase)
    if not m:
        return None
    name = m.group()
    if not name.endswith("代表大会"):
        name = THEME_RE.sub("", name) or name
    name = _ORDINAL_SESSION_RE.sub("", name)
    return name.replace("（", "(").replace("）", ")") or None


def _activity_name(phrase: str) -> str | None:
    m = _ACTIVITY_NAME_RE.search(phrase)
    return m.group() if m else None


#: A clause longer than this before a verb has no subject we could trust (and would cost quadratic time).
MAX_CLAUSE = 200


def _clause_before(text: str, breaks: list[int], pos: int) -> str | None:
    """The clause of ``text`` that ends at ``pos`` (after the last ``，；：``), or None if too long."""
    i = bisect.bisect_left(breaks, pos) - 1
    start = breaks[i] + 1 if i >= 0 else 0
    return text[start:pos] if pos - start <= MAX_CLAUSE else None


def _organizers(before: str) -> list[tuple[str, int]]:
    """The subject organizations of the clause before the verb: ``A、B(也分别…)`` -> [A, B].

    Returns each organization with the offset in ``before`` where the subject ends.
    """
    clause = _CLAUSE_BREAK_RE.split(before)[-1]
    clause = DATE_PREFIX_RE.sub("", clause.strip())
    subject = SUBJECT_RE.match(clause)
    if not subject:
        return []
    end = len(before) - len(clause) + subject.end()
    return [(_clean_org(m.group()), end) for m in ORG_RE.finditer(subject.group())]


def _clean_org(org: str) -> str:
    for prefix in ("由", "在", "和", "与", "及", "也", "、"):
        if org.startswith(prefix):
            org = org[len(prefix) :]
    return org


def _not_held(before: str, org_end: int) -> bool:
    between = before[org_end:]
    return any(cue in between for cue in NOT_HELD_CUES)


def _chair(text: str) -> str | None:
    m = CHAIR_RE.search(text)
    return _person_at_end(m.group(1)) if m else None


def _person_at_end(lead: str) -> str | None:
    """The person a phrase ends with, after titles: ``省总工会党组书记李明`` -> 李明."""
    parts = _TITLE_RE.split(lead)
    tail = parts[-1].strip("、 ")
    if is_person_name(tail):
        return tail
    for size in (3, 2):
        if is_person_name(lead[-size:]):
            return lead[-size:]
    return None
