"""Meetings reported as held (``郑州市总工会召开党组会议``), and activities.

Four shapes report a meeting as held:

- verb form: an organizer, a holding verb (召开/举行/举办) and a name ending in a meeting
  word; ``A、B分别召开`` gives one meeting per organizer, a subject left out (``随后召开了…``)
  takes the last organizer the story named, an organizer written inside the object
  (``召开了县总工会十届四次全委会``) is read from there;
- subject form: the meeting is the subject (``X总工会八届三次全委会议在Y召开``), its organizer
  the organisation its name opens with, or none;
- congresses reported as opening or closing;
- only when nothing above is found: ``A主持<meeting>``, ``在<meeting>上，``.

Each meeting takes the date of its own clause (the last date written before its verb), else
the date opening its paragraph, else the last date before it.  The chair comes from
``<name>主持`` in the same or the next sentences, or from ``会议由<name>主持`` anywhere when
the story reports a single meeting.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable

import attrs
import regex

from unionnews.document import Document, Sentence
from unionnews.extract.engines import for_text
from unionnews.extract.organizers import (
    NOT_ORGANIZER_START,
    ORG_PATTERN,
    clean_org,
    is_all_unions,
    match_subject,
    organizers_before,
    orgs_in,
    person_at_end,
    strip_lead,
    subject_of,
)
from unionnews.extract.wordlists import load_words
from unionnews.lexicon import HOLD_VERBS, NOT_HELD_CUES
from unionnews.models import Activity, DateMention, Event, Meeting, Span
from unionnews.segment import first_char_guard, plain_strings

_VERBS = "|".join(HOLD_VERBS)
#: A sentence's date resolver: a position in the sentence -> the date of the clause there.
_DateAt = Callable[[int], "str | None"]


HOLD_RE = regex.compile(
    rf"(?:在(?P<place>[^，。；]{{2,40}}?))?(?P<verb>{_VERBS})(?:了)?(?P<name>[^，。；！？]{{2,60}})"
)
#: HOLD_RE's groups by number: ``regex`` looks a group up by name several times slower.
_PLACE, _VERB, _NAME = (HOLD_RE.groupindex[g] for g in ("place", "verb", "name"))
#: ``…会议在<place>召开``: the verbs of the subject form and what may follow them.
SUBJECT_VERB_RE = regex.compile(r"(?:召开|举行|开幕|闭幕)(?=[，。；！？,\s（(]|$)")
ACTIVITY_WORDS = ("活动", "竞赛", "比赛", "大赛", "仪式", "展览", "赛", "宣讲", "运动会", "晚会", "义诊")
#: Words just before a congress that make it a plan, an order or a subject of study.
NOT_CONGRESS_CUES = (*NOT_HELD_CUES, "学习", "贯彻", "传达")
#: Words anywhere before a subject-form meeting in its clause that make it planned or studied.
NOT_HELD_BEFORE = load_words("meeting_not_held")
# Patterns of plain characters and classes (no \s, \d, \w or \p) use ``re``: the same matches, faster.
#: A story that studies a congress's spirit reports the follow-up; the congress is background.
FOLLOW_UP_RE = re.compile(
    r"(?:学习|传达|贯彻|落实|领会)[^。]{0,30}?(?:代表大会|[一二三四五六七八九十]+大)[^。]{0,4}?精神"
)
CONGRESS_RE = regex.compile(
    rf"(?P<org>{ORG_PATTERN})(?P<session>第[一二三四五六七八九十百\d]+(?:届|次))(?P<kind>[\p{{Han}}]{{0,6}}?代表大会)"
    r"(?:第[一二三四五六七八九十\d]+次(?:全体)?会议)?"
    r"(?:在(?P<place>[^，。；]{2,30}?))?(?:隆重|胜利)?(?P<what>开幕|闭幕|召开|举行)(?!后|之后|以来)"
)
CHAIR_RE = regex.compile(
    r"([\p{Han}、]{2,30}?)(?:在)?主持(?:会议|并讲话|并致辞|了会议|[^，。]{0,20}?时(?:要求|指出|强调|表示|说)|$|[。，；？！?!])"
)
#: ``会议由X主持``: a chair that may be written far from the meeting.
CHAIR_BY_RE = regex.compile(r"(?:会议|大会|座谈会|会)由([\p{Han}、]{2,30}?)主持")
#: How far after a meeting's name its purpose is looked for (a bounded look keeps long sentences linear).
PURPOSE_REACH = 120
PURPOSE_RE = regex.compile(r"[，,]\s*((?:传达|学习|研究|部署|安排|贯彻|听取|审议|总结|通报)[^，。；]{2,40})")
#: ``通过视频会议形式召开``: 通过 meaning "by means of" does not make a meeting unheld.
BY_MEANS_RE = re.compile(r"通过[^，。]{0,20}?(?:视频|网络|线上|直播|云|电话|形式|方式|平台)")
#: Words that make a meeting a habit, not one held (``每季度召开一次``).
HABITUAL = ("每季度", "每月", "每年", "每周", "每半年", "每次", "经常", "定期", "按季度", "按月")
#: Relative days a dateline date anchors (``本报北京5月8日电…昨天召开``).
DAY_OFFSETS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2}
DATELINE_RE = regex.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")
#: ``14日``: a day written without its month.
DAY_ONLY_RE = regex.compile(r"(?<![\d月年.:：/\-—～~至到])(\d{1,2})[日号](?!\d)")
#: Bare words that refer back to a meeting already reported, never a new one.
GENERIC_NAMES = frozenset({"会议", "大会", "会", "全会", "例会"})
_BACK_REFERENCE_RE = regex.compile(r"^(?:这次|此次|本次|该次|这个|该|此|本|上述|这)")


@functools.lru_cache(maxsize=16)
def _meeting_name_re(suffixes: tuple[str, ...]) -> regex.Pattern[str]:
    """A phrase up to its last meeting word (the lexicon's ``meeting_suffix``); ``(`` matches either width."""
    return regex.compile(rf"^[^，。]*(?:{_suffix_alternation(suffixes)})")


@functools.lru_cache(maxsize=16)
def _suffix_alternation(suffixes: tuple[str, ...]) -> str:
    words = sorted(set(suffixes), key=len, reverse=True)
    alternation = "|".join(regex.escape(w).replace(r"\(", "[(（]").replace(r"\)", "[)）]") for w in words)
    return first_char_guard(words, also={"(": "（", ")": "）"}) + f"(?:{alternation})"


@functools.lru_cache(maxsize=16)
def _subject_phrase_re(suffixes: tuple[str, ...]) -> regex.Pattern[str]:
    """A meeting phrase at the end of a clause, then a place, a date or an adverb before the verb."""
    return regex.compile(
        rf"^(?P<phrase>.*?(?:{_suffix_alternation(suffixes)}))"
        r"(?P<rest>(?:今天|昨天|今日|昨日|日前|近日|近期|当天|当日|上午|下午|晚上|隆重|胜利|正式|顺利|如期|"
        r"以[^，。；]{1,20}?(?:形式|方式)|通过[^，。；]{1,20}?(?:形式|方式|视频|网络|直播)|"
        r"[“「『][^”」』，。]{1,30}[”」』](?:专场|分场)?|"
        r"\s|于|在[^，。；]{1,30}|[\d月日号时:：]++)*+)$"
    )


@functools.lru_cache(maxsize=16)
def _mention_re(suffixes: tuple[str, ...]) -> regex.Pattern[str]:
    """``A主持<meeting>``, ``出席<meeting>并讲话``, ``在<meeting>上，``: a meeting without a holding verb."""
    alt = _suffix_alternation(suffixes)
    return regex.compile(
        rf"(?:主持(?:了)?(?P<chaired>[^，。；、的“”]{{1,25}}?(?:{alt}))(?=[，。；并]|$)"
        rf"|(?:出席|参加)(?:了)?(?P<attended>[^，。；、的“”]{{1,25}}?(?:{alt}))(?=并(?:讲话|致辞|作))"
        rf"|(?:^|[，。])\s*在(?P<at>[^，。；、的]{{2,40}}?(?:{alt}))上[，,])"
    )


#: The theme a meeting name may open with: ``…精神``, ``…十六大`` (a congress studied).
THEME_RE = re.compile(r"^.*(?:精神|[一二三四五六七八九十]+大(?!会)|代表大会)")
CHAIR_LOOKAHEAD = 3
#: Activities held at a place: ``…竞赛在<place>举行``.
_PLACED_ACTIVITIES = ("活动", "竞赛", "比赛")
_ACTIVITY_AT_PLACE_RE = regex.compile(
    rf"(?P<what>[^，。]{{2,30}}?(?:{'|'.join(_PLACED_ACTIVITIES)}))在(?P<place>[^，。]{{2,30}}?)(?:{_VERBS})"
)
#: What :data:`_ACTIVITY_AT_PLACE_RE` needs: an activity word right before ``在`` (plain strings, one scan).
_ACTIVITY_AT_RE = plain_strings(f"{w}在" for w in _PLACED_ACTIVITIES)
#: Session numbers in a meeting's name: ``第十五次``, ``十四届二次``, ``第十四届第二次``.
_ORDINAL_SESSION_RE = regex.compile(
    r"(?:第?[一二三四五六七八九十百\d]+届)?(?:第?[一二三四五六七八九十百\d]+次)(?=\p{Han})"
    r"|第?[一二三四五六七八九十百\d]+届(?=\p{Han})"
)
#: What follows an organizer written inside a meeting's name: a session ordinal or the meeting word.
_SESSION_AFTER_ORG_RE = regex.compile(
    r"第?[一二三四五六七八九十百\d]+[届次]|(?:党组|主席|常委|全委|执委|委员|办公|全体|联席|联合)[^，。]{0,6}?会"
)
#: A year, a quoted theme or run-on text before the kind of meeting.
_NAME_NOISE_RE = regex.compile(
    r"\d{4}年度?|[“「『][^”」』]*[”」』]|^(?:举办|召开|组织|主办|承办|举行)?的|^了"
)
#: ``职工代表大会第二次会议``: a session of a congress is the congress.
_CONGRESS_SESSION_RE = regex.compile(r"(?<=代表大会)第?[一二三四五六七八九十百\d]+次(?:全体)?会议$")
#: Where a meeting's name has run on into the next clause of a page that lost its punctuation.
_RUN_ON_RE = regex.compile(r"[、\s]|出席|主持|参加|讲话|强调|指出")
_ACTIVITY_NAME_RE = regex.compile(rf"^[^，。]*?(?:{'|'.join(ACTIVITY_WORDS)})")
_CLAUSE_BREAK_RE = re.compile(r"[，；：,]")
#: ``在<place>`` closing what stands between a subject-form meeting and its verb.
_PLACE_AT_END_RE = regex.compile(r"在([^，。；]{1,30})$")
#: What a meeting's kind ignores when names are compared: spaces and brackets.
_KIND_NOISE_RE = regex.compile(r"[\s()（）]")
_SENTENCE_PUNCT_RE = re.compile(r"[。！？；，]")


#: The cue lists as plain-string searches (one scan each instead of one per word).
_NOT_HELD_RE = plain_strings(NOT_HELD_CUES)
_NOT_CONGRESS_RE = plain_strings(NOT_CONGRESS_CUES)
_NOT_HELD_BEFORE_RE = plain_strings(NOT_HELD_BEFORE)
_HABITUAL_RE = plain_strings(HABITUAL)

#: How many sentences back a left-out subject is looked for.
CARRY_REACH = 12


@attrs.define
class _Context:
    """What one meeting sentence inherits from the story read so far."""

    last_date: str | None = None
    sentence_org: str | None = None
    dateline: dt.date | None = None
    history: list[Sentence] = attrs.Factory(list)
    index: int = 0

    def last_org(self) -> str | None:
        """The organisation the nearest earlier sentence opens with (read only when a subject is left out)."""
        for j in range(self.index - 1, max(self.index - 1 - CARRY_REACH, -1), -1):
            org = subject_of(self.history[j].text)
            if org:
                return org
        return None


def extract_meetings(document: Document) -> list[Event]:
    """Every meeting (and activity) the body reports as held, in order."""
    events: list[Event] = []
    sentences = list(document.sentences("body"))
    dates = sorted((d for d in document.dates if d.value and d.evidence is not None), key=_start)
    starts = [_start(d) for d in dates]
    ctx = _Context(dateline=_dateline(document, dates), history=sentences)
    paragraph_date: dict[int, str | None] = {}
    follow_up = _may_follow_up(document.text) and FOLLOW_UP_RE.search(document.text) is not None
    suffixes = document.lexicon.get("meeting_suffix")
    echoes = _headline_echoes(document)
    for k, sentence in enumerate(sentences):
        ctx.index = k
        if sentence.line in echoes:
            continue  # the headline repeated as the first body line: read once, from the headline
        if not _may_report(sentence.text):
            last = bisect.bisect_left(starts, sentence.end) - 1
            if last >= 0 and starts[last] >= sentence.start:
                ctx.last_date = _value(dates[last], ctx)  # the last date written in the sentence
            continue
        lo, hi = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
        in_sentence = dates[lo:hi]
        if sentence.line not in paragraph_date:
            paragraph_date[sentence.line] = _opening_date(document, sentence, dates, starts)
        fallback = paragraph_date[sentence.line] or ctx.last_date
        timeline = _timeline(sentence, in_sentence, ctx, document.published)
        first = _value(in_sentence[0], ctx) if in_sentence else None
        date_at = functools.partial(_date_at, timeline=timeline, fallback=first or fallback)
        found = _meetings_in(sentence, date_at, ctx, suffixes, follow_up)
        if not follow_up:
            found += _congresses_in(sentence, date_at)
        found = _dedupe(found)
        if found:
            chair = _chair(sentence.text) or _chair_after(sentences, k)
            for event in found:
                if isinstance(event, Meeting) and chair and event.chair is None:
                    event = attrs.evolve(event, chair=chair)
                events.append(event)
        if in_sentence:
            ctx.last_date = _value(in_sentence[-1], ctx)
    if not any(isinstance(e, Meeting) for e in events):
        body_start = sentences[0].start if sentences else len(document.text)
        events += _headline_meetings(
            document, [d for d in dates if _start(d) >= body_start], suffixes, follow_up
        )
    if not any(isinstance(e, Meeting) for e in events):
        events += _mentioned_meetings(sentences, dates, starts, ctx, suffixes, document.published)
    return _finish(events, document.text, _headline_organizer(document))


def _may_follow_up(text: str) -> bool:
    """Whether ``text`` has ``精神``, which every match of :data:`FOLLOW_UP_RE` ends with."""
    return "精神" in text


def _headline_echoes(document: Document) -> set[int]:
    """The body lines that repeat a headline (their sentences are read from the headline)."""
    headlines = {line.text.strip() for _, line in document.lines_of("headline")}
    if not headlines:
        return set()
    return {i for i, line in document.lines_of("body") if line.text.strip() in headlines}


def _may_report(text: str) -> bool:
    """Whether a sentence has a word any meeting shape needs (most sentences have none)."""
    return _REPORT_RE.search(text) is not None


_REPORT_WORDS = ("召开", "举行", "举办", "开幕", "闭幕")
_REPORT_RE = plain_strings(_REPORT_WORDS)


def _may_hold(text: str) -> bool:
    """Whether ``text`` has a holding verb: :data:`HOLD_RE` needs one, a plain-string scan finds it faster."""
    return _HOLD_VERB_RE.search(text) is not None


_HOLD_VERB_RE = plain_strings(HOLD_VERBS)


def _headline_meetings(
    document: Document, dates: list[DateMention], suffixes: tuple[str, ...], follow_up: bool
) -> list[Event]:
    """A meeting only the headline reports (the body says ``会议在…召开``), dated by the body's first date."""
    body_date = next((_value(d, _Context()) for d in dates if not d.relative), None)
    found: list[Event] = []
    for sentence in document.sentences("headline"):
        date_at = functools.partial(_date_at, timeline=([], []), fallback=body_date)
        found += [
            e
            for e in _meetings_in(sentence, date_at, _Context(), suffixes, follow_up)
            if isinstance(e, Meeting)
        ]
    return _dedupe(found)


def _headline_organizer(document: Document) -> str | None:
    """The one organizer a headline says held a meeting (``X总工会召开Y会``), if any."""
    found: set[str] = set()
    for _, line in document.lines_of("headline"):
        if not _may_hold(line.text):
            continue
        for m in HOLD_RE.finditer(line.text):
            found.update(org for org, _ in organizers_before(line.text[: m.start()]))
    return found.pop() if len(found) == 1 else None


def _date_at(pos: int, *, timeline: tuple[list[int], list[str]], fallback: str | None) -> str | None:
    """The date of the clause at ``pos``: the last written before it, else the sentence's or paragraph's."""
    positions, values = timeline
    i = bisect.bisect_left(positions, pos) - 1
    return values[i] if i >= 0 else fallback


def _start(mention: DateMention) -> int:
    return mention.evidence.start if mention.evidence is not None else -1


def _value(mention: DateMention, ctx: _Context) -> str | None:
    """A mention's date; ``今天``/``昨天`` count from the dateline's date when the story has one."""
    offset = DAY_OFFSETS.get(mention.text)
    if offset is not None and ctx.dateline is not None:
        return (ctx.dateline + dt.timedelta(days=offset)).isoformat()
    value = mention.value
    return value[:10] if value and len(value) > 10 else value


def _dateline(document: Document, dates: list[DateMention]) -> dt.date | None:
    """The date of a ``X月X日电/讯`` dateline in the story's first 300 characters."""
    m = DATELINE_RE.search(document.text, 0, 300)
    if not m:
        return None
    for mention in dates:
        if _start(mention) == m.start() and mention.value and len(mention.value) >= 10:
            try:
                return dt.date.fromisoformat(mention.value[:10])
            except ValueError:
                return None
    return None


def _timeline(
    sentence: Sentence, in_sentence: list[DateMention], ctx: _Context, published: str | None
) -> tuple[list[int], list[str]]:
    """Every date written in the sentence, in order, with where it starts (built once per sentence).

    A day-only ``14日`` takes its month from the date before it (or the story's last, or the publication's).
    """
    marks: list[tuple[int, str | None, int]] = [
        (_start(m) - sentence.start, _value(m, ctx), 0) for m in in_sentence if m.text != "同时"
    ]
    if "日" in sentence.text or "号" in sentence.text:  # what every day of DAY_ONLY_RE ends with
        marks += [(m.start(), None, int(m.group(1))) for m in DAY_ONLY_RE.finditer(sentence.text)]
    marks.sort(key=lambda mark: mark[0])
    positions: list[int] = []
    values: list[str] = []
    current: str | None = None
    for at, value, day in marks:
        if day:
            value = _day_only(day, current or ctx.last_date or published)
        if value:
            current = value
            positions.append(at)
            values.append(value)
    return positions, values


def _day_only(day: int, anchor: str | None) -> str | None:
    """``14日`` in the month of the nearest full date before it."""
    if not anchor or not 1 <= day <= 31:
        return None
    if anchor.startswith("--"):
        return f"{anchor[:4]}-{day:02d}"
    try:
        return dt.date(int(anchor[:4]), int(anchor[5:7]), day).isoformat()
    except ValueError:
        return None


def _congresses_in(sentence: Sentence, date_at: _DateAt) -> list[Event]:
    """Congresses reported as opening, closing or held, named by their organisation.

    Not called for a follow-up story (:data:`FOLLOW_UP_RE`): there the congress is background.
    """
    out: list[Event] = []
    if "代表大会" not in sentence.text:
        return out
    for m in for_text(CONGRESS_RE, sentence.text).finditer(sentence.text):
        before = sentence.text[max(m.start() - 4, 0) : m.start()]
        if _NOT_CONGRESS_RE.search(before):
            continue
        organizers = organizers_before(m.group("org"))
        evidence = Span(sentence.start, sentence.end, -1, -1)
        for org, _ in organizers or [(m.group("org"), 0)]:
            out.append(
                Meeting(
                    org,
                    m.group("kind"),
                    date_at(m.start("what")),
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
        if "主持" not in later.text and _may_hold(later.text) and HOLD_RE.search(later.text):
            break
        chair = _chair(later.text)
        if chair:
            return chair
    return None


def _opening_date(
    document: Document, sentence: Sentence, dates: list[DateMention], starts: list[int]
) -> str | None:
    """A date that opens the sentence's paragraph applies to the whole paragraph."""
    line = document.lines[sentence.line]
    i = bisect.bisect_left(starts, line.start)
    if i < len(dates) and starts[i] < line.start + 12 and not dates[i].relative:
        value = dates[i].value
        return value[:10] if value and len(value) > 10 else value
    return None


def _meetings_in(
    sentence: Sentence, date_at: _DateAt, ctx: _Context, suffixes: tuple[str, ...], follow_up: bool
) -> list[Event]:
    text = sentence.text
    out: list[Event] = []
    ctx.sentence_org = None
    if not _may_report(text):
        return out
    breaks = [b.start() for b in _CLAUSE_BREAK_RE.finditer(text)]
    evidence = Span(sentence.start, sentence.end, -1, -1)
    for m in HOLD_RE.finditer(text):
        found = _verb_form(text, m, breaks, date_at, ctx, suffixes, evidence)
        last = found[-1] if found else None
        if isinstance(last, (Meeting, Activity)) and last.organizer:
            ctx.sentence_org = last.organizer
        out += found
    for m in SUBJECT_VERB_RE.finditer(text):
        out += _subject_form(text, m.start(), breaks, date_at, suffixes, evidence, follow_up)
    if _ACTIVITY_AT_RE.search(text) is None:
        return out
    for m in _ACTIVITY_AT_PLACE_RE.finditer(text):
        subjects = organizers_before(m.group("what"))
        out.append(
            Activity(
                subjects[0][0] if subjects else None,
                m.group("what")[len(subjects[0][0]) if subjects else 0 :],
                date_at(m.start()),
                m.group("place"),
                evidence,
                "builtin.meetings",
                0.6,
            )
        )
    return out


def _verb_form(
    text: str,
    m: regex.Match[str],
    breaks: list[int],
    date_at: _DateAt,
    ctx: _Context,
    suffixes: tuple[str, ...],
    evidence: Span,
) -> list[Event]:
    """``<org>(在<place>)召开<meeting>``, with the organizer carried over or inside the object."""
    phrase = m[_NAME]
    if phrase.startswith("的") or text[m.end(_VERB) : m.end(_VERB) + 1] == "的":
        return []  # ``…召开的一次重要会议``: a description, not a report
    name = _meeting_name(phrase, suffixes)
    name = _clean_name(name) or None if name else None
    if name is not None and _BACK_REFERENCE_RE.match(phrase):
        return []  # ``召开这次座谈会``: the meeting already reported
    activity = _activity_name(phrase) if name is None else None
    if name is None and activity is None:
        return []  # neither a meeting nor an activity: no subject to look for
    before = _clause_before(text, breaks, m.start())
    if before is None:
        return []
    organizers: list[tuple[str | None, int]] = list(organizers_before(before))
    date = date_at(m.start(_VERB))
    place = m[_PLACE]
    if name is None:
        if activity and organizers and not _not_held(before, organizers[-1][1]):
            return [
                Activity(o, activity, date, place, evidence, "builtin.meetings", 0.6) for o, _ in organizers
            ]
        return []
    inside = _organizers_inside(phrase)
    if inside:
        name = _clean_name(_meeting_name(phrase[inside[-1][1] :], suffixes) or name)
    chair = None
    if organizers:
        if _not_held(before, organizers[-1][1]):
            return []
        own = organizers[-1][0]
        if own and name.startswith(own) and len(name) > len(own):
            name = name[len(own) :]  # ``刘丽主持召开区总工会党组会议``: the organizer written again
        if m[_VERB] == "主持召开":
            chair = person_at_end(before[organizers[-1][1] :])
        confidence = 0.8
    else:
        lead = strip_lead(_CLAUSE_BREAK_RE.split(before)[-1].strip())
        if _NOT_HELD_RE.search(lead) and not BY_MEANS_RE.search(lead):
            return []
        person = person_at_end(lead) if lead and m[_VERB] == "主持召开" else None
        if lead and person is None and lead not in ("组织", "举办", "联合", "携手"):
            return []
        if person is None:
            organizers = _previous_clause_subject(text, breaks, m.start())
        chair = person
        if not organizers and inside:
            organizers = inside
        if not organizers:
            organizers = [(ctx.sentence_org or ctx.last_org(), 0)]
        confidence = 0.6
    purpose = PURPOSE_RE.search(text, m.end(), m.end() + PURPOSE_REACH)
    return [
        Meeting(
            organizer=org,
            name=name,
            date=date,
            chair=chair,
            location=place.strip() if place else None,
            purpose=purpose.group(1) if purpose else None,
            evidence=evidence,
            extractor="builtin.meetings",
            confidence=confidence,
        )
        for org, _ in organizers
    ]


def _previous_clause_subject(text: str, breaks: list[int], pos: int) -> list[tuple[str | None, int]]:
    """``A携手B、C，共同组织召开…``: a clause that is only organisations is the subject of the next."""
    i = bisect.bisect_left(breaks, pos) - 1
    if i < 0:
        return []
    start = breaks[i - 1] + 1 if i >= 1 else 0
    clause = strip_lead(text[start : breaks[i]].strip())
    subject = match_subject(clause)
    if not subject or subject.end() != len(clause):
        return []
    return [(org, 0) for org in orgs_in(subject.group())]


def _organizers_inside(phrase: str) -> list[tuple[str | None, int]]:
    """``召开了县总工会十届四次全委会``: the organisations a meeting's name opens with."""
    subject = match_subject(phrase)
    if not subject or phrase.startswith(NOT_ORGANIZER_START) or is_all_unions(subject.group()):
        return []
    if not _SESSION_AFTER_ORG_RE.match(phrase, subject.end()):
        return []  # ``举办县市区工会业务研讨班``: the organisations are the audience, not the host
    return [(org, subject.end()) for org in orgs_in(subject.group())]


def _subject_form(
    text: str,
    verb_at: int,
    breaks: list[int],
    date_at: _DateAt,
    suffixes: tuple[str, ...],
    evidence: Span,
    follow_up: bool,
) -> list[Meeting]:
    """``X总工会八届三次全委（扩大）会议在Y召开。``: the meeting is the subject of its clause."""
    clause = _clause_before(text, breaks, verb_at)
    if not clause:
        return []
    head = strip_lead(clause)
    m = for_text(_subject_phrase_re(suffixes), head).match(head)
    if m is None:
        return []
    phrase = m.group("phrase")
    if "《" in phrase or _NOT_HELD_BEFORE_RE.search(phrase) or phrase.startswith(NOT_ORGANIZER_START):
        return []
    subject = match_subject(phrase)
    organizers = orgs_in(subject.group()) if subject else []
    organizers = [o for o in organizers if not is_all_unions(o)]
    name = _clean_name(phrase[subject.end() :] if subject and organizers else phrase)
    if subject and organizers and name in GENERIC_NAMES:
        # ``X总工会第三届党组会议``: the session cut the organizer short, the rest is the kind
        name = _clean_name(phrase[phrase.rfind(organizers[-1], 0, subject.end()) + len(organizers[-1]) :])
    if not name or name in GENERIC_NAMES or _BACK_REFERENCE_RE.match(name):
        return []
    if follow_up and name.endswith("代表大会"):
        return []
    place = _PLACE_AT_END_RE.search(m.group("rest"))
    date = date_at(verb_at)
    candidates: list[str | None] = [*organizers] or [None]
    return [
        Meeting(
            organizer=org,
            name=name,
            date=date,
            location=place.group(1) if place else None,
            evidence=evidence,
            extractor="builtin.meetings",
            confidence=0.7,
        )
        for org in candidates
    ]


def _clean_name(phrase: str) -> str:
    """The kind of meeting: no year, quoted theme, session ordinal or leading ``的``."""
    name = _CONGRESS_SESSION_RE.sub("", _NAME_NOISE_RE.sub("", phrase))
    name = _ORDINAL_SESSION_RE.sub("", name)
    return name.replace("（", "(").replace("）", ")").strip()


def _mentioned_meetings(
    sentences: list[Sentence],
    dates: list[DateMention],
    starts: list[int],
    ctx: _Context,
    suffixes: tuple[str, ...],
    published: str | None,
) -> list[Event]:
    """A meeting written without a holding verb (``A主持座谈会``); read only when no other is found.

    Its date is the last one written before it (or in its sentence), never a later one.
    """
    pattern = _mention_re(suffixes)
    for sentence in sentences:
        text = sentence.text
        if not ("主持" in text or "出席" in text or "参加" in text or "上，" in text or "上," in text):
            continue
        m = pattern.search(sentence.text)
        if not m:
            continue
        group = next(g for g in ("chaired", "attended", "at") if m.group(g))
        phrase = m.group(group)
        if _NOT_HELD_BEFORE_RE.search(phrase) or "《" in phrase:
            continue
        subject = match_subject(phrase)
        org = clean_org(subject.group()) or None if subject else None
        name = _clean_name(phrase[subject.end() :] if subject else phrase)
        if not name or name in GENERIC_NAMES or _BACK_REFERENCE_RE.match(name):
            continue
        lo, hi = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
        before = _value(dates[lo - 1], ctx) if lo > 0 else None
        as_of = attrs.evolve(ctx, last_date=before)  # ``ctx`` has read the whole body by now
        timeline = _timeline(sentence, dates[lo:hi], as_of, published)
        date = _date_at(m.start(group), timeline=timeline, fallback=before)
        chair = person_at_end(sentence.text[: m.start()]) if group == "chaired" else _chair(sentence.text)
        evidence = Span(sentence.start, sentence.end, -1, -1)
        return [Meeting(org, name, date, chair, None, None, evidence, "builtin.meetings", 0.5)]
    return []


def _dedupe(found: list[Event]) -> list[Event]:
    """One record per organizer, kind and date (two rules may read the same clause)."""
    seen: set[tuple[str | None, str, str | None]] = set()
    kinds: set[str] = set()
    out: list[Event] = []
    for event in found:
        if isinstance(event, Meeting):
            key = (event.organizer, _kind(event.name), event.date)
            if key in seen or (event.organizer is None and key[1] in kinds):
                continue
            seen.add(key)
            kinds.add(key[1])
        out.append(event)
    return out


@functools.lru_cache(maxsize=1024)
def _kind(name: str) -> str:
    """The name as compared: each meeting's is asked for several times (cached, a pure function of it)."""
    return _KIND_NOISE_RE.sub("", name)


def _title_like(meeting: Meeting, text: str) -> bool:
    """Whether the meeting was read from a line without sentence punctuation (a headline left in the body)."""
    span = meeting.evidence
    return span is not None and not _SENTENCE_PUNCT_RE.search(text, span.start, span.end)


#: Distinct organizer-named meetings a nameless one is compared with (keeps the clean-up linear).
MAX_NAMED = 64


def _finish(events: list[Event], text: str, headline_org: str | None) -> list[Event]:
    """Story-level clean-up: headline echoes, references back, and a chair written far away."""
    if not any(isinstance(e, Meeting) for e in events):
        return events  # every rule below reads meetings only
    idx = [i for i, e in enumerate(events) if isinstance(e, Meeting)]
    meetings: dict[int, Meeting] = {i: events[i] for i in idx}  # type: ignore[misc]
    named = list(dict.fromkeys(_kind(e.name) for e in meetings.values() if e.organizer))[:MAX_NAMED]
    for i in idx:
        event = meetings[i]
        if event.organizer is None and any(_kind(event.name) in name for name in named):
            del meetings[i]  # ``座谈会在…举行`` after ``X召开座谈会``: the same meeting again
    dated = {(e.organizer, _kind(e.name)) for e in meetings.values() if e.date}
    for i in list(meetings):
        event = meetings[i]
        if event.date is None and (event.organizer, _kind(event.name)) in dated:
            del meetings[i]
    undated = [i for i, e in meetings.items() if e.organizer and e.date is None]
    orphans = [i for i, e in meetings.items() if e.organizer is None and e.date]
    if len(undated) == 1 and len(orphans) == 1 and undated[0] < orphans[0]:
        # the headline names the organizer, the body the date: one meeting
        meetings[orphans[0]] = attrs.evolve(meetings[orphans[0]], organizer=meetings[undated[0]].organizer)
        del meetings[undated[0]]
    elif len(orphans) == 1 and len(meetings) == 1 and headline_org:
        meetings[orphans[0]] = attrs.evolve(meetings[orphans[0]], organizer=headline_org)
    if any(e.date for e in meetings.values()):
        for i in list(meetings):
            if meetings[i].date is None and _title_like(meetings[i], text):
                del meetings[i]  # a headline-like line (no full stop) restating a meeting the body dates
    first: dict[tuple[str | None, str, str | None], int] = {}
    for i in list(meetings):
        event = meetings[i]
        key = (event.organizer, _kind(event.name), event.date)
        if key in first:
            j = first[key]
            if meetings[j].chair is None and event.chair:
                meetings[j] = attrs.evolve(meetings[j], chair=event.chair)
            del meetings[i]
        else:
            first[key] = i
    kept = list(meetings.values())
    if kept and len({(e.organizer, e.date) for e in kept}) == 1 and not any(e.chair for e in kept):
        m = CHAIR_BY_RE.search(text)
        chair = person_at_end(m.group(1)) if m else None
        if chair:
            meetings = {i: attrs.evolve(e, chair=chair) for i, e in meetings.items()}
    dropped = set(idx) - meetings.keys()
    return [meetings.get(i, e) for i, e in enumerate(events) if i not in dropped]


def _meeting_name(phrase: str, suffixes: tuple[str, ...]) -> str | None:
    """The kind of meeting: the phrase up to its meeting word, without the theme before it."""
    run_on = _RUN_ON_RE.search(phrase, 2)
    if run_on:
        phrase = phrase[: run_on.start()]
    m = for_text(_meeting_name_re(suffixes), phrase).search(phrase)
    if not m:
        return None
    name = _CONGRESS_SESSION_RE.sub("", m.group())
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


def _not_held(before: str, org_end: int) -> bool:
    """A plan, an order or a habit (``每季度召开``) between the organizer and the verb."""
    between = before[org_end:]
    if _HABITUAL_RE.search(between):
        return True
    if BY_MEANS_RE.search(between):
        between = BY_MEANS_RE.sub("", between)
    return _NOT_HELD_RE.search(between) is not None


def _chair(text: str) -> str | None:
    m = CHAIR_RE.search(text)
    return person_at_end(m.group(1)) if m else None
