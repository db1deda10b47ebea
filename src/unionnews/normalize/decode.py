"""Bytes of unknown encoding -> text.

UTF-8 is tried strictly first (it is what most crawls store and is self-checking);
otherwise charset-normalizer picks among the Chinese codecs.  Bytes that no codec
accepts become U+FFFD and each such place is reported.  Input that is mostly
such bytes or control characters is not text: it raises
:class:`~unionnews.errors.BinaryInputError` instead of becoming an article of junk.
"""

from __future__ import annotations

import attrs
import regex

from unionnews.errors import BinaryInputError
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
    _reject_binary(text, encoding)
    fixes = tuple(
        Fix(i, i + 1, "\ufffd", "undecodable-bytes", 1.0, lost=1, note=f"bytes not valid {encoding}")
        for i, ch in enumerate(text)
        if ch == "\ufffd"
    )
    return Decoded(text, encoding, fixes)


#: Share of control characters and replacement marks above which input is not text at all.
BINARY_SHARE = 0.2
#: The same when NUL bytes are present, which no text in a Chinese legacy codec has.
BINARY_SHARE_WITH_NUL = 0.05
_JUNK_RE = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _reject_binary(text: str, encoding: str) -> None:
    """Raise :class:`~unionnews.errors.BinaryInputError` for bytes that are no text in any codec."""
    sample = text[:_SNIFF_BYTES]
    junk = len(_JUNK_RE.findall(sample))
    share = BINARY_SHARE if "\x00" not in sample or encoding.startswith("utf_16") else BINARY_SHARE_WITH_NUL
    if sample and junk > share * len(sample):
        raise BinaryInputError(
            f"input looks binary: {junk / len(sample):.0%} of it is control bytes or undecodable as {encoding}"
        )


def _sniff(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SNIFF_BYTES], cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        return "gb18030"
    return best.encoding
