"""Repair from siblings: fill what one copy lost from the other copies of its group.

A copy is aligned with each sibling on the normalized text: characters (k-grams)
that occur once in both texts anchor the alignment, the longest run of anchors in
the same order is kept, and each anchor is extended to a maximal exact match, so
the work is linear in the texts.  Between two matches, a gap that is only
lost-character marks in the copy (``\ufffd``, and the ``?`` a lost lead byte leaves
beside it, or an annotation whose character was lost) is filled with the
sibling's characters there; a short stretch of unread mojibake holding a mark,
as long as the sibling's text there, is replaced whole; a copy that stops
mid-sentence where the sibling goes on gets the rest of that paragraph.  A fill is made
only where every sibling that covers the spot proposes the same characters, and
each becomes a :class:`~unionnews.models.Repair` of kind ``from-sibling`` naming
the siblings; the offset map is composed like any other normalization step's, so
every character still maps to its raw span.
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence

import attrs
import regex

from unionnews.models import Repair
from unionnews.normalize.fix import Fix, apply_fixes
from unionnews.normalize.mojibake.common import encode_with_lost_marks
from unionnews.normalize.pipeline import NormalizedText

#: Characters per alignment anchor.
ANCHOR = 6
#: Marks a lost character leaves in normalized text.
MARKS = frozenset("\ufffd?")
#: A mark run may stand for at most this many characters per mark (a collapsed run of lost bytes).
MAX_FILL_PER_MARK = 4
#: Characters that end a sentence: a copy ending on one is complete, not cut.
SENTENCE_END = frozenset("。！？!?…”』」）)")
KIND = "from-sibling"
#: Confidence of a fill that replaced unreadable text, not marks alone.
GARBLED_CONFIDENCE = 0.8
#: Siblings a copy is aligned with in :func:`repair_group` (enough to agree, few enough to stay linear).
MAX_SIBLINGS = 8
#: Longest gap between matches searched for mark runs.
MAX_GAP = 64
#: A lost character as normalization leaves it: a mark, maybe with the annotation it orphaned.
_MARK = r"[\ufffd?](?:\([a-z\u00e0-\u01dc]{1,7}\))?"
_MARK_RUNS = regex.compile(f"((?:{_MARK})+)")
_ALL_MARKS = regex.compile(f"(?:{_MARK})+")
#: Codecs that read UTF-8 into unread mojibake, and how many bytes its length may be off.
MISREAD_CODECS = ("big5", "gb18030")
BYTE_SLACK = 2
#: What a sibling's own unread mojibake shows: a garbled fill holding one is not taken.
_SUSPECT = regex.compile(r"[\ufffd?？A-Za-z]")


@attrs.frozen(slots=True)
class Sibling:
    """Another copy of the same article: its id (``origin``) and normalized text (``Article.text``)."""

    article_id: str
    text: str


@attrs.frozen(slots=True)
class Run:
    """``a[a_start:a_start+length] == b[b_start:b_start+length]``: an exact match of two copies."""

    a_start: int
    b_start: int
    length: int


@attrs.frozen(slots=True)
class Proposal:
    """Replace ``text[start:end]`` (marks, or the empty end of a cut copy) by ``fill``, per one sibling.

    ``source`` is where ``fill`` starts in the sibling's text.
    """

    start: int
    end: int
    fill: str
    source: int = 0
    truncated: bool = False
    garbled: bool = False


def matched_runs(a: str, b: str, k: int = ANCHOR) -> list[Run]:
    """Maximal exact matches of ``a`` and ``b``, in order on both sides.

    Anchors are ``k``-grams unique in both texts; the longest increasing chain of
    them (patience alignment) keeps the two texts' order; each anchor grows to a
    maximal match.  Linear but for the ``n log n`` chain.
    """
    unique_b = _unique_grams(b, k)
    unique_a = _unique_grams(a, k)
    anchors = [(i, unique_b[g]) for g, i in unique_a.items() if g in unique_b]
    anchors.sort()
    chain = _longest_chain(anchors)
    runs: list[Run] = []
    a_done = b_done = 0
    for i, j in chain:
        if i < a_done or j < b_done:
            continue
        while i > a_done and j > b_done and a[i - 1] == b[j - 1]:
            i -= 1
            j -= 1
        n = 0
        while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
            n += 1
        if n:
            runs.append(Run(i, j, n))
            a_done, b_done = i + n, j + n
    return runs


def _unique_grams(text: str, k: int) -> dict[str, int]:
    """Each ``k``-gram that occurs once in ``text`` (and holds no mark), with its position."""
    seen: dict[str, int] = {}
    for i in range(len(text) - k + 1):
        gram = text[i : i + k]
        seen[gram] = -1 if gram in seen else i
    return {g: i for g, i in seen.items() if i >= 0 and not MARKS.intersection(g)}


def _longest_chain(anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of anchors increasing on both sides (anchors sorted on the first)."""
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = []
    for n, (_, j) in enumerate(anchors):
        pos = bisect_left(tails, j)
        back.append(tail_at[pos - 1] if pos else -1)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[pos] = j
            tail_at[pos] = n
    out = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(anchors[n])
        n = back[n]
    return out[::-1]


