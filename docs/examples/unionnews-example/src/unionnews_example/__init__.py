"""An example unionnews plugin: local brand names, and unquoted ``…服务站`` programs."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from importlib.resources import files

import regex

from unionnews.document import Document
from unionnews.hookspecs import hookimpl
from unionnews.models import Event, Initiative, Span

#: ``示例市总工会职工服务站``: an organisation, then a service-station program.
STATION_RE = regex.compile(r"(\p{Han}{2,10}?总工会)(\p{Han}{2,8}服务站)")


@functools.cache
def _words(name: str) -> tuple[str, ...]:
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tuple(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


class ExamplePlugin:
    @hookimpl
    def unionnews_lexicon(self) -> Mapping[str, Sequence[str]]:
        return {"initiative": _words("brands.txt")}

    @hookimpl
    def unionnews_extract_initiatives(self, document: Document) -> Sequence[Event]:
        return [
            Initiative(m.group(2), "服务站", m.group(1), Span(m.start(2), m.end(2), -1, -1), "example", 0.6)
            for m in STATION_RE.finditer(document.text)
        ]


plugin = ExamplePlugin()
