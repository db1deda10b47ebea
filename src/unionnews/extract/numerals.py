"""Read Chinese and Arabic numerals: ``3.77万`` -> 37700, ``二〇二三`` -> 2023, ``十八`` -> 18."""

from __future__ import annotations

import functools
from decimal import Decimal

import regex

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
          "陆": 6, "柒": 7, "捌": 8, "玖": 9}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
#: Tens written as one character: ``廿一`` is 21.
TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}
CHINESE_NUMBER_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(TENS)
#: A number as written: Arabic (with , and .), Chinese, or Arabic followed by 万/亿.
_DECIMAL_RE = regex.compile(r"\d+(?:\.\d+)?")
_ZEROS_RE = regex.compile("零+")
NUMBER_RE = regex.compile(rf"(?:\d+(?:[,，]\d{{3}})*(?:\.\d+)?|[{CHINESE_NUMBER_CHARS}]+)(?:[万亿]+)?")
#: The parts of a number: Arabic decimals, Chinese numerals below 万 (``点`` for the decimal point), 万 and 亿.
_TOKEN_RE = regex.compile(rf"\d+(?:\.\d+)?|[{''.join(DIGITS)}{''.join(SMALL_UNITS)}点]+|[万亿]|(?P<bad>.)")


class NumeralError(ValueError):
    """The string is not a number unionnews can read."""


@functools.lru_cache(maxsize=4096)
def read_number(text: str) -> int | float:
    """The value of ``text``: Arabic, Chinese or mixed (``1亿5000万`` -> 150000000, ``一万二`` -> 12000).

    Raises :class:`NumeralError` for anything else.
    """
    text = text.strip().replace(",", "").replace("，", "")
    for tens, written in TENS.items():
        text = text.replace(tens, written)
    if not text:
        raise NumeralError("empty number")
    value = _combine(_tokens(text))
    return int(value) if value == value.to_integral_value() else float(value)


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for m in _TOKEN_RE.finditer(text):
        if m.group("bad") is not None:
            raise NumeralError(f"not a number: {text!r}")
        tokens.append(m.group())
    return tokens


def _combine(tokens: list[str]) -> Decimal:
    """Numbers and the 万/亿 after them, summed: each 亿 closes everything before it."""
    total = Decimal(0)
    section = Decimal(0)
    pending: Decimal | None = None
    last_unit = 1
    for i, token in enumerate(tokens):
        if token in BIG_UNITS:
            if pending is None and section == 0:
                if i == 0:
                    pending = Decimal(1)  # ``万`` alone
                elif tokens[i - 1] not in BIG_UNITS:
                    raise NumeralError(f"unit without a number: {''.join(tokens)!r}")
            section = (section + (pending or 0)) * BIG_UNITS[token]
            pending = None
            last_unit = BIG_UNITS[token]
            if token == "亿":
                total, section = total + section, Decimal(0)
        else:
            if pending is not None:
                raise NumeralError(f"two numbers in a row: {''.join(tokens)!r}")
            pending = _part(token)
            if i > 0 and len(token) == 1 and token in DIGITS and DIGITS[token] and last_unit >= 10_000:
                pending *= last_unit // 10  # ``一万二``: the digit counts in the next lower place
    return total + section + (pending or 0)


def _part(token: str) -> Decimal:
    """A number below 万: Arabic, or Chinese with ``点`` for the decimal point."""
    if _DECIMAL_RE.fullmatch(token):
        return Decimal(token)
    whole, point, fraction = token.partition("点")
    if point:
        if not fraction or any(c not in DIGITS for c in fraction):
            raise NumeralError(f"not a decimal: {token!r}")
        digits = "".join(str(DIGITS[c]) for c in fraction)
        return Decimal(read_chinese_number(whole) if whole else 0) + Decimal(f"0.{digits}")
    return Decimal(read_chinese_number(token))


def read_chinese_number(text: str) -> int:
    """A Chinese numeral: positional (``二〇二三``) or with units (``三千五百万``, ``二百五`` = 250)."""
    for tens, written in TENS.items():
        text = text.replace(tens, written)
    if not text or any(c not in DIGITS and c not in SMALL_UNITS and c not in BIG_UNITS for c in text):
        raise NumeralError(f"not a Chinese numeral: {text!r}")
    if all(c in DIGITS for c in text) and len(text) > 1:
        return int("".join(str(DIGITS[c]) for c in text))
    total = 0
    section = 0
    digit: int | None = None
    last_unit = 1
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
            if c in "零〇○":
                last_unit = 1  # ``一千零五``: after a zero the digit is a unit digit
        elif c in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
            last_unit = SMALL_UNITS[c]
        else:
            section += digit or 0
            total = (total + section) * BIG_UNITS[c] if c == "亿" else total + section * BIG_UNITS[c]
            section = 0
            digit = None
            last_unit = BIG_UNITS[c]
    if digit and last_unit >= 100:
        digit *= last_unit // 10  # ``二百五``, ``三千五``: the lower place is implied
    return total + section + (digit or 0)


def to_chinese_number(value: int) -> str:
    """Write a non-negative integer below 10^12 with Chinese units (for tests and round trips)."""
    if value < 0 or value >= 10**12:
        raise NumeralError(f"out of range: {value}")
    if value == 0:
        return "零"
    digits = "零一二三四五六七八九"
    units = ("", "十", "百", "千")

    def below_10k(n: int) -> str:
        out = ""
        zero = False
        for power in (3, 2, 1, 0):
            d = n // 10**power % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += digits[d] + units[power]
        return out

    parts: list[str] = []
    for unit, size in (("亿", 10**8), ("万", 10**4), ("", 1)):
        chunk = value // size % 10**4 if unit != "亿" else value // size
        if chunk:
            if parts and chunk < 1000:
                parts.append("零")
            parts.append(below_10k(chunk) + unit)
        elif parts and parts[-1] != "零":
            parts.append("零")
    return _ZEROS_RE.sub("零", "".join(parts)).rstrip("零")
