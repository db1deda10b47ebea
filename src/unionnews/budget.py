"""Time budgets for plugin hooks: a hook past its budget is interrupted, never waited for.

One :class:`Session` covers one parse.  Starting a hook costs one clock read and
an attribute write: the deadline lives on the session, and whoever watches it
wakes only when a deadline can have passed.

- In the main thread of a POSIX process (the CLI, process pools) the watcher is
  ``SIGALRM``: one handler per process, installed on first use, and one interval
  timer per session.  The signal interrupts the hook at its next Python
  instruction, and also interrupts ``time.sleep`` and blocking reads.
- Elsewhere (threads: Dask's threaded scheduler, a thread pool), or when someone
  else's interval timer or ``SIGALRM`` handler is in place, one watchdog thread
  per process raises the same exception inside the hook's thread
  (``PyThreadState_SetAsyncExc``).  It lands at the hook's next Python
  instruction; a hook blocked inside one C call (a long ``time.sleep``, a socket
  read) is interrupted only when that call returns.

Both repeat the interruption every :data:`RETRY_SECONDS` until the hook gives
up, so a hook that swallows it (``except BaseException``) is hit again.  No
mechanism stops a single C call that never returns: run hostile plugins in
worker processes (``--jobs``) when that matters.
"""

from __future__ import annotations

import ctypes
import importlib
import math
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: Seconds between repeated interruptions of a hook that keeps running past its budget.
RETRY_SECONDS = 0.05


class OverBudget(BaseException):
    """Raised inside a hook that ran out of time.

    A ``BaseException`` so that a plugin's ``except Exception`` does not swallow it.
    """


