"""What extractors read: the article text, its classified lines, and the lexicon."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import regex

from unionnews.lexicon import Lexicon
from unionnews.models import DateMention
from unionnews.segment import Line

SENTENCE_END_RE = regex.compile(r"[^。！？；\n]*[。！？；]?")


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

    def lines_of(self, *kinds: str) -> Iterator[tuple[int, Line]]:
        for i, line in enumerate(self.lines):
            if line.kind in kinds:
                yield i, line

    def sentences(self, *kinds: str) -> Iterator[Sentence]:
        """Sentences of the lines of the given kinds (all body-like lines by default).

        Split once per document and kinds: several extractors read the same sentences.
        """
        kinds = kinds or ("body",)
        found = self._sentences.get(kinds)
        if found is None:
            found = self._sentences[kinds] = tuple(self._split(kinds))
        return iter(found)

    def _split(self, kinds: tuple[str, ...]) -> Iterator[Sentence]:
        for i, line in self.lines_of(*kinds):
            for m in SENTENCE_END_RE.finditer(line.text):
                if m.group().strip():
                    yield Sentence(line.start + m.start(), line.start + m.end(), m.group(), i)

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        return [d for d in self.dates if d.evidence is not None and start <= d.evidence.start < end]
