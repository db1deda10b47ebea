"""Writing the shipped data tables, or checking them (``--check``): shared by the build scripts."""

from __future__ import annotations

import argparse
import pathlib
import sys
from collections.abc import Callable, Mapping


def write_or_check(
    build: Callable[[], Mapping[str, str]], folder: pathlib.Path, script: str, doc: str | None
) -> int:
    """Write the tables ``build`` makes (file name -> text) into ``folder``, or with ``--check``
    list the stale ones; the exit status."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args()
    stale = []
    for name, text in build().items():
        path = folder / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            folder.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{path}: {len(text.encode()):,} bytes")
    if stale:
        print(f"stale tables (run python scripts/{script}): " + ", ".join(stale), file=sys.stderr)
    return 1 if stale else 0
