"""Interleaved A/B of ``parse`` (or ``normalize``, ``--what``) between two source trees (e.g. ``main`` and a branch's worktree).

    python benchmarks/ab_parse.py --baseline ../main/src [--candidate src] [--rounds 15]

Two long-lived worker processes, one importing unionnews from each tree, parse
the same articles (the dev set's texts and the seeds, or their first ``--head`` characters,
where per-article framework costs weigh most) in alternating rounds,
A B A B…; each round's figure is the worker's CPU time (``time.process_time``),
so the load other processes put on the machine counts for neither.  Printed: the
median of the per-round ratios A/B (above 1: the candidate is faster), the
spread, and articles per CPU second of each.  Both trees must give the same
output; the script checks a digest of every article's JSON form.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

WORKER = r"""
import hashlib, json, sys, time
import unionnews
paths, head, what = json.loads(sys.stdin.readline())
work = getattr(unionnews, what)
texts = [open(p, "rb").read().decode("utf-8", "replace")[:head or None] for p in paths]
digest = hashlib.sha256()
for raw in texts:
    digest.update(json.dumps(unionnews.parse(raw).to_dict(), ensure_ascii=False, sort_keys=True).encode())
print(json.dumps({"digest": digest.hexdigest(), "file": unionnews.__file__}), flush=True)
for line in sys.stdin:
    repeats = int(line)
    start = time.process_time()
    for _ in range(repeats):
        for raw in texts:
            work(raw)
    print(time.process_time() - start, flush=True)
"""


def start(src: Path, paths: list[str], head: int, what: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps([paths, head, what]) + "\n")
    proc.stdin.flush()
    return proc, json.loads(proc.stdout.readline())


def one_round(proc: subprocess.Popen[str], repeats: int) -> float:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"{repeats}\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--baseline", type=Path, required=True, help="source tree A (the folder holding unionnews/)"
    )
    ap.add_argument("--candidate", type=Path, default=ROOT / "src", help="source tree B (default: this one)")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--repeats", type=int, default=2, help="passes over the articles per round")
    ap.add_argument("--head", type=int, default=0, help="parse only each article's first N characters")
    ap.add_argument("--what", choices=("parse", "normalize"), default="parse", help="the function timed")
    args = ap.parse_args()
    paths = sorted(str(p) for p in (SHARED / "devset").glob("*.txt")) + sorted(
        str(p) for p in (ROOT / "seeds").glob("*.txt")
    )
    a, info_a = start(args.baseline, paths, args.head, args.what)
    b, info_b = start(args.candidate, paths, args.head, args.what)
    print(f"A: {info_a['file']}\nB: {info_b['file']}")
    same = info_a["digest"] == info_b["digest"]
    print(f"output identical: {same}")
    ratios, times_a, times_b = [], [], []
    for i in range(args.rounds):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        t1, t2 = one_round(first, args.repeats), one_round(second, args.repeats)
        ta, tb = (t1, t2) if first is a else (t2, t1)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    for proc in (a, b):
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    n = len(paths) * args.repeats
    q = statistics.quantiles(ratios, n=4)
    print(f"{len(paths)} articles x {args.repeats} per round, {args.rounds} rounds (A B / B A alternating)")
    print(
        f"A: {n / statistics.median(times_a):.0f} articles/CPU-s   B: {n / statistics.median(times_b):.0f} articles/CPU-s"
    )
    print(f"A/B median {statistics.median(ratios):.3f}  (quartiles {q[0]:.3f} .. {q[2]:.3f})")
    print(f"A/B of the fastest rounds {min(times_a) / min(times_b):.3f}")
    if not same:
        sys.exit("outputs differ")


if __name__ == "__main__":
    main()
