"""Bytes of unknown encoding -> text.

UTF-8 is tried strictly first (it is what most crawls store and is self-checking);
otherwise charset-normalizer picks among the Chinese codecs.  Bytes that no codec
accepts become U+FFFD and each such place is reported.  Input that is mostly
such bytes or control characters is not text: it raises
:class:`~unionnews.errors.BinaryInputError` instead of becoming an article of junk.
"""

from __future__ import annotations

import re

import attrs
import regex

from unionnews.errors import BinaryInputError
from unionnews.normalize.fix import Fix

#: Codecs considered for non-UTF-8 input, most specific first.
CANDIDATE_ENCODINGS = ("utf_8", "gb18030", "big5", "big5hkscs", "utf_16")
_SNIFF_BYTES = 64 * 1024
#: Byte-order marks, the four-byte ones first (UTF-32 LE starts with UTF-16 LE's mark).
BOMS = (
    (b"\xff\xfe\x00\x00", "utf_32"),
    (b"\x00\x00\xfe\xff", "utf_32"),
    (b"\xff\xfe", "utf_16"),
    (b"\xfe\xff", "utf_16"),
)
#: UTF-16/32 without a mark, tried when the bytes are not UTF-8, with the unit size.
WIDE_ENCODINGS = (("utf_32_le", 4), ("utf_32_be", 4), ("utf_16_le", 2), ("utf_16_be", 2))
#: Share of a wide decoding that must be plausible text (ASCII, Latin-1, common hanzi,
#: CJK punctuation) to be believed: legacy Chinese bytes read as UTF-16 give hangul,
#: Yi, surrogates and private use, and ASCII read two bytes at a time gives rare hanzi.
WIDE_TEXT_SHARE = 0.85
_CONTROL_RE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_REPLACEMENT_RUN_RE = regex.compile("\ufffd+")


@attrs.frozen(slots=True)
class Decoded:
    """The decoded text, the codec used, and the places bytes were replaced."""

    text: str
    encoding: str
    fixes: tuple[Fix, ...]


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``; undecodable bytes become U+FFFD with a ``Fix`` per run."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    encoding = next((enc for bom, enc in BOMS if data.startswith(bom)), None)
    if encoding is None:
        try:
            return Decoded(data.decode("utf-8"), "utf-8", ())
        except UnicodeDecodeError:
            pass
        encoding = _wide_encoding(data) or _sniff(data)
    text = data.decode(encoding, errors="replace")
    _reject_binary(text, encoding)
    fixes = tuple(
        Fix(m.start(), m.end(), m.group(), "undecodable-bytes", 1.0, lost=m.end() - m.start(),
            note=f"bytes not valid {encoding}")
        for m in _REPLACEMENT_RUN_RE.finditer(text)
    )  # fmt: skip
    return Decoded(text, encoding, fixes)


def _plausible_share(text: str) -> float:
    """Share of ``text`` that is ASCII, Latin-1, common hanzi or CJK punctuation."""
    if not text:
        return 0.0
    from unionnews.normalize.charsets import suspicious_re

    odd = len(suspicious_re().findall(text)) + len(_CONTROL_RE.findall(text))
    return 1 - odd / len(text)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (either byte order, no mark) when one of them reads as text."""
    best, best_share = None, WIDE_TEXT_SHARE
    for encoding, unit in WIDE_ENCODINGS:
        if len(data) % unit:
            continue
        sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % unit]
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError as err:
            if err.start < len(sample) - 4:
                continue
            text = sample[: err.start].decode(encoding)
        share = _plausible_share(text)
        if share > best_share:
            best, best_share = encoding, share
    return best


#: Share of control characters and replacement marks above which input is not text at all.
BINARY_SHARE = 0.2
#: The same when NUL bytes are present, which no text in a Chinese legacy codec has.
BINARY_SHARE_WITH_NUL = 0.05
_JUNK_RE = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _reject_binary(text: str, encoding: str) -> None:
    """Raise :class:`~unionnews.errors.BinaryInputError` for bytes that are no text in any codec."""
    sample = text[:_SNIFF_BYTES]
    junk = len(_JUNK_RE.findall(sample))
    share = (
        BINARY_SHARE
        if "\x00" not in sample or encoding.startswith(("utf_16", "utf_32"))
        else BINARY_SHARE_WITH_NUL
    )
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


#: UTF-16 surrogate code units: a ``str`` holding one (JSON ``"\\ud800"`` decodes to it)
#: cannot be encoded, so OpenCC, file and JSON output would all fail on it.
_SURROGATE_RUN_RE = re.compile("[\ud800-\udfff]+")


def scrub_surrogates(text: str) -> Decoded:
    """``text`` with each surrogate code unit replaced by U+FFFD, a ``Fix`` per run.

    Same length, so offsets into the caller's string stay valid.  Paired surrogates
    are replaced too: a well-formed ``str`` never holds them, and guessing is not
    the normalizer's business.
    """
    if not _holds_surrogate(text):
        return Decoded(text, "str", ())
    fixes = []
    for m in _SURROGATE_RUN_RE.finditer(text):
        units = " ".join(f"U+{ord(c):04X}" for c in m.group()[:8])
        fixes.append(
            Fix(m.start(), m.end(), "\ufffd" * (m.end() - m.start()), "surrogate", 1.0,
                lost=m.end() - m.start(), note=f"lone surrogate code units {units}")
        )  # fmt: skip
    return Decoded(_SURROGATE_RUN_RE.sub(lambda m: "\ufffd" * len(m.group()), text), "str", tuple(fixes))


def _holds_surrogate(text: str) -> bool:
    """Whether ``text`` holds a surrogate code unit: exactly the strings strict UTF-8 refuses.

    The codec's check runs in C over the whole string several times faster than a
    regex search for the surrogate class; text without one is the rule.
    """
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
