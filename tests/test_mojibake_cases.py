"""Mojibake repair cases kept as data (``tests/cases/mojibake/*.json``), read by one test.

Each case is ``{"label", "original", "fixed"}``: the mojibake step alone must turn
``original`` into ``fixed``.  ``in-the-wild`` holds sentences we wrote, damaged the
way real pages are (a ``。”`` whose lead byte became ``?`` and a trail byte lost
where the pairs fall back in step); ``synthetic`` generated damage; ``negative``
clean text that must come out unchanged; ``known-failures`` what the step does
not repair yet (strict xfail: a case that starts passing must move).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unionnews.normalize.fix import apply_fixes
from unionnews.normalize.mojibake import find_mojibake

CASES = Path(__file__).parent / "cases" / "mojibake"
KINDS = ("in-the-wild", "synthetic", "negative", "known-failures")


def load() -> list[object]:
    params: list[object] = []
    for kind in KINDS:
        for i, case in enumerate(json.loads((CASES / f"{kind}.json").read_text(encoding="utf-8"))):
            marks = (
                [pytest.mark.xfail(strict=True, reason="known failure")] if kind == "known-failures" else []
            )
            params.append(
                pytest.param(case["original"], case["fixed"], id=f"{kind}-{i}-{case['label']}", marks=marks)
            )
    return params


@pytest.mark.parametrize(("original", "fixed"), load())
def test_mojibake_case(original: str, fixed: str) -> None:
    assert apply_fixes(original, find_mojibake(original)) == fixed


def test_every_kind_has_cases() -> None:
    for kind in KINDS:
        assert json.loads((CASES / f"{kind}.json").read_text(encoding="utf-8")), kind


def test_lossy_rereading_does_not_depend_on_hash_order() -> None:
    """Ties between equally likely candidates are broken by code point, so every process agrees."""
    import os
    import subprocess
    import sys

    damaged = "工会干部深入一线倾听职工诉求，帮助解决实际问题。".encode().decode("big5", errors="replace")
    code = "import sys, unionnews; print(unionnews.normalize(sys.argv[1]).text)"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, damaged],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "2", "3")
    }
    assert len(outputs) == 1
