"""The article's own metadata: headline, publication time, outlet, column."""

from __future__ import annotations

import itertools

import regex

from unionnews.document import Document
from unionnews.extract.dates import parse_published
from unionnews.layout_rules import IMAGE_MARKERS, SELF_OUTLETS
from unionnews.segment import (
    EPAPER_LINE_RE,
    OUTLET_ALT,
    OUTLET_GUARD,
    TITLE_LABEL_RE,
    WEEKDAY_RE,
    Line,
    is_prose,
    page_title_parts,
    plain_strings,
    starts_with_date,
)

SOURCE_RE = regex.compile(
    r"(?:来源|稿源|来自|出处)\s*[:：]\s*([^\s|｜:：【】\[\]]{2,40}?)(?=\s|$|时间|日期|作者|编辑|[|｜【】\[\]])"
)
VIA_PAPER_RE = regex.compile(r"^[（(]?(?:据|原载|转自|转载自)\s*《([^》]{2,20})》")
#: ``转载请注明：<source> » <title>``: the separators that end the source.
REPRINT_PREFIX_RE = regex.compile(r"^转载请注明\s*[:：]\s*")
REPRINT_SEPARATOR_RE = regex.compile(r"[\ufffd»>›|｜]")
PAPER_IN_SOURCE_RE = regex.compile(r"《([^》]{2,20})》")
_SOURCE_TAIL_RE = regex.compile(r"[—\-－]{1,2}|《")
COLUMN_SEPARATORS = "|｜"

#: The dateline a story opens with: ``湖北日报讯``, ``新华社北京12月30日电``, ``央广网天津5月19日消息``,
#: ``某日报（某网）消息``, ``长春日报9月1日讯``; the outlet is the shortest name with an outlet ending.
DATELINE_OUTLET_RE = regex.compile(
    rf"^据?(?P<outlet>[^\s\d，。、（()）“”《》:：]{{1,16}}?{OUTLET_GUARD}(?:{OUTLET_ALT}))"
    r"(?:[（(][^（()）]{1,12}[)）])?\s*"
    r"(?:[^\s\d，。（(]{0,8}?\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*(?:讯|电|消息)"
)
#: ``《某日报》记者…``, ``《某日报》讯``: a story opening with its paper's name.
PAPER_OPENING_RE = regex.compile(r"^《(?P<outlet>[^》]{2,20})》\s*(?:记者|讯|\d{1,2}月)")
#: ``据某市总工会官方微博消息``, also in a closing ``（据…消息 …）``.
VIA_MESSAGE_RE = regex.compile(r"^[（(]?据(?P<outlet>[^\s，。、“”（()）]{2,24}?)消息")
# What the anchored openings need, checked first (most paragraphs have neither):
#: the starts VIA_MESSAGE_RE matches, and a word DATELINE_OUTLET_RE ends with (plain strings).
VIA_STARTS = ("据", "（据", "(据")
_DATELINE_WORD_RE = plain_strings(("讯", "电", "消息"))
#: Body paragraphs searched for an opening dateline.
OPENING_PARAGRAPHS = 5
#: Last lines searched for a publication date when the page header has none.
CLOSING_LINES = 6
#: Length of a closing line that starts with a date and is still a date line.
_CLOSING_DATE_MAX = 200


def extract_metadata(document: Document) -> dict[str, str | None]:
    """Title, published, source, newspaper and column read from the classified lines."""
    title, column = _title(document)
    source, newspaper = _source(document)
    return {
        "title": title,
        "column": column,
        "published": _published(document),
        "source": source,
        "newspaper": newspaper,
    }


def clean_title(line: str) -> str:
    """A headline without its label (``原标题：``) or image marker (``[图]``)."""
    title = TITLE_LABEL_RE.sub("", line) or line
    for marker in IMAGE_MARKERS:
        title = title.replace(marker, "")
    return title.strip() or line


def _title(document: Document) -> tuple[str | None, str | None]:
    for _, line in document.lines_of("headline"):
        return _split_column(clean_title(line.text))
    for _, line in document.lines_of("credit", "furniture"):
        reprint = split_reprint(line.text)
        if reprint:
            return _split_column(reprint[1])
    return None, None


