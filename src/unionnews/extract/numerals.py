"""Read Chinese and Arabic numerals: ``3.77万`` -> 37700, ``二〇二三`` -> 2023, ``十八`` -> 18."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
          "陆": 6, "柒": 7, "捌": 8, "玖": 9}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMBER_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: A number as written: Arabic (with , and .), Chinese, or Arabic followed by 万/亿.
_DECIMAL_RE = regex.compile(r"\d+(?:\.\d+)?")
_ZEROS_RE = regex.compile("零+")
NUMBER_RE = regex.compile(rf"(?:\d+(?:[,，]\d{{3}})*(?:\.\d+)?|[{CHINESE_NUMBER_CHARS}]+)(?:[万亿]+)?")


class NumeralError(ValueError):
    """The string is not a number unionnews can read."""


def read_number(text: str) -> int | float:
    """The value of ``text`` (``1.4万`` -> 14000, ``二十八`` -> 28, ``百`` -> 100).

    Raises :class:`NumeralError` for anything else.
    """
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        raise NumeralError("empty number")
    multiplier = 1
    while text and text[-1] in BIG_UNITS and _has_digit(text[:-1]):
        multiplier *= BIG_UNITS[text[-1]]
        text = text[:-1]
    if _DECIMAL_RE.fullmatch(text):
        try:
            value = Decimal(text) * multiplier
        except InvalidOperation as e:  # pragma: no cover - the regex admits only decimals
            raise NumeralError(text) from e
        return int(value) if value == value.to_integral_value() else float(value)
    return read_chinese_number(text) * multiplier


def _has_digit(text: str) -> bool:
    return any(c.isdigit() or c in DIGITS or c in SMALL_UNITS for c in text)


def read_chinese_number(text: str) -> int:
    """A Chinese numeral: positional (``二〇二三``) or with units (``三千五百万``)."""
    if not text or any(c not in DIGITS and c not in SMALL_UNITS and c not in BIG_UNITS for c in text):
        raise NumeralError(f"not a Chinese numeral: {text!r}")
    if all(c in DIGITS for c in text) and len(text) > 1:
        return int("".join(str(DIGITS[c]) for c in text))
    total = 0
    section = 0
    digit: int | None = None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * BIG_UNITS[c] if c == "亿" else total + section * BIG_UNITS[c]
            section = 0
            digit = None
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
