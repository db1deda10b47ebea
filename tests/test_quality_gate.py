"""The quality gate's arithmetic: a figure below its floor fails, floors only go up."""

from __future__ import annotations

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location(
    "quality", Path(__file__).resolve().parent.parent / "benchmarks" / "quality.py"
)
assert spec and spec.loader
quality = importlib.util.module_from_spec(spec)
spec.loader.exec_module(quality)


def test_a_figure_below_its_floor_fails_and_names_it() -> None:
    floors = {"devset": {"title": 0.9, "meetings_F1": 0.5}}
    scores = {"devset": {"title": 0.85, "meetings_F1": 0.6, "crashes": 0.0}}
    assert quality.check(scores, floors) == ["devset: title = 0.850 is below its floor 0.900"]


def test_crashes_and_missing_figures_fail() -> None:
    floors = {"seeds": {"title": 0.5}}
    assert quality.check({"seeds": {"crashes": 2.0, "source": 1.0}}, floors) == [
        "seeds: 2 crashes",
        "seeds: the scorer no longer reports title",
    ]


def test_floors_ratchet_up_never_down_and_skip_timings_precision_recall() -> None:
    floors = {"devset": {"title": 0.9, "source": 0.5}}
    scores = {"devset": {"title": 0.8, "source": 0.7, "median_ms": 3.0, "people_P": 0.9, "people_F1": 0.6}}
    assert quality.raised(scores, floors) == {"devset": {"people_F1": 0.6, "source": 0.7, "title": 0.9}}


def test_the_pinned_floors_cover_both_sets() -> None:
    import json

    floors = json.loads(quality.FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == set(quality.SETS)
    assert all(floors[name] for name in floors)
