"""``import unionnews`` stays light: heavy dependencies load on first use, not at import."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("regex", "opencc", "pluggy", "cattrs", "pypinyin", "charset_normalizer", "unionnews.assemble")


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout))


def test_import_loads_no_heavy_dependency() -> None:
    loaded = modules_after("import unionnews")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_public_names_resolve_on_first_use() -> None:
    loaded = modules_after(
        "import unionnews\n"
        "assert callable(unionnews.normalize) and callable(unionnews.parse)\n"
        "assert unionnews.parse('河南省总工会10月17日召开党组会议，传达学习工会十八大精神。').events\n"
        "from unionnews import Article, NormalizedText, to_dict\n"
        "import unionnews.normalize.mojibake\n"
        "assert callable(unionnews.normalize)  # a submodule import does not shadow the function\n"
    )
    assert {"regex", "opencc", "unionnews.assemble"} <= loaded


def test_unknown_attribute_is_an_attribute_error() -> None:
    import unionnews

    try:
        unionnews.nosuch  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as e:
        assert "nosuch" in str(e)
    else:
        raise AssertionError("no AttributeError")
