"""Bytes of unknown encoding -> text, never raising.

UTF-8 is tried strictly first (it is what most crawls store and is self-checking);
otherwise charset-normalizer picks among the Chinese codecs.  Bytes that no codec
accepts become U+FFFD and each such place is reported.
"""

from __future__ import annotations

import attrs

from unionnews.normalize.fix import Fix

#: Codecs considered for non-UTF-8 input, most specific first.
CANDIDATE_ENCODINGS = ("utf_8", "gb18030", "big5", "big5hkscs", "utf_16")
_SNIFF_BYTES = 64 * 1024


@attrs.frozen(slots=True)
class Decoded:
    """The decoded text, the codec used, and the places bytes were replaced."""

    text: str
    encoding: str
    fixes: tuple[Fix, ...]


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``; undecodable bytes become U+FFFD with a ``Fix`` each."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return Decoded(data.decode("utf-8"), "utf-8", ())
    except UnicodeDecodeError:
        pass
    encoding = _sniff(data)
    text = data.decode(encoding, errors="replace")
    fixes = tuple(
        Fix(i, i + 1, "\ufffd", "undecodable-bytes", 1.0, lost=1, note=f"bytes not valid {encoding}")
        for i, ch in enumerate(text)
        if ch == "\ufffd"
    )
    return Decoded(text, encoding, fixes)


def _sniff(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SNIFF_BYTES], cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        return "gb18030"
    return best.encoding
