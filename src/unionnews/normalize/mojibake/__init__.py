"""Repair Chinese mojibake: text whose bytes were decoded with the wrong codec.

One module per repair family, each a small named function returning its fixes
with a note that says what happened:

* :mod:`.latin1` -- GBK/Big5 (or UTF-8) bytes read as Latin-1/cp1252 (``¹¤»á`` -> ``工会``).
* :mod:`.utf8` -- UTF-8 bytes read as GBK or Big5 (``鍙戝竷鏃堕棿`` -> ``发布时间``).
* :mod:`.phase` -- GBK decoded one byte out of phase (``?!眳①愡x手`` -> ``。”參賽選手``).

:mod:`.plausibility` is the character bigram model they share.  Text with
nothing suspicious (no Latin-1 letters, no uncommon hanzi, no lost-byte mark
next to a wide character) is returned untouched after one cheap scan.
"""

from __future__ import annotations

import re

from unionnews.normalize.charsets import mojibake_gate_re, suspicious_re
from unionnews.normalize.fix import Fix
from unionnews.normalize.mojibake.common import LOST_BYTE_MARKS, Taken, merge_clusters
from unionnews.normalize.mojibake.latin1 import repair_latin1_runs
from unionnews.normalize.mojibake.phase import repair_phase_shifts
from unionnews.normalize.mojibake.utf8 import (
    best_utf8_window,
    repair_misread_lines,
    utf8_fix_if_better,
)

_CLUSTER_GAP = 2
#: Characters each side of a cluster that its repair can depend on.
_CONTEXT = 6


def find_mojibake(
    text: str, failed: set[tuple[str, str, str]] | None = None, live: set[tuple[int, int]] | None = None
) -> list[Fix]:
    """All mojibake repairs for ``text``, sorted and non-overlapping.

    ``failed`` remembers clusters that could not be repaired as UTF-8, by their
    context, so that a second pass over the same text does not try them again.
    ``live`` collects the clusters whose UTF-8 re-reading only the bigram model's
    last check turned down (or that ``failed`` skipped): after the width step only
    they can change their answer (:func:`find_mojibake_after_widening`).
    The suspicious characters are found in one scan that every family shares, after
    one search that turns clean text away (:func:`mojibake_gate_re`).
    """
    if mojibake_gate_re().search(text) is None:
        return []
    fixes = repair_latin1_runs(text)
    sus = suspicious_re()
    suspicious = _suspects(text, sus)
    if suspicious is None:
        return fixes
    taken = Taken(fixes)
    for fix in _repair_clusters(text, sus, suspicious, failed, live):
        if taken.add(fix.start, fix.end):
            fixes.append(fix)
    fixes += repair_phase_shifts(text, sus, taken, failed, suspicious)
    fixes.sort(key=lambda f: f.start)
    return fixes


def find_mojibake_after_widening(
    text: str, failed: set[tuple[str, str, str]], live: set[tuple[int, int]]
) -> bool:
    """Whether :func:`find_mojibake` may find anything in ``text``, which is a text it found nothing in
    (collecting ``live``) with only ASCII marks made full-width by :func:`~unionnews.normalize.width.widen_cjk_punctuation`.

    ``False`` means the full pass would find nothing; ``True`` means run it.  Why
    most of the full pass cannot change its answer:

    * Latin-1 runs hold no ASCII mark nor full-width one: the same runs, no repair.
    * The suspicious characters and the lost-byte marks next to them are the same
      (a widened ``?`` never touches a suspicious character), so are the clusters.
    * A widened mark is CJK punctuation, which a UTF-8 window never crosses (and a
      cluster holding one is not re-read at all): each window a cluster tries now
      was tried before, holding the same characters.  A window with a reading gaining enough before
      has one now and none new can appear, so a cluster none of whose windows did
      (not ``live``) finds nothing now either.  Only the bigram model's last check
      looks past the window, at the mark.

    Whole lines, the ``live`` clusters and the phase-shift anchors are looked at
    again as :func:`find_mojibake` would (on a copy of ``failed``, whose skips it
    only narrows): if it finds nothing there, neither would the full pass.
    """
    if mojibake_gate_re().search(text) is None:
        return False
    sus = suspicious_re()
    suspicious = _suspects(text, sus)
    if suspicious is None:
        return False
    failed = set(failed)
    if _repair_clusters(text, sus, suspicious, failed, only=live):
        return True
    return bool(repair_phase_shifts(text, sus, Taken(), failed, suspicious))


def _suspects(text: str, sus: re.Pattern[str]) -> list[int] | None:
    """Where the suspicious characters stand; ``None`` when neither they nor a lost-byte
    mark are in ``text``, so the UTF-8 and phase-shift families have nothing to look at."""
    suspicious = [m.start() for m in sus.finditer(text)]
    if not suspicious and not any(m in text for m in LOST_BYTE_MARKS):
        return None
    return suspicious


def repair_misread_cjk(text: str, failed: set[tuple[str, str, str]] | None = None) -> list[Fix]:
    """UTF-8 read as GBK/Big5: whole lines, then each suspicious cluster."""
    sus = suspicious_re()
    return _repair_clusters(text, sus, [m.start() for m in sus.finditer(text)], failed)


def _repair_clusters(
    text: str,
    sus: re.Pattern[str],
    positions: list[int],
    failed: set[tuple[str, str, str]] | None,
    live: set[tuple[int, int]] | None = None,
    *,
    only: set[tuple[int, int]] | None = None,
) -> list[Fix]:
    """:func:`repair_misread_cjk` given where the suspicious characters stand.

    ``live`` collects the clusters :func:`find_mojibake` describes; ``only`` limits
    the clusters tried to those.
    """
    if not positions:
        return []
    fixes: list[Fix] = repair_misread_lines(text, sus, positions)
    taken = Taken(fixes)
    end_of_last = 0
    suspicious = [(i, i + 1) for i in positions]
    for lo, hi in merge_clusters(_CLUSTER_GAP, suspicious, _marks_near(text, suspicious)):
        if lo < end_of_last or taken.covers(lo) or (only is not None and (lo, hi) not in only):
            continue
        context = (text[max(lo - _CONTEXT, 0) : lo], text[lo:hi], text[hi : hi + _CONTEXT])
        if failed is not None and context in failed:
            if live is not None:
                live.add((lo, hi))
            continue
        best = best_utf8_window(text, lo, hi)
        fix = None if best is None else utf8_fix_if_better(text, best)
        if fix is not None:
            fixes.append(fix)
            end_of_last = fix.end
        elif failed is not None:
            failed.add(context)
        if best is not None and live is not None:
            live.add((lo, hi))
    return fixes


def _marks_near(text: str, suspicious: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lost-byte marks right next to a suspicious character (they belong to its cluster)."""
    if "?" not in text and "\ufffd" not in text:
        return []
    spans = []
    for lo, hi in suspicious:
        for i in (lo - 1, hi):
            if 0 <= i < len(text) and text[i] in LOST_BYTE_MARKS:
                spans.append((i, i + 1))
    return sorted(set(spans))


__all__ = [
    "find_mojibake",
    "find_mojibake_after_widening",
    "repair_latin1_runs",
    "repair_misread_cjk",
    "repair_phase_shifts",
]
