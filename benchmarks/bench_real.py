"""Throughput, first call and memory of unionnews on real-sized articles.

    python benchmarks/bench_real.py            # everything (~10 minutes on a loaded 2-core box)
    python benchmarks/bench_real.py --quick    # fewer rounds, no --jobs run
    python benchmarks/bench_real.py --only devset,seeds --skip fresh,jobs

Four corpora: (a) the dev set's texts (``../shared/devset/*.txt``, read at run
time), (b) the seeds, (c) generated clean simplified articles of about the dev
set's size, (d) the same turned traditional with OpenCC ``s2t`` and annotated
with pypinyin readings.  On each, four contestants -- a bare OpenCC ``t2s`` pass,
``normalize``, ``parse`` and ``parse`` + the command's JSON Lines line (``to_dict`` and
``unionnews.corpus.sinks.dumps``: orjson when installed) -- run interleaved
in one process: every round times a ``t2s`` pass right before each contestant's
pass (A B A C A D ...), and the figure printed is the median of the per-round
ratios, so a slow spell on a shared machine hits both sides of a ratio alike.
Blocks are timed in CPU time of this process (``time.process_time``), so other
processes' load only counts through the cores' shared caches.

Then, in fresh processes with their bytecode cached (as an installed package's is):
import + first parse (median of several), the peak resident memory of a process
after parsing 1,000 articles, and the whole ``unionnews parse`` command with
``--jobs 1`` and ``--jobs 2`` on a 5,000-article JSON Lines file (interleaved, the
order alternating, medians with their range).  Compare ratios, not raw times.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

import opencc

import unionnews
from unionnews.corpus.sinks import dumps

ROOT = pathlib.Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
SECTIONS = ("throughput", "fresh", "jobs")

#: Sentences for the generated corpora, written for this benchmark.
SENTENCES = (
    "市总工会召开党组会议，传达学习全国工会代表大会精神，研究部署下一阶段工作。",
    "职工服务中心今年为一千二百名困难职工发放慰问金，覆盖全市各个街道和乡镇。",
    "县总工会组织劳模工匠走进车间，开展技能培训和经验交流活动。",
    "工会干部深入一线倾听职工诉求，帮助企业解决用工和安全生产中的实际问题。",
    "全省各级工会持续推进产业工人队伍建设改革，取得明显成效。",
    "区总工会举办第三届职工运动会，吸引了三百多名职工参加比赛。",
    "省总工会党组书记主持会议并讲话，要求认真落实各项任务。",
    "新就业形态劳动者入会工作稳步推进，户外劳动者驿站已建成八十六个。",
    "这次培训班为期三天，学员来自全市各级工会组织和基层企业。",
    "工会积极开展“送温暖”活动，把党的关怀送到职工心坎上。",
    "据统计，今年以来全市工会共帮扶困难职工两千余户，发放帮扶资金三百万元。",
    "会议强调，要把维护职工合法权益作为工会工作的出发点和落脚点。",
)
OUTLETS = ("工人日报", "四川工人日报", "河南日报", "陕西工人报", "中工网")
NAMES = ("王明", "李华", "张建国", "刘芳", "陈志强", "赵丽")


def generated_clean(count: int, seed: int = 0) -> list[str]:
    """Clean simplified articles of ~570 characters: headline, dateline, body, byline."""
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        title = rng.choice(SENTENCES).split("，")[0]
        when = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines = [title, f"发布时间：{when} 来源：{rng.choice(OUTLETS)}"]
        size = 0
        while size < 500:
            paragraph = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 4)))
            lines.append(paragraph)
            size += len(paragraph)
        lines.append(f"（记者 {rng.choice(NAMES)} 通讯员 {rng.choice(NAMES)}）")
        articles.append("\n".join(lines))
    return articles


def traditional_pinyin(clean: list[str], rate: float = 0.3, seed: int = 1) -> list[str]:
    """``clean`` through OpenCC ``s2t``, with a pypinyin reading after ``rate`` of the hanzi."""
    from pypinyin import Style, pinyin

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(seed)
    out = []
    for text in clean:
        traditional = s2t.convert(text)
        readings = pinyin(text, style=Style.TONE, errors=lambda s: [[""] for _ in s])
        chars = []
        for ch, reading in zip(traditional, readings, strict=True):
            chars.append(ch)
            if "\u4e00" <= ch <= "\u9fff" and reading[0] and rng.random() < rate:
                chars.append(f"({reading[0]})")
        out.append("".join(chars))
    return out


def corpora(names: list[str], generated: int) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if "devset" in names:
        texts = [p.read_text(encoding="utf-8") for p in sorted(DEVSET.glob("*.txt"))]
        if texts:
            found["devset"] = texts
        else:
            print(f"(no dev set at {DEVSET}: skipped)")
    if "seeds" in names:
        found["seeds"] = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    clean = generated_clean(generated)
    if "clean" in names:
        found["clean"] = clean
    if "trad+pinyin" in names:
        found["trad+pinyin"] = traditional_pinyin(clean)
    return found


def contestants(with_ftfy: bool) -> dict[str, Callable[[str], object]]:
    t2s = opencc.OpenCC("t2s")
    parse = unionnews.parse

    def parse_json(raw: str) -> str:
        return dumps(parse(raw).to_dict())  # what ``unionnews parse`` writes (orjson with the ``fast`` extra)

    found: dict[str, Callable[[str], object]] = {"t2s": t2s.convert}
    if with_ftfy:
        import ftfy

        found["ftfy.fix_text"] = ftfy.fix_text
    return found | {"normalize": unionnews.normalize, "parse": parse, "parse+json": parse_json}


def timed_pass(fn: Callable[[str], object], articles: list[str], repeat: int) -> float:
    """CPU seconds of ``repeat`` passes: other processes on a loaded machine do not count."""
    start = time.process_time()
    for _ in range(repeat):
        for article in articles:
            fn(article)
    return time.process_time() - start


def repeats(fn: Callable[[str], object], articles: list[str], min_time: float) -> int:
    """How many passes over ``articles`` make one timed block of at least ``min_time`` seconds."""
    once = timed_pass(fn, articles, 1)
    return max(1, round(min_time / max(once, 1e-6) + 0.5))


def throughput(name: str, articles: list[str], rounds: int, min_time: float, with_ftfy: bool) -> list[str]:
    """Rows of the throughput table for one corpus (median of per-round ratios to ``t2s``).

    A round is ``t2s X1 t2s X2 t2s ...``: each contestant's rate is divided by the
    mean rate of the two ``t2s`` blocks around it.  The ``t2s`` row's ratio (its
    block against its neighbours) shows how steady the machine was.
    """
    fns = contestants(with_ftfy)
    reps = {key: repeats(fn, articles, min_time) for key, fn in fns.items()}
    rates: dict[str, list[float]] = {key: [] for key in fns}
    ratios: dict[str, list[float]] = {key: [] for key in fns}
    chars = sum(map(len, articles))

    def rate_of(key: str) -> float:
        return chars * reps[key] / timed_pass(fns[key], articles, reps[key])

    for _ in range(rounds):
        before = rate_of("t2s")
        for key in fns:
            rate = rate_of(key)
            after = rate_of("t2s")
            rates[key].append(rate)
            ratios[key].append(2 * rate / (before + after))
            before = after
    rows = []
    per_article = chars / len(articles)
    for key in fns:
        rate = statistics.median(rates[key])
        rows.append(
            f"| {name} | {key} | {rate:,.0f} | {rate / per_article:,.1f} | {statistics.median(ratios[key]):.4f} |"
        )
    return rows


def cached_bytecode_env(cache: pathlib.Path) -> dict[str, str]:
    """The environment for fresh processes, with compiled bytecode kept in ``cache``.

    An installed package's modules are compiled once, at install; a machine that sets
    ``PYTHONDONTWRITEBYTECODE`` (as CI and some sandboxes do) would instead recompile
    every module in every fresh process (~0.1 s), which no user of a wheel pays.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def fresh(code: str, runs: int, env: dict[str, str]) -> list[dict[str, float]]:
    """Run ``code`` in ``runs`` fresh interpreters (after one untimed run that fills the bytecode cache)."""
    results = []
    for _ in range(runs + 1):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results[1:]


