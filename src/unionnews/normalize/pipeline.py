"""The normalization pipeline: raw ``str | bytes`` -> :class:`NormalizedText`.

The pipeline is a tuple of named steps (:data:`DEFAULT_STEPS`).  Each step is a
pure function ``text -> list[Fix]``; the pipeline applies the fixes, records each as
a :class:`~unionnews.models.Repair` against the raw input, and keeps an offset map
so that any span of the output can be traced back (:meth:`NormalizedText.raw_span`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from unionnews.errors import InputError
from unionnews.models import Repair, Script
from unionnews.normalize.decode import decode_bytes, scrub_surrogates
from unionnews.normalize.fix import Deletions, Fix, apply_fixes, delete_spans
from unionnews.normalize.insertions import strip_symbol_insertions
from unionnews.normalize.layout import normalize_line_endings, normalize_spaces, remove_zero_width
from unionnews.normalize.mojibake import find_mojibake, find_mojibake_after_widening
from unionnews.normalize.offsets import OffsetMap
from unionnews.normalize.pinyin import strip_pinyin
from unionnews.normalize.script import convert_to_simplified, detect_script, has_hanzi, to_simplified
from unionnews.normalize.width import mark_lost_symbols, widen_cjk_punctuation

#: A step: the fixes it proposes for a text, or one batch of deletions of one kind.
Step = Callable[[str], Sequence[Fix] | Deletions]


@attrs.frozen(slots=True)
class NamedStep:
    """A normalization step and the name used to refer to it (``skip=``)."""

    name: str
    run: Step
    summarize: bool = False


DEFAULT_STEPS: tuple[NamedStep, ...] = (
    NamedStep("line-endings", normalize_line_endings, summarize=True),
    NamedStep("zero-width", remove_zero_width, summarize=True),
    NamedStep("mojibake", find_mojibake),
    NamedStep("spaces", normalize_spaces, summarize=True),
    NamedStep("pinyin", strip_pinyin),
    NamedStep("insertions", strip_symbol_insertions),
    NamedStep("script", convert_to_simplified, summarize=True),
    NamedStep("lost-symbols", mark_lost_symbols),
    NamedStep("width", widen_cjk_punctuation, summarize=True),
)
STEP_NAMES = tuple(s.name for s in DEFAULT_STEPS)


@attrs.frozen(slots=True)
class NormalizedText:
    """Clean simplified text, the raw text it came from, and how they correspond.

    For bytes input ``raw`` is the decoded input and offsets count its characters.
    """

    text: str
    raw: str
    repairs: tuple[Repair, ...]
    script: Script
    encoding: str | None
    offsets: OffsetMap = attrs.field(repr=False, eq=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``raw`` that ``text[start:end]`` was made from."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside 0:{len(self.text)}")
        return self.offsets.raw_span(start, end)


def run_pipeline(
    raw: str | bytes,
    *,
    convert_script: bool = True,
    skip: Sequence[str] = (),
    always_recheck: bool = False,
) -> NormalizedText:
    """The body of :func:`unionnews.normalize` (see there).

    ``always_recheck`` looks for leftover mojibake after every round even when
    :func:`_settled` says it cannot be there: the slow path tests compare with.
    """
    unknown = set(skip) - set(STEP_NAMES) if skip else ()
    if unknown:
        raise ValueError(f"unknown normalization steps {sorted(unknown)}; known: {STEP_NAMES}")
    repairs: list[Repair] = []
    encoding: str | None = None
    if isinstance(raw, bytes | bytearray | memoryview):
        decoded = decode_bytes(bytes(raw))
        text, encoding = decoded.text, decoded.encoding
        repairs.extend(_repair(f, f.start, f.end, text) for f in decoded.fixes)
    elif isinstance(raw, str):
        scrubbed = scrub_surrogates(raw)
        text = scrubbed.text
        repairs.extend(_repair(f, f.start, f.end, text) for f in scrubbed.fixes)
    else:
        raise InputError(f"normalize() takes str or bytes, not {type(raw).__name__}")
    raw_text = text
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    progress = _Progress(text, OffsetMap.identity(len(text)), repairs)
    script = _run_steps(progress, convert_script=convert_script, skip=skip)
    for _ in range(MAX_EXTRA_ROUNDS):
        if "mojibake" in skip or (_settled(progress) and not always_recheck):
            break
        if not always_recheck and _only_widened(progress) and not _may_find_after_widening(progress):
            break
        leftover = find_mojibake(progress.text, progress.failed_clusters)
        if not leftover:
            break
        _run_steps(progress, convert_script=convert_script, skip=skip, mojibake=leftover)
    return NormalizedText(
        progress.text, raw_text, tuple(progress.repairs), script, encoding, progress.offsets
    )


#: Rounds run again when the output still holds mojibake a fresh pass would repair
#: (a repair that only became clear once a neighbour was converted): this is what
#: makes ``normalize`` idempotent.
MAX_EXTRA_ROUNDS = 2


@attrs.define
class _Progress:
    """The text so far, its map to the raw input, and the repairs made to it."""

    text: str
    offsets: OffsetMap
    repairs: list[Repair]
    #: Mojibake clusters (with their context) no repair was found for, not retried.
    failed_clusters: set[tuple[str, str, str]] = attrs.Factory(set)
    #: The last text the mojibake step looked at itself and found nothing in.
    mojibake_free: str | None = None
    #: The clusters of ``mojibake_free`` that may read otherwise next to a widened mark.
    live_clusters: set[tuple[int, int]] = attrs.Factory(set)
    #: The text the width step of the last round started from.
    before_width: str | None = None

    def apply(self, step: NamedStep, fixes: Sequence[Fix] | Deletions) -> None:
        if isinstance(fixes, Deletions):
            self.delete(fixes)
            return
        fixes = list(fixes)
        new_text = apply_fixes(self.text, fixes)
        spans = None
        if step.summarize:
            self.repairs.append(_summary(step.name, fixes, self.text, self.offsets))
        else:
            spans = self.offsets.raw_spans(fixes)
            self.repairs.extend(_repair(f, *span, self.text) for f, span in zip(fixes, spans, strict=True))
        if any(len(f.replacement) != f.end - f.start for f in fixes):
            self.offsets = self.offsets.then(fixes, len(new_text), spans)
        self.text = new_text

    def delete(self, deletions: Deletions) -> None:
        """:meth:`apply` for a batch: one repair per span, the same records as their fixes give."""
        spans = deletions.spans
        text, offsets = self.text, self.offsets
        kind, confidence, note = deletions.kind, deletions.confidence, deletions.note
        if offsets.is_identity:
            raw = spans
            self.repairs += [
                Repair(kind, start, end, text[start:end], "", confidence, 0, note) for start, end in spans
            ]
        else:
            raw = [offsets.raw_span(start, end) for start, end in spans]
            self.repairs += [
                Repair(kind, raw_start, raw_end, text[start:end], "", confidence, 0, note)
                for (start, end), (raw_start, raw_end) in zip(spans, raw, strict=True)
            ]
        self.text = delete_spans(text, spans)
        self.offsets = offsets.after_deletions(spans, len(self.text), raw)


def _run_steps(
    progress: _Progress, *, convert_script: bool, skip: Sequence[str], mojibake: list[Fix] | None = None
) -> Script:
    """One pass of every step over ``progress``; returns the script the text was in.

    ``mojibake`` are the mojibake step's fixes for the current text when the caller
    has found them already (the check that starts an extra round).
    """
    script: Script = "none"
    start_text = progress.text
    progress.before_width = None
    for step in DEFAULT_STEPS:
        text = progress.text
        if step.name in skip or (step.name == "script" and not convert_script):
            if step.name == "script":
                script = detect_script(text)  # type: ignore[assignment]
            continue
        fixes: Sequence[Fix] | Deletions
        if step.name == "script":
            if not has_hanzi(text):
                script = "none"
                continue
            simplified = to_simplified(text)
            script = detect_script(text, simplified)  # type: ignore[assignment]
            if script in ("simplified", "none"):
                continue
            fixes = convert_to_simplified(text, simplified)
        elif step.name == "mojibake":
            fresh = mojibake is None or text is not start_text
            live: set[tuple[int, int]] = set()
            fixes = find_mojibake(text, progress.failed_clusters, live) if fresh else list(mojibake or ())
            if fresh and not fixes:
                progress.mojibake_free, progress.live_clusters = text, live
        else:
            if step.name == "width":
                progress.before_width = text
            fixes = step.run(text)
        if fixes.spans if isinstance(fixes, Deletions) else fixes:
            progress.apply(step, fixes)
    return script


def _settled(progress: _Progress) -> bool:
    """The mojibake step found nothing in the text as it is now, so a look after the round would not.

    :func:`find_mojibake` is a function of the text and of ``failed``, and ``failed``
    only remembers clusters that gave no repair in that very text: a second look at
    an unchanged text tries the same clusters (or skips them) and finds nothing
    again.  Any change after the step (a script conversion, widened punctuation,
    removed annotations) can complete a repair, so then the text is looked at again.
    Clean simplified text is the common case: nothing changes, and the second whole
    mojibake pass (about a sixth of ``normalize`` on such text) is not run.
    """
    return progress.mojibake_free is not None and progress.mojibake_free == progress.text


def _only_widened(progress: _Progress) -> bool:
    """The text is the one the mojibake step found nothing in, changed by the width step alone.

    The width step ran on that very text object (no step in between applied a fix)
    and is the last step, so the text now differs from it only by widened marks.
    """
    return progress.before_width is not None and progress.before_width is progress.mojibake_free


def _may_find_after_widening(progress: _Progress) -> bool:
    """:func:`find_mojibake_after_widening` for the text now: ``False`` when a full look would find nothing."""
    return find_mojibake_after_widening(progress.text, progress.failed_clusters, progress.live_clusters)


def _repair(fix: Fix, raw_start: int, raw_end: int, text: str) -> Repair:
    return Repair(
        kind=fix.kind,
        raw_start=raw_start,
        raw_end=raw_end,
        before=text[fix.start : fix.end],
        after=fix.replacement,
        confidence=fix.confidence,
        lost=fix.lost,
        note=fix.note,
    )


def _summary(name: str, fixes: list[Fix], text: str, offsets: OffsetMap) -> Repair:
    """One repair for a step that touches many places (script, punctuation width).

    On an identity map (no step before changed a length, the common case) an
    output span is its own raw span, and the map is not asked.
    """
    first, last = fixes[0], fixes[-1]
    if offsets.is_identity:
        raw_start, raw_end = first.start, max(last.start, last.end)
    else:
        raw_start, _ = offsets.raw_span(first.start, first.end)
        _, raw_end = offsets.raw_span(last.start, last.end)
    spanned = sum(max(f.end - f.start, len(f.replacement)) for f in fixes)
    return Repair(
        kind=fixes[0].kind,
        raw_start=raw_start,
        raw_end=raw_end,
        before="",
        after="",
        confidence=min(f.confidence for f in fixes),
        note=f"{len(fixes)} places spanning {spanned} characters",
    )


__all__ = ["DEFAULT_STEPS", "STEP_NAMES", "NamedStep", "NormalizedText", "run_pipeline"]
