"""Adversarial inputs at N, 2N and 4N (8N to confirm) characters: every stage's time must grow linearly.

Each input repeats one unit (a dated sentence, a meeting, a quote, a number, a
run of punctuation…).  Every stage of a parse is timed on its own: the
normalizer, segmentation, and each extractor hook, in the order ``parse`` runs
them.  Two bounds, both generous so a loaded machine passes and a quadratic path
does not:

- doubling the input may multiply a stage's time by about 2: the per-doubling
  ratio ``sqrt(t(4N) / t(N))`` must stay under :data:`MAX_DOUBLING` (a quadratic
  stage gives 4).  A stage still steeper after :data:`RETRIES` fresh timings of N and
  4N is timed at 8N: it fails only if the doubling from 4N to 8N is steep too, since a
  quadratic path is steep at every doubling while a one-time step is not (a cache
  the input outgrows on a busy host, a stall of the virtual machine);
- per character, a stage at 4N may cost at most :data:`FACTOR` times what a
  whole parse of a normal article costs, measured in the same run.

Times are CPU seconds of this process (``time.process_time``), so other
processes loading the machine do not count.  Stages faster than
:data:`NOISE_SECONDS` at 4N are too fast to time and are not checked by the ratio.
"""

from __future__ import annotations

import functools
import gc
import math
import time
from collections.abc import Callable

import attrs
import pytest

import unionnews
from unionnews.assemble import EVENT_HOOKS, segmented
from unionnews.normalize import normalize
from unionnews.plugins import Plugins, build_plugins

MAX_DOUBLING = 2.8
#: At 2N only a blow-up fails early (one doubling is noisier than two).
EARLY_DOUBLING = 8.0
FACTOR = 30
NOISE_SECONDS = 0.05
REPEATS = 3
#: Times N and 4N are measured again when a stage looks superlinear: a virtual machine's
#: stalls can cover several seconds of CPU time, a quadratic path fails every time.
RETRIES = 3
#: Characters at N: 4N is ~100k characters, a long but possible page.
N_CHARS = 15_000
#: Seconds any one stage may take here: a stage cut off is a failure, and a quick one.
STAGE_BUDGET = 10.0

HOOKS = ("unionnews_extract_metadata", "unionnews_extract_dates", "unionnews_extract_people", *EVENT_HOOKS)

#: name -> (head, unit repeated N times, tail, marks)
CASES: dict[str, tuple[str, str, str, tuple[pytest.MarkDecorator, ...]]] = {
    "dated-sentences": ("", "1月1日，省总工会召开会议。", "", ()),
    "relative-dates": ("", "同日，当天，", "", ()),
    "absolute-dates": ("", "2023-10-18 18:22，", "", ()),
    "meetings": ("", "市总工会召开职工代表大会。", "", ()),
    "meetings-one-sentence": ("", "市总工会召开职工代表大会，", "。", ()),
    "quotes": ("", "启动“职工技能提升行动”，", "", ()),
    "unclosed-quotes": ("", "“工程", "", ()),
    "numbers": ("", "培训职工3.5万名，", "", ()),
    "chinese-numbers": ("", "三万五千余名职工，", "", ()),
    "bylines": ("", "（记者 张伟 通讯员 李明）\n", "", ()),
    "commas": ("", "，", "", ()),
    "spaces": ("工", " ", "会", ()),
    "parentheses": ("", "(", "", ()),
    "nested-parentheses": ("", "（会(", "", ()),
    "colons": ("", "工:", "", ()),
    "short-lines": ("", "工会\n", "", ()),
    "pinyin": ("", "會(huì)議(yì)", "", ()),
    "traditional": ("", "職工代表大會舉行。", "", ()),
    "crlf": ("", "工会召开会议。\r\n", "", ()),
    "zero-width": ("", "工\u200b", "", ()),
    "headline-lines": ("", "全市工会新闻标题第一条\n", "", ()),
    "reprint-spaces": ("转载请注明:x", " ", "y\n正文。", ()),
}  # fmt: skip


