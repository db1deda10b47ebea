"""Quality gate: score the dev set and the seeds, fail when a figure drops below its floor.

Like trafilatura's evaluation gate: the shared scorer (``../shared/eval/score.py``)
runs ``unionnews.parse`` over the gold-labelled dev set and the seeds, and each
figure of its ``SUMMARY`` line is compared with the floor pinned in
``benchmarks/quality_floor.json``.  Floors only go up: a commit that raises a score
raises its floor too (``--raise-floors`` writes the current figures as floors
wherever they are higher).

    python benchmarks/quality.py                 # check, exit 1 below a floor
    python benchmarks/quality.py --raise-floors  # ratchet the floors up to today's scores
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOORS = Path(__file__).resolve().parent / "quality_floor.json"

#: Scored sets: name -> the scorer's arguments.
SETS = {
    "devset": ["--cases", str(SHARED / "devset")],
    "seeds": ["--cases", str(SHARED / "seeds-gold"), "--texts", str(ROOT / "seeds")],
}
#: Figures that are not quality (timings) or are checked as ceilings.  Precision and
#: recall are printed but not floored: a change may trade one for the other, and F1
#: (floored) says whether the trade was worth it.
NOT_FLOORED = {"cases", "median_ms", "crashes"}


def floored(key: str) -> bool:
    """Whether a SUMMARY figure gets a floor."""
    return key not in NOT_FLOORED and not key.endswith(("_P", "_R"))


def summary(args: list[str]) -> dict[str, float]:
    """Run the scorer and read its last line, ``SUMMARY key=value ...``."""
    scorer = SHARED / "eval" / "score.py"
    done = subprocess.run(
        [sys.executable, str(scorer), *args], capture_output=True, text=True, check=False, cwd=ROOT
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not lines[-1].startswith("SUMMARY "):
        raise SystemExit(f"quality: the scorer failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return {key: float(value) for key, value in (item.split("=", 1) for item in lines[-1].split()[1:])}


def check(scores: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Every figure below its floor (or a crash), as readable lines."""
    failures = []
    for name, floor in floors.items():
        got = scores[name]
        if got.get("crashes", 0) > 0:
            failures.append(f"{name}: {got['crashes']:.0f} crashes")
        for key, minimum in floor.items():
            if key not in got:
                failures.append(f"{name}: the scorer no longer reports {key}")
            elif got[key] < minimum:
                failures.append(f"{name}: {key} = {got[key]:.3f} is below its floor {minimum:.3f}")
    return failures


def raised(
    scores: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]
) -> dict[str, dict[str, float]]:
    """The floors moved up to today's scores (never down)."""
    out: dict[str, dict[str, float]] = {}
    for name, got in scores.items():
        old = {key: value for key, value in floors.get(name, {}).items() if floored(key)}
        out[name] = {key: max(old.get(key, 0.0), value) for key, value in sorted(got.items()) if floored(key)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--raise-floors", action="store_true", help="write today's scores as floors where higher"
    )
    options = parser.parse_args()
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    scores = {name: summary(args) for name, args in SETS.items()}
    for name, got in scores.items():
        print(f"{name}: " + " ".join(f"{k}={v:g}" for k, v in got.items()))
    if options.raise_floors:
        FLOORS.write_text(json.dumps(raised(scores, floors), indent=2) + "\n", encoding="utf-8")
        print(f"quality: floors written to {FLOORS.relative_to(ROOT)}")
        return 0
    failures = check(scores, floors)
    for line in failures:
        print(f"quality: {line}")
    print("quality: below the floors" if failures else "quality: every figure at or above its floor")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
