"""The article's own metadata: headline, publication time, outlet, column."""

from __future__ import annotations

import regex

from unionnews.document import Document
from unionnews.extract.dates import parse_published
from unionnews.segment import page_title_parts

SOURCE_RE = regex.compile(
    r"(?:来源|稿源|来自|出处)\s*[:：]\s*([^\s|｜:：]{2,40}?)(?=\s|$|时间|日期|作者|编辑|[|｜])"
)
VIA_PAPER_RE = regex.compile(r"^(?:据|原载|转自|转载自)《([^》]{2,20})》")
REPRINT_RE = regex.compile(r"^转载请注明\s*[:：]\s*(\S.*?)\s*[\ufffd»>›|｜]\s*(\S.+)$")
#: ``标题：…``: a label some pages put before the headline.
TITLE_LABEL_RE = regex.compile(r"^(?:标题|题目|主题)\s*[:：]\s*")
PAPER_IN_SOURCE_RE = regex.compile(r"《([^》]{2,20})》")
_SOURCE_TAIL_RE = regex.compile(r"[—\-－]{1,2}|《")
COLUMN_SEPARATORS = "|｜"


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


def _title(document: Document) -> tuple[str | None, str | None]:
    for _, line in document.lines_of("headline"):
        return _split_column(TITLE_LABEL_RE.sub("", line.text) or line.text)
    for _, line in document.lines_of("credit", "furniture"):
        m = REPRINT_RE.match(line.text)
        if m:
            return _split_column(m.group(2).strip())
    return None, None


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
    for _, line in document.lines_of("dateline", "credit", "headline", "dek", "byline"):
        value = parse_published(line.text)
        if value:
            return value
    return None


def _source(document: Document) -> tuple[str | None, str | None]:
    source: str | None = None
    newspaper: str | None = None
    for _, line in document.lines_of("credit", "dateline", "byline"):
        m = SOURCE_RE.search(line.text)
        if m:
            value = m.group(1).strip("，。,")
            paper = PAPER_IN_SOURCE_RE.search(value)
            head = _SOURCE_TAIL_RE.split(value)[0].strip()
            return (head or value), (paper.group(1) if paper else None)
        m = VIA_PAPER_RE.match(line.text)
        if m and source is None:
            source = newspaper = m.group(1)
    if source is None:
        for _, line in document.lines_of("credit", "furniture"):
            m = REPRINT_RE.match(line.text)
            if m:
                source = m.group(1).strip()
                break
    return source, newspaper
