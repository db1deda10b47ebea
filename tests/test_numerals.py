from __future__ import annotations

import cn2an  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unionnews.extract.numerals import NumeralError, read_number, to_chinese_number


@given(st.integers(0, 10**12 - 1))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert read_number(to_chinese_number(n)) == n


@given(st.integers(1, 99999), st.sampled_from([("万", 10**4), ("亿", 10**8)]))
def test_wan_yi_arithmetic_is_exact(n: int, unit: tuple[str, int]) -> None:
    word, factor = unit
    assert read_number(f"{n}{word}") == n * factor
    assert (
        read_number(f"{n / 100}{word}") == n * factor // 100
        or read_number(f"{n / 100}{word}") == n * factor / 100
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("3.77万", 37700), ("840万", 8400000), ("1.4万", 14000), ("百", 100), ("千", 1000),
     ("二〇二三", 2023), ("十八", 18), ("6670万", 66700000), ("1,200", 1200)],
)  # fmt: skip
def test_known_forms(text: str, value: int) -> None:
    assert read_number(text) == value


@pytest.mark.parametrize("bad", ["", "abc", "十x"])
def test_bad_numbers_raise_typed_error(bad: str) -> None:
    with pytest.raises(NumeralError):
        read_number(bad)


@pytest.mark.parametrize(
    ("text", "value"),
    [("一亿五千万", 150_000_000), ("1亿5000万", 150_000_000), ("一万二", 12000), ("二百五", 250),
     ("三千五", 3500), ("廿一", 21), ("卅", 30), ("零点五", 0.5), ("三点五万", 35000), ("一千零五", 1005),
     ("一万零五", 10005), ("2亿3000万", 230_000_000), ("十万", 100_000), ("1万亿", 10**12),
     ("两万五", 25000), ("1.5亿", 150_000_000)],
)  # fmt: skip
def test_abbreviated_and_mixed_forms(text: str, value: float) -> None:
    assert read_number(text) == value


@pytest.mark.parametrize("bad", ["万万万x", "五点", "点五x", "3 4", "亿5.5.5"])
def test_malformed_numbers_raise(bad: str) -> None:
    with pytest.raises(NumeralError):
        read_number(bad)


@given(st.integers(0, 9999), st.integers(0, 9999), st.integers(1, 9999))
def test_mixed_arabic_magnitudes_round_trip(yi: int, wan: int, ones: int) -> None:
    """``{a}亿{b}万{c}`` in Arabic digits with Chinese magnitudes, and the same in Chinese."""
    value = yi * 10**8 + wan * 10**4 + ones
    mixed = (f"{yi}亿" if yi else "") + (f"{wan}万" if wan else "") + str(ones)
    assert read_number(mixed) == value
    assert read_number(to_chinese_number(value)) == value


@given(st.integers(1, 9999), st.sampled_from(["万", "亿"]))
def test_chinese_and_arabic_before_a_magnitude_agree(n: int, unit: str) -> None:
    assert read_number(to_chinese_number(n) + unit) == read_number(f"{n}{unit}")


@given(st.integers(0, 10**12 - 1))
def test_agrees_with_cn2an(n: int) -> None:
    """cn2an (a well-kept converter) reads our Chinese writing of ``n`` the same way."""
    written = to_chinese_number(n)
    assert read_number(written) == cn2an.cn2an(written, "smart") == n


@given(st.integers(1, 9), st.integers(1, 9), st.sampled_from(["百", "千", "万"]))
def test_abbreviated_lower_place_agrees_with_cn2an(a: int, b: int, unit: str) -> None:
    """``二百五``, ``三千五``, ``一万二``: the trailing digit counts in the next lower place."""
    digits = "零一二三四五六七八九"
    written = f"{digits[a]}{unit}{digits[b]}"
    assert read_number(written) == cn2an.cn2an(written, "smart")
