"""Progress of a corpus run on stderr: a tqdm bar on a terminal, plain lines elsewhere.

Both show the records done, the total when it is known (counted before the run),
the rate, the time elapsed and the time left.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import Any, ClassVar

from unionnews.corpus.inputs import InputOptions, find_sources, open_source

#: Seconds between two plain progress lines.
LINE_EVERY = 5.0


def count_records(paths: Sequence[str], options: InputOptions) -> int:
    """How many records the run will meet: one per text file, one per non-blank JSON line.

    Reads the JSON Lines files once more (at disk speed); unreadable inputs count 0.
    """
    total = 0
    for source in find_sources(paths, options, lambda bad: None, lambda path, why: None):
        if not source.jsonl:
            total += 1
            continue
        try:
            with open_source(source) as f:
                total += sum(1 for line in f if line.strip())
        except (OSError, EOFError):
            continue
    return total


def _terminal_sized() -> bool:
    """Whether stderr's terminal reports a size (tqdm draws nothing on a terminal of size 0)."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        return False
    return size.columns > 0 and size.lines > 0


class Progress:
    """``mode`` is ``bar``, ``lines`` or ``None`` (off); :meth:`write` prints a line without breaking the bar."""

    _active: ClassVar[Any] = None

    def __init__(self, mode: str | None, total: int | None) -> None:
        self.mode = mode
        self.total = total
        self.start = time.monotonic()
        self.last_line = self.start
        self.done = 0
        self.bar: Any = None
        if mode == "bar":
            try:
                from tqdm import tqdm
            except ImportError:
                self.mode = "lines"
            else:
                sized = _terminal_sized()
                self.bar = tqdm(
                    total=total,
                    unit=" articles",
                    file=sys.stderr,
                    dynamic_ncols=sized,
                    ncols=None if sized else 100,
                    nrows=None if sized else 24,
                    smoothing=0.05,
                )
                Progress._active = self.bar

    def update(self, done: int) -> None:
        """``done`` records have been handled (parsed, failed or already done)."""
        if self.bar is not None:
            self.bar.update(done - self.done)
        elif self.mode == "lines" and time.monotonic() - self.last_line >= LINE_EVERY:
            self.last_line = time.monotonic()
            self.done = done
            print(f"unionnews: {self.line()}", file=sys.stderr, flush=True)
        self.done = done

    def line(self) -> str:
        """``1200/3000 (40%), 410/s, 3s elapsed, 4s left`` (without a total: records, rate, elapsed)."""
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        if not self.total:
            return f"{self.done} records, {rate:.0f}/s, {elapsed:.0f}s elapsed"
        left = (self.total - self.done) / rate if rate else float("inf")
        share = 100 * self.done / self.total
        return (
            f"{self.done}/{self.total} ({share:.0f}%), {rate:.0f}/s, {elapsed:.0f}s elapsed, {left:.0f}s left"
        )

    def close(self) -> None:
        if self.mode == "lines":
            print(f"unionnews: {self.line()}", file=sys.stderr, flush=True)
        if self.bar is not None:
            self.bar.close()
            Progress._active = None

    @staticmethod
    def write(message: str) -> None:
        """Print ``message`` on stderr, above the bar when one is shown."""
        if Progress._active is not None:
            Progress._active.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr, flush=True)
