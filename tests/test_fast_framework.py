"""The per-article framework's fast paths give what the general ones give."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest

import unionnews
from unionnews.assemble import _replace_evidence
from unionnews.budget import _on_alarm, session
from unionnews.corpus.records import ParseOptions, plugins_for, warm_up_text
from unionnews.models import Activity, DateMention, Initiative, Meeting, Person, Span, Statistic
from unionnews.plugins import default_plugins

RECORDS = [
    Person("张伟", "reporter", "工人日报", Span(0, 2, -1, -1)),
    DateMention("3月5日", "2024-03-05", "day", False, Span(3, 7, -1, -1)),
    Meeting("市总工会", "全委会议", "2024-03-05", "张伟", "郑州", "部署工作", Span(1, 5, -1, -1), "x", 0.7),
    Activity("市总工会", "技能大赛", None, "洛阳", Span(2, 6, -1, -1), "y", 0.6),
    Initiative("职工之家", "品牌", "市总工会", Span(0, 4, -1, -1), "z", 0.8),
    Statistic(30000, "人", "3万人", True, "职工", "参加", Span(5, 8, -1, -1), "w", 0.9),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_replacing_evidence_is_attrs_evolve(record: Any) -> None:
    span = Span(4, 9, 10, 17)
    fast = _replace_evidence(record, span)
    assert fast == attrs.evolve(record, evidence=span)
    assert type(fast) is type(record) and fast.evidence is span


def test_replacing_evidence_of_a_class_with_keyword_only_fields_falls_back_to_evolve() -> None:
    @attrs.frozen
    class Odd:
        name: str
        evidence: Span | None = attrs.field(default=None, kw_only=True)

    assert _replace_evidence(Odd("a"), Span(0, 1, 0, 1)) == Odd("a", evidence=Span(0, 1, 0, 1))


def test_raw_offsets_of_events_follow_removed_furniture() -> None:
    text = (
        "首页 | 新闻中心 | 联系我们\n市总工会召开全委会议\n本报讯 3月5日，市总工会召开全委会议，张伟主持。\n"
    )
    article = unionnews.parse(text)
    assert article.furniture and article.events and article.dates
    for record in (*article.events, *article.dates, *article.people):
        ev = record.evidence
        assert ev is not None and ev.raw_start > ev.start
        assert text[ev.raw_start : ev.raw_end] == article.text[ev.start : ev.end]


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_someone_elses_timer_under_our_handler_is_put_back() -> None:
    assert threading.current_thread() is threading.main_thread()
    unionnews.parse("市总工会召开会议。")  # installs our handler
    assert signal.getsignal(signal.SIGALRM) is _on_alarm
    signal.setitimer(signal.ITIMER_REAL, 30.0, 7.0)
    try:
        with session(5.0) as s:
            assert not s.uses_signal  # the watchdog covers this parse
            left, interval = signal.getitimer(signal.ITIMER_REAL)
            assert 29.0 < left <= 30.0 and interval == 7.0
        left, interval = signal.getitimer(signal.ITIMER_REAL)
        assert 29.0 < left <= 30.0 and interval == 7.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_a_session_arms_one_timer_and_clears_it() -> None:
    unionnews.parse("市总工会召开会议。")
    with session(5.0) as s:
        assert s.uses_signal
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 4.0 < left <= 5.0
        with session(1.0) as inner:
            assert inner is s  # a nested parse shares the session
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_warm_up_article_reaches_every_repair_table() -> None:
    article = unionnews.parse(warm_up_text())
    kinds = {r.kind for r in article.repairs}
    assert {"pinyin-annotation", "traditional-to-simplified"} <= kinds
    assert any(k.startswith("mojibake") for k in kinds) and not article.errors
    assert "职工之家" in article.text


def test_a_run_with_default_options_parses_with_the_default_plugins() -> None:
    assert plugins_for(ParseOptions()) is default_plugins()
    assert plugins_for(ParseOptions(disable=("builtin.statistics",))) is not default_plugins()


PID_PLUGIN = """
import os
from unionnews.hookspecs import hookimpl


class Plugin:
    @hookimpl
    def unionnews_extract_people(self, document):
        with open(os.environ["PID_LOG"], "a") as f:
            f.write(f"{os.getpid()}\\n")
        return []


plugin = Plugin()
"""


def test_the_command_runs_third_party_extractors_only_in_its_workers(tmp_path: Path) -> None:
    site = tmp_path / "site"
    info = site / "unionnews_pids-1.0.dist-info"
    info.mkdir(parents=True)
    (site / "unionnews_pids.py").write_text(PID_PLUGIN, encoding="utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: unionnews-pids\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[unionnews]\npids = unionnews_pids:plugin\n")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": i, "text": f"市总工会召开第{i}次会议。"}, ensure_ascii=False) + "\n"
            for i in range(6)
        ),
        encoding="utf-8",
    )
    log = tmp_path / "pids.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    env["PID_LOG"] = str(log)
    command = [sys.executable, "-m", "unionnews", "parse", str(corpus), "-o", str(tmp_path / "out.jsonl")]
    with subprocess.Popen([*command, "--jobs", "2"], env=env, stderr=subprocess.PIPE, text=True) as proc:
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    pids = log.read_text().split()
    assert len(pids) == 6 and str(proc.pid) not in pids
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 6