#: Peak resident memory in MiB: ``VmHWM`` of this process image (``ru_maxrss`` would
#: include the launching process's memory, which Linux carries across ``exec``).
PEAK_FN = """
def peak_mib():
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

FIRST_CALL = """
import json, resource, sys, time
{peak_fn}raw = open({path!r}, encoding="utf-8").read()
start, cpu = time.perf_counter(), time.process_time()
import unionnews
imported = time.perf_counter()
unionnews.parse(raw)
done = time.perf_counter()
print(json.dumps({{"import": imported - start, "first": done - start, "cpu": time.process_time() - cpu,
    "rss": {peak}}}))
"""

WORKER = """
import json, resource
{peak_fn}import unionnews
with open({path!r}, encoding="utf-8") as lines:
    for _, line in zip(range({count}), lines):
        json.dumps(unionnews.parse(json.loads(line)["text"]).to_dict(), ensure_ascii=False)
print(json.dumps({{"rss": {peak}}}))
"""


def write_jsonl(path: pathlib.Path, pool: list[str], count: int) -> None:
    """``count`` records cycling through ``pool`` (all corpora mixed, in a fixed shuffled order)."""
    order = list(range(len(pool)))
    random.Random(2).shuffle(order)
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            f.write(json.dumps({"id": i, "text": pool[order[i % len(pool)]]}, ensure_ascii=False) + "\n")


def own_cpu(pid: int) -> float | None:
    """CPU seconds ``pid`` itself has used so far (Linux ``/proc``), None elsewhere or once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def jobs_run(
    corpus: pathlib.Path, out: pathlib.Path, jobs: int, env: dict[str, str]
) -> tuple[float, float, float]:
    """Wall seconds of the whole command, CPU seconds of the command and its workers, and of the command alone.

    The command's own CPU (reading records, writing lines) is sampled every 0.1 s
    until it exits, so it is short by at most one interval.
    """
    cmd = [
        sys.executable,
        "-m",
        "unionnews",
        "parse",
        str(corpus),
        "-o",
        str(out),
        "--overwrite",
        "--jobs",
        str(jobs),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    own = 0.0
    with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env) as proc:
        while True:
            try:
                proc.wait(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                own = own_cpu(proc.pid) or own
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, own


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="7 rounds, 3 fresh runs, no --jobs run")
    ap.add_argument("--only", default="devset,seeds,clean,trad+pinyin", help="corpora, comma-separated")
    ap.add_argument("--skip", default="", help=f"sections to skip: {','.join(SECTIONS)}")
    ap.add_argument("--rounds", type=int, default=21, help="interleaved rounds per corpus")
    ap.add_argument(
        "--min-time", type=float, default=0.05, help="seconds per timed block (at least one pass)"
    )
    ap.add_argument("--ftfy", action="store_true", help="time ftfy.fix_text too (a baseline for repairs)")
    ap.add_argument("--generated", type=int, default=60, help="articles in each generated corpus")
    ap.add_argument("--fresh-runs", type=int, default=7, help="fresh processes for the first-call time")
    ap.add_argument("--worker-articles", type=int, default=1000)
    ap.add_argument("--jobs-articles", type=int, default=5000)
    ap.add_argument("--jobs-rounds", type=int, default=5)
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    if args.quick:
        args.rounds, args.fresh_runs = 7, 3
        skip.add("jobs")
    found = corpora(args.only.split(","), args.generated)
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}")
    print(
        "corpora: "
        + ", ".join(f"{k} {len(v)} x {sum(map(len, v)) / len(v):,.0f} chars" for k, v in found.items())
    )
    for articles in found.values():
        for raw in articles:
            unionnews.parse(raw)  # lazy modules and tables load here, not inside the timings
    if "throughput" not in skip:
        print(
            f"\nthroughput (CPU time): median of {args.rounds} interleaved rounds, blocks >= {args.min_time} s\n"
        )
        print("| corpus | what | chars/s | articles/s | ratio to t2s |")
        print("|---|---|---:|---:|---:|")
        for name, articles in found.items():
            for row in throughput(name, articles, args.rounds, args.min_time, args.ftfy):
                print(row, flush=True)
    with tempfile.TemporaryDirectory(prefix="bench_real_") as tmp:
        pool = [raw for articles in found.values() for raw in articles]
        corpus = pathlib.Path(tmp) / "corpus.jsonl"
        env = cached_bytecode_env(pathlib.Path(tmp) / "pycache")
        if "fresh" not in skip:
            first_text = sorted((ROOT / "seeds").glob("*.txt"))[0]
            runs = fresh(
                FIRST_CALL.format(path=str(first_text), peak_fn=PEAK_FN, peak="peak_mib()"),
                args.fresh_runs,
                env,
            )
            print(f"\nfresh process (bytecode cached), {first_text.name}, median of {args.fresh_runs}:")
            print(f"  import unionnews        {statistics.median(r['import'] for r in runs):.3f} s")
            print(f"  import + first parse   {statistics.median(r['first'] for r in runs):.3f} s")
            print(f"  the same in CPU time   {statistics.median(r['cpu'] for r in runs):.3f} s")
            print(f"  peak RSS then          {statistics.median(r['rss'] for r in runs):.1f} MiB")
            write_jsonl(corpus, pool, args.worker_articles)
            worker = fresh(
                WORKER.format(
                    path=str(corpus), count=args.worker_articles, peak_fn=PEAK_FN, peak="peak_mib()"
                ),
                1,
                env,
            )[0]
            print(
                f"  peak RSS after {args.worker_articles:,} articles (all corpora mixed): {worker['rss']:.1f} MiB"
            )
        if "jobs" not in skip:
            write_jsonl(corpus, pool, args.jobs_articles)
            times: dict[int, list[float]] = {1: [], 2: []}
            cpu: dict[int, list[float]] = {1: [], 2: []}
            command_cpu: list[float] = []
            jobs_run(corpus, pathlib.Path(tmp) / "warm.jsonl", 1, env)  # fills the bytecode cache
            for round_ in range(args.jobs_rounds):
                for jobs in (1, 2) if round_ % 2 == 0 else (2, 1):
                    wall, used, own = jobs_run(corpus, pathlib.Path(tmp) / f"out{jobs}.jsonl", jobs, env)
                    times[jobs].append(wall)
                    cpu[jobs].append(used)
                    if jobs == 2:
                        command_cpu.append(own)
            same = (pathlib.Path(tmp) / "out1.jsonl").read_bytes() == (
                pathlib.Path(tmp) / "out2.jsonl"
            ).read_bytes()
            one, two = statistics.median(times[1]), statistics.median(times[2])
            per_round = [a / b for a, b in zip(times[1], times[2], strict=True)]
            ratios = statistics.median(per_round)
            print(
                f"\nunionnews parse, {args.jobs_articles:,} articles (JSON Lines), median of {args.jobs_rounds}:"
            )
            for jobs, wall in ((1, one), (2, two)):
                used = statistics.median(cpu[jobs])
                print(
                    f"  --jobs {jobs}  {wall:.1f} s  {args.jobs_articles / wall:,.0f} articles/s"
                    f"  (CPU of command + workers {used:.1f} s)"
                )
            print(
                f"  speed-up {ratios:.2f}x (median of per-round ratios, {min(per_round):.2f}-{max(per_round):.2f},"
                f" order alternating); outputs identical: {same}"
            )
            cpu1, cpu2, own2 = (
                statistics.median(cpu[1]),
                statistics.median(cpu[2]),
                statistics.median(command_cpu),
            )
            print(f"  CPU per article --jobs 2 / --jobs 1: {cpu2 / cpu1:.2f} (1.00: no parallel overhead)")
            print(
                f"  with --jobs 2 the command itself used {own2:.1f} s of CPU; on 2 idle cores the speed-up "
                f"would be at most {cpu1 / max(cpu2 / 2, own2):.2f}x (CPU --jobs 1 / max(CPU --jobs 2 / 2, command))"
            )


if __name__ == "__main__":
    main()
