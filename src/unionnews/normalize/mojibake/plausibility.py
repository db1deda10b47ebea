"""How much a run of characters reads like Chinese: a character bigram model.

Mojibake from a mis-paired double-byte decode is a run of real but unrelated
hanzi (``闭庖荒昀矗``); a clean sentence with one rare character (a name's ``珺``)
has one surprising character between fluent pairs.  Single-character frequency
cannot tell the two apart; pairs can.  The counts come from jieba's word list
(``data/hanzi_*.txt``, built by ``scripts/build_hanzi_model.py``); traditional
characters are folded to simplified before lookup, so both scripts score alike.
"""

from __future__ import annotations

import functools
import math
import re

from unionnews.normalize.charsets import CJK_PUNCTUATION, MOJIBAKE_SYMBOLS, is_symbol

#: Weight of the pair estimate against the single-character one.
PAIR_WEIGHT = 0.6
#: Log-probabilities of what the tables do not count.
PUNCTUATION_LOGP = -6.0
#: The commonest punctuation marks, by their rough share of characters in news text.
PUNCTUATION_LOGPS = {
    "，": -2.8,
    "。": -3.5,
    "、": -4.3,
    "“": -4.8,
    "”": -4.8,
    "：": -5.5,
    "；": -6.5,
    "（": -6.0,
    "）": -6.0,
    "《": -6.0,
    "》": -6.0,
}
ASCII_LOGP = -5.0
UNKNOWN_HANZI_LOGP = -17.0
SYMBOL_LOGP = -18.0
OTHER_LOGP = -12.0
#: A digit after a digit, a letter after a letter.
DIGIT_RUN_LOGP = -1.0
#: Units and date parts that follow a number (``5月``, ``3名``); the word list has no numbers.
AFTER_NUMBER = "年月日号时分秒万亿元名人个项次家所件条天岁届期位倍米吨公"
AFTER_NUMBER_LOGP = -2.5
#: A character costing more than this (in nats, given the one before) is implausible there.
IMPLAUSIBLE = 11.0


@functools.cache
def _tables() -> tuple[dict[str, float], dict[str, float], float]:
    """Unigram and bigram counts and the unigram total."""
    from unionnews.normalize.tables import hanzi_counts

    unigrams = hanzi_counts("hanzi_unigrams.txt", 1)
    bigrams = hanzi_counts("hanzi_bigrams.txt", 2)
    return unigrams, bigrams, sum(unigrams.values())


@functools.lru_cache(maxsize=65536)
def _simplified(ch: str) -> str:
    """The counted form of ``ch``: itself, its folded form, or (rarely) OpenCC's answer."""
    folded = _folding().get(ch)
    if folded is not None:
        return folded
    if ch in _tables()[0] or ch < "\u3400":
        return ch
    from unionnews.normalize.script import converter

    out: str = converter("t2s").convert(ch)
    return out if len(out) == 1 else ch


@functools.cache
def _folding() -> dict[str, str]:
    """Traditional (and Taiwan) forms of the counted characters -> the counted character.

    Shipped as a table (``scripts/build_tables.py`` builds it with OpenCC ``s2t`` and
    ``s2tw``), so scoring neither loads extra converters nor calls OpenCC per character.
    """
    from unionnews.normalize.tables import hanzi_folding

    return hanzi_folding()


@functools.lru_cache(maxsize=65536)
def unigram_logp(ch: str) -> float:
    """log P(ch) alone: hanzi by their count, punctuation and ASCII fixed, symbols lowest."""
    if "\uff01" <= ch <= "\uff5e" and ch.isalnum():
        ch = chr(ord(ch) - 0xFEE0)
    unigrams, _, total = _tables()
    n = unigrams.get(_simplified(ch))
    if n is not None:
        return math.log(n / total)
    if ch in CJK_PUNCTUATION:
        return PUNCTUATION_LOGPS.get(ch, PUNCTUATION_LOGP)
    if ch < "\x80":
        return ASCII_LOGP if ch.isprintable() else SYMBOL_LOGP
    if is_symbol(ch):
        return SYMBOL_LOGP
    if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003ffff":
        return UNKNOWN_HANZI_LOGP
    return OTHER_LOGP


def _same_kind_ascii(a: str, b: str) -> bool:
    """Two digits or two Latin letters in a row, of one width: numbers and words go on."""
    if (a < "\x80") != (b < "\x80"):
        return False
    a, b = _ascii_form(a), _ascii_form(b)
    return a.isascii() and b.isascii() and ((a.isdigit() and b.isdigit()) or (a.isalpha() and b.isalpha()))


def _ascii_form(ch: str) -> str:
    return chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch


@functools.lru_cache(maxsize=262144)
def logp(prev: str, ch: str) -> float:
    """log P(ch | prev): the pair's share of ``prev``'s count, mixed with ``ch`` alone."""
    alone = unigram_logp(ch)
    if _same_kind_ascii(prev, ch):
        return DIGIT_RUN_LOGP
    if ch in AFTER_NUMBER and _ascii_form(prev).isdigit():
        return AFTER_NUMBER_LOGP
    unigrams, bigrams, _ = _tables()
    a = _simplified(prev)
    pair = bigrams.get(a + _simplified(ch))
    if pair is None:
        return math.log(1 - PAIR_WEIGHT) + alone
    share = min(pair / unigrams.get(a, pair), 1.0)
    return math.log(PAIR_WEIGHT * share + (1 - PAIR_WEIGHT) * math.exp(alone))


