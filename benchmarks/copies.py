"""Mirror copies measured: grouping, repair from siblings, events counted once, cost, memory.

    python benchmarks/copies.py                 # 300 articles (~1,500 copies) + a 20,000-copy memory run
    python benchmarks/copies.py --articles 1000 --large 100000

Builds a corpus from clean articles composed from phrase tables (tests/mirrors.py),
each copied 1-10 times with random damage (traditional script, pinyin, lost bytes,
a GBK phase shift, furniture, a dropped paragraph, a cut ending), plus independent
write-ups of the same meetings and articles nothing copies.  Prints:

- grouping precision and recall over pairs of copies (targets .99 / .98);
- the share of lost characters recovered from siblings, where a sibling has them
  (target .95), the fills that were wrong, and cut endings completed;
- meetings and statistics counted per copy, once per event, and the truth;
- parse throughput with and without grouping, measured interleaved in one run
  (grouping must cost under 25% of a parse);
- the large run: copies parsed and signed one at a time, resident memory at each
  tenth (flat but for the signatures, a few hundred bytes an article).
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import unionnews  # noqa: E402
from unionnews.corpus.copies import CopyIndex, article_signature, group_signatures  # noqa: E402
from unionnews.corpus.dedupe import EventLedger  # noqa: E402
from unionnews.corpus.siblings import (  # noqa: E402
    Proposal,
    Sibling,
    agreed_fills,
    matched_runs,
    proposals,
    repair_from_siblings,
)

from mirrors import Corpus, iter_copies, make_corpus  # noqa: E402


def rss_mb() -> float:
    """Resident memory of this process (Linux ``/proc``)."""
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = collections.defaultdict(list)
    for article_id, group in labels.items():
        members[group].append(article_id)
    return {(a, b) if a < b else (b, a) for m in members.values() for a, b in itertools.combinations(m, 2)}


def timed_parse_and_sign(corpus: Corpus, rounds: int) -> tuple[dict[str, Any], float, float, float]:
    """Parse and sign every copy ``rounds`` times, interleaved per chunk; best round of each."""
    parse_best = sign_best = float("inf")
    parsed: dict[str, Any] = {}
    sigs = []
    for _ in range(rounds):
        parse_t = sign_t = 0.0
        sigs = []
        copies = corpus.copies
        for start in range(0, len(copies), 100):
            chunk = copies[start : start + 100]
            t0 = time.perf_counter()
            articles = [(c.article_id, unionnews.parse(c.raw)) for c in chunk]
            t1 = time.perf_counter()
            sigs += [article_signature(i, a) for i, a in articles]
            t2 = time.perf_counter()
            parse_t += t1 - t0
            sign_t += t2 - t1
            parsed.update(articles)
        parse_best, sign_best = min(parse_best, parse_t), min(sign_best, sign_t)
    t0 = time.perf_counter()
    groups = group_signatures(sigs)
    merge_t = time.perf_counter() - t0
    return {g.article_id: g for g in groups} | {"__parsed__": parsed}, parse_best, sign_best, merge_t


def truth_marks(norm_text: str, truth: str) -> list[Proposal]:
    """The copy's mark runs with the true characters (the truth used as a sibling) and their truth offsets."""
    return [p for p in proposals(norm_text, truth) if not p.truncated and not p.garbled]


def covered(sibling: str, truth: str) -> list[tuple[int, int]]:
    """Spans of the truth a sibling holds intact (its exact matches with the truth)."""
    return [(r.b_start, r.b_start + r.length) for r in matched_runs(sibling, truth)]