def proposals(text: str, sibling: str, raw_of: Callable[[int, int], str] | None = None) -> list[Proposal]:
    """What ``sibling`` can fill in ``text``: mark-only gaps between matches, and a cut ending.

    ``raw_of(start, end)`` is the raw text ``text[start:end]`` was normalized from
    (by default the text itself): unread mojibake is measured in its raw bytes.
    """
    raw_of = raw_of or functools.partial(_slice, text)
    runs = matched_runs(text, sibling)
    out: list[Proposal] = []
    for prev, nxt in zip([Run(0, 0, 0), *runs], runs, strict=False):
        a0, a1 = prev.a_start + prev.length, nxt.a_start
        b0, b1 = prev.b_start + prev.length, nxt.b_start
        out += _gap_proposals(text[a0:a1], sibling[b0:b1], a0, b0, functools.partial(raw_of, a0, a1))
    if runs:
        out += _ending(text, sibling, runs[-1])
    return out


def _slice(text: str, start: int, end: int) -> str:
    return text[start:end]


def _gap_proposals(gap: str, fill: str, at: int, source: int, raw: Callable[[], str]) -> list[Proposal]:
    """Fills for the mark runs of a short gap whose other characters the sibling has, in order.

    Marks a few characters apart leave no anchor between them, so the gap holds
    marks and intact characters (``\ufffd会\ufffd`` against ``总会议``): the intact
    pieces are found in order in the sibling's gap, the marks take what lies between.
    """
    if "\ufffd" not in gap or len(gap) > MAX_GAP:
        return []
    whole = [Proposal(at, at + len(gap), fill, source, garbled=True)] if _garbled(gap, fill, raw) else []
    pieces = _MARK_RUNS.split(gap)
    out: list[Proposal] = []
    pos_gap = pos_fill = 0
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            found = fill.find(piece, pos_fill) if piece else pos_fill
            if n == len(pieces) - 1 and piece:
                found = len(fill) - len(piece) if fill.endswith(piece) else -1
            elif n == len(pieces) - 1:
                found = len(fill)
            if found < 0 or (n == 0 and found != 0):
                return whole
            if n:
                marks, taken = pieces[n - 1], fill[pos_fill:found]
                if not _fillable(marks, taken):
                    return whole
                out.append(Proposal(at + pos_gap - len(marks), at + pos_gap, taken, source + pos_fill))
            pos_gap += len(piece)
            pos_fill = found + len(piece)
        else:
            pos_gap += len(piece)
    return out


def _fillable(gap: str, fill: str) -> bool:
    """A run of marks (one ``\ufffd`` at least) that the sibling holds as a few unmarked characters."""
    return (
        "\ufffd" in gap
        and _ALL_MARKS.fullmatch(gap) is not None
        and 0 < len(fill) <= MAX_FILL_PER_MARK * (gap.count("\ufffd") + gap.count("?"))
        and not MARKS.intersection(fill)
        and "\n" not in fill
    )


