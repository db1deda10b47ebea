"""Plugins that misbehave in every way, registered on the real plugin manager and run through ``parse``.

Each case was a hole: the parse raised, hung, or lost fields silently.  Now the
plugin's error is recorded on the article (typed: ``raised``, ``budget`` or
``invalid``), every valid result stands, and the output stays serialisable.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from test_plugins import Hanging

import unionnews
from unionnews.hookspecs import hookimpl
from unionnews.models import Article, DateMention, Initiative, Meeting, PluginError, Span, Statistic

TEXT = (
    "全国总工会召开会议\n"
    "本报讯（记者 张伟）2023年10月17日，市总工会召开职工代表大会，"
    "启动“职工技能提升行动”，全年培训职工3.5万名。\n"
    "同日，区总工会举行座谈会。\n"
)


def plugin_errors(article: Article, name: str) -> list[PluginError]:
    return [e for e in article.errors if e.plugin == name]


def assert_builtins_stand(article: Article) -> None:
    """What the built-ins find on TEXT is still there."""
    kinds = {e.kind for e in article.events}
    assert {"meeting", "initiative", "statistic"} <= kinds
    assert article.people and article.dates and article.title
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


def make(name: str, hook: str, fn: Any) -> object:
    """A plugin object named ``name`` implementing ``hook`` with ``fn(document)``."""

    def impl(self: object, document: Any) -> Any:
        return fn(document)

    impl.__name__ = hook
    cls = type(name, (), {"__name__": name, hook: hookimpl(impl)})
    return cls()


def test_a_generator_hook_that_raises_is_isolated() -> None:
    def gen(document: Any) -> Iterator[Initiative]:
        yield Initiative("甲", "品牌", None, Span(0, 1, -1, -1))
        raise ValueError("late failure")

    article = unionnews.parse(TEXT, plugins=[make("gen", "unionnews_extract_initiatives", gen)])
    (error,) = plugin_errors(article, "gen")
    assert error.kind == "raised" and "late failure" in error.error
    assert_builtins_stand(article)


def test_an_infinite_generator_is_cut_off() -> None:
    def endless(document: Any) -> Iterator[Statistic]:
        while True:
            yield Statistic(1, "名", "1名", evidence=Span(0, 1, -1, -1))

    start = time.perf_counter()
    article = unionnews.parse(TEXT, plugins=[make("endless", "unionnews_extract_statistics", endless)])
    assert time.perf_counter() - start < 5
    (error,) = plugin_errors(article, "endless")
    assert error.kind == "invalid" and "more than" in error.error
    assert_builtins_stand(article)


def test_a_slow_infinite_generator_is_cut_off_at_its_budget() -> None:
    def slow(document: Any) -> Iterator[DateMention]:
        while True:
            time.sleep(0.01)
            yield from ()

    start = time.perf_counter()
    article = unionnews.parse(
        TEXT, plugins=[make("slowgen", "unionnews_extract_dates", slow)], plugin_budget=0.2
    )
    assert time.perf_counter() - start < 3
    (error,) = plugin_errors(article, "slowgen")
    assert error.kind == "budget"
    assert_builtins_stand(article)


class Duck:
    """Looks like an event: it has a ``kind``, and nothing else."""

    kind = "meeting"


@pytest.mark.parametrize(
    ("hook", "item", "why"),
    [
        ("unionnews_extract_meetings", Duck(), "not a Meeting"),
        ("unionnews_extract_statistics", Statistic(1, "名", "1名", evidence="0:3"), "evidence is not a Span"),  # type: ignore[arg-type]
        (
            "unionnews_extract_statistics",
            Statistic(1, "名", "1名", evidence=Span(10**9, -5, -1, -1)),
            "outside the text",
        ),
        ("unionnews_extract_initiatives", Initiative("\ud800", "品牌"), "not a clean str"),
        ("unionnews_extract_statistics", Statistic(math.nan, "名", "x"), "not a finite number"),
        ("unionnews_extract_statistics", Statistic(10**30, "名", "x"), "not a finite number"),
        ("unionnews_extract_meetings", Meeting(None, 5), "name is not a clean str"),  # type: ignore[arg-type]
        ("unionnews_extract_meetings", Meeting(None, "会", kind="statistic"), "kind is not one of"),  # type: ignore[arg-type]
        ("unionnews_extract_dates", DateMention("x", None, "week", False), "precision"),  # type: ignore[arg-type]
        ("unionnews_extract_people", Initiative("甲", "品牌"), "not a Person"),
        ("unionnews_extract_people", object(), "not a Person"),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.startswith("unionnews_") else None,
)
def test_an_invalid_record_is_dropped_with_a_typed_error(hook: str, item: object, why: str) -> None:
    good = Initiative("好名字", "品牌", None, Span(0, 2, -1, -1))
    items = [item, good] if hook != "unionnews_extract_people" else [item]
    article = unionnews.parse(TEXT, plugins=[make("bad", hook, lambda d: items)])
    (error,) = plugin_errors(article, "bad")
    assert error.kind == "invalid" and why in error.error, error
    assert_builtins_stand(article)
    if hook.endswith(("initiatives", "meetings", "statistics")):
        assert any(getattr(e, "name", None) == "好名字" and e.extractor == "bad" for e in article.events)


def test_a_result_that_is_not_a_sequence_is_an_error() -> None:
    article = unionnews.parse(TEXT, plugins=[make("scalar", "unionnews_extract_meetings", lambda d: 42)])
    (error,) = plugin_errors(article, "scalar")
    assert error.kind == "invalid" and "not a sequence" in error.error


def test_bad_metadata_fields_are_dropped_and_good_ones_kept() -> None:
    meta = {"title": 12345, "column": "工会动态", "published": "\udc80", "titel": "typo"}
    article = unionnews.parse(TEXT, plugins=[make("meta", "unionnews_extract_metadata", lambda d: meta)])
    (error,) = plugin_errors(article, "meta")
    assert error.kind == "invalid"
    assert "'title'" in error.error and "'published'" in error.error and "titel" in error.error
    assert article.title == "全国总工会召开会议"  # the built-in's title, not the int
    assert article.column == "工会动态"


@pytest.mark.parametrize(
    "exc",
    [
        SystemExit(7),
        GeneratorExit(),
        StopIteration(),
        type("Custom", (BaseException,), {})("x"),
        MemoryError(),
    ],
    ids=lambda e: type(e).__name__,
)
def test_no_base_exception_escapes_a_hook(exc: BaseException) -> None:
    def boom(document: Any) -> Any:
        raise exc

    article = unionnews.parse(TEXT, plugins=[make("base", "unionnews_extract_people", boom)])
    (error,) = plugin_errors(article, "base")
    assert error.kind == "raised" and type(exc).__name__ in error.error
    assert_builtins_stand(article)


def test_keyboard_interrupt_still_stops_the_parse() -> None:
    def stop(document: Any) -> Any:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        unionnews.parse(TEXT, plugins=[make("ctrlc", "unionnews_extract_people", stop)])


def test_an_exception_that_cannot_be_printed_is_recorded() -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no")

    def boom(document: Any) -> Any:
        raise Unprintable

    article = unionnews.parse(TEXT, plugins=[make("ugly", "unionnews_extract_dates", boom)])
    (error,) = plugin_errors(article, "ugly")
    assert "Unprintable" in error.error


class Wrapper:
    __name__ = "wrapper"

    @hookimpl(wrapper=True)
    def unionnews_extract_meetings(self, document: Any) -> Any:
        result = yield
        return result


def test_a_hook_wrapper_is_refused_with_an_error() -> None:
    article = unionnews.parse(TEXT, plugins=[Wrapper()])
    (error,) = plugin_errors(article, "wrapper")
    assert error.kind == "invalid" and "wrapper" in error.error
    assert_builtins_stand(article)


def lexicon_plugin(name: str, result: Any) -> object:
    def words(self: object) -> Any:
        if isinstance(result, BaseException):
            raise result
        return result

    words.__name__ = "unionnews_lexicon"
    return type(name, (), {"__name__": name, "unionnews_lexicon": hookimpl(words)})()


def test_an_empty_furniture_entry_is_rejected_not_applied() -> None:
    with pytest.warns(unionnews.PluginWarning, match="emptyfurniture"):
        article = unionnews.parse(TEXT, plugins=[lexicon_plugin("emptyfurniture", {"furniture": ["", " "]})])
    assert article.text == unionnews.parse(TEXT).text  # no line removed
    (error,) = plugin_errors(article, "emptyfurniture")
    assert error.hook == "unionnews_lexicon" and error.kind == "invalid" and "empty" in error.error


@pytest.mark.parametrize(
    ("result", "why"),
    [
        ({"initiative": [5, "好工程"]}, "not a clean str"),
        ({"brands": ["好工程"]}, "unknown lexicon category 'brands'"),
        ({"initiative": "好工程"}, "not a collection of words"),
        (["好工程"], "not a mapping"),
        (RuntimeError("lexicon file missing"), "lexicon file missing"),
        (SystemExit(3), "SystemExit"),
    ],
    ids=["int-entry", "unknown-category", "bare-string", "list", "raises", "system-exit"],
)
def test_a_bad_lexicon_contribution_is_rejected_with_an_error_naming_the_plugin(
    result: Any, why: str
) -> None:
    with pytest.warns(unionnews.PluginWarning, match="badlex") as warned:
        article = unionnews.parse(TEXT, plugins=[lexicon_plugin("badlex", result)])
    assert why in str(warned[0].message)
    (error,) = plugin_errors(article, "badlex")
    assert error.hook == "unionnews_lexicon" and why in error.error
    assert_builtins_stand(article)


def test_the_valid_entries_of_a_lexicon_contribution_are_kept() -> None:
    text = "市总工会推出暖心工惠服务，方便职工。"
    plugin = lexicon_plugin("mixedlex", {"initiative": ["暖心工惠", ""], "nosuch": ["x"]})
    with pytest.warns(unionnews.PluginWarning):
        article = unionnews.parse(text, plugins=[plugin])
    assert "暖心工惠" in {getattr(e, "name", None) for e in article.events}
    (error,) = plugin_errors(article, "mixedlex")
    assert "empty" in error.error and "nosuch" in error.error


def test_a_dates_hook_cut_off_by_its_budget_is_recorded() -> None:
    text = "1月1日，省总工会召开会议。" * 20_000
    article = unionnews.parse(text, plugin_budget=0.001)
    errors = {e.plugin: e for e in article.errors}
    assert errors["builtin.dates"].kind == "budget"
    assert not article.dates


def test_a_hanging_plugin_in_a_thread_is_interrupted() -> None:
    start = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        futures = [
            pool.submit(unionnews.parse, TEXT, plugins=[Hanging()], plugin_budget=0.2) for _ in range(2)
        ]
        articles = [f.result(timeout=10) for f in futures]
    assert time.perf_counter() - start < 5
    for article in articles:
        (error,) = plugin_errors(article, "hanging")
        assert error.kind == "budget"
        assert_builtins_stand(article)


def test_a_hanging_plugin_under_dasks_threaded_scheduler_is_interrupted() -> None:
    bag = pytest.importorskip("dask.bag")

    def run(text: str) -> Article:
        return unionnews.parse(text, plugins=[Hanging()], plugin_budget=0.2)

    start = time.perf_counter()
    articles = (
        bag.from_sequence([TEXT] * 4, npartitions=4).map(run).compute(scheduler="threads", num_workers=2)
    )
    assert time.perf_counter() - start < 10
    assert all(plugin_errors(a, "hanging")[0].kind == "budget" for a in articles)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_someone_elses_alarm_handler_and_timer_are_left_alone() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        start = time.perf_counter()
        article = unionnews.parse(TEXT, plugins=[Hanging()], plugin_budget=0.2)  # bounded by the watchdog
        assert time.perf_counter() - start < 3
        assert plugin_errors(article, "hanging")[0].kind == "budget"
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        article = unionnews.parse(TEXT)
        time.sleep(0.2)
        assert fired == [signal.SIGALRM]  # the caller's own timer still reached the caller's handler
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_a_parse_leaves_no_timer_running() -> None:
    unionnews.parse(TEXT, plugins=[Hanging()], plugin_budget=0.1)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert threading.current_thread() is threading.main_thread()


# The command line with misbehaving plugins installed as distributions (found through entry points).

PLUGIN_SOURCE = """
from unionnews.hookspecs import hookimpl
from unionnews.models import Initiative, Span


