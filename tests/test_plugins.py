"""Real plugins: the regional distributions under plugins/, installed with pip."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import entry_points

import pytest

import unionnews
from unionnews.hookspecs import hookimpl
from unionnews.models import Initiative
from unionnews.plugins import build_plugins

REGIONAL = {"henan": "unionnews-henan", "shaanxi": "unionnews-shaanxi", "sichuan": "unionnews-sichuan"}


def test_regional_plugins_are_installed_entry_points() -> None:
    found = {ep.name: ep.dist.name for ep in entry_points(group="unionnews") if ep.dist}
    for name, dist in REGIONAL.items():
        assert found.get(name) == dist, f"pip install plugins/{dist} first"
    info = {i.name: i.origin for i in build_plugins().info}
    assert info["henan"] == "unionnews-henan" and info["builtin.meetings"] == "builtin"


def _initiatives(article: unionnews.Article) -> dict[str, Initiative]:
    return {e.name: e for e in article.events if isinstance(e, Initiative)}


def test_henan_plugin_changes_output() -> None:
    text = "河南省总还着力打造豫工惠服务平台，方便职工。"
    with_plugin = _initiatives(unionnews.parse(text))
    without = _initiatives(unionnews.parse(text, disable=["henan"]))
    assert "豫工惠" in with_plugin and with_plugin["豫工惠"].organization == "河南省总工会"
    assert "豫工惠" not in without


def test_sichuan_plugin_finds_unquoted_lecture_series() -> None:
    text = "都江堰市总工会依托堰工讲堂开展宣讲。"
    assert "堰工讲堂" in _initiatives(unionnews.parse(text))
    assert "堰工讲堂" not in _initiatives(unionnews.parse(text, disable=["sichuan", "henan", "shaanxi"]))


def test_shaanxi_plugin_names_the_newspaper(seeds: dict[str, str]) -> None:
    text = seeds["002"].replace("據(jù)《陜西工人報(bào)》", "")
    assert unionnews.parse(text).newspaper == "陕西工人报"
    assert unionnews.parse(text, disable=["shaanxi"]).newspaper is None


class Exploding:
    __name__ = "exploding"

    @hookimpl
    def unionnews_extract_statistics(self, document: object) -> list[object]:
        raise RuntimeError("boom")


class Malformed:
    __name__ = "malformed"

    @hookimpl
    def unionnews_extract_meetings(self, document: object) -> list[object]:
        return ["not an event"]


def test_a_failing_plugin_is_recorded_and_isolated(seeds: dict[str, str]) -> None:
    article = unionnews.parse(seeds["001"], plugins=[Exploding(), Malformed()])
    errors = {(e.plugin, e.hook) for e in article.errors}
    assert ("exploding", "unionnews_extract_statistics") in errors
    assert ("malformed", "unionnews_extract_meetings") in errors
    assert any(e.kind == "statistic" for e in article.events)


class Hanging:
    """Loops forever, swallowing ordinary exceptions as careless plugins do."""

    __name__ = "hanging"

    @hookimpl
    def unionnews_extract_initiatives(self, document: object) -> list[object]:
        while True:
            try:
                time.sleep(0.01)
            except Exception:
                continue


class Slow:
    __name__ = "slow"

    @hookimpl
    def unionnews_extract_people(self, document: object) -> list[object]:
        time.sleep(0.3)
        return []


def test_a_hanging_plugin_is_cut_off_at_its_budget(seeds: dict[str, str]) -> None:
    start = time.perf_counter()
    article = unionnews.parse(seeds["001"], plugins=[Hanging()], plugin_budget=0.2)
    assert time.perf_counter() - start < 5
    errors = [e for e in article.errors if e.plugin == "hanging"]
    assert errors and "budget" in errors[0].error
    assert any(e.kind == "initiative" for e in article.events)  # the built-ins' results stand


def test_a_slow_plugin_off_the_main_thread_is_discarded_after_its_budget(seeds: dict[str, str]) -> None:
    with ThreadPoolExecutor(1) as pool:
        article = pool.submit(unionnews.parse, seeds["001"], plugins=[Slow()], plugin_budget=0.1).result()
    assert [e.hook for e in article.errors if e.plugin == "slow"] == ["unionnews_extract_people"]
    assert article.people  # built-in people extraction unaffected


def test_unknown_plugin_name_is_a_clear_error() -> None:
    with pytest.raises(unionnews.PluginLoadError, match="nosuch"):
        unionnews.parse("工会", disable=["nosuch"])


def test_cli_lists_plugins_and_parses(tmp_path: object, seeds: dict[str, str]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "unionnews", "plugins"], capture_output=True, text=True, check=True
    )
    assert "henan\tunionnews-henan" in out.stdout
    result = subprocess.run(
        [sys.executable, "-m", "unionnews", "parse", "seeds"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 5
    missing = subprocess.run(
        [sys.executable, "-m", "unionnews", "parse", "seeds", "missing.txt"], capture_output=True, text=True
    )
    assert missing.returncode == 2 and missing.stdout == ""  # a usage error, before any work
    assert "no such file or folder: missing.txt" in missing.stderr