def _best(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


@pytest.fixture(scope="module")
def registry() -> Plugins:
    return build_plugins(budget=STAGE_BUDGET)


def stage_times(text: str, registry: Plugins) -> dict[str, float]:
    """Best-of-REPEATS CPU seconds of each stage of a parse of ``text``.

    The garbage collector is paused: its full passes scale with the heap, not the input.
    """
    gc.collect()
    gc.disable()
    try:
        return _stage_times(text, registry)
    finally:
        gc.enable()


def _stage_times(text: str, registry: Plugins) -> dict[str, float]:
    out = {"normalize": _best(lambda: normalize(text))}
    norm = normalize(text)
    out["segment"] = _best(lambda: segmented(norm, registry))
    document, _, _ = segmented(norm, registry)
    for hook in HOOKS:
        out[hook.removeprefix("unionnews_extract_")] = _best(functools.partial(registry.call, hook, document))
        results, errors = registry.call(hook, document)
        assert not errors, f"{len(text):,} chars: {errors}"
        if hook == "unionnews_extract_metadata":
            published = next((r["published"] for _, r in results if r.get("published")), None)
            document = attrs.evolve(document, published=published)
        elif hook == "unionnews_extract_dates":
            document = attrs.evolve(document, dates=tuple(d for _, r in results for d in r))
    return out


@pytest.fixture(scope="module")
def normal_seconds_per_char(seeds: dict[str, str]) -> Callable[[], float]:
    """A function measuring, now, a whole parse of a normal article per character."""
    text = seeds["001"]
    unionnews.parse(text)

    def measure() -> float:
        return _best(lambda: unionnews.parse(text)) / len(text)

    return measure


@pytest.mark.parametrize("name", [pytest.param(n, marks=m) for n, (*_, m) in CASES.items()])
def test_every_stage_scales_linearly(
    name: str, normal_seconds_per_char: Callable[[], float], registry: Plugins
) -> None:
    head, unit, tail, _ = CASES[name]
    repeats = max(1, N_CHARS // len(unit))

    def text(k: int) -> str:
        return head + unit * repeats * k + tail

    times: dict[int, dict[str, float]] = {}
    references = []
    for k in (1, 2, 4):
        references.append(normal_seconds_per_char())
        times[k] = stage_times(text(k), registry)
        limit = MAX_DOUBLING if k == 4 else EARLY_DOUBLING
        superlinear = _superlinear(times[1], times[k], k, limit)
        for _ in range(RETRIES if k == 4 else 0):
            if not superlinear:
                break
            # A load spike on one timing: measure N and 4N once more, keep the best of each.
            for j in (1, 4):
                again = stage_times(text(j), registry)
                times[j] = {stage: min(t, again[stage]) for stage, t in times[j].items()}
            superlinear = _superlinear(times[1], times[k], k, limit)
        if k == 4 and superlinear:
            # Still steep: a quadratic path is steep at the next doubling too, while a step
            # (a cache that 4N outgrows on a busy host, a stall over every retry) is not.
            times[8] = stage_times(text(8), registry)
            steeper = _superlinear(times[4], times[8], 2, MAX_DOUBLING)
            superlinear = {
                stage: f"{why}, then {steeper[stage]}"
                for stage, why in superlinear.items()
                if stage in steeper
            }
        problems = [*superlinear.values(), *_too_costly(times[k], min(references), len(unit) * repeats * k)]
        assert not problems, f"{name}: " + "; ".join(problems)


def _superlinear(low: dict[str, float], high: dict[str, float], k: int, limit: float) -> dict[str, str]:
    """Stages whose time grew faster than ``limit`` per doubling from ``low`` to ``high`` (``k`` times the input)."""
    found = {}
    for stage, t in high.items():
        t1 = low[stage]
        doubling = (t / max(t1, 1e-6)) ** (1 / math.log2(k)) if k > 1 else 0.0
        if t > NOISE_SECONDS and doubling > limit:
            found[stage] = f"{stage}: x{doubling:.1f} per doubling ({t1 * 1000:.0f} -> {t * 1000:.0f} ms)"
    return found


def _too_costly(times: dict[str, float], reference: float, length: int) -> list[str]:
    """Stages that cost more per character than :data:`FACTOR` times a normal article's parse."""
    return [
        f"{stage}: {t:.2f}s at {length:,} chars, over {FACTOR}x a normal article's rate"
        for stage, t in times.items()
        if t > FACTOR * reference * length + NOISE_SECONDS
    ]
