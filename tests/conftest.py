from __future__ import annotations

import pathlib

import pytest

from mirrors import Corpus, make_corpus, write_copies

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def mirror_corpus() -> Corpus:
    """Eight generated stories, each copied by mirror sites (the command-line copy tests share it)."""
    return make_corpus(8, seed=21)


@pytest.fixture(scope="session")
def mirror_folder(tmp_path_factory: pytest.TempPathFactory, mirror_corpus: Corpus) -> pathlib.Path:
    """The mirror copies written as files, one folder for every test that reads them."""
    return write_copies(tmp_path_factory.mktemp("mirrors"), mirror_corpus)
