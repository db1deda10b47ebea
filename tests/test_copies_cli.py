"""``unionnews parse --group-copies``: real processes, real files, JSON Lines and Parquet."""

from __future__ import annotations

import collections
import json
import pathlib

from mirrors import Corpus, run_parse


def _truth_of(origin: str) -> str:
    return pathlib.Path(origin).stem.rsplit("-", 1)[0]


def _check(rows: list[dict[str, object]], mirror_corpus: Corpus) -> None:
    assert len(rows) == len(mirror_corpus.copies)
    groups: dict[object, set[str]] = collections.defaultdict(set)
    canonical: collections.Counter[object] = collections.Counter()
    for row in rows:
        groups[row["copy_group"]].add(_truth_of(str(row["origin"])))
        canonical[row["copy_group"]] += bool(row["canonical"])
    assert all(len(truths) == 1 for truths in groups.values())
    assert len(groups) == len(mirror_corpus.truths)
    assert set(canonical.values()) == {1}


def test_jsonl_lines_carry_copy_group_and_canonical(
    tmp_path: pathlib.Path, mirror_folder: pathlib.Path, mirror_corpus: Corpus
) -> None:
    out = tmp_path / "out.jsonl"
    result = run_parse(str(mirror_folder), "--group-copies", "-o", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert f"{len(mirror_corpus.copies)} articles in {len(mirror_corpus.truths)} copy groups" in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    _check(rows, mirror_corpus)
    assert all(row["text"] and "events" in row for row in rows)
    again = run_parse(str(mirror_folder), "--group-copies", "-o", str(out), "--resume")
    assert again.returncode == 0, again.stderr
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == rows


def test_parquet_articles_carry_copy_group_and_canonical(
    tmp_path: pathlib.Path, mirror_folder: pathlib.Path, mirror_corpus: Corpus
) -> None:
    import pandas as pd

    out = tmp_path / "tables"
    result = run_parse(str(mirror_folder), "--group-copies", "--format", "parquet", "-o", str(out))
    assert result.returncode == 0, result.stderr
    articles = pd.read_parquet(out / "articles")
    assert articles["canonical"].dtype == bool
    _check(articles.to_dict("records"), mirror_corpus)
    assert len(pd.read_parquet(out / "events")) > 0


def test_grouping_needs_an_output_file(mirror_folder: pathlib.Path) -> None:
    result = run_parse(str(mirror_folder), "--group-copies")
    assert result.returncode == 2
    assert "--group-copies needs -o" in result.stderr
