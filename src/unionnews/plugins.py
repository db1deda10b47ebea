"""The plugin manager: built-in extractors plus those found through entry points.

Built-ins are registered exactly as third-party plugins are.  Third-party plugins
are distributions exposing an entry point in group ``unionnews``; the entry
point's object is registered under the entry point's name.
"""

from __future__ import annotations

import functools
import itertools
import types
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import pluggy

from unionnews import hookspecs
from unionnews._entry_points import entry_points_on_path
from unionnews.boundary import (
    HOOK_RECORDS,
    check_lexicon,
    check_metadata,
    check_records,
    safe_message,
    summarize,
)
from unionnews.budget import OverBudget, Session
from unionnews.budget import session as budget_session
from unionnews.document import Document
from unionnews.errors import PluginLoadError, PluginWarning
from unionnews.extract.builtin import BUILTIN_PLUGINS
from unionnews.lexicon import Lexicon
from unionnews.models import PluginError

ENTRY_POINT_GROUP = "unionnews"


@attrs.frozen(slots=True)
class PluginInfo:
    """A registered plugin: its name, and where it came from (``builtin`` or a distribution)."""

    name: str
    origin: str


#: Seconds one hook implementation may take on one article before it is cut off.
DEFAULT_PLUGIN_BUDGET = 10.0
#: Items one hook call may return: a few per character of the article is already absurd.
ITEMS_PER_CHAR = 4
MIN_ITEMS = 1000
#: Every hook, resolved once per manager.
HOOK_NAMES = tuple(name for name in dir(hookspecs) if name.startswith("unionnews_"))
#: Hooks whose result is a sequence of records (consumed inside the budget when lazy).
SEQUENCE_HOOKS = frozenset(HOOK_RECORDS)


@attrs.frozen(slots=True)
class HookImpl:
    """One implementation of a hook, resolved once when the manager is built.

    Built-ins are called directly (no pluggy dispatch, no result checks: their
    tests check them); third-party results go through :mod:`unionnews.boundary`.
    """

    plugin: str
    function: Callable[..., Any]
    takes_document: bool
    builtin: bool
    unsupported: str | None = None


@attrs.frozen(slots=True)
class Plugins:
    """A ready plugin manager with its merged lexicon.

    ``budget`` bounds the seconds each hook implementation may take per call
    (``None``: unbounded); see :mod:`unionnews.budget`.  ``errors`` are the
    problems found while building it (a lexicon hook that raised or returned bad
    entries); every article parsed with it carries them.  The hook
    implementations are resolved when it is built: register plugins through
    :func:`build_plugins`, not on ``manager`` afterwards.
    """

    manager: pluggy.PluginManager
    lexicon: Lexicon
    info: tuple[PluginInfo, ...]
    budget: float | None = DEFAULT_PLUGIN_BUDGET
    errors: tuple[PluginError, ...] = ()
    impls: Mapping[str, tuple[HookImpl, ...]] = attrs.field(factory=dict, eq=False, repr=False)

    def call(
        self, hook: str, document: Document | None = None, *, session: Session | None = None
    ) -> tuple[list[tuple[str, Any]], list[PluginError]]:
        """Call every implementation of ``hook`` in pluggy order, each isolated and within the budget.

        Returns ``(plugin name, result)`` pairs and the errors of those that raised,
        ran past the budget or returned something invalid.  Lazy results (a
        generator hook) are consumed inside the budget.  Sequence hooks give lists
        of valid records; the metadata hook a dict of valid fields; the lexicon
        hook a dict of valid categories.
        """
        if session is None:
            with budget_session(self.budget) as fresh:
                return self.call(hook, document, session=fresh)
        impls = self.impls.get(hook)
        if impls is None:
            impls = _resolve(self.manager, hook)
        results: list[tuple[str, Any]] = []
        errors: list[PluginError] = []
        for impl in impls:
            if impl.unsupported:
                errors.append(PluginError(impl.plugin, hook, impl.unsupported, "invalid"))
                continue
            if impl.builtin:  # called directly (no pluggy dispatch), still within the budget and isolated
                if impl.takes_document:
                    result = _guarded(impl, hook, session, errors, impl.function, document)
                else:
                    result = _guarded(impl, hook, session, errors, impl.function)
            else:
                result = _call_plugin(impl, hook, document, session, errors)
            if result is not None:
                results.append((impl.plugin, result))
        return results, errors


def _guarded(
    impl: HookImpl, hook: str, session: Session, errors: list[PluginError], function: Any, *args: Any
) -> Any:
    """``function(*args)`` within the session's budget; ``None`` (and an error recorded) when it raised or overran.

    Every exception is kept in, ``SystemExit`` and ``GeneratorExit`` included (a bug in
    one extractor must not lose the article, a plugin never ends the run); only
    ``KeyboardInterrupt`` goes through.
    """
    before = session.deadline
    try:
        result = session.run(function, *args)
    except OverBudget:
        session.settle(before)
        errors.append(_over_budget(impl, hook, session))
        return None
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        errors.append(PluginError(impl.plugin, hook, safe_message(e)))
        return None
    if session.overran:
        errors.append(_over_budget(impl, hook, session))
        return None
    return result