def holds(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def sibling_recovery(corpus: Corpus, groups: dict[str, Any], parsed: dict[str, Any]) -> dict[str, Any]:
    """Lost characters a sibling holds, how many the repair filled right, and cut endings completed."""
    members: dict[str, list[str]] = collections.defaultdict(list)
    for article_id, g in groups.items():
        members[g.copy_group].append(article_id)
    raw = {c.article_id: c.raw for c in corpus.copies}
    truth_text = {t: unionnews.normalize(tr.text).text for t, tr in corpus.truths.items()}
    stats = collections.Counter()
    repaired: dict[str, Any] = {}
    for ids in members.values():
        texts = {i: parsed[i].text for i in ids}
        for i in ids:
            norm = unionnews.normalize(raw[i])
            truth = truth_text[corpus.group_of[i]]
            siblings = [(o, texts[o]) for o in ids if o != i]
            fills = agreed_fills(norm, [Sibling(o, t) for o, t in siblings])
            lost = truth_marks(norm.text, truth) if "\ufffd" in norm.text else []
            if lost:
                spans = [covered(t, truth) for _, t in siblings]
                by_span = {(p.start, p.end): p for p, _ in fills}
                for mark in lost:
                    n = norm.text.count("\ufffd", mark.start, mark.end)
                    stats["lost"] += n
                    if not any(holds(s, mark.source, mark.source + len(mark.fill)) for s in spans):
                        continue
                    stats["available"] += n
                    fill = by_span.get((mark.start, mark.end))
                    stats["recovered"] += n if fill is not None and fill.fill == mark.fill else 0
            for fill, _ in fills:
                if fill.truncated:
                    stats["endings"] += 1
                    stats["ending_chars"] += len(fill.fill)
                    stats["wrong_endings"] += fill.fill not in truth
                elif not any(m.start == fill.start and m.fill == fill.fill for m in lost):
                    stats["other_fills"] += 1
                    context = norm.text[max(fill.start - 4, 0) : fill.start] + fill.fill
                    wrong = context.replace("\ufffd", "") not in truth and "\ufffd" not in context
                    stats["wrong_other"] += wrong
                    if wrong and os.environ.get("SHOW_WRONG"):
                        print(
                            "wrong fill:",
                            repr(norm.text[max(fill.start - 8, 0) : fill.end + 8]),
                            "->",
                            repr(fill.fill),
                        )
            if fills:
                repaired[i] = unionnews.parse(
                    repair_from_siblings(norm, [Sibling(o, t) for o, t in siblings])
                )
    stats["truncated_copies"] = sum(1 for c in corpus.copies if "cut-ending" in c.damage)
    return dict(stats) | {"__repaired_ids__": repaired}


def counted_events(corpus: Corpus, groups: dict[str, Any], parsed: dict[str, Any]) -> dict[str, int]:
    """Meetings and statistics: per copy, once per event (ledger), and in the truth."""
    ledger = EventLedger()
    before = collections.Counter()
    for article_id, article in parsed.items():
        events = [e for e in article.events if e.kind in ("meeting", "statistic")]
        before.update(e.kind for e in events)
        ledger.add(article_id, events, groups[article_id].copy_group)
    rows = ledger.rows()
    after = collections.Counter(r["kind"] for r in rows)
    truth_meetings = {t.meeting for t in corpus.truths.values()}
    truth_stats = {(t.meeting, s) for t in corpus.truths.values() for s in t.statistics}
    clean = [parsed[t + "-0"] for t in corpus.truths]
    found_meetings = {
        (e.organizer, e.date)
        for a in clean
        for e in a.events
        if e.kind == "meeting" and e.date and e.organizer
    }
    truth_meeting_keys = {(m[0], m[2]) for m in truth_meetings}
    truth_stat_keys = {_stat_key(v, u, subj) for t in corpus.truths.values() for v, u, subj in t.statistics}
    return {
        "meetings_true": len(
            {(r["organizer"], r["date"]) for r in rows if r["kind"] == "meeting"} & truth_meeting_keys
        ),
        "statistics_true": len(
            {(float(r["value"]), r["unit"], r["subject"]) for r in rows if r["kind"] == "statistic"}
            & truth_stat_keys
        ),
        "meetings_per_copy": before["meeting"],
        "meetings_once": after["meeting"],
        "meetings_truth": len(truth_meetings),
        "meetings_extractable": len(found_meetings),
        "statistics_per_copy": before["statistic"],
        "statistics_once": after["statistic"],
        "statistics_truth": len(truth_stats),
    }


def cli_cost(corpus: Corpus, rounds: int) -> tuple[float, float]:
    """Seconds of ``unionnews parse`` on the corpus without and with ``--group-copies`` (best of interleaved rounds)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for c in corpus.copies:
                f.write(json.dumps({"id": c.article_id, "text": c.raw}, ensure_ascii=False) + "\n")
        best = {False: float("inf"), True: float("inf")}
        for _ in range(rounds):
            for group in (False, True):
                cmd = [
                    sys.executable,
                    "-m",
                    "unionnews",
                    "parse",
                    str(source),
                    "-o",
                    str(pathlib.Path(tmp) / "out.jsonl"),
                    "--overwrite",
                ]
                t0 = time.perf_counter()
                subprocess.run(cmd + (["--group-copies"] if group else []), check=True, capture_output=True)
                best[group] = min(best[group], time.perf_counter() - t0)
    return best[False], best[True]


def _stat_key(value: int, unit: str, subject: str) -> tuple[float, str, str]:
    """A generated statistic as the extractor reports it (万 multiplied out)."""
    return (value * 10000.0, unit[1:], subject) if unit.startswith("万") else (float(value), unit, subject)


def large_run(count: int) -> list[tuple[int, float]]:
    """Parse and sign ``count`` copies one at a time (texts dropped), RSS at each tenth; then group."""
    index = CopyIndex()
    samples = [(0, rss_mb())]
    step = max(count // 10, 1)
    done = 0
    t0 = time.perf_counter()
    for _truth, copies in iter_copies(count, seed=7):
        for c in copies:
            index.add_signature(article_signature(c.article_id, unionnews.parse(c.raw)))
            done += 1
            if done % step == 0:
                samples.append((done, rss_mb()))
            if done >= count:
                break
        if done >= count:
            break
    parse_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    groups = index.groups()
    group_s = time.perf_counter() - t1
    samples.append((-1, rss_mb()))
    print(
        f"large run: {done} copies, {done / parse_s:.0f} copies/s parsed and signed, "
        f"grouped in {group_s:.1f} s into {len({g.copy_group for g in groups.values()})} groups"
    )
    return samples


def print_events(label: str, ev: dict[str, int]) -> None:
    print(
        f"events ({label}): meetings {ev['meetings_per_copy']} per copy -> {ev['meetings_once']} rows "
        f"holding {ev['meetings_true']} true meetings (truth {ev['meetings_truth']}, "
        f"{ev['meetings_extractable']} extractable from the clean copies); "
        f"statistics {ev['statistics_per_copy']} per copy -> {ev['statistics_once']} rows "
        f"holding {ev['statistics_true']} true statistics (truth {ev['statistics_truth']})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300, help="clean articles (each copied 1-10 times)")
    ap.add_argument("--rounds", type=int, default=2, help="timing rounds (best kept)")
    ap.add_argument("--large", type=int, default=20000, help="copies in the memory run (0: skip)")
    ap.add_argument("--cli", action=argparse.BooleanOptionalAction, default=True,
                    help="also time the command with and without --group-copies")  # fmt: skip
    args = ap.parse_args()

    corpus = make_corpus(args.articles, seed=3)
    print(f"corpus: {len(corpus.truths)} clean articles, {len(corpus.copies)} copies")
    result, parse_s, sign_s, merge_s = timed_parse_and_sign(corpus, args.rounds)
    parsed = result.pop("__parsed__")
    groups = result
    predicted = pairs({i: g.copy_group for i, g in groups.items()})
    truth = pairs(corpus.group_of)
    hit = len(predicted & truth)
    n = len(corpus.copies)
    print(
        f"grouping: precision {hit / max(len(predicted), 1):.4f}  recall {hit / max(len(truth), 1):.4f}  "
        f"({len(truth)} true pairs, {len({g.copy_group for g in groups.values()})} groups, "
        f"{len(set(corpus.group_of.values()))} true)"
    )
    print(
        f"throughput: parse {n / parse_s:.0f} copies/s; parse + grouping {n / (parse_s + sign_s + merge_s):.0f} "
        f"copies/s; grouping costs {(sign_s + merge_s) / parse_s:.1%} of a parse "
        f"(signing {sign_s / parse_s:.1%}, merging {merge_s / parse_s:.1%})"
    )
    if args.cli:
        plain, grouped = cli_cost(corpus, args.rounds)
        print(
            f"command: unionnews parse {plain:.1f} s, with --group-copies {grouped:.1f} s "
            f"(+{(grouped - plain) / plain:.1%}, signing and the rewrite of the output included)"
        )
    rec = sibling_recovery(corpus, groups, parsed)
    repaired = {**parsed, **rec.pop("__repaired_ids__")}
    print(
        f"siblings: {rec.get('lost', 0)} lost characters, {rec.get('available', 0)} held by a sibling, "
        f"{rec.get('recovered', 0)} recovered ({rec.get('recovered', 0) / max(rec.get('available', 1), 1):.4f}); "
        f"other fills {rec.get('other_fills', 0)} (wrong {rec.get('wrong_other', 0)}); "
        f"cut endings completed {rec.get('endings', 0)} of {rec.get('truncated_copies', 0)} cut copies "
        f"({rec.get('ending_chars', 0)} chars, wrong {rec.get('wrong_endings', 0)})"
    )
    for label, articles in (("as parsed", parsed), ("repaired from siblings", repaired)):
        print_events(label, counted_events(corpus, groups, articles))
    if args.large:
        samples = large_run(args.large)
        start = samples[0][1]
        print(
            "memory (copies: RSS MB): "
            + ", ".join(f"{k if k >= 0 else 'grouped'}: {m:.0f}" for k, m in samples)
        )
        before_group = samples[-2][1] - samples[1][1]
        per = before_group * 1024 * 1024 / max(samples[-2][0] - samples[1][0], 1)
        print(
            f"memory growth after the first tenth: {before_group:.0f} MB ({per:.0f} bytes a copy); start {start:.0f} MB"
        )


if __name__ == "__main__":
    main()
