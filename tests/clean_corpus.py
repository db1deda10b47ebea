"""Clean text of every kind the normalizer meets, as hypothesis strategies, and what may change in it.

The pieces are written for these tests (not copied from any page): simplified and
traditional words, ASCII words, digits, both widths of punctuation, URLs, e-mail
addresses, code, emoticons, emoji sequences and kana.  Joined in any order they
are clean text: the normalizer may convert the script and widen an ASCII mark
between two Chinese characters, and nothing else.
"""

from __future__ import annotations

import regex
from hypothesis import strategies as st

from unionnews.normalize.fix import apply_fixes
from unionnews.normalize.script import convert_to_simplified
from unionnews.normalize.width import FULLWIDTH

SIMPLIFIED = (
    "工会",
    "职工",
    "召开",
    "会议",
    "劳动者",
    "服务",
    "代表大会",
    "推进",
    "建设",
    "陈珺",
    "王璟",
    "一只",
)
TRADITIONAL = ("會議", "職工", "勞動者", "組織", "發展", "臺灣", "總工會", "使用者日誌", "一隻", "週末")
ASCII_WORDS = ("App", "WiFi", "hello", "CPU", "OK", "the union", "Beijing")
NUMBERS = ("2024", "3.5", "100%", "1,000", "9:30", "No.5")
FULL_PUNCTUATION = ("，", "。", "、", "：", "；", "！", "？", "“", "”", "（", "）", "《", "》", "…")
ASCII_PUNCTUATION = (",", ".", ":", ";", "!", "?", "(", ")", '"', "'", "-", "/")
URLS = ("https://example.com/wiki/工会?action=edit", "http://t.cn/a?b=1&c=2", "union@example.cn")
CODE = ('print("你好")', "a ? b : c", "x = f(y);", "if (n > 0) {", "dict(a=1)")
EMOTICONS = (":)", ":-(", "^_^", ":D", "(^o^)")
EMOJI = ("😀", "👨\u200d👩\u200d👧", "👍🏽", "🇨🇳", "❤\ufe0f", "🎈")
KANA = ("こんにちは", "カタカナ", "ありがとう")
SPACING = (" ", "\n")

POOLS = (
    SIMPLIFIED, TRADITIONAL, ASCII_WORDS, NUMBERS, FULL_PUNCTUATION, ASCII_PUNCTUATION,
    URLS, CODE, EMOTICONS, EMOJI, KANA, SPACING,
)  # fmt: skip

#: Shapes that are damage however they arise: parentheses holding no word between two
#: hanzi (an emoji insertion) and a ``?`` alone between spaces in Chinese text (a lost symbol).
DAMAGE_SHAPED = regex.compile(
    r"\p{Han}[(（][^()（）\p{Han}\p{Latin}\d]*[)）]\p{Han}|[\p{Han}?] \? [\p{Han}?]"
)


def is_clean(text: str) -> bool:
    """Joined pieces that did not happen to form a damage shape."""
    return DAMAGE_SHAPED.search(text) is None


def mixed_text(pieces: list[str]) -> st.SearchStrategy[str]:
    """Any sequence of ``pieces`` joined, kept clean."""
    return st.lists(st.sampled_from(pieces), max_size=24).map("".join).filter(is_clean)


ALL_PIECES = [p for pool in POOLS for p in pool]
clean_mixed_text = mixed_text(ALL_PIECES)

_CJK_NEIGHBOUR = regex.compile(r"[\p{Han}《》〈〉【】〖〗「」『』、。，：；！？（）“”‘’…—·]")
_HALF = {full: half for half, full in FULLWIDTH.items()}


def script_converted(text: str) -> str:
    """``text`` after the script step alone: the only change besides width allowed on clean text."""
    return apply_fixes(text, convert_to_simplified(text))


def allowed_change(before: str, after: str) -> str | None:
    """Why ``after`` is not ``before`` with only width between two CJK characters changed, or None.

    Spaces after a mark are looked past: ``基础上, 2月`` reads as Chinese on both sides.
    """
    if len(before) != len(after):
        return f"length changed: {before!r} -> {after!r}"
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        if old == new:
            continue
        if _HALF.get(new) != old:
            return f"{old!r} -> {new!r} at {i} is not a width change"
        left = after[i - 1] if i else ""
        rest = after[i + 1 :].lstrip(" ")
        right = rest[:1] if rest else ""
        if not _CJK_NEIGHBOUR.fullmatch(left) or not (_CJK_NEIGHBOUR.fullmatch(right) or right.isdigit()):
            return f"{old!r} widened at {i} between {left!r} and {right!r}"
    return None
