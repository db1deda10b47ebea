"""Strip pinyin annotations that mirror sites inserted after characters.

``會(huì)`` -> ``會``; ``(擴(kuò)大)`` -> ``(擴大)``; also ``工(gōng )``, ``會(hui4)``,
``會(HUÌ)`` and ``工会(gōng huì)``.  An annotation is removed only when it is a reading
of the character(s) before it (pypinyin's heteronym table), so real parentheticals
such as ``(扩大)``, ``(兼)`` or ``(hello)`` survive.

An *orphan* annotation, ``?lián)``, is what is left when the character and the
opening parenthesis were lost together.  A run of orphans stands for one lost
character: it is restored only when its reading and a neighbour form a word of
:data:`RECOVERY_WORDS`, and otherwise marked with U+FFFD, never invented.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

from unionnews.normalize import tables
from unionnews.normalize.fix import Deletions, Fix
from unionnews.normalize.insertions import paren_opens_on

_TONE_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
_SYLLABLE = f"[a-z{_TONE_LETTERS}]{{1,6}}"
#: An annotation as mirror sites write it: any case, tone marks or numbers, loose spaces.
_LOOSE_SYLLABLE = r"\p{Latin}{1,6}[0-5]?"
#: At most this many syllables annotate as many characters before them (``工会(gōng huì)``).
MAX_ANNOTATED_CHARS = 4
ANNOTATION_RE = regex.compile(
    rf"(?<=\p{{Han}})[(（][ \t]*({_LOOSE_SYLLABLE}(?:[ \t]+{_LOOSE_SYLLABLE}){{0,{MAX_ANNOTATED_CHARS - 1}}})[ \t]*[)）]"
)
#: :data:`ANNOTATION_RE` without its lookbehind: the search starts on the parenthesis
#: (a literal class) instead of trying the lookbehind at every character; the
#: character before is checked per match (see :func:`annotation_spans`).
_PAREN_ANNOTATION_RE = regex.compile(
    rf"[(（][ \t]*({_LOOSE_SYLLABLE}(?:[ \t]+{_LOOSE_SYLLABLE}){{0,{MAX_ANNOTATED_CHARS - 1}}})[ \t]*[)）]"
)
_HAN_RE = regex.compile(r"\p{Han}")
#: The Latin letters pinyin is written in; a text whose Latin letters are all among
#: them is matched by :data:`_PINYIN_ANNOTATION_RE` exactly as by the ``\p{Latin}`` pattern.
_PINYIN_LETTERS = "A-Za-z" + _TONE_LETTERS + _TONE_LETTERS.upper()
#: The Unicode blocks holding every ``\p{Latin}`` character (a test checks them all).
LATIN_BLOCKS = (
    (0x0000, 0x02FF), (0x1D00, 0x1EFF), (0x2070, 0x218F), (0x2C60, 0x2C7F), (0xA720, 0xA7FF),
    (0xAB30, 0xAB6F), (0xFB00, 0xFB06), (0xFF00, 0xFFEF), (0x10780, 0x107BF), (0x1DF00, 0x1DFFF),
)  # fmt: skip
_PINYIN_SYLLABLE = rf"[{_PINYIN_LETTERS}]{{1,6}}[0-5]?"
#: :data:`_PAREN_ANNOTATION_RE` with the standard library's ``re``, which finds the
#: parenthesis and walks a small class much faster than ``regex``.
_PINYIN_ANNOTATION_RE = re.compile(
    rf"[(（][ \t]*({_PINYIN_SYLLABLE}(?:[ \t]+{_PINYIN_SYLLABLE}){{0,{MAX_ANNOTATED_CHARS - 1}}})[ \t]*[)）]"
)
ORPHAN_RUN_RE = regex.compile(rf"(?:\?{_SYLLABLE}\)){{1,4}}")
_ORPHAN_RE = regex.compile(rf"\?({_SYLLABLE})\)")
_HAS_TONE = regex.compile(f"[{_TONE_LETTERS.replace('ü', '')}]")

#: Words a lost character may be restored into, given its reading (simplified).
#: Kept to words frequent in union news where one reading picks one character.
RECOVERY_WORDS = (
    "日报", "晚报", "工会", "会议", "协会", "大会", "总会", "职工", "工人", "劳动", "劳模",
    "记者", "编辑", "报道", "发展", "服务", "建设", "组织", "学习", "精神", "工作", "活动",
    "代表", "主席", "书记", "领导", "部署", "开展", "举行", "召开", "推进", "落实", "贯彻",
)  # fmt: skip
LOST_CHARACTER = "\ufffd"


@functools.cache
def _chars_by_reading() -> dict[str, str]:
    """Each reading -> its characters (pypinyin's table, shipped as package data)."""
    return tables.chars_by_reading()


@functools.cache
def _chars_by_toneless_reading() -> dict[str, str]:
    by_toneless: dict[str, str] = {}
    for reading, chars in _chars_by_reading().items():
        key = _toneless(reading)
        by_toneless[key] = by_toneless.get(key, "") + chars
    return by_toneless


def _toneless(syllable: str) -> str:
    """The syllable without its tone mark; ü keeps its dots (nǚ -> nü, not nu)."""
    bare = "".join(
        c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c) or c == "\u0308"
    )
    return unicodedata.normalize("NFC", bare)


