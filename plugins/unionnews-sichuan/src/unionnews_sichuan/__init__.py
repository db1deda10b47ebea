"""Sichuan (Chengdu) rules for unionnews: districts as section heads, lecture brands."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from importlib.resources import files

import regex

from unionnews.document import Document
from unionnews.hookspecs import hookimpl
from unionnews.models import Event, Initiative, Span


@functools.cache
def _districts() -> tuple[str, ...]:
    text = files(__package__).joinpath("districts.txt").read_text(encoding="utf-8")
    return tuple(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


#: ``X工讲堂``: Chengdu county unions name their lecture series after the place (堰工, 金工).
LECTURE_RE = regex.compile(r"(?<![“\p{Han}])([\p{Han}]{1,2}工讲堂)")


class SichuanPlugin:
    """Adds Chengdu districts and lecture brands, and finds unquoted ``X工讲堂`` series."""

    @hookimpl
    def unionnews_lexicon(self) -> Mapping[str, Sequence[str]]:
        return {"region": _districts(), "initiative": ("堰工讲堂", "金工讲堂", "1+3+18+N")}

    @hookimpl
    def unionnews_extract_initiatives(self, document: Document) -> Sequence[Event]:
        return [
            Initiative(m.group(1), "讲堂", None, Span(m.start(1), m.end(1), -1, -1), "sichuan", 0.7)
            for m in LECTURE_RE.finditer(document.text)
        ]


plugin = SichuanPlugin()