def cost(text: str, before: str = "", after: str = "") -> float:
    """Negative log-probability of ``text`` between ``before`` and ``after`` (their last/first char)."""
    prev = before[-1:] or " "
    total = 0.0
    for ch in text:
        total -= logp(prev, ch)
        prev = ch
    if after:
        total -= logp(prev, after[0])
    return total


def implausible_run(text: str, start: int, end: int) -> int:
    """The weight of the worst run of consecutive implausible characters in ``text[start:end]``.

    A character is implausible when it costs more than :data:`IMPLAUSIBLE` after the
    one before it: a rare name character between fluent neighbours weighs one, a
    mis-paired run many.  A symbol a mis-pairing makes (``⒄`` ``①``) weighs two.
    """
    best = run = 0
    prev = text[start - 1] if start > 0 else " "
    for ch in text[start:end]:
        weight = surprise_weight(prev, ch)
        if weight:
            run += weight
            if run > best:
                best = run
        else:
            run = 0
        prev = ch
    return best


def may_hold_implausible_pair(text: str, start: int, end: int) -> bool:
    """False only if ``implausible_run(text, start, end)`` is below two: one regex search, no model.

    A run of two needs two implausible characters in a row or one symbol, and a
    character no neighbour makes implausible (:func:`_never_surprising`) is neither.
    """
    return _implausible_pair_re().search(text, start, end) is not None


@functools.cache
def _implausible_pair_re() -> re.Pattern[str]:
    never = re.escape("".join(sorted(_never_surprising())))
    return re.compile(f"[^{never}]{{2}}|[{MOJIBAKE_SYMBOLS}]")


#: A hanzi at least this likely alone (log) costs at most ``-log(1 - PAIR_WEIGHT)`` (0.92) more
#: after any neighbour: below :data:`IMPLAUSIBLE`, with room for rounding.
NEVER_IMPLAUSIBLE_LOGP = -9.99


@functools.cache
def _never_surprising() -> frozenset[str]:
    """Characters that :func:`surprise_weight` gives 0 after any character.

    ASCII and its full-width forms, CJK punctuation, and the hanzi (with their
    traditional forms) whose own probability is at least ``e**NEVER_IMPLAUSIBLE_LOGP``:
    the pair model always mixes in ``1 - PAIR_WEIGHT`` of it.
    """
    unigrams, _, total = _tables()
    folding = _folding()
    floor = total * math.exp(NEVER_IMPLAUSIBLE_LOGP)
    chars = {c for c, n in unigrams.items() if n >= floor and c not in folding}
    chars.update(t for t, c in folding.items() if unigrams.get(c, 0.0) >= floor)
    chars.update(map(chr, range(0x80)), map(chr, range(0xFF01, 0xFF5F)), CJK_PUNCTUATION)
    return frozenset(chars)


@functools.lru_cache(maxsize=262144)
def surprise_weight(prev: str, ch: str) -> int:
    """What ``ch`` after ``prev`` adds to an implausible run: 0 when it reads plausibly there.

    It depends on the pair alone, so it is cached by pair: a run over any window
    of any text is then one cache look-up per character.
    """
    if not _surprising(prev, ch):
        return 0
    return 2 if is_symbol(ch) and not is_native_script(ch) else 1


def is_native_script(ch: str) -> bool:
    """Kana, hangul and box drawing: real text in their own right, never read as mojibake."""
    return (
        "\u3040" <= ch <= "\u30ff"
        or "\uac00" <= ch <= "\ud7af"
        or "\u2500" <= ch <= "\u257f"
        or "\u1100" <= ch <= "\u11ff"
        or "\u3130" <= ch <= "\u318f"
    )


#: Japanese: at least this many kana within this many characters of a span.
KANA_IN_JAPANESE = 3
KANA_WINDOW = 8


def native_text(text: str, lo: int, hi: int, *, box_drawing: bool = True) -> bool:
    """Hangul (or, with ``box_drawing``, box drawing) in ``text[lo:hi]``, or Japanese around it: real text.

    A mis-pairing makes a lone kana now and then (GBK rows A4/A5); Japanese has many.
    UTF-8 read as GBK makes box pieces too (row A9), so its re-reading passes
    ``box_drawing=False`` and leaves box drawing to its other gates.
    """
    native = _NATIVE_OR_BOX if box_drawing else _NATIVE
    if native.search(text, lo, hi) is not None:
        return True
    return len(_KANA.findall(text, max(lo - KANA_WINDOW, 0), hi + KANA_WINDOW)) >= KANA_IN_JAPANESE


#: :func:`is_native_script` but kana; the same but box drawing; kana.
_NATIVE_OR_BOX = re.compile("[\uac00-\ud7af\u2500-\u257f\u1100-\u11ff\u3130-\u318f]")
_NATIVE = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile("[\u3040-\u30ff]")


def is_box(ch: str) -> bool:
    """A box-drawing piece."""
    return "\u2500" <= ch <= "\u257f"


def is_kana(ch: str) -> bool:
    """Hiragana or katakana."""
    return "\u3040" <= ch <= "\u30ff"


def _surprising(prev: str, ch: str) -> bool:
    if "\uff01" <= ch <= "\uff5e":
        ch = chr(ord(ch) - 0xFEE0)
    if (ch.isascii() and not ch.isalpha()) or (is_native_script(ch) and not "\u3040" <= ch <= "\u30ff"):
        return False
    return -logp(prev, ch) > IMPLAUSIBLE


__all__ = [
    "IMPLAUSIBLE",
    "cost",
    "implausible_run",
    "is_box",
    "is_kana",
    "is_native_script",
    "logp",
    "may_hold_implausible_pair",
    "native_text",
    "surprise_weight",
    "unigram_logp",
]
