"""Dates as written in the story, resolved against the publication date.

Absolute (``2023-10-18 18:22``, ``2023年10月18日``, ``二〇二三年十月十八日``), partial
(``10月17日``, ``12月4日上午``) and relative (``同日``, ``当天``, ``昨天``, ``日前``,
``近日``).  A partial date takes the publication year, or the year before when its
month is after the publication month; with no anchor it is ``--MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

import regex

from unionnews.extract.numerals import NumeralError, read_chinese_number
from unionnews.models import DateMention, Span

_CN = "〇零一二三四五六七八九十"
#: A clock time after a date: `` 18:22``, `` 09:24:40`` (after 日 the space is optional).
_CLOCK = r"(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?"
ABSOLUTE_RE = regex.compile(
    r"(?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})" rf"(?:\s+{_CLOCK})?"
)
CHINESE_DATE_RE = regex.compile(
    rf"(?:(?P<y>\d{{4}}|[{_CN}]{{4}})\s*年\s*)?(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号]"
    rf"(?:\s*{_CLOCK})?"
)
#: Relative expressions: days offset from the publication date, or "same as the last date".
RELATIVE_WORDS = (
    ("同日", "same"), ("当天", "same"), ("当日", "same"), ("同一天", "same"), ("同时", "same"),
    ("今天", 0), ("今日", 0), ("昨天", -1), ("昨日", -1), ("前天", -2), ("日前", "vague"),
    ("近日", "vague"), ("近期", "vague"), ("日前", "vague"),
)  # fmt: skip
#: Plain strings: the standard library finds the same matches (leftmost, first word listed) faster.
_RELATIVE_RE = re.compile("|".join(re.escape(w) for w, _ in RELATIVE_WORDS))
_RELATIVE = dict(RELATIVE_WORDS)
#: What a numeric date (:data:`ABSOLUTE_RE`) needs: one of its separators.  A Chinese one needs 月.
_DATE_SEPARATOR_RE = re.compile(r"[-/.]")


def _num(s: str) -> int:
    return int(s) if s.isdigit() else read_chinese_number(s.replace("〇", "零") if len(s) < 4 else s)


def parse_published(text: str) -> str | None:
    """The first absolute date (with time when given) in ``text``, as ISO 8601.

    The first full date :func:`find_dates` would give, without building every mention: a
    numeric date is taken as soon as it is valid; a Chinese date counts only when it has a
    year, ends before that numeric date (else :func:`find_dates` drops it as overlapping) and
    starts before it.
    """
    numeric_at, numeric = len(text), None
    for m in ABSOLUTE_RE.finditer(text) if _DATE_SEPARATOR_RE.search(text) else ():
        numeric = _absolute(m)[0]
        if numeric:
            numeric_at = m.start()
            break
    for m in CHINESE_DATE_RE.finditer(text) if "月" in text else ():
        if m.end() > numeric_at:
            break
        value, precision = _chinese(m, None)
        if value and precision != "month-day":
            return value
    return numeric


def find_dates(text: str, published: str | None, offset: int = 0) -> list[DateMention]:
    """Every date mention in ``text``, in order, each resolved as far as possible.

    Spans are returned without raw offsets (the caller adds them); ``offset`` is added
    to ``start``/``end`` so callers can pass a slice.
    """
    anchor = _anchor(published)
    absolute = [(m, *_absolute(m)) for m in ABSOLUTE_RE.finditer(text)]
    taken = [m.span() for m, value, _ in absolute if value]
    chinese = [(m, *_chinese(m, anchor)) for m in _clear_of(CHINESE_DATE_RE.finditer(text), taken)]
    # sorted() finds the sorted runs and merges them: linear here, as the sources are in text order
    taken = sorted(taken + [m.span() for m, _, _ in chinese])
    mentions: list[_Mention] = [
        (m.start(), m.end(), m.group(), value, precision, False) for m, value, precision in absolute if value
    ]
    mentions += [(m.start(), m.end(), m.group(), value, precision, False) for m, value, precision in chinese]
    mentions += [
        (m.start(), m.end(), m.group(), None, None, True)
        for m in _clear_of(_RELATIVE_RE.finditer(text), taken)
    ]
    mentions.sort()
    return list(_resolve_relative(mentions, anchor, offset))


_Mention = tuple[int, int, str, str | None, str | None, bool]
_M = TypeVar("_M", regex.Match[str], re.Match[str])


def _clear_of(matches: Iterable[_M], taken: list[tuple[int, int]]) -> Iterator[_M]:
    """The matches overlapping none of ``taken`` (sorted, disjoint spans).

    Matches and spans both come in text order, so one sweep decides them all:
    checking each match against every span taken so far made many dates quadratic.
    """
    i = 0
    for m in matches:
        start, end = m.span()
        while i < len(taken) and taken[i][1] <= start:
            i += 1
        if i == len(taken) or taken[i][0] >= end:
            yield m


def _resolve_relative(
    mentions: Iterable[_Mention],
    anchor: dt.date | None,
    offset: int,
) -> Iterator[DateMention]:
    last: tuple[str | None, str | None] = (None, None)
    for start, end, text, value, precision, relative in mentions:
        if relative:
            how = _RELATIVE.get(text)
            if how == "same":
                value, precision = last
            elif isinstance(how, int) and anchor is not None:
                value, precision = (anchor + dt.timedelta(days=how)).isoformat(), "day"
        elif value:
            last = (value[:10] if len(value) >= 10 else value, "day" if len(value) >= 10 else precision)
        yield DateMention(text, value, precision, relative, Span(start + offset, end + offset, -1, -1))  # type: ignore[arg-type]


def _anchor(published: str | None) -> dt.date | None:
    if not published or len(published) < 10:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


#: The groups each date pattern's matches are read by, as numbers: ``regex`` looks a name up several times slower.
_DATE_GROUPS = ("y", "m", "d", "H", "M", "S")
_ABSOLUTE_GROUPS = tuple(ABSOLUTE_RE.groupindex[g] for g in _DATE_GROUPS)
_CHINESE_GROUPS = tuple(CHINESE_DATE_RE.groupindex[g] for g in _DATE_GROUPS)


def _absolute(m: regex.Match[str]) -> tuple[str | None, str | None]:
    y, mo, d, *clock = m.group(*_ABSOLUTE_GROUPS)
    try:
        date = dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None, None
    return _with_time(date, clock)


def _with_time(date: dt.date, clock: list[str | None]) -> tuple[str, str]:
    """``date`` as ISO 8601, with the clock time (hours, minutes, seconds groups) when it is a valid one."""
    hours, minutes, seconds = clock
    if hours is None or minutes is None:
        return date.isoformat(), "day"
    hour, minute = int(hours), int(minutes)
    if hour > 23 or minute > 59:
        return date.isoformat(), "day"
    if seconds is not None and int(seconds) < 60:
        return f"{date.isoformat()}T{hour:02d}:{minute:02d}:{int(seconds):02d}", "second"
    return f"{date.isoformat()}T{hour:02d}:{minute:02d}", "minute"


def _chinese(m: regex.Match[str], anchor: dt.date | None) -> tuple[str | None, str | None]:
    y, mo, d, *clock = m.group(*_CHINESE_GROUPS)
    try:
        month, day = _num(mo), _num(d)
        year = _num(y) if y else None
    except (NumeralError, ValueError):
        return None, None
    if year is None and anchor is not None:
        year = anchor.year - 1 if month > anchor.month else anchor.year
    if year is None:
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"--{month:02d}-{day:02d}", "month-day"
        return None, None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, None
    return _with_time(date, clock) if y else (date.isoformat(), "day")