class Session:
    """The budget state of one parse in one thread; see :func:`session`."""

    __slots__ = (
        "budget", "deadline", "expiry", "lock", "next_shot", "overran", "pending", "thread_id", "uses_signal",
    )  # fmt: skip

    def __init__(self, budget: float | None, uses_signal: bool) -> None:
        self.budget = budget
        self.uses_signal = uses_signal
        self.thread_id = threading.get_ident()
        #: Monotonic time the running hook must end by (``None``: no hook running).
        self.deadline: float | None = None
        #: When the watcher checks next; never after the running hook's deadline.
        self.expiry = math.inf
        self.lock = threading.Lock()
        self.pending = False
        self.next_shot = 0.0
        #: Whether the last hook run ended past its deadline (it could not be interrupted in time).
        self.overran = False

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` within the budget: :class:`OverBudget` is raised inside it past its deadline."""
        if self.budget is None:
            self.overran = False
            return fn(*args)
        outer = self.deadline
        deadline = time.monotonic() + self.budget
        if outer is not None and outer < deadline:
            deadline = outer
        try:
            self.deadline = deadline
            if deadline < self.expiry:  # only nested calls with a shorter budget get here
                self._rearm(deadline)
            return fn(*args)
        finally:
            self.overran = time.monotonic() > deadline
            if self.uses_signal:
                self.deadline = outer
            else:
                self.settle(outer)

    def settle(self, deadline: float | None) -> None:
        """Back to ``deadline`` after a hook, with any interruption still pending cancelled.

        Called again by whoever catches :class:`OverBudget`: the interruption can
        land after the hook returned, before this ran.
        """
        if self.uses_signal:
            self.deadline = deadline
            return
        with self.lock:
            self.deadline = deadline
            if self.pending:
                _set_async_exc(self.thread_id, None)
                self.pending = False

    def _rearm(self, at: float) -> None:
        self.expiry = at
        if self.uses_signal:
            signal.setitimer(signal.ITIMER_REAL, max(at - time.monotonic(), 1e-6))
        else:
            _WATCHDOG.wake()


_SESSION = threading.local()


class session:  # lower case: it replaced a @contextmanager function of that name
    """A budget session for one parse (a context manager giving the :class:`Session`).

    A parse inside a hook (nested in the same thread) shares the outer session and its budget.
    A class, not ``@contextmanager``: entered once per parse, where a generator costs more.
    """

    __slots__ = ("budget", "current", "owned")

    def __init__(self, budget: float | None) -> None:
        self.budget = budget
        self.owned = False
        self.current: Session | None = None

    def __enter__(self) -> Session:
        current: Session | None = getattr(_SESSION, "current", None)
        if current is not None:
            return current
        budget = self.budget
        s = Session(budget, _signal_usable(budget))
        _SESSION.current = s
        self.current = s
        self.owned = True
        if budget is not None:
            s.expiry = time.monotonic() + budget
            if s.uses_signal:
                s.uses_signal = _start_timer(budget)
            if not s.uses_signal:
                _WATCHDOG.add(s)
        return s

    def __exit__(self, *exc: object) -> None:
        s = self.current
        if not self.owned or s is None:
            return
        _SESSION.current = None
        if self.budget is not None:
            if s.uses_signal:
                signal.setitimer(signal.ITIMER_REAL, 0)
            else:
                _WATCHDOG.remove(s)
                with s.lock:
                    s.deadline = None
                    if s.pending:
                        _set_async_exc(s.thread_id, None)
                        s.pending = False


def _start_timer(budget: float) -> bool:
    """Arm the interval timer for a session; ``False`` (and the timer found put back) if someone else's ran.

    ``setitimer`` returns the timer it replaces, so one system call both checks and arms.
    """
    previous = signal.setitimer(signal.ITIMER_REAL, budget)
    if previous == (0.0, 0.0):
        return True
    signal.setitimer(signal.ITIMER_REAL, *previous)
    return False


def _raw_getsignal() -> Callable[[int], Any]:
    """``signal.getsignal`` without its conversion of the handler to an enum (~8 us for a function).

    CPython's ``_signal`` module; ``signal.getsignal`` itself where there is none.
    """
    try:
        found: Callable[[int], Any] = importlib.import_module("_signal").getsignal
    except (ImportError, AttributeError):
        return signal.getsignal
    return found


_getsignal = _raw_getsignal()


def _signal_usable(budget: float | None) -> bool:
    """Whether this session can use ``SIGALRM``: main thread, POSIX, our handler.

    No one else's timer may run either: :func:`_start_timer` checks that as it arms ours.
    """
    if budget is None or not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    handler = _getsignal(signal.SIGALRM)
    if handler is _on_alarm:
        return True
    if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return False
    if handler in (signal.SIG_DFL, None):
        global _PREVIOUS_HANDLER
        _PREVIOUS_HANDLER = signal.getsignal(signal.SIGALRM)
        signal.signal(signal.SIGALRM, _on_alarm)
        return True
    return False  # someone else's handler: leave it, use the watchdog


_PREVIOUS_HANDLER: Any = signal.SIG_DFL if hasattr(signal, "SIG_DFL") else None


def _on_alarm(signum: int, frame: object) -> None:
    """The process's ``SIGALRM`` handler: interrupt the main thread's hook once past its deadline."""
    s: Session | None = getattr(_SESSION, "current", None)
    if s is None or not s.uses_signal:
        _not_ours(signum, frame)
        return
    now = time.monotonic()
    if s.deadline is not None and now >= s.deadline:
        s.expiry = now + RETRY_SECONDS
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        raise OverBudget
    s.expiry = s.deadline if s.deadline is not None else now + (s.budget or 0.0)
    signal.setitimer(signal.ITIMER_REAL, max(s.expiry - now, 1e-6))


def _not_ours(signum: int, frame: object) -> None:
    """A ``SIGALRM`` outside any session: do what the handler we replaced would have done."""
    if callable(_PREVIOUS_HANDLER):
        _PREVIOUS_HANDLER(signum, frame)
    elif _PREVIOUS_HANDLER == signal.SIG_DFL:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGALRM)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None
    )


class _Watchdog:
    """One daemon thread per process interrupting hooks, in any thread, that passed their deadline."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.sessions: set[Session] = set()
        self.thread: threading.Thread | None = None

    def add(self, s: Session) -> None:
        with self.cond:
            self.sessions.add(s)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._loop, name="unionnews-watchdog", daemon=True)
                self.thread.start()
            self.cond.notify()

    def remove(self, s: Session) -> None:
        with self.cond:
            self.sessions.discard(s)

    def wake(self) -> None:
        with self.cond:
            self.cond.notify()

    def _loop(self) -> None:
        while True:
            with self.cond:
                now = time.monotonic()
                wake = now + 60.0
                for s in self.sessions:
                    wake = min(wake, self._check(s, now))
                self.cond.wait(max(wake - now, 0.0))

    @staticmethod
    def _check(s: Session, now: float) -> float:
        """Interrupt ``s``'s hook when it is past its deadline; when to look at ``s`` again."""
        with s.lock:
            deadline = s.deadline
            if deadline is None:
                s.expiry = now + (s.budget or 60.0)
            elif now >= deadline and now >= s.next_shot:
                _set_async_exc(s.thread_id, OverBudget)
                s.pending = True
                s.next_shot = now + RETRY_SECONDS
                s.expiry = s.next_shot
            else:
                s.expiry = max(deadline, s.next_shot)
            return s.expiry


_WATCHDOG = _Watchdog()
