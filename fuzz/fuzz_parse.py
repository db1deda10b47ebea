"""Coverage-guided fuzzing of ``unionnews.normalize`` and ``unionnews.parse`` with atheris.

Not part of CI (it runs until stopped or for a budget)::

    pip install atheris
    python fuzz/fuzz_parse.py -max_total_time=600 -rss_limit_mb=4096 fuzz/corpus

The seeds and ``tests/damage.py``'s sentences start the corpus.  A crash is any
exception other than the library's own typed errors (:class:`unionnews.UnionnewsError`),
or an article whose offsets point outside its text; atheris saves the input as
``crash-*``.  Every crash found is fixed and kept as a case in
``tests/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import pathlib
import sys

import atheris

with atheris.instrument_imports():
    # unionnews loads its modules lazily: import them here so that they are instrumented
    import unionnews
    import unionnews.assemble
    import unionnews.extract.builtin
    import unionnews.normalize.pipeline
    from unionnews import UnionnewsError

ROOT = pathlib.Path(__file__).resolve().parents[1]


def check(data: bytes) -> None:
    """One fuzz input: the bytes as bytes, and as text (UTF-8 with replacement)."""
    for raw in (data, data.decode("utf-8", errors="replace")):
        try:
            article = unionnews.parse(raw)
        except UnionnewsError:
            continue
        for item in (*article.people, *article.events, *article.dates):
            span = getattr(item, "evidence", None)
            if span is not None and not 0 <= span.start <= span.end <= len(article.text):
                raise AssertionError(f"evidence {span} outside the text of length {len(article.text)}")


def seed_corpus(folder: pathlib.Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        data = seed.read_bytes()
        for i in range(0, len(data), 2048):
            (folder / f"{seed.stem}-{i}").write_bytes(data[i : i + 2048])


def main() -> None:
    unionnews.parse("工会")  # load the lazy tables before fuzzing
    args = [a for a in sys.argv if not a.startswith("-")]
    if len(args) > 1:
        seed_corpus(pathlib.Path(args[1]))
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