def _call_plugin(
    impl: HookImpl, hook: str, document: Document | None, session: Session, errors: list[PluginError]
) -> Any:
    """A third-party hook: run and consumed within the budget, every exception kept in, its result checked."""
    cap = max(MIN_ITEMS, ITEMS_PER_CHAR * len(document.text)) if document is not None else MIN_ITEMS
    args = (document,) if impl.takes_document else ()
    result = _guarded(impl, hook, session, errors, _run_and_consume, impl.function, args, hook, cap)
    if result is None:
        return None
    if isinstance(result, _TooMany):
        errors.append(PluginError(impl.plugin, hook, f"returned more than {cap} items", "invalid"))
        result = result.items
    problems: list[str]
    if hook in SEQUENCE_HOOKS:
        if not isinstance(result, list):
            errors.append(
                PluginError(impl.plugin, hook, f"returned {type(result).__name__}, not a sequence", "invalid")
            )
            return None
        text_length = len(document.text) if document is not None else 0
        result, problems = check_records(hook, result, text_length)
        result = [r if r.extractor or not hasattr(r, "extractor") else attrs.evolve(r, extractor=impl.plugin)
                  for r in result]  # fmt: skip
    elif hook == "unionnews_extract_metadata":
        result, problems = check_metadata(result)
    elif hook == "unionnews_lexicon":
        result, problems = check_lexicon(result)
    else:
        problems = []
    if problems:
        errors.append(PluginError(impl.plugin, hook, summarize(problems), "invalid"))
    return result


@attrs.frozen(slots=True)
class _TooMany:
    items: list[Any]


def _run_and_consume(function: Callable[..., Any], args: tuple[Any, ...], hook: str, cap: int) -> Any:
    """Call the hook and, for sequence hooks, turn its result into a list: lazy results run here, in the budget."""
    result = function(*args)
    if hook not in SEQUENCE_HOOKS and isinstance(result, types.GeneratorType):
        return _take(result, cap)
    if hook not in SEQUENCE_HOOKS or isinstance(result, (str, bytes, Mapping)) or result is None:
        return result
    if isinstance(result, list | tuple) and len(result) <= cap:
        return list(result)
    try:
        iterator = iter(result)
    except TypeError:
        return result
    items = _take(iterator, cap + 1)
    return _TooMany(items[:cap]) if len(items) > cap else items


def _take(iterator: Iterator[Any], n: int) -> list[Any]:
    """At most ``n`` items; a generator is closed afterwards so its ``finally`` runs now, in the budget."""
    try:
        return list(itertools.islice(iterator, n))
    finally:
        close = getattr(iterator, "close", None)
        if isinstance(iterator, types.GeneratorType) and close is not None:
            close()


def _over_budget(impl: HookImpl, hook: str, session: Session) -> PluginError:
    return PluginError(impl.plugin, hook, f"cut off after its budget of {session.budget:g}s", "budget")


def _resolve(pm: pluggy.PluginManager, hook: str) -> tuple[HookImpl, ...]:
    """The implementations of ``hook`` in pluggy's call order (last registered first)."""
    out = []
    for impl in reversed(getattr(pm.hook, hook).get_hookimpls()):
        name = pm.get_name(impl.plugin) or repr(impl.plugin)
        builtin = BUILTIN_PLUGINS.get(name) is impl.plugin
        unsupported = None
        if impl.hookwrapper or impl.wrapper:
            unsupported = "hook wrappers are not supported: implement the hook itself"
        elif set(impl.argnames) - {"document"}:
            unsupported = (
                f"asks for arguments {sorted(set(impl.argnames) - {'document'})} the hook does not give"
            )
        out.append(HookImpl(name, impl.function, "document" in impl.argnames, builtin, unsupported))
    return tuple(out)


def _discover() -> list[tuple[str, str, Callable[[], Any]]]:
    """``(name, distribution, loader)`` of each installed plugin, in ``importlib.metadata``'s order."""
    found = entry_points_on_path(ENTRY_POINT_GROUP)
    if found is not None:
        return found
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist.name if ep.dist is not None else "?"
        found.append((ep.name, dist, ep.load))
    return found


def build_plugins(
    plugins: Sequence[object] | None = None,
    disable: Iterable[str] = (),
    *,
    entry_points_enabled: bool = True,
    budget: float | None = DEFAULT_PLUGIN_BUDGET,
) -> Plugins:
    """A plugin manager with the built-ins, installed plugins and ``plugins`` given.

    ``disable`` names plugins (built-in or installed) to leave out; ``budget`` is
    the seconds each hook implementation may take per article.  Raises
    :class:`~unionnews.errors.PluginLoadError` when an installed plugin fails to load.
    """
    disabled = set(disable)
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    info: list[PluginInfo] = []
    for name, plugin in BUILTIN_PLUGINS.items():
        if name not in disabled:
            pm.register(plugin, name=name)
            info.append(PluginInfo(name, "builtin"))
    if entry_points_enabled:
        for name, dist, load in _discover():
            if name in disabled:
                continue
            try:
                plugin = load()
            except Exception as e:
                raise PluginLoadError(f"plugin {name!r} from {dist} failed to load: {e}") from e
            pm.register(plugin, name=name)
            info.append(PluginInfo(name, dist))
    for i, plugin in enumerate(plugins or ()):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{i}"
        if name not in disabled:
            pm.register(plugin, name=name)
            info.append(PluginInfo(name, "argument"))
    unknown = disabled - {i.name for i in info} - set(BUILTIN_PLUGINS) - {n for n, _, _ in _discover()}
    if unknown:
        raise PluginLoadError(f"cannot disable unknown plugins {sorted(unknown)}")
    impls = {name: _resolve(pm, name) for name in HOOK_NAMES}
    results, errors = Plugins(pm, Lexicon.merge([]), (), budget, (), impls).call("unionnews_lexicon")
    for error in errors:
        warnings.warn(f"plugin {error.plugin!r}: {error.error}", PluginWarning, stacklevel=2)
    lexicon = Lexicon.merge([result for _, result in results])
    return Plugins(pm, lexicon, tuple(info), budget, tuple(errors), impls)


@functools.cache
def default_plugins() -> Plugins:
    """The process-wide default manager (built once; worker processes build their own)."""
    return build_plugins()
