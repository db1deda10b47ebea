"""Henan rules for unionnews: brand names and the 河南省总 abbreviation."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from importlib.resources import files

import regex

from unionnews.document import Document
from unionnews.hookspecs import hookimpl
from unionnews.models import Event, Initiative, Span


@functools.cache
def _words(name: str) -> tuple[str, ...]:
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tuple(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


ABBREVIATION_RE = regex.compile(r"(河南省总|[\p{Han}]{2,3}市总)(?!工会)")


class HenanPlugin:
    """Adds Henan's union brands and reads ``河南省总`` as 河南省总工会 for initiatives."""

    @hookimpl
    def unionnews_lexicon(self) -> Mapping[str, Sequence[str]]:
        return {"initiative": _words("initiatives.txt"), "organization": _words("organizations.txt")}

    @hookimpl
    def unionnews_extract_initiatives(self, document: Document) -> Sequence[Event]:
        """Unquoted ``河南省总…打造X`` brands: name the organisation in full."""
        out: list[Event] = []
        for name in document.lexicon.get("initiative"):
            i = document.text.find(name)
            if i < 0 or name not in _words("initiatives.txt"):
                continue
            line_start = document.text.rfind("\n", 0, i) + 1
            m = ABBREVIATION_RE.search(document.text, line_start, i)
            org = (m.group(1) + "工会") if m else None
            out.append(Initiative(name, "品牌", org, Span(i, i + len(name), -1, -1), "henan", 0.8))
        return out


plugin = HenanPlugin()
