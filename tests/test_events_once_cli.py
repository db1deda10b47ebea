"""``unionnews parse --group-copies`` writes the events counted once: real processes on a generated mirror corpus."""

from __future__ import annotations

import collections
import json
import pathlib
import shutil
from typing import Any

import pytest

from mirrors import Corpus, run_parse

Row = dict[str, Any]


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory, mirror_folder: pathlib.Path) -> pathlib.Path:
    out = tmp_path_factory.mktemp("jsonl") / "out.jsonl"
    result = run_parse(str(mirror_folder), "--group-copies", "-o", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert f"counted once: {out.parent / 'out.events.jsonl'}" in result.stderr
    return out


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory, mirror_folder: pathlib.Path) -> pathlib.Path:
    out = tmp_path_factory.mktemp("parquet") / "tables"
    result = run_parse(str(mirror_folder), "--group-copies", "--format", "parquet", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _events_once(out: pathlib.Path) -> list[Row]:
    path = out.with_name(out.name.removesuffix(".jsonl") + ".events.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _truth(article: str, mirror_corpus: Corpus) -> str:
    return mirror_corpus.group_of[pathlib.Path(article).stem]


def test_each_meeting_is_one_row_reported_by_every_copy(jsonl: pathlib.Path, mirror_corpus: Corpus) -> None:
    rows = _events_once(jsonl)
    copies = collections.Counter(mirror_corpus.group_of.values())
    meetings = [row for row in rows if row["kind"] == "meeting"]
    assert meetings
    seen = set()
    for row in meetings:
        truths = {_truth(a, mirror_corpus) for a in row["articles"]}
        reported = {mirror_corpus.truths[t].meeting for t in truths}
        assert len(reported) == 1, row  # one real meeting per row
        meeting = reported.pop()
        assert (row["organizer"], row["date"]) == (meeting[0], meeting[2])
        assert meeting not in seen  # and one row per real meeting
        seen.add(meeting)
        everyone = [t for t, truth in mirror_corpus.truths.items() if truth.meeting == meeting]
        assert row["reported_by"] == len(row["articles"]) == len(set(row["articles"]))
        assert row["reported_by"] == sum(copies[t] for t in everyone)
        assert row["copy_groups"] == len(everyone)
    assert any(row["copy_groups"] == 2 for row in meetings)  # another outlet's write-up joins the row


def test_each_statistic_row_holds_one_truths_copies(jsonl: pathlib.Path, mirror_corpus: Corpus) -> None:
    rows = [row for row in _events_once(jsonl) if row["kind"] == "statistic"]
    copies = collections.Counter(mirror_corpus.group_of.values())
    true_stats = {(v, u, s): t for t, truth in mirror_corpus.truths.items() for v, u, s in truth.statistics}
    found = 0
    for row in rows:
        truths = {_truth(a, mirror_corpus) for a in row["articles"]}
        assert len(truths) == 1 and row["copy_groups"] == 1, row
        assert row["reported_by"] == len(set(row["articles"])) <= copies[truths.pop()]
        key = (row["value"], row["unit"], row["subject"])
        if key in true_stats:
            found += 1
            assert _truth(row["articles"][0], mirror_corpus) == true_stats[key]
            assert row["reported_by"] * 2 > copies[true_stats[key]]
    reported = sum(row["reported_by"] for row in rows)
    assert (
        found >= len(true_stats) - 2
    )  # every clean statistic but a rare miss (帮扶资金 is in yuan: 万 multiplied out)
    assert len(rows) < reported  # counted once, not once per copy


def test_parquet_table_reads_back_typed_and_matches_jsonl(parquet: pathlib.Path, jsonl: pathlib.Path) -> None:
    import pandas as pd

    table = pd.read_parquet(parquet / "events_once")
    assert table["reported_by"].dtype == "int64"
    assert table["copy_groups"].dtype == "int64"
    assert table["value"].dtype == "float64"
    assert [p.name for p in (parquet / "events_once").iterdir()] == ["part-0.parquet"]
    rows = table.to_dict("records")
    expected = _events_once(jsonl)
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        assert list(got["articles"]) == want["articles"]
        scalars = [c for c in want if c != "articles"]
        assert {c: None if pd.isna(got[c]) else got[c] for c in scalars} == {c: want[c] for c in scalars}
    exploded = table.explode("articles")
    assert len(exploded) == table["reported_by"].sum()


def test_resume_regroups_and_rewrites_the_table_whole(
    tmp_path: pathlib.Path, mirror_folder: pathlib.Path, jsonl: pathlib.Path
) -> None:
    out = tmp_path / "out.jsonl"
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")
    events = tmp_path / "out.events.jsonl"
    events.write_text('{"stale": true}\n', encoding="utf-8")
    result = run_parse(str(mirror_folder), "--group-copies", "-o", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert _events_once(out) == _events_once(jsonl)
    again = run_parse(str(mirror_folder), "-o", str(out), "--overwrite")
    assert again.returncode == 0, again.stderr
    assert not events.exists()  # --overwrite without grouping leaves no table of an earlier run


def test_parquet_resume_replaces_the_earlier_table(
    tmp_path: pathlib.Path, mirror_folder: pathlib.Path, parquet: pathlib.Path
) -> None:
    import pandas as pd

    out = tmp_path / "tables"
    shutil.copytree(parquet, out)
    shutil.copy(out / "events_once" / "part-0.parquet", out / "events_once" / "part-9.parquet")
    result = run_parse(
        str(mirror_folder), "--group-copies", "--format", "parquet", "-o", str(out), "--resume"
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (out / "events_once").iterdir()] == ["part-0.parquet"]
    assert pd.read_parquet(out / "events_once").equals(pd.read_parquet(parquet / "events_once"))
    again = run_parse(str(mirror_folder), "--format", "parquet", "-o", str(out), "--overwrite")
    assert again.returncode == 0, again.stderr
    assert not list((out / "events_once").glob("part-*.parquet"))


def test_output_without_events_gets_no_table(tmp_path: pathlib.Path, mirror_folder: pathlib.Path) -> None:
    out = tmp_path / "out.jsonl"
    events = tmp_path / "out.events.jsonl"
    events.write_text('{"stale": true}\n', encoding="utf-8")
    result = run_parse(str(mirror_folder), "--group-copies", "-o", str(out), "--fields", "title,text")
    assert result.returncode == 0, result.stderr
    assert "no events in the output" in result.stderr
    assert not events.exists()
    assert all("copy_group" in json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
