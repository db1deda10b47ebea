"""The bigram model's tables: what the build script makes from jieba, read back to the counts."""

from __future__ import annotations

import math
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_hanzi_model  # noqa: E402

from unionnews.normalize import tables  # noqa: E402
from unionnews.normalize.mojibake.plausibility import _tables  # noqa: E402

jieba = pytest.importorskip("jieba")


@pytest.fixture(scope="module")
def counts() -> tuple[dict[str, int], dict[str, int]]:
    unigrams, bigrams = build_hanzi_model.count(str(pathlib.Path(jieba.__file__).parent / "dict.txt"))
    return dict(unigrams), {k: n for k, n in bigrams.items() if n >= build_hanzi_model.MIN_BIGRAM}


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    return build_hanzi_model.tables()


@pytest.mark.parametrize("name", ["hanzi_unigrams.txt", "hanzi_bigrams.txt"])
def test_shipped_table_is_what_the_script_builds_from_jieba(name: str, built: dict[str, str]) -> None:
    shipped = (tables.DATA / name).read_text(encoding="utf-8")
    assert shipped == built[name], f"stale {name}: run python scripts/build_hanzi_model.py"


def test_tables_read_back_to_the_rounded_counts_commonest_first(
    counts: tuple[dict[str, int], dict[str, int]],
) -> None:
    unigrams, bigrams, total = _tables()
    for table, counted in ((unigrams, counts[0]), (bigrams, counts[1])):
        assert table == {k: 2.0 ** round(math.log2(n + 1)) for k, n in counted.items()}
        assert list(table) == sorted(counted, key=lambda k: (-counted[k], k))
    assert total == sum(unigrams.values())
    assert unigrams["会"] > unigrams["珅"] and bigrams["工会"] > 0 and "珅珅" not in bigrams


def test_the_check_mode_passes_on_the_shipped_tables() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_hanzi_model.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
