"""Fourth-round shortcuts of the normalizer agree with the code they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from unionnews.normalize import width
from unionnews.normalize.fix import line_fixes, run_line_fixes

_MARKED_TEXT = st.text(alphabet="工会驿的㐀,:;!?()（）“”a1 \n\ufffd¹", max_size=60)


@given(_MARKED_TEXT, st.data())
def test_fixes_built_by_runs_are_the_fixes_built_by_positions(text: str, data: st.DataObject) -> None:
    runs = [m.span() for m in width._MARK_RUN_RE.finditer(text)]
    runs = [run for run in runs if data.draw(st.booleans())]
    positions = [i for start, end in runs for i in range(start, end)]
    expected = line_fixes(text, width._widen_at(text, positions), positions, "w") if positions else []
    assert run_line_fixes(text, runs, width.FULLWIDTH, "w") == expected


@given(_MARKED_TEXT)
def test_the_run_pattern_finds_every_mark_run_and_its_plain_runs_widen(text: str) -> None:
    found = list(width._RUN_RE.finditer(text))
    assert [m.span() for m in found] == [m.span() for m in width._MARK_RUN_RE.finditer(text)]
    for m in found:
        start, end = m.span()
        plain = (
            start > 0
            and end < len(text)
            and width._plain_hanzi(text[start - 1])
            and width._plain_hanzi(text[end])
            and "?" not in m.group()
        )
        assert bool(m.lastindex) == plain
        if plain:
            assert width._widens(text, m)
            assert (m.lastindex == 1) == ("(" not in m.group() and ")" not in m.group())