@functools.lru_cache(maxsize=65536)
def is_reading_of(char: str, syllable: str) -> bool:
    """Whether ``syllable`` is one of ``char``'s readings (tone marks must agree when given)."""
    if char in _chars_by_reading().get(syllable, ""):
        return True
    if _HAS_TONE.search(syllable) is None:
        return char in _chars_by_toneless_reading().get(syllable, "")
    return False


def _annotates(text: str, end: int, syllables: list[str]) -> bool:
    """Whether ``syllables`` read the as many characters just before ``end``, one each."""
    chars = text[max(end - len(syllables), 0) : end]
    if len(chars) != len(syllables):
        return False
    return all(is_reading_of(c, _tone_marked(s)) for c, s in zip(chars, syllables, strict=True))


@functools.lru_cache(maxsize=4096)
def _tone_marked(syllable: str) -> str:
    """``HUI4`` / ``huì`` / ``lv4`` / ``lv`` -> ``huì`` / ``huì`` / ``lǜ`` / ``lü``: pypinyin's spelling."""
    syllable = syllable.lower().replace("v", "ü")
    if syllable[-1].isdigit():
        from pypinyin.contrib.tone_convert import to_tone

        syllable = to_tone(syllable.rstrip("05"))
    return syllable


def is_pinyin_syllable(syllable: str) -> bool:
    """A reading some character has (so ``?qǐng)`` is an orphan, ``?abc)`` is not)."""
    return syllable in _chars_by_reading()


#: The kind of the repair that removes an annotation.
ANNOTATION = "pinyin-annotation"


def strip_pinyin_annotations(text: str) -> list[Fix]:
    """Fixes removing annotations and resolving orphan annotations."""
    found = strip_pinyin(text)
    return found.fixes() if isinstance(found, Deletions) else found


def strip_pinyin(text: str) -> Deletions | list[Fix]:
    """:func:`strip_pinyin_annotations` as the pipeline takes it: one batch of deletions
    when there is no orphan to resolve, else the fixes."""
    if not may_hold_annotations(text):
        return []
    spans = annotation_spans(text)
    orphans = _orphan_fixes(text) if "?" in text else []
    if not orphans:
        return Deletions(spans, ANNOTATION)
    fixes = [Fix(start, end, "", ANNOTATION) for start, end in spans] + orphans
    fixes.sort(key=lambda f: f.start)
    return fixes


def may_hold_annotations(text: str) -> bool:
    """A parenthesis is in ``text``: necessary for an annotation and for an orphan (``?lián)``)."""
    return "(" in text or ")" in text or "（" in text


