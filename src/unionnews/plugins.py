"""The plugin manager: built-in extractors plus those found through entry points.

Built-ins are registered exactly as third-party plugins are.  Third-party plugins
are distributions exposing an entry point in group ``unionnews``; the entry
point's object is registered under the entry point's name.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.metadata import entry_points
from typing import Any

import attrs
import pluggy

from unionnews import hookspecs
from unionnews.errors import PluginLoadError
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


@attrs.frozen(slots=True)
class Plugins:
    """A ready plugin manager with its merged lexicon.

    ``budget`` bounds the seconds each hook implementation may take per call
    (``None``: unbounded); see :meth:`call`.
    """

    manager: pluggy.PluginManager
    lexicon: Lexicon
    info: tuple[PluginInfo, ...]
    budget: float | None = DEFAULT_PLUGIN_BUDGET

    def call(self, hook: str, **kwargs: Any) -> tuple[list[tuple[str, Any]], list[PluginError]]:
        """Call every implementation of ``hook`` in pluggy order, each isolated.

        Returns ``(plugin name, result)`` pairs and the errors of the ones that
        raised or ran past ``budget``.  In the main thread of a POSIX process a
        plugin over budget is interrupted (``SIGALRM``); elsewhere its result is
        discarded once it returns.  Code inside one C call (one regex match) is
        not interruptible: it stops at its next Python instruction.
        """
        results: list[tuple[str, Any]] = []
        errors: list[PluginError] = []
        caller = getattr(self.manager.hook, hook)
        with _alarm(self.budget) as interruptible:
            for impl in reversed(caller.get_hookimpls()):
                name = self.manager.get_name(impl.plugin) or repr(impl.plugin)
                args = {k: kwargs[k] for k in impl.argnames if k in kwargs}
                start = time.perf_counter()
                try:
                    result = _call_within(impl.function, args, self.budget if interruptible else None)
                except _OverBudget:
                    errors.append(
                        PluginError(name, hook, f"interrupted after its budget of {self.budget:g}s")
                    )
                    continue
                except Exception as e:  # isolate plugins: record, go on
                    errors.append(PluginError(name, hook, f"{type(e).__name__}: {e}"))
                    continue
                elapsed = time.perf_counter() - start
                if self.budget is not None and elapsed > self.budget:
                    errors.append(
                        PluginError(name, hook, f"took {elapsed:.1f}s, over its budget of {self.budget:g}s")
                    )
                    continue
                if result is not None:
                    results.append((name, result))
        return results, errors


class _OverBudget(BaseException):
    """Raised inside a plugin that ran out of time; a BaseException so ``except Exception`` in it won't swallow it."""


def _raise_over_budget(signum: int, frame: object) -> None:
    raise _OverBudget


@contextlib.contextmanager
def _alarm(budget: float | None) -> Iterator[bool]:
    """Install the ``SIGALRM`` handler for one hook call; yields whether plugins can be interrupted.

    Main thread on POSIX only, and only when no one else's interval timer is
    running (pytest-timeout, the caller's own).
    """
    usable = (
        budget is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable:
        yield False
        return
    previous = signal.signal(signal.SIGALRM, _raise_over_budget)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _call_within(fn: Callable[..., Any], args: dict[str, Any], budget: float | None) -> Any:
    """``fn(**args)``, with the interval timer armed for ``budget`` seconds when given."""
    if budget is None:
        return fn(**args)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return fn(**args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _discover() -> list[tuple[str, str, Callable[[], Any]]]:
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
    contributions = [result for _, result in Plugins(pm, Lexicon.merge([]), ()).call("unionnews_lexicon")[0]]
    return Plugins(pm, Lexicon.merge(contributions), tuple(info), budget)


@functools.cache
def default_plugins() -> Plugins:
    """The process-wide default manager (built once; worker processes build their own)."""
    return build_plugins()
