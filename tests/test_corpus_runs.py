"""Corpus runs a data team can trust: real processes, real signals, real files.

Interrupts and crashes are real signals sent to a real ``unionnews parse`` run;
the file-system cases are real FIFOs, symlinks and devices in a temporary folder.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

import unionnews
from unionnews.corpus.records import Record, _chunks, parse_records
from unionnews.corpus.sinks import dumps

ROOT = pathlib.Path(__file__).resolve().parents[1]
SENTENCES = ("{n}号：河南省总工会召开职工代表大会。", "{n}号：成都市总工会举办劳动竞赛，参赛职工1200人。")


def cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unionnews", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        cwd=cwd,
    )


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "unionnews", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def write_jsonl(path: pathlib.Path, n: int, **extra: str) -> list[str]:
    """``n`` short articles with ids ``r0``... and a ``url``; returns the ids."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            record = {"id": f"r{i}", "url": f"https://example.org/{i}", "text": SENTENCES[i % 2].format(n=i)}
            f.write(json.dumps({**record, **extra}, ensure_ascii=False) + "\n")
    return [f"r{i}" for i in range(n)]


def children(pid: int) -> list[int]:
    found = []
    for task in pathlib.Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(c) for c in text.split()]
    return found


def alive(pid: int) -> bool:
    try:
        status = pathlib.Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def wait_for(condition: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def jsonl_ids(path: pathlib.Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


# --- crashes and interrupts ---------------------------------------------------------


def test_sigkill_mid_parquet_run_leaves_readable_tables_and_resume_completes(tmp_path: pathlib.Path) -> None:
    ids = write_jsonl(tmp_path / "in.jsonl", 1200)
    out = tmp_path / "tables"
    args = ("parse", str(tmp_path / "in.jsonl"), "--format", "parquet", "-o", str(out), "--jobs", "2")
    run = start(*args, "--batch", "30")
    wait_for(lambda: len(list((out / "articles").glob("part-*.parquet"))) >= 2 if out.exists() else False)
    workers = children(run.pid)
    assert workers, "the run has worker processes"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    wait_for(lambda: not any(alive(w) for w in workers), timeout=10)  # orphans exit on their own
    partial = pd.read_parquet(out / "articles")  # only whole parts are visible
    assert 0 < len(partial) < len(ids) and partial["id"].is_unique
    pd.read_parquet(out / "events")
    resumed = cli(*args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(partial)} skipped" in resumed.stderr
    articles = pd.read_parquet(out / "articles")
    assert sorted(articles["id"]) == sorted(ids)  # no loss, no duplicate
    events = pd.read_parquet(out / "events")
    assert set(events["id"]) <= set(ids) and len(events) == len(
        events.drop_duplicates(["id", "start", "kind"])
    )
    assert not list(out.rglob(".*.tmp"))


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_flushes_prints_the_summary_and_exits_128_plus_signal(
    tmp_path: pathlib.Path, signum: int, status: int
) -> None:
    ids = write_jsonl(tmp_path / "in.jsonl", 1500)
    out = tmp_path / "out.jsonl"
    args = ("parse", str(tmp_path / "in.jsonl"), "-o", str(out), "--jobs", "2")
    run = start(*args)
    wait_for(lambda: out.exists() and out.stat().st_size > 0)
    workers = children(run.pid)
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == status, stderr
    assert "Traceback" not in stderr
    assert f"stopped by {signal.Signals(signum).name}" in stderr and "parsed" in stderr
    assert not any(alive(w) for w in workers)
    written = jsonl_ids(out)  # every line whole
    assert 0 < len(written) < len(ids)
    resumed = cli(*args, "--resume")
    assert resumed.returncode == 0 and sorted(jsonl_ids(out)) == sorted(ids)


# --- identity, overwrite, tables ------------------------------------------------------


def test_ids_and_kept_fields_round_trip_through_resume(tmp_path: pathlib.Path) -> None:
    source = tmp_path / "crawl.jsonl"
    ids = write_jsonl(source, 6)
    half = tmp_path / "half.jsonl"
    half.write_text("".join(source.read_text(encoding="utf-8").splitlines(True)[:3]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    first = cli("parse", str(half), "-o", str(out), "--keep-fields", "url")
    assert first.returncode == 0, first.stderr
    # the same records from another file, the path typed another way: matched on the id
    resumed = cli(
        "parse", "crawl.jsonl", "-o", str(out), "--resume", "--keep-fields", "url", cwd=str(tmp_path)
    )
    assert "3 skipped" in resumed.stderr, resumed.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in lines] == ids
    assert all(a["url"] == f"https://example.org/{a['id'][1:]}" for a in lines)


def test_resume_keys_on_real_paths_not_on_how_they_are_typed(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(SENTENCES[0].format(n=i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cli("parse", "corpus", "-o", str(out), cwd=str(tmp_path))
    again = cli("parse", str(folder), "-o", str(out), "--resume")
    assert "0 parsed" in again.stderr and "3 skipped" in again.stderr
    assert len(jsonl_ids(out)) == 3


def test_existing_output_is_never_silently_replaced(tmp_path: pathlib.Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out.jsonl"
    out.write_text("earlier work\n", encoding="utf-8")
    refused = cli("parse", str(tmp_path / "in.jsonl"), "-o", str(out))
    assert refused.returncode == 2 and "--overwrite" in refused.stderr
    assert out.read_text(encoding="utf-8") == "earlier work\n"
    replaced = cli("parse", str(tmp_path / "in.jsonl"), "-o", str(out), "--overwrite")
    assert replaced.returncode == 0 and len(jsonl_ids(out)) == 2
    tables = tmp_path / "csv"
    tables.mkdir()
    (tables / "events.csv").write_text("id,origin\nr0,x\n", encoding="utf-8")
    again = cli("parse", str(tmp_path / "in.jsonl"), "--format", "csv", "-o", str(tables))
    assert again.returncode == 2 and "exists" in again.stderr
    assert (tables / "events.csv").read_text(encoding="utf-8") == "id,origin\nr0,x\n"


def test_csv_and_parquet_tables_have_ids_kept_fields_and_timestamps(tmp_path: pathlib.Path) -> None:
    records = tmp_path / "in.jsonl"
    with records.open("w", encoding="utf-8") as f:
        for i, published in enumerate(("2023年5月", "2023年5月1日 10:30")):
            text = f"职工服务新闻{i}\n来源：工人日报\n{published}\n河南省总工会召开职工代表大会，参会代表{i + 100}人。"
            f.write(json.dumps({"id": f"a{i}", "site": "工人日报", "text": text}, ensure_ascii=False) + "\n")
    for fmt in ("csv", "parquet"):
        result = cli(
            "parse", str(records), "--format", fmt, "-o", str(tmp_path / fmt), "--keep-fields", "site"
        )
        assert result.returncode == 0, result.stderr
    parquet = pd.read_parquet(tmp_path / "parquet" / "articles")
    csv_articles = pd.read_csv(tmp_path / "csv" / "articles.csv", parse_dates=["published_at"])
    for table in (parquet, csv_articles):
        assert list(table["id"]) == ["a0", "a1"] and set(table["site"]) == {"工人日报"}
        assert str(table["published_at"].dtype).startswith("datetime64")
    assert list(parquet["published_precision"]) == list(csv_articles["published_precision"])
    assert set(parquet["published_precision"].dropna()) <= {
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
    }
    events = pd.read_csv(tmp_path / "csv" / "events.csv")
    assert set(events["id"]) <= {"a0", "a1"} and len(events) == len(
        pd.read_parquet(tmp_path / "parquet" / "events")
    )


def test_csv_resume_cuts_a_torn_row_and_drops_orphan_rows(tmp_path: pathlib.Path) -> None:
    ids = write_jsonl(tmp_path / "in.jsonl", 6)
    tables = tmp_path / "csv"
    head = tmp_path / "head.jsonl"
    head.write_text(
        "".join((tmp_path / "in.jsonl").read_text(encoding="utf-8").splitlines(True)[:3]), encoding="utf-8"
    )
    cli("parse", str(head), "--format", "csv", "-o", str(tables))
    with (tables / "events.csv").open("a", encoding="utf-8") as f:
        f.write('r3,x,meeting,"a torn')  # a run killed while writing r3's events
    result = cli("parse", str(tmp_path / "in.jsonl"), "--format", "csv", "-o", str(tables), "--resume")
    assert result.returncode == 0, result.stderr
    articles = pd.read_csv(tables / "articles.csv")
    events = pd.read_csv(tables / "events.csv")
    assert sorted(articles["id"]) == sorted(ids)
    assert len(events) == len(events.drop_duplicates(["id", "start"]))


# --- input that must not silently disappear -------------------------------------------


def test_file_system_cases(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "UPPER.TXT").write_text(SENTENCES[0].format(n=1), encoding="utf-8")
    (folder / "sub" / "zipped.txt.gz").write_bytes(gzip.compress(SENTENCES[1].format(n=2).encode()))
    (folder / "sub" / "lines.JSONL.gz").write_bytes(
        gzip.compress(b'{"id": "g1", "text": "\\u5de5\\u4f1a"}\n')
    )
    (folder / "page.html").write_text("<p>工会</p>", encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    outside = tmp_path / "outside.txt"
    outside.write_text("不该读到的文件", encoding="utf-8")
    (folder / "escape.txt").symlink_to(outside)
    (folder / "big.txt").write_text("工会" * 1000, encoding="utf-8")
    out = folder / "out.jsonl"  # the output inside the input folder
    result = cli("parse", str(folder), "-o", str(out), "--max-record-size", "2K")
    assert result.returncode == 1, result.stderr  # the FIFO and the large file are failures, the rest parsed
    origins = {json.loads(line)["origin"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert origins == {
        str(folder / "UPPER.TXT"),
        str(folder / "sub" / "zipped.txt.gz"),
        f"{folder / 'sub' / 'lines.JSONL.gz'}:1",
    }
    err = result.stderr
    assert f"{folder / 'fifo.txt'}: not a regular file" in err
    assert (
        f"skipped {folder / 'zero.txt'}: symlink" in err
        and f"skipped {folder / 'escape.txt'}: symlink" in err
    )
    assert f"skipped {folder / 'page.html'}: HTML is not read" in err
    assert f"skipped {out}: the run's own output" in err
    assert f"{folder / 'big.txt'}: record larger than 2048 bytes" in err
    followed = cli("parse", str(folder), "-o", str(tmp_path / "followed.jsonl"), "--follow-symlinks")
    assert "不该读到的文件" in (tmp_path / "followed.jsonl").read_text(encoding="utf-8")
    assert f"{folder / 'zero.txt'}: not a regular file" in followed.stderr  # a device is never read


def test_usage_errors_nothing_found_and_a_full_disk(tmp_path: pathlib.Path) -> None:
    missing = cli("parse", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    (tmp_path / "only.html").write_text("<p>x</p>", encoding="utf-8")
    nothing = cli("parse", str(tmp_path))
    assert nothing.returncode == 1 and "nothing to parse" in nothing.stderr
    (tmp_path / "a.txt").write_text(SENTENCES[0].format(n=1), encoding="utf-8")
    full = cli("parse", str(tmp_path / "a.txt"), "-o", "/dev/full")
    assert full.returncode == 2 and "cannot write /dev/full: No space left on device" in full.stderr
    assert "Traceback" not in full.stderr


def test_jsonl_from_stdin_is_read_line_by_line() -> None:
    lines = "".join(
        json.dumps({"id": f"s{i}", "text": SENTENCES[0].format(n=i)}, ensure_ascii=False) + "\n"
        for i in range(3)
    )
    result = cli("parse", "-", stdin=lines)
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["s0", "s1", "s2"]
    plain = cli("parse", "-", stdin="河南省总工会召开会议。\n第二段。")
    assert len(plain.stdout.splitlines()) == 1


def small_records(n: int) -> list[Record]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    return [Record(f"r{i}", seeds[i % len(seeds)].read_bytes()) for i in range(n)]


def worker_pid(outcome: object) -> int:
    return os.getpid()


def test_few_records_still_reach_every_worker() -> None:
    assert len(list(_chunks(iter(small_records(10))))) >= 4
    pids = {o.rendered for o in parse_records(small_records(10), jobs=2, render=worker_pid)}
    assert len(pids) == 2


# --- the other commands and the controls ----------------------------------------------


def test_text_and_normalize_read_like_parse(tmp_path: pathlib.Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 8)
    seed = sorted((ROOT / "seeds").glob("000_*.txt"))[0]
    (tmp_path / "seed.txt").write_bytes(seed.read_bytes())
    (tmp_path / "b.jsonl").write_text(
        json.dumps(
            {"id": "j", "text": "河南省總工會召開職工代表大會，會議聽取了工作報告。"}, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    furniture = [f.text for f in unionnews.parse(seed.read_bytes()).furniture]
    text = cli("text", str(tmp_path))
    assert text.returncode == 1 and "image.txt: BinaryInputError" in text.stderr
    assert (
        "河南省总工会召开职工代表大会，会议听取了工作报告。" in text.stdout
        and "{" not in text.stdout.splitlines()[0]
    )
    assert furniture and not any(line in text.stdout.splitlines() for line in furniture)
    normalized = cli("normalize", str(tmp_path), "-o", str(tmp_path / "n.txt"), "--format", "jsonl")
    assert normalized.returncode == 1 and "image.txt: BinaryInputError" in normalized.stderr
    records = [json.loads(line) for line in (tmp_path / "n.txt").read_text(encoding="utf-8").splitlines()]
    assert {
        "id": "j",
        "origin": f"{tmp_path / 'b.jsonl'}:1",
        "text": "河南省总工会召开职工代表大会，会议听取了工作报告。",
    } in records
    kept = cli("normalize", str(tmp_path / "b.jsonl"), "--keep-script")
    assert kept.stdout.strip() == "河南省總工會召開職工代表大會，會議聽取了工作報告。"


def test_slim_output_quiet_verbose_and_progress_lines(tmp_path: pathlib.Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", 3)
    slim = cli("parse", str(tmp_path / "in.jsonl"), "--fields", "title,events", "--no-repairs", "-q")
    first = json.loads(slim.stdout.splitlines()[0])
    assert set(first) == {"title", "events", "origin", "id"} and slim.stderr == ""
    bad = cli("parse", str(tmp_path / "in.jsonl"), "--fields", "nosuch")
    assert bad.returncode == 2 and "unknown nosuch" in bad.stderr
    progress = cli("parse", str(tmp_path / "in.jsonl"), "--progress")
    assert "3/3 (100%)" in progress.stderr and "elapsed" in progress.stderr and "\r" not in progress.stderr


@pytest.fixture
def plugin_path(tmp_path: pathlib.Path) -> dict[str, str]:
    """Two installed plugins (a dist-info on PYTHONPATH): one that sleeps, one that cannot load."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sleepy_plugin.py").write_text(
        "import time\nfrom unionnews.hookspecs import hookimpl\n"
        "class Plugin:\n    @hookimpl\n    def unionnews_extract_statistics(self, document):\n"
        "        time.sleep(30)\n        return []\nplugin = Plugin()\n",
        encoding="utf-8",
    )
    (site / "broken_plugin.py").write_text("raise RuntimeError('cannot start')\n", encoding="utf-8")
    for name in ("sleepy", "broken"):
        info = site / f"{name}_plugin-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}-plugin\nVersion: 1.0\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            f"[unionnews]\n{name} = {name}_plugin:plugin\n", encoding="utf-8"
        )
    return {**os.environ, "PYTHONPATH": str(site)}


def test_a_hook_cut_off_by_its_budget_shows_in_the_summary(
    tmp_path: pathlib.Path, plugin_path: dict[str, str]
) -> None:
    write_jsonl(tmp_path / "in.jsonl", 2)
    broken = cli("parse", str(tmp_path / "in.jsonl"), env=plugin_path)
    assert broken.returncode == 2 and "'broken'" in broken.stderr and len(broken.stderr.splitlines()) == 1
    run = cli(
        "parse",
        str(tmp_path / "in.jsonl"),
        "--disable",
        "broken",
        "--plugin-budget",
        "0.3",
        "-v",
        env=plugin_path,
    )
    assert run.returncode == 0, run.stderr
    assert "2 with plugin errors" in run.stderr and "sleepy unionnews_extract_statistics" in run.stderr
    errors = [json.loads(line)["errors"] for line in run.stdout.splitlines()]
    assert all(e and e[0]["plugin"] == "sleepy" for e in errors)
    without = cli("parse", str(tmp_path / "in.jsonl"), "--disable", "broken,sleepy", env=plugin_path)
    assert without.returncode == 0 and "plugin errors" not in without.stderr


# --- types and the library ------------------------------------------------------------


def test_typos_in_lazy_names_fail_mypy_and_parse_none_names_parse(tmp_path: pathlib.Path) -> None:
    assert unionnews.Event is not None and "Event" in unionnews.__all__
    with pytest.raises(TypeError, match=r"parse\(\) takes"):
        unionnews.parse(None)  # type: ignore[arg-type]
    typo = tmp_path / "typo.py"
    typo.write_text(
        "import unionnews\n\nunionnews.prase('x')\nok: unionnews.Event | None = None\n", encoding="utf-8"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent", str(typo)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert 'has no attribute "prase"' in checked.stdout and "Event" not in checked.stdout


def test_json_lines_are_the_same_with_and_without_orjson() -> None:
    article = unionnews.parse((ROOT / "seeds").glob("000_*.txt").__next__().read_bytes())
    data = {**article.to_dict(), "origin": "x", "id": "1", "n": 0.1 + 0.2}
    plain = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert dumps(data) == plain
    assert dumps({"bad": "\ud800"}) == json.dumps(
        {"bad": "\ud800"}, ensure_ascii=False, separators=(",", ":")
    )


def test_dask_without_dask_says_what_to_install(tmp_path: pathlib.Path) -> None:
    code = (
        "import sys; sys.modules['dask'] = None; sys.modules['dask.bag'] = None\n"
        "from unionnews.corpus.cluster import parse_to_parquet\n"
        f"parse_to_parquet([{str(ROOT / 'seeds')!r}], {str(tmp_path / 'out')!r})\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    last = result.stderr.strip().splitlines()[-1]
    assert (
        last == "unionnews.errors.UnionnewsError: running on Dask needs dask: pip install 'unionnews[dask]'"
    )


def test_dask_plan_splits_large_jsonl_at_lines_and_groups_small_files(tmp_path: pathlib.Path) -> None:
    from unionnews.corpus.cluster import plan
    from unionnews.corpus.inputs import InputOptions
    from unionnews.corpus.records import iter_records, source_records

    write_jsonl(tmp_path / "big.jsonl", 200)
    for i in range(6):
        (tmp_path / f"small{i}.txt").write_text(SENTENCES[0].format(n=i), encoding="utf-8")
    partitions, bad = plan([str(tmp_path)], InputOptions(), partition_bytes=4000)
    assert not bad and len(partitions) > 3
    split = [
        (r.origin, r.raw)
        for pieces in partitions
        for piece in pieces
        for r in source_records(piece.source, lambda b: None, InputOptions(), piece.span)
    ]
    whole = [(r.origin, r.raw) for r in iter_records([str(tmp_path)], lambda b: None)]
    assert split == whole  # every record once, with its line number


def test_progress_bar_on_a_terminal(tmp_path: pathlib.Path) -> None:
    import pty

    write_jsonl(tmp_path / "in.jsonl", 3)
    master, slave = pty.openpty()
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "unionnews",
            "parse",
            str(tmp_path / "in.jsonl"),
            "-o",
            str(tmp_path / "out.jsonl"),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert run.wait(timeout=60) == 0
    text = shown.decode("utf-8", errors="replace")
    assert "3/3" in text and "articles/s" in text and "100%" in text  # total, rate, share (tqdm)


def test_a_run_can_add_columns_per_article_after_the_workers_rendered_them(tmp_path: pathlib.Path) -> None:
    import attrs

    from unionnews.corpus.sinks import JsonlSink, ParquetSink

    records = [Record(f"r{i}", SENTENCES[i % 2].format(n=i), key=f"k{i}") for i in range(3)]
    jsonl = JsonlSink(str(tmp_path / "out.jsonl"))
    tables = ParquetSink(str(tmp_path / "tables"), extra_columns=["group"], column_types={"group": "int64"})
    for sink in (jsonl, tables):
        for i, outcome in enumerate(parse_records(records, jobs=1, render=sink.render)):
            sink.write(attrs.evolve(outcome, extra={"group": i // 2}))
        sink.close()
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(a["id"], a["group"]) for a in lines] == [("k0", 0), ("k1", 0), ("k2", 1)]
    articles = pd.read_parquet(tmp_path / "tables" / "articles")
    assert list(articles["group"]) == [0, 0, 1] and str(articles["group"].dtype) == "int64"


def test_a_damaged_parquet_part_is_named_not_a_traceback(tmp_path: pathlib.Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", 2)
    articles = tmp_path / "tables" / "articles"
    articles.mkdir(parents=True)
    (articles / "part-00000.parquet").write_bytes(b"PAR1")  # what an older version left after a kill
    (articles / ".part-00001-00000.parquet.tmp").write_bytes(b"PAR1")  # an unfinished part: removed
    result = cli(
        "parse", str(tmp_path / "in.jsonl"), "--format", "parquet", "-o", str(tmp_path / "tables"), "--resume"
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{articles / 'part-00000.parquet'} is not a readable Parquet file" in result.stderr
    assert not (articles / ".part-00001-00000.parquet.tmp").exists()
