"""Corpus runs: the command line, resume, Parquet tables, and the same run on a Dask cluster."""

from __future__ import annotations

import json
import pathlib
import pickle
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import unionnews
from unionnews.corpus.cluster import parse_to_parquet
from unionnews.corpus.records import BadRecord, Outcome, Record, file_records, parse_records
from unionnews.corpus.sinks import ParquetSink

ROOT = pathlib.Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unionnews", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


@pytest.fixture
def corpus(tmp_path: pathlib.Path) -> pathlib.Path:
    """The seeds, a JSON Lines file with two bad lines, an empty, a binary and a truncated file."""
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", folder)
    lines = [
        json.dumps({"text": "河南省总工会召开职工代表大会。"}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": 42}),
        json.dumps({"text": "成都市总工会举办劳动竞赛。"}, ensure_ascii=False),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 8)
    seed = (ROOT / "seeds").glob("*.txt").__next__().read_bytes()
    (folder / "truncated.txt").write_bytes(seed[: len(seed) // 2 + 1])  # cut inside a UTF-8 character
    return folder


def origins(path: pathlib.Path) -> list[str]:
    return [json.loads(line)["origin"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_bad_records_are_reported_and_the_rest_parsed(corpus: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli("parse", str(corpus), "-o", str(out))
    assert result.returncode == 1
    assert f"{corpus / 'batch.jsonl'}:2: bad record" in result.stderr
    assert f"{corpus / 'batch.jsonl'}:3: bad record" in result.stderr
    assert f"{corpus / 'image.txt'}: BinaryInputError" in result.stderr
    done = origins(out)
    assert len(done) == 5 + 2 + 2  # seeds, good JSONL lines, empty and truncated files
    assert f"{corpus / 'batch.jsonl'}:4" in done
    assert "9 parsed" in result.stderr and "3 failed" in result.stderr and "repaired" in result.stderr


def test_jobs_give_the_same_output_in_the_same_order(corpus: pathlib.Path, tmp_path: pathlib.Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_cli("parse", str(corpus), "-o", str(one))
    run_cli("parse", str(corpus), "-o", str(two), "--jobs", "2")
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_resume_skips_what_is_done_and_cuts_a_torn_line(corpus: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.jsonl"
    first = sorted(corpus.glob("0*.txt"))[:2]
    run_cli("parse", *map(str, first), "-o", str(out))
    with out.open("a", encoding="utf-8") as f:
        f.write('{"title": "half a line')  # a run killed mid-write
    result = run_cli("parse", str(corpus), "-o", str(out), "--resume")
    assert "2 skipped" in result.stderr
    done = origins(out)
    assert len(done) == len(set(done)) == 9


def test_parquet_tables_load_into_pandas(corpus: pathlib.Path, tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "tables"
    jsonl = tmp_path / "out.jsonl"
    run_cli("parse", str(corpus), "--format", "parquet", "-o", str(folder))
    run_cli("parse", str(corpus), "-o", str(jsonl))
    events = pd.read_parquet(folder / "events")
    articles = pd.read_parquet(folder / "articles")
    parsed = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(articles) == len(parsed)
    assert len(events) == sum(len(a["events"]) for a in parsed)
    assert set(events["kind"]) >= {"meeting", "initiative", "statistic"}
    meetings = events[events["kind"] == "meeting"]
    assert meetings["name"].notna().all() and meetings["value"].isna().all()


def test_articles_and_outcomes_pickle(corpus: pathlib.Path) -> None:
    article = unionnews.parse((corpus / "batch.jsonl").read_text(encoding="utf-8").splitlines()[0])
    outcome = Outcome("x", article)
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    record = Record("y", b"\xe5\xb7\xa5")
    assert pickle.loads(pickle.dumps(record)) == record


def test_parse_records_streams(corpus: pathlib.Path) -> None:
    """Outcomes come out before the input is exhausted: nothing is read ahead without bound."""
    consumed = 0

    def endless() -> object:
        nonlocal consumed
        while True:
            consumed += 1
            yield Record(f"r{consumed}", "工会召开会议。")

    stream = parse_records(endless(), jobs=1)  # type: ignore[arg-type]
    first = next(stream)
    assert first.origin == "r1" and consumed <= 64


def single_process_tables(paths: list[str], folder: pathlib.Path) -> None:
    sink = ParquetSink(str(folder))
    bad: list[BadRecord] = []
    try:
        for path in paths:
            for outcome in parse_records(file_records(path, bad.append)):
                if outcome.article is not None:
                    sink.write(outcome)
    finally:
        sink.close()


def test_dask_local_cluster_gives_the_single_process_result(
    corpus: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    from dask.distributed import Client, LocalCluster

    paths = sorted(str(p) for p in corpus.iterdir())
    single, distributed = tmp_path / "single", tmp_path / "dask"
    single_process_tables(paths, single)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            failures = parse_to_parquet([str(corpus)], str(distributed), partition_bytes=30_000)
    assert {f.origin for f in failures} == {
        f"{corpus / 'batch.jsonl'}:2",
        f"{corpus / 'batch.jsonl'}:3",
        str(corpus / "image.txt"),
    }
    for table in ("articles", "events", "people"):
        expected = pd.read_parquet(single / table).sort_values(
            ["origin", "start"] if table != "articles" else "origin"
        )
        got = pd.read_parquet(distributed / table).sort_values(
            ["origin", "start"] if table != "articles" else "origin"
        )
        pd.testing.assert_frame_equal(expected.reset_index(drop=True), got.reset_index(drop=True))
    # the folder was walked like the command line walks it, and cut by size, not one part per file
    parts = len(list((distributed / "articles").glob("part-*.parquet")))
    assert 1 < parts < len(paths)
    # plugins were found through entry points inside the workers, too
    initiatives = set(pd.read_parquet(distributed / "events").query("kind == 'initiative'")["extractor"])
    assert initiatives & {"henan", "sichuan", "shaanxi"}


def test_setup_errors_are_one_line_and_status_2(tmp_path: pathlib.Path) -> None:
    unwritable = run_cli(
        "parse", str(ROOT / "seeds"), "-o", str(tmp_path / "no" / "such" / "dir" / "out.jsonl")
    )
    assert unwritable.returncode == 2 and "Traceback" not in unwritable.stderr
    assert "No such file or directory" in unwritable.stderr
    no_jobs = run_cli("parse", str(ROOT / "seeds"), "--jobs", "0")
    assert no_jobs.returncode == 2 and "--jobs must be at least 1" in no_jobs.stderr
    parquet_without_folder = run_cli("parse", str(ROOT / "seeds"), "--format", "parquet")
    assert parquet_without_folder.returncode == 2 and "needs -o FOLDER" in parquet_without_folder.stderr
