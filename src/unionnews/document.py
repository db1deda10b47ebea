"""What extractors read: the article text, its classified lines, and the lexicon."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import attrs

from unionnews.lexicon import Lexicon
from unionnews.models import DateMention
from unionnews.segment import Line

#: Plain character classes: the standard library finds the same sentences faster than ``regex``.
SENTENCE_END_RE = re.compile(r"[^。！？；\n]*[。！？；]?")


@attrs.frozen(slots=True)
class Sentence:
    """``text[start:end]`` of the document, inside line ``line`` (an index)."""

    start: int
    end: int
    text: str
    line: int


@attrs.frozen(slots=True)
class Document:
    """A segmented article as extractors see it.

    ``text`` is ``Article.text`` (furniture removed); every offset an extractor
    reports is into it.  ``published`` and ``dates`` are filled in before the
    event hooks run, so event extractors can resolve dates.
    """

    text: str
    lines: tuple[Line, ...]
    lexicon: Lexicon
    published: str | None = None
    dates: tuple[DateMention, ...] = ()
    _sentences: dict[tuple[str, ...], tuple[Sentence, ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    _kinds: dict[tuple[str, ...], tuple[tuple[int, Line], ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def lines_of(self, *kinds: str) -> Iterator[tuple[int, Line]]:
        """The lines of the given kinds with their index, in order.

        Picked out once per document and kinds: every extractor asks for the same few sets.
        """
        found = self._kinds.get(kinds)
        if found is None:
            found = self._kinds[kinds] = tuple(
                [(i, line) for i, line in enumerate(self.lines) if line.kind in kinds]
            )
        return iter(found)

    def sentences(self, *kinds: str) -> Iterator[Sentence]:
        """Sentences of the lines of the given kinds (all body-like lines by default).

        Split once per document and kinds: several extractors read the same sentences.
        """
        kinds = kinds or ("body",)
        found = self._sentences.get(kinds)
        if found is None:
            found = self._sentences[kinds] = self._split(kinds)
        return iter(found)

    def _split(self, kinds: tuple[str, ...]) -> tuple[Sentence, ...]:
        out = []
        for i, line in self.lines_of(*kinds):
            for start, end, text in _pieces(line.text, line.start):
                if text.strip():
                    out.append(Sentence(start, end, text, i))
        return tuple(out)

    _date_index: tuple[list[int], list[int]] | None = attrs.field(
        init=False, default=None, eq=False, repr=False
    )

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """The dates whose evidence starts in ``[start, end)``, in ``dates`` order (a bisect, not a scan).

        The index is built on the first call: most documents of a parse are never asked.
        """
        index = self._date_index
        if index is None:
            index = _index_dates(self.dates)
            object.__setattr__(self, "_date_index", index)
        starts, order = index
        found = order[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        return [self.dates[i] for i in sorted(found)]

    def dated(self, published: str | None, dates: tuple[DateMention, ...] = ()) -> Document:
        """This document with ``published`` and ``dates`` set, sharing the lines and sentences picked out so far.

        Same text, same lines: what the earlier hooks split is valid for the later ones.
        """
        new = Document(self.text, self.lines, self.lexicon, published, dates)
        object.__setattr__(new, "_sentences", self._sentences)
        object.__setattr__(new, "_kinds", self._kinds)
        return new


def _pieces(text: str, base: int) -> Iterator[tuple[int, int, str]]:
    """The matches of :data:`SENTENCE_END_RE` in ``text`` as ``(base + start, base + end, piece)``.

    In text without a newline (every line a page is split into) the matches tile it end
    to end, the only empty one at its end: each starts where the one before ended, so
    ``findall`` gives them without a match object each.
    """
    if "\n" in text:
        for m in SENTENCE_END_RE.finditer(text):
            yield base + m.start(), base + m.end(), m.group()
        return
    start = base
    for piece in SENTENCE_END_RE.findall(text):
        end = start + len(piece)
        yield start, end, piece
        start = end


def _index_dates(dates: tuple[DateMention, ...]) -> tuple[list[int], list[int]]:
    """Evidence starts in ascending order, and the index in ``dates`` of each: dateless mentions left out."""
    pairs = sorted((d.evidence.start, i) for i, d in enumerate(dates) if d.evidence is not None)
    return [s for s, _ in pairs], [i for _, i in pairs]
