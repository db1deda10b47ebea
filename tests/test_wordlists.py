"""The shipped word lists are read from the package's data files."""

from __future__ import annotations

from importlib import resources

import pytest

from unionnews.extract.wordlists import load_words

NAMES = sorted(
    p.name[: -len(".txt")]
    for p in resources.files("unionnews").joinpath("data").iterdir()
    if p.name.endswith(".txt")
)


@pytest.mark.parametrize("name", NAMES)
def test_every_list_reads_without_comments_longest_first(name: str) -> None:
    words = load_words(name)
    assert words, name
    assert all(w and "#" not in w and w == w.strip() for w in words)
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)
    assert len(set(words)) == len(words)


def test_a_missing_list_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError):
        load_words("no_such_list")
