"""Entry points of one group, read straight from the ``*.dist-info`` folders on ``sys.path``.

``importlib.metadata`` costs ~15-20 ms to import (it pulls in the ``email``
parser, ``zipfile``, ``csv``...), a tenth of a fresh process's first parse.  For
the common layout (plain folders on ``sys.path``, only the standard path finder
answering for distributions) this reads the same files in the same order:
folders in ``sys.path`` order, distributions in directory-listing order grouped
by name, the first distribution of each name shadowing later ones.  Anything
else (zip files or ``.egg`` folders on the path, another distribution finder, a
distribution without a name, an entry point that is not ``module:attr``) returns
``None`` and the caller asks ``importlib.metadata``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.machinery
import os
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

#: An entry point's value ``module[:attr.attr] [extras]``, as importlib.metadata reads it.
VALUE_RE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
INFO_SUFFIXES = (".dist-info", ".egg-info")

Found = list[tuple[str, str, Callable[[], Any]]]


class Unusual(Exception):
    """The environment is not the plain layout this module reads; ask importlib.metadata."""


def entry_points_on_path(group: str, paths: Iterable[str] | None = None) -> Found | None:
    """``(name, distribution name, loader)`` of each entry point in ``group``; ``None`` when unsure."""
    if any(
        getattr(finder, "find_distributions", None) is not None
        and finder is not importlib.machinery.PathFinder
        for finder in sys.meta_path
    ):
        return None
    try:
        return _scan(group, sys.path if paths is None else paths)
    except Unusual:
        return None


def _scan(group: str, paths: Iterable[str]) -> Found:
    found: Found = []
    seen: set[str] = set()
    for root in paths:
        for name, info in _infos(root):
            if name in seen:
                continue
            seen.add(name)
            text = _read(info, "entry_points.txt")
            if text is None:
                continue
            entries = list(_entries(text, group))
            if entries:
                dist = _dist_name(info)
                found += [(ep_name, dist, _loader(value)) for ep_name, value in entries]
    return found


def _infos(root: str) -> list[tuple[str, str]]:
    """``(normalized name, folder)`` of the distributions in ``root``, grouped by name as importlib.metadata does."""
    if os.path.basename(root).lower().endswith(".egg"):
        raise Unusual(root)
    try:
        children = os.listdir(root or ".")
    except OSError:
        if os.path.exists(root or "."):
            raise Unusual(root) from None  # a zip file, or unreadable
        return []
    groups: dict[str, list[str]] = {}
    for child in children:
        low = child.lower()
        if low.endswith(INFO_SUFFIXES):
            if not child.endswith(INFO_SUFFIXES):
                raise Unusual(child)  # importlib.metadata names these from their metadata, not the folder
            name = _normalize(low.rpartition(".")[0].partition("-")[0])
            groups.setdefault(name, []).append(os.path.join(root, child))
    return [(name, folder) for name, folders in groups.items() for folder in folders]


def _normalize(name: str) -> str:
    """PEP 503 normalization with dashes as underscores (importlib.metadata's ``Prepared.normalize``)."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read(folder: str, filename: str) -> str | None:
    try:
        with open(os.path.join(folder, filename), encoding="utf-8") as f:
            return f.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _entries(text: str, group: str) -> Iterable[tuple[str, str]]:
    """``(name, value)`` pairs of section ``group`` of an ``entry_points.txt``."""
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section == group:
            name, sep, value = line.partition("=")
            if not sep:
                raise Unusual(line)
            yield name.strip(), value.strip()


def _dist_name(folder: str) -> str:
    """The ``Name`` header of the distribution's metadata."""
    text = _read(folder, "METADATA")
    if text is None:
        text = _read(folder, "PKG-INFO")
    for line in (text or "").splitlines():
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == "name":
            return value.strip()
    raise Unusual(folder)


def _loader(value: str) -> Callable[[], Any]:
    match = VALUE_RE.match(value)
    if match is None:
        raise Unusual(value)
    return functools.partial(_load, match.group("module"), match.group("attr") or "")


def _load(module: str, attr: str) -> Any:
    """What ``EntryPoint.load`` returns: the module, then each attribute in turn."""
    obj = importlib.import_module(module)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    return obj
