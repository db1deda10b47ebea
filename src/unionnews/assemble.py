"""Layer 4: ``parse(raw) -> Article``, wiring normalize, segment and the extractors."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from unionnews.budget import Session
from unionnews.budget import session as budget_session
from unionnews.document import Document
from unionnews.errors import InputError
from unionnews.models import Article, Event, FurnitureSpan, Person, PluginError, Span
from unionnews.normalize import normalize
from unionnews.normalize.fix import delete_spans
from unionnews.normalize.offsets import OffsetMap
from unionnews.normalize.pipeline import NormalizedText
from unionnews.plugins import DEFAULT_PLUGIN_BUDGET, Plugins, build_plugins, default_plugins
from unionnews.segment import Line, LineKind, classified

EVENT_HOOKS = ("unionnews_extract_meetings", "unionnews_extract_initiatives", "unionnews_extract_statistics")
METADATA_FIELDS = ("title", "published", "source", "column", "newspaper")


def parse(
    raw: str | bytes | NormalizedText,
    *,
    plugins: Sequence[object] | None = None,
    disable: Iterable[str] = (),
    convert_script: bool = True,
    plugin_budget: float | None = DEFAULT_PLUGIN_BUDGET,
) -> Article:
    """Parse one crawled article into an :class:`~unionnews.models.Article`.

    ``plugins`` adds plugin objects for this call; ``disable`` leaves out plugins by
    name (``builtin.statistics``, an entry point's name, ...).  Installed plugins are
    found through the ``unionnews`` entry-point group.  ``plugin_budget`` is the
    seconds each plugin hook may take on this article (``None``: no limit); a plugin
    over budget is cut off and recorded in ``Article.errors``.
    """
    if not isinstance(raw, (str, bytes, bytearray, memoryview, NormalizedText)):
        raise InputError(f"parse() takes str, bytes or NormalizedText, not {type(raw).__name__}")
    disable = tuple(disable)
    custom = plugins or disable or plugin_budget != DEFAULT_PLUGIN_BUDGET
    registry = build_plugins(plugins, disable, budget=plugin_budget) if custom else default_plugins()
    norm = raw if isinstance(raw, NormalizedText) else normalize(raw, convert_script=convert_script)
    return assemble(norm, registry)


def assemble(norm: NormalizedText, registry: Plugins) -> Article:
    """Build the article from normalized text with the given plugins."""
    document, to_raw, furniture = segmented(norm, registry)
    text = document.text
    errors: list[PluginError] = list(registry.errors)
    with budget_session(registry.budget) as session:
        meta_results, errs = registry.call("unionnews_extract_metadata", document, session=session)
        errors += errs
        meta: dict[str, str | None] = {k: None for k in METADATA_FIELDS}
        for _, result in meta_results:
            for key in METADATA_FIELDS:
                if meta[key] is None and isinstance(result, dict) and result.get(key):
                    meta[key] = result[key]
        document = document.dated(meta["published"])

        dates = _collect(registry, "unionnews_extract_dates", document, errors, session)
        document = document.dated(document.published, tuple(dates))
        people = _dedupe(_collect(registry, "unionnews_extract_people", document, errors, session))
        events: list[Event] = []
        for hook in EVENT_HOOKS:
            events += _collect(registry, hook, document, errors, session)

    return Article(
        title=meta["title"],
        published=meta["published"],
        source=meta["source"],
        people=_with_raw(people, to_raw),
        events=_with_raw(_dedupe(events), to_raw),
        text=text,
        repairs=norm.repairs,
        column=meta["column"],
        newspaper=meta["newspaper"],
        script=norm.script,
        dates=_with_raw(dates, to_raw),
        furniture=tuple(furniture),
        errors=tuple(errors),
    )


def segmented(norm: NormalizedText, registry: Plugins) -> tuple[Document, OffsetMap, list[FurnitureSpan]]:
    """The document extractors read (furniture dropped), its map to the raw input, and the furniture."""
    lines = classified(norm.text, registry.lexicon)
    text, kept, to_raw, furniture = _drop_furniture(norm, lines)
    return Document(text=text, lines=tuple(kept), lexicon=registry.lexicon), to_raw, furniture


def _collect(
    registry: Plugins, hook: str, document: Document, errors: list[PluginError], session: Session
) -> list[Any]:
    """Every plugin's records for ``hook``; third-party ones were checked at the boundary."""
    results, errs = registry.call(hook, document, session=session)
    errors += errs
    out = []
    for name, result in results:
        for item in result:
            if getattr(item, "extractor", None) == "":
                item = attrs.evolve(item, extractor=name)
            out.append(item)
    return out


def _dedupe(items: list[Any]) -> list[Any]:
    seen = set()
    out = []
    for item in items:
        key = _identity(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _identity(item: Any) -> tuple[Any, ...]:
    if isinstance(item, Person):
        return ("person", item.name, item.role)
    kind = getattr(item, "kind", None)
    if kind in ("meeting", "activity"):
        return (kind, item.organizer, item.name, item.date)
    if kind == "initiative":
        return (kind, item.name)
    if kind == "statistic":
        return (kind, item.value, item.unit, item.evidence.start if item.evidence else None)
    return (repr(item),)


def _with_raw(items: list[Any], to_raw: OffsetMap) -> tuple[Any, ...]:
    """``items`` with their evidence's raw offsets filled in, all spans mapped in one call.

    Records whose evidence is outside the text are kept as they are.
    """
    out = list(items)
    at = []
    spans = []
    limit = to_raw.out_length
    for k, item in enumerate(out):
        ev = getattr(item, "evidence", None)
        if isinstance(ev, Span) and 0 <= ev.start <= ev.end <= limit:
            at.append(k)
            spans.append((ev.start, ev.end))
    for k, (start, end), raw in zip(at, spans, to_raw.raw_spans_of(spans), strict=True):
        out[k] = _replace_evidence(out[k], Span(start, end, *raw))
    return tuple(out)


def _replace_evidence(item: Any, evidence: Span) -> Any:
    """``attrs.evolve(item, evidence=evidence)`` for the record classes, without its per-call field walk."""
    cls = type(item)
    plan = _EVIDENCE_PLANS.get(cls)
    if plan is None:
        plan = _EVIDENCE_PLANS[cls] = _evidence_plan(cls)
    if not plan:
        return attrs.evolve(item, evidence=evidence)
    before, after = plan
    return cls(*before(item), evidence, *after(item))


def _evidence_plan(cls: type[Any]) -> _Plan | tuple[()]:
    """Getters of the positional fields of ``cls`` before and after ``evidence``; ``()`` when not that simple."""
    fields = attrs.fields(cls)
    if not all(f.init and not f.kw_only and f.alias == f.name for f in fields):
        return ()
    names = tuple(f.name for f in fields)
    if "evidence" not in names:
        return ()
    index = names.index("evidence")
    return _getter(names[:index]), _getter(names[index + 1 :])


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of ``names`` of an object, as a tuple (one C call)."""
    if not names:
        return lambda _item: ()
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else lambda item: (get(item),)


_Plan = tuple[Callable[[Any], tuple[Any, ...]], Callable[[Any], tuple[Any, ...]]]
_EVIDENCE_PLANS: dict[type[Any], _Plan | tuple[()]] = {}


def _drop_furniture(
    norm: NormalizedText, lines: list[tuple[int, int, LineKind, str]]
) -> tuple[str, list[Line], OffsetMap, list[FurnitureSpan]]:
    """Remove furniture lines; keep them as spans, and the other lines with offsets into the new text.

    ``lines`` are :func:`~unionnews.segment.classified` tuples: each kept line is made once,
    already re-based.  Each furniture line goes with its newline: the deletions are sorted,
    apart and non-empty, so the map is :meth:`~unionnews.normalize.offsets.OffsetMap.after_deletions`, and the raw
    spans of the lines and of the deletions are mapped in one call.
    """
    text = norm.text
    size = len(text)
    shown: list[tuple[int, int]] = []
    cuts: list[tuple[int, int]] = []
    names: list[str] = []
    for start, end, kind, line_text in lines:
        if kind == "furniture":
            names.append(line_text)
            shown.append((start, end))
            cuts.append((start, end + 1 if end < size and text[end] == "\n" else end))
    if not cuts:
        return text, [Line(*line) for line in lines], norm.offsets, []
    raw = norm.offsets.raw_spans_of(shown + cuts)
    furniture = [
        FurnitureSpan("furniture", name, *span) for name, span in zip(names, raw[: len(names)], strict=True)
    ]
    new_text = delete_spans(text, cuts)
    to_raw = norm.offsets.after_deletions(cuts, len(new_text), raw[len(cuts) :])
    kept = []
    removed = 0
    it = iter(cuts)
    nxt = next(it, None)
    for start, end, kind, line_text in lines:
        while nxt is not None and nxt[1] <= start:
            removed += nxt[1] - nxt[0]
            nxt = next(it, None)
        if kind != "furniture":
            kept.append(Line(start - removed, end - removed, kind, line_text))
    return new_text, kept, to_raw, furniture
