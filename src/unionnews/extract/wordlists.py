"""Word lists shipped as data (``unionnews/data/*.txt``): one entry a line, ``#`` comments."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def load_words(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>.txt``, longest first so alternations prefer the longer word."""
    text = resources.files("unionnews").joinpath("data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(sorted(dict.fromkeys(w for w in words if w), key=len, reverse=True))
