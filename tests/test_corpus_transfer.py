"""What crosses between the command and its workers: compact pickles, lines rendered as UTF-8 bytes.

The compact forms must carry every field, and the bytes a worker renders must
write the very same file as the text the command rendered before.
"""

from __future__ import annotations

import io
import pathlib
import pickle

import attrs
from hypothesis import given
from hypothesis import strategies as st

import unionnews
from unionnews.corpus.records import Outcome, Record, parse_records
from unionnews.corpus.sinks import JsonlSink, article_line, encoded_line, line_renderer

SENTENCES = ("{n}号：河南省总工会召开职工代表大会。", "{n}号：成都市总工会举办劳动竞赛，参赛职工1200人。")


def records(n: int) -> list[Record]:
    return [Record(f"r{i}", SENTENCES[i % 2].format(n=i), key=f"k{i}") for i in range(n)]


@given(
    origin=st.text(),
    raw=st.one_of(st.text(), st.binary()),
    jsonl=st.booleans(),
    key=st.text(),
)
def test_a_record_survives_pickling_whole(origin: str, raw: str | bytes, jsonl: bool, key: str) -> None:
    record = Record(origin, raw, jsonl=jsonl, key=key)
    assert pickle.loads(pickle.dumps(record, pickle.HIGHEST_PROTOCOL)) == record


def test_an_outcome_survives_pickling_with_every_field_set() -> None:
    article = unionnews.parse(SENTENCES[1].format(n=7))
    values = {
        "origin": "a.jsonl:3",
        "article": article,
        "error": "ParseError: x",
        "rendered": b"{}",
        "repaired": True,
        "id": "k3",
        "fields": {"url": "https://example.org/3"},
        "extra": {"group": 2},
        "hook_errors": ("henan extract: boom",),
    }
    assert set(values) == {f.name for f in attrs.fields(Outcome)}  # a new field must be added here too
    outcome = Outcome(**values)
    back = pickle.loads(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
    assert attrs.asdict(back, recurse=False) == attrs.asdict(outcome, recurse=False)


def test_lines_rendered_as_bytes_write_the_same_file_as_text(tmp_path: pathlib.Path) -> None:
    outcomes = list(parse_records(records(6), jobs=1))
    expected = "".join(article_line(o) + "\n" for o in outcomes)
    sink = JsonlSink(str(tmp_path / "out.jsonl"), render=line_renderer(None, ("repairs",)))
    plain = JsonlSink(str(tmp_path / "plain.jsonl"))
    for outcome in outcomes:
        plain.write(outcome)
        sink.write(outcome)
    plain.close()
    sink.close()
    assert (tmp_path / "plain.jsonl").read_text(encoding="utf-8") == expected
    assert b'"repairs"' not in (tmp_path / "out.jsonl").read_bytes()


def test_a_two_process_run_writes_what_one_process_writes(tmp_path: pathlib.Path) -> None:
    written = []
    for jobs in (1, 2):
        path = tmp_path / f"out{jobs}.jsonl"
        sink = JsonlSink(str(path))
        for outcome in parse_records(records(20), jobs=jobs, render=sink.render):
            assert isinstance(outcome.rendered, bytes) and outcome.article is None
            sink.write(outcome)
        sink.close()
        written.append(path.read_bytes())
    assert written[0] == written[1]
    assert written[0].decode("utf-8").count("\n") == 20


def test_a_stream_sink_writes_text() -> None:
    stream = io.StringIO()
    sink = JsonlSink(None, stream=stream)
    outcome = next(iter(parse_records(records(1), jobs=1, render=sink.render)))
    sink.write(attrs.evolve(outcome, extra={"group": 1}))
    sink.close()
    assert stream.getvalue().endswith(',"group":1}\n') and "河南省总工会" in stream.getvalue()


def test_a_line_utf8_cannot_encode_stays_text_and_the_write_still_refuses_it(tmp_path: pathlib.Path) -> None:
    outcome = next(iter(parse_records(records(1), jobs=1)))
    lone = attrs.evolve(outcome, fields={"note": "\ud800"})
    line = encoded_line(article_line, lone)
    assert isinstance(line, str)
    sink = JsonlSink(str(tmp_path / "out.jsonl"))
    try:
        sink.write(attrs.evolve(lone, article=None, rendered=line))
    except UnicodeEncodeError:
        pass
    else:
        raise AssertionError("a lone surrogate was written")
    finally:
        sink.close()
