"""Bytes of every encoding a Chinese page comes in decode to the text; binary is still refused."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionnews import BinaryInputError, normalize
from unionnews.normalize.decode import decode_bytes, scrub_surrogates

from damage import SENTENCES

TEXT = "全国总工会召开会议，部署2024年工作。Workers' union meeting.\n第二段：职工代表大会。\n"
PURE_HANZI = "全国总工会召开会议部署工作职工代表大会"

UNICODE_ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
]


@pytest.mark.parametrize("encoding", UNICODE_ENCODINGS)
@pytest.mark.parametrize("text", [TEXT, PURE_HANZI, TEXT * 50], ids=["mixed", "pure-hanzi", "long"])
def test_unicode_encodings_with_or_without_a_bom_decode_exactly(encoding: str, text: str) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.fixes == ()


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "big5"])
def test_legacy_chinese_encodings_are_not_taken_for_utf16(encoding: str) -> None:
    text = "".join(SENTENCES)
    if encoding == "big5":
        from unionnews.normalize.script import converter

        text = converter("s2tw").convert(text)
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert not decoded.encoding.startswith(("utf_16", "utf_32"))


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map("".join),
    st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32", "gb18030"]),
)
def test_generated_sentences_round_trip_in_any_encoding(text: str, encoding: str) -> None:
    assert normalize(text.encode(encoding)).text == normalize(text).text


def test_random_bytes_are_still_binary_or_text_never_a_crash() -> None:
    rng = __import__("random").Random(7)
    refused = 0
    for _ in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(2, 400)))
        try:
            normalize(data)
        except BinaryInputError:
            refused += 1
    assert refused > 100


def test_executable_bytes_are_refused() -> None:
    with pytest.raises(BinaryInputError):
        normalize(b"\x7fELF\x02\x01\x01\x00" + os.urandom(4000))


def test_undecodable_bytes_are_one_repair_per_run() -> None:
    data = "工会召开".encode("gb18030") + b"\xff\xff\xff" + "会议部署工作，职工代表大会。".encode("gb18030")
    result = normalize(data)
    lost = [r for r in result.repairs if r.kind == "undecodable-bytes"]
    assert len(lost) == 1 and lost[0].lost >= 1
    assert "工会召开" in result.text and "职工代表大会" in result.text


def test_scrub_surrogates_keeps_length_and_reports_runs() -> None:
    scrubbed = scrub_surrogates("工\ud800\udc00会\udfff")
    assert scrubbed.text == "工\ufffd\ufffd会\ufffd"
    assert [(f.start, f.end, f.lost) for f in scrubbed.fixes] == [(1, 3, 2), (4, 5, 1)]
    assert scrub_surrogates("工会").fixes == ()


@pytest.mark.parametrize(
    "data",
    [
        ("The union meeting was held in the city hall, and café workers came. " * 20).encode("latin-1"),
        ("<html><body>工会召开会议" + " some ascii text here and more" * 30 + "</body></html>").encode("gbk"),
    ],
    ids=["latin-1-english", "ascii-heavy-gbk"],
)
def test_ascii_heavy_legacy_bytes_are_not_taken_for_utf16(data: bytes) -> None:
    for padded in (data, data + b" ", data + b"   "):
        assert not decode_bytes(padded).encoding.startswith(("utf_16", "utf_32"))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=2, max_size=200))
def test_ascii_with_one_legacy_byte_is_never_read_as_utf16(text: str) -> None:
    data = text.encode("ascii") + "工".encode("gbk")
    assert not decode_bytes(data).encoding.startswith(("utf_16", "utf_32"))