def _garbled(gap: str, fill: str, raw: Callable[[], str]) -> bool:
    """Mojibake the normalizer could not read, with a lost byte in it: as long as the sibling's text there.

    Between two exact matches, a short stretch holding a lost mark and about as
    many characters as the sibling has there is the same text garbled, not an edit;
    unless the sibling's text there looks garbled too (a stray ``？`` or Latin letter).
    Length is counted in characters or, for UTF-8 read as Big5 or GBK (two or three
    characters for every two the sibling has), in the bytes of the raw stretch.
    """
    return (
        "\ufffd" in gap
        and len(gap) <= MAX_GAP // 2
        and _SUSPECT.search(fill) is None
        and "\n" not in gap + fill
        and (abs(len(gap) - len(fill)) <= max(2, len(gap) // 4) or _as_many_bytes(raw(), fill))
    )


def _as_many_bytes(raw: str, fill: str) -> bool:
    """``raw``, encoded as a CJK codec read it (a lost mark one byte), is as long as ``fill`` in UTF-8."""
    target = len(fill.encode("utf-8"))
    for codec in MISREAD_CODECS:
        encoded = encode_with_lost_marks(raw, codec)
        if encoded is not None and abs(len(encoded) - target) <= BYTE_SLACK:
            return True
    return False


def _ending(text: str, sibling: str, last: Run) -> list[Proposal]:
    """The rest of the cut paragraph, when ``text`` stops mid-sentence (bar marks and spaces) where the sibling goes on.

    Only the cut paragraph is completed: a sibling's later lines may be page
    furniture its own parse missed, and a copy may drop paragraphs on purpose.
    """
    a_end, b_end = last.a_start + last.length, last.b_start + last.length
    rest = text[a_end:]
    line_end = rest.find("\n")
    cut_line = rest if line_end < 0 else rest[:line_end]
    if any(c not in MARKS and not c.isspace() for c in cut_line):
        return []
    kept = text[:a_end].rstrip()
    tail = sibling[b_end:].rstrip()
    tail = tail.split("\n", 1)[0]
    end = a_end + len(cut_line.rstrip())
    if not kept or kept[-1] in SENTENCE_END or not tail or tail[0].isspace():
        return []
    if MARKS.intersection(tail):
        tail = tail[: min(tail.find(m) for m in MARKS if m in tail)]
    return [Proposal(a_end, end, tail, b_end, truncated=True)] if tail else []


def agreed(per_sibling: Sequence[tuple[str, list[Proposal]]]) -> list[tuple[Proposal, tuple[str, ...]]]:
    """Fills every sibling that proposes one agrees on, each with the ids of the siblings behind it.

    For a cut ending the siblings must agree on their common part, which is what is
    kept: one sibling cut shorter does not block the others.
    """
    by_span: dict[tuple[int, int], list[tuple[str, Proposal]]] = {}
    for sibling_id, props in per_sibling:
        for p in props:
            by_span.setdefault((p.start, p.end), []).append((sibling_id, p))
    out = []
    for (_, _), offers in sorted(by_span.items()):
        fills = [p.fill for _, p in offers]
        if offers[0][1].truncated:
            longest = max(fills, key=len)
            if not all(longest.startswith(f) for f in fills):
                continue
            fill = longest
            ids = tuple(sid for sid, p in offers if p.fill == longest)
        elif len(set(fills)) == 1:
            fill = fills[0]
            ids = tuple(sid for sid, _ in offers)
        else:
            continue
        out.append((attrs.evolve(offers[0][1], fill=fill), ids))
    return _non_overlapping(out)


def _non_overlapping(
    fills: list[tuple[Proposal, tuple[str, ...]]],
) -> list[tuple[Proposal, tuple[str, ...]]]:
    """Sorted fills, dropping any that overlaps an earlier one (two siblings aligned differently)."""
    out: list[tuple[Proposal, tuple[str, ...]]] = []
    for p, ids in fills:
        if out and p.start < out[-1][0].end:
            continue
        out.append((p, ids))
    return out


def agreed_fills(norm: NormalizedText, siblings: Sequence[Sibling]) -> list[tuple[Proposal, tuple[str, ...]]]:
    """What ``siblings`` agree to fill in ``norm`` (:func:`agreed` over each one's :func:`proposals`)."""
    raw_of = functools.partial(_raw_of, norm)
    return agreed([(s.article_id, proposals(norm.text, s.text, raw_of)) for s in siblings])


def repair_from_siblings(norm: NormalizedText, siblings: Sequence[Sibling]) -> NormalizedText:
    """``norm`` with what it lost filled from ``siblings`` where they agree, as ``from-sibling`` repairs.

    The result can be given to :func:`unionnews.parse` like any normalized text;
    its offset map is ``norm``'s composed with the fills (a filled mark maps to the
    raw span the mark came from, an ending to the end of the raw text).
    """
    fills = agreed_fills(norm, siblings)
    if not fills:
        return norm
    fixes = [
        Fix(p.start, p.end, p.fill, KIND, GARBLED_CONFIDENCE if p.garbled else 1.0, 0, _note(p, ids))
        for p, ids in fills
    ]
    new_text = apply_fixes(norm.text, fixes)
    spans = norm.offsets.raw_spans(fixes)
    repairs = [
        Repair(KIND, raw_start, raw_end, norm.text[f.start : f.end], f.replacement, f.confidence, 0, f.note)
        for f, (raw_start, raw_end) in zip(fixes, spans, strict=True)
    ]
    offsets = norm.offsets.then(fixes, len(new_text), spans)
    return attrs.evolve(norm, text=new_text, repairs=(*norm.repairs, *repairs), offsets=offsets)


def repair_group(norms: Mapping[str, NormalizedText], texts: Mapping[str, str]) -> dict[str, NormalizedText]:
    """Each copy of one group repaired from all the others; only the copies something was filled in.

    ``norms`` are the copies' normalized texts, ``texts`` what each offers its
    siblings (``Article.text``: furniture dropped, so no footer is ever filled in),
    best first: each copy is aligned with the first :data:`MAX_SIBLINGS` others,
    so a group of a thousand copies costs a thousand times a few alignments.
    """
    out = {}
    for article_id, norm in norms.items():
        others = ((other, text) for other, text in texts.items() if other != article_id)
        siblings = [Sibling(other, text) for other, text in itertools.islice(others, MAX_SIBLINGS)]
        repaired = repair_from_siblings(norm, siblings)
        if repaired is not norm:
            out[article_id] = repaired
    return out


def _raw_of(norm: NormalizedText, start: int, end: int) -> str:
    raw_start, raw_end = norm.raw_span(start, end)
    return norm.raw[raw_start:raw_end]


def _note(proposal: Proposal, ids: Sequence[str]) -> str:
    """The repair's note: which siblings the fill came from (and what it filled when not marks alone)."""
    what = "cut ending; " if proposal.truncated else "garbled text; " if proposal.garbled else ""
    return what + "siblings: " + ", ".join(ids)


def lost_count(text: str) -> int:
    """Lost-character marks in a normalized text."""
    return text.count("\ufffd")
