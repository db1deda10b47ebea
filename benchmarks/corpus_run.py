"""A long corpus run through the command line, watching memory.

    python benchmarks/corpus_run.py --articles 100000 --jobs 2

Writes a JSON Lines corpus (seeds and generated variants, one article per line)
to a temporary folder, runs ``unionnews parse`` on it, and samples the resident
memory of the command and its worker processes (Linux ``/proc``) every half
second.  Prints articles/s and the memory at each tenth of the run: flat
numbers mean nothing accumulates per article.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from damage import SENTENCES, insert_pinyin, to_traditional  # noqa: E402


def write_corpus(path: pathlib.Path, count: int) -> int:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(0)
    size = 0
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            text = rng.choice(seeds)
            if rng.random() < 0.3:
                text = insert_pinyin(to_traditional(rng.choice(SENTENCES)), rng) + "\n" + text
            line = json.dumps({"id": i, "text": text}, ensure_ascii=False)
            f.write(line + "\n")
            size += len(line)
    return size


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MB."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, StopIteration):
            continue
    return total / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "corpus.jsonl"
        size = write_corpus(corpus, args.articles)
        print(
            f"corpus: {args.articles} articles, {size / 1e6:.0f} MB of JSON; {args.jobs} jobs on {os.cpu_count()} cores"
        )
        out = pathlib.Path(tmp) / "out.jsonl"
        cmd = [
            sys.executable,
            "-m",
            "unionnews",
            "parse",
            str(corpus),
            "-o",
            str(out),
            "--jobs",
            str(args.jobs),
        ]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        samples: list[tuple[float, float]] = []
        while proc.poll() is None:
            samples.append((time.perf_counter() - start, tree_rss_mb(proc.pid)))
            time.sleep(0.5)
        elapsed = time.perf_counter() - start
        _, stderr = proc.communicate()
        done = sum(1 for _ in out.open(encoding="utf-8"))
        print(stderr.strip().splitlines()[-1])
        print(f"{done} articles in {elapsed:.0f}s: {done / elapsed:.0f} articles/s")
        print("memory (MB) at each tenth of the run:")
        for tenth in range(1, 11):
            at = elapsed * tenth / 10
            rss = [r for t, r in samples if t <= at][-1:] or [0.0]
            print(f"  {tenth * 10:3d}%  {rss[0]:7.0f}")


if __name__ == "__main__":
    main()