def annotation_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the annotations to remove, in order (no orphans).

    A traditional page with readings holds hundreds; the pipeline turns them into
    repairs and offset segments in one batch instead of a :class:`Fix` each.

    The matches are :data:`ANNOTATION_RE`'s: a match of the pattern without the
    lookbehind ends on ``)``, so it never holds the opening parenthesis of another,
    and skipping those not after a hanzi leaves exactly the lookbehind's.
    """
    spans: list[tuple[int, int]] = []
    if not _opens_on_latin(text):
        return spans
    pattern = _PAREN_ANNOTATION_RE if _other_latin().search(text) else _PINYIN_ANNOTATION_RE
    for m in pattern.finditer(text, 1):
        start, end = m.span()
        annotated = text[start - 1 : end]
        if " " in annotated or "\t" in annotated:
            if _HAN_RE.match(annotated) is not None and _annotates(text, start, m[1].split()):
                spans.append((start, end))
        elif _annotates_hanzi(annotated):
            spans.append((start, end))
    return spans


@functools.lru_cache(maxsize=65536)
def _annotates_hanzi(annotated: str) -> bool:
    """:func:`_annotates_one` after a hanzi (what :data:`ANNOTATION_RE`'s lookbehind asks).

    The reading table also lists private-use characters, so the check is not implied.
    """
    return _HAN_RE.match(annotated) is not None and _annotates_one(annotated)


_LATIN_RE = regex.compile(r"\p{Latin}")


@functools.cache
def _other_latin() -> re.Pattern[str]:
    r"""The ``\p{Latin}`` letters outside :data:`_PINYIN_LETTERS`, as a standard-library class.

    Absent from a text, :data:`_PINYIN_ANNOTATION_RE` finds exactly what the
    ``regex`` pattern finds; a bitmap class scans the text in a fraction of the
    time ``regex`` takes for the same class.
    """
    pinyin_letters = re.compile(f"[{_PINYIN_LETTERS}]")
    others = [
        code
        for low, high in LATIN_BLOCKS
        for code in range(low, high + 1)
        if _LATIN_RE.match(chr(code)) and not pinyin_letters.match(chr(code))
    ]
    ranges: list[list[int]] = []
    for code in others:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


def _opens_on_latin(text: str) -> bool:
    """Some ``(`` or ``（`` is followed, past spaces and tabs, by a Latin letter.

    Necessary for :data:`ANNOTATION_RE` to match, and a few ``find`` calls where
    the pattern (a lookbehind tried at every character) scans the whole text:
    most pages' parentheses hold names and notes, not readings.
    """
    return paren_opens_on(text, _LATIN_RE)


@functools.lru_cache(maxsize=65536)
def _annotates_one(annotated: str) -> bool:
    """:func:`_annotates` for ``會(huì)``: one character and its one-syllable annotation.

    Cached by the whole string: a page repeats its characters and their readings.
    """
    return is_reading_of(annotated[0], _tone_marked(annotated[2:-1]))


def _orphan_fixes(text: str) -> list[Fix]:
    fixes = []
    for m in ORPHAN_RUN_RE.finditer(text):
        syllables = _ORPHAN_RE.findall(m.group())
        if not syllables or not all(_HAS_TONE.search(s) and is_pinyin_syllable(s) for s in syllables):
            continue
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        restored = _restore(syllables, before, after)
        if restored is None:
            fixes.append(
                Fix(m.start(), m.end(), LOST_CHARACTER, "pinyin-orphan", 0.9, lost=1, note="character lost")
            )
        else:
            fixes.append(
                Fix(
                    m.start(),
                    m.end(),
                    restored,
                    "pinyin-orphan",
                    0.6,
                    note=f"character restored from its reading and the word it forms with {before or after}",
                )
            )
    return fixes


def _restore(syllables: list[str], before: str, after: str) -> str | None:
    """The one character with one of these readings that forms a known word with a neighbour."""
    from unionnews.normalize.script import converter

    t2s = converter("t2s")
    prev, nxt = t2s.convert(before), t2s.convert(after)
    words = _recovery_words()
    found = set()
    for syllable in syllables:
        for simple in _simplified_chars_by_reading(syllable):
            if (prev and prev + simple in words) or (nxt and simple + nxt in words):
                found.add(simple)
    return found.pop() if len(found) == 1 else None


@functools.cache
def _recovery_words() -> frozenset[str]:
    return frozenset(RECOVERY_WORDS)


@functools.lru_cache(maxsize=4096)
def _simplified_chars_by_reading(syllable: str) -> frozenset[str]:
    from unionnews.normalize.script import converter

    chars = "\n".join(sorted(_chars_by_reading().get(syllable, ())))
    return frozenset(converter("t2s").convert(chars).split("\n")) - {""}
