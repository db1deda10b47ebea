from __future__ import annotations

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