class Plugin:
    @hookimpl
    def unionnews_extract_metadata(self, document):
        return {"title": 12345}

    @hookimpl
    def unionnews_extract_initiatives(self, document):
        return [Initiative("\\ud800坏", "品牌", None, Span(0, 1, -1, -1)), Initiative("好工程", "工程")]

    @hookimpl
    def unionnews_extract_people(self, document):
        raise SystemExit(7)


plugin = Plugin()
"""


@pytest.fixture(scope="module")
def bad_distribution(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding an installed-style distribution ``unionnews-bad`` (module + dist-info with entry point)."""
    root = tmp_path_factory.mktemp("site")
    (root / "unionnews_bad.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    info = root / "unionnews_bad-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: unionnews-bad\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[unionnews]\nbad = unionnews_bad:plugin\n")
    return root


def run_cli(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "unionnews", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(3):
        (folder / f"{i}.txt").write_text(TEXT.replace("张伟", f"张{'一二三'[i]}"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_writes_every_article_despite_a_misbehaving_installed_plugin(
    bad_distribution: Path, corpus: Path, tmp_path: Path, jobs: str
) -> None:
    assert "bad\tunionnews-bad" in run_cli(bad_distribution, "plugins").stdout
    out = tmp_path / "out.jsonl"
    done = run_cli(bad_distribution, "parse", str(corpus), "-o", str(out), "--jobs", jobs)
    assert done.returncode == 0, done.stderr
    articles = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(articles) == 3
    for article in articles:
        assert article["title"] == "全国总工会召开会议"
        assert "好工程" in {e.get("name") for e in article["events"]}
        kinds = {(e["hook"], e["kind"]) for e in article["errors"] if e["plugin"] == "bad"}
        assert kinds == {
            ("unionnews_extract_metadata", "invalid"),
            ("unionnews_extract_initiatives", "invalid"),
            ("unionnews_extract_people", "raised"),
        }


def test_cli_parquet_run_survives_a_non_string_title(
    bad_distribution: Path, corpus: Path, tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    done = run_cli(
        bad_distribution,
        "parse",
        str(corpus),
        "--format",
        "parquet",
        "-o",
        str(tmp_path / "t"),
        "--jobs",
        "2",
    )
    assert done.returncode == 0, done.stderr
    table = pq.read_table(tmp_path / "t" / "articles")
    assert table.num_rows == 3 and set(table.column("title").to_pylist()) == {"全国总工会召开会议"}


def test_cli_summary_counts_an_article_whose_dates_hook_was_cut_off(tmp_path: Path) -> None:
    page = tmp_path / "dates.txt"
    page.write_text("1月1日，省总工会召开会议。" * 20_000, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "unionnews", "parse", str(page), "-o", str(out), "--plugin-budget", "0.001"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 with plugin errors" in done.stderr
    (article,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"plugin": "builtin.dates", "kind": "budget"}.items() <= next(
        e for e in article["errors"] if e["plugin"] == "builtin.dates"
    ).items()
