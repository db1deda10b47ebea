"""Second-round shortcuts of the normalizer agree with the checks they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from unionnews.normalize.decode import _holds_surrogate, scrub_surrogates

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@given(st.text(alphabet=st.sampled_from("a工會😀\x00\ufffd\ud800\udbff\udc00\udfff\ud7ff\ue000")))
def test_the_codec_check_finds_exactly_the_surrogates(text: str) -> None:
    assert _holds_surrogate(text) == (_SURROGATE_RE.search(text) is not None)


@given(st.text(alphabet=st.sampled_from("a工會😀\ud800\udfff")))
def test_scrubbed_text_holds_no_surrogate_and_keeps_its_length(text: str) -> None:
    scrubbed = scrub_surrogates(text)
    assert len(scrubbed.text) == len(text)
    assert not _holds_surrogate(scrubbed.text)
    assert bool(scrubbed.fixes) == _holds_surrogate(text)