def split_reprint(line: str) -> tuple[str, str] | None:
    """``转载请注明：<source> » <title>`` as ``(source, title)``; one scan, whatever the spacing."""
    m = REPRINT_PREFIX_RE.match(line)
    if not m:
        return None
    sep = REPRINT_SEPARATOR_RE.search(line, m.end())
    if not sep:
        return None
    source, title = line[m.end() : sep.start()].strip(), line[sep.end() :].strip()
    return (source, title) if source and title else None


def _split_column(title: str) -> tuple[str, str | None]:
    """``专栏|标题`` keeps the whole line as title and reports the column apart."""
    for sep in COLUMN_SEPARATORS:
        if sep in title:
            column, _, rest = title.partition(sep)
            if 2 <= len(column) <= 20 and rest.strip():
                return title, column.strip()
    parts = page_title_parts(title)
    if parts:
        return parts[0], None
    return title, None


def _published(document: Document) -> str | None:
    """The first date in the header; one above the headline or a "today" header only as fallback."""
    headline = next((i for i, _ in document.lines_of("headline")), -1)
    deferred: list[str] = []
    for i, line in document.lines_of("dateline", "credit", "headline", "dek", "byline"):
        value = parse_published(line.text)
        if not value:
            continue
        if i < headline or _is_today_header(line.text):
            deferred.append(value)
            continue
        return value
    if deferred:
        return deferred[0]
    return _closing_date(document.lines)


def _is_today_header(line: str) -> bool:
    """``2024年06月01日 星期六``: a site's date of the visit, not of the story."""
    return bool(WEEKDAY_RE.search(line)) and starts_with_date(line)


def _closing_date(lines: tuple[Line, ...]) -> str | None:
    """A line that starts with a date among the last lines: a signature or an e-paper footer."""
    for line in reversed(lines[-CLOSING_LINES:]):
        text = line.text
        if len(text) <= _CLOSING_DATE_MAX and starts_with_date(text) and not is_prose(text):
            value = parse_published(text[:40])
            if value:
                return value
    return None


def _source(document: Document) -> tuple[str | None, str | None]:
    """The credited outlet (来源/据/原载/转载自), else the outlet of the opening dateline."""
    credited = _credited_source(document)
    if credited is not None:
        return credited
    for _, line in itertools.islice(document.lines_of("body"), OPENING_PARAGRAPHS):
        outlet = opening_outlet(line.text)
        if outlet:
            return outlet, None
    for _, line in document.lines_of("body", "byline", "credit"):
        m = VIA_MESSAGE_RE.match(line.text) if line.text.startswith(VIA_STARTS) else None
        if m and not _is_self(m.group("outlet")):
            return m.group("outlet"), None
    return None, None


def _credited_source(document: Document) -> tuple[str | None, str | None] | None:
    source: str | None = None
    newspaper: str | None = None
    for _, line in document.lines_of("credit", "dateline", "byline", "dek"):
        m = SOURCE_RE.search(line.text)
        if m:
            value = m.group(1).strip("，。,")
            paper = PAPER_IN_SOURCE_RE.search(value)
            head = _SOURCE_TAIL_RE.split(value)[0].strip() or value
            if not _is_self(head):
                return head, (paper.group(1) if paper else None)
            continue
        m = VIA_PAPER_RE.match(line.text) or EPAPER_LINE_RE.match(line.text)
        if m and source is None:
            source = newspaper = m.group(1)
    if source is None:
        for _, line in document.lines_of("credit", "furniture"):
            reprint = split_reprint(line.text)
            if reprint:
                source = reprint[0]
                break
    return (source, newspaper) if source else None


def opening_outlet(paragraph: str) -> str | None:
    """The outlet named by a paragraph's opening dateline (``湖北日报讯`` -> 湖北日报), if any."""
    m = (VIA_MESSAGE_RE.match(paragraph) if paragraph.startswith(VIA_STARTS) else None) or (
        DATELINE_OUTLET_RE.match(paragraph) if _DATELINE_WORD_RE.search(paragraph) else None
    )
    m = m or (PAPER_OPENING_RE.match(paragraph) if paragraph.startswith("《") else None)
    if m and not _is_self(m.group("outlet")):
        return str(m.group("outlet"))
    return None


def _is_self(outlet: str) -> bool:
    """``本报``, ``本站``: the page naming itself, which is no outlet."""
    return outlet.startswith(SELF_OUTLETS)
