"""The character tables shipped as package data: what the build script makes, and all a parse needs."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_tables  # noqa: E402

from unionnews.normalize import tables  # noqa: E402


@pytest.mark.parametrize("name", sorted(build_tables.TABLES))
def test_shipped_table_is_what_the_script_builds_from_the_installed_libraries(name: str) -> None:
    shipped = (tables.DATA / name).read_text(encoding="utf-8")
    assert shipped == build_tables.TABLES[name](), f"stale {name}: run python scripts/build_tables.py"


def test_tables_read_back_to_the_libraries_values() -> None:
    from collections import Counter

    import opencc
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    by_reading = tables.chars_by_reading()
    readings = {(chr(cp), r) for cp, rs in pinyin_dict.items() for r in rs.split(",")}
    assert {(ch, r) for r, chars in by_reading.items() for ch in chars} == readings
    assert tables.word_counts() == Counter(ch for word in phrases_dict for ch in word)
    level1 = build_tables.gb2312_level1()
    assert len(level1) == 3755
    forms = {c for config in ("s2t", "s2tw") for c in opencc.OpenCC(config).convert(level1)}
    assert set(tables.common_hanzi_chars()) == set(level1) | forms
    traditional_only, simplified_only = tables.script_only_chars()
    assert "會" in traditional_only and "会" not in traditional_only
    assert "会" in simplified_only and "會" not in simplified_only
    t2s = opencc.OpenCC("t2s")
    assert all(t2s.convert(c) != c for c in traditional_only)


def test_a_parse_needs_neither_pypinyin_nor_converters_other_than_t2s() -> None:
    code = (
        "import json, sys, unionnews\n"
        "from unionnews.normalize.script import converter\n"
        "for raw in ('市總工會(huì)召開會議，傳達學習精神。\\n記者 王明', "
        "'差距?!眳①愡x手，工?huì)代表', '职工服务中心为困难职工发放慰问金。'):\n"
        "    unionnews.parse(raw)\n"
        "print(json.dumps({'pypinyin': 'pypinyin' in sys.modules, 'converters': converter.cache_info().currsize}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == {"pypinyin": False, "converters": 1}
