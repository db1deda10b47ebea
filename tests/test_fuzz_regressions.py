"""Inputs the fuzzers (fuzz/) found, each once a failure, kept so they stay fixed."""

from __future__ import annotations

import json

import pytest

import unionnews

#: (input, what went wrong before the fix)
CASES = [
    # fuzz_structured: width turned the lost-byte mark into ？, and the second pass then
    # "repaired" ？笳J into 。矿認 (normalize was not idempotent)
    ("省總工會黨組書記主持會議並講話，要?笳J真落實各項任務。", "lost-byte mark widened"),
    # fuzz_structured: ten U+FFFD folded into one by a UTF-8 re-reading counted as a gain,
    # and the re-reading ate the 工 after them
    ("(((((" + "\ufffd" * 10 + "工会干部深入一线倾听职工诉求，帮助解决实际问题。", "marks folded as gain"),
]


@pytest.mark.parametrize(("text", "why"), CASES, ids=[why for _, why in CASES])
def test_found_case_parses_and_normalize_is_idempotent(text: str, why: str) -> None:
    article = unionnews.parse(text)
    for item in (*article.people, *article.events, *article.dates):
        assert item.evidence is None or 0 <= item.evidence.start <= item.evidence.end <= len(article.text)
    once = unionnews.normalize(text).text
    assert unionnews.normalize(once).text == once
    assert sorted(c for c in text if "\u4e00" <= c <= "\u9fff") == sorted(
        c for c in unionnews.normalize(text, convert_script=False).text if "\u4e00" <= c <= "\u9fff"
    ) or any(r.kind.startswith("mojibake") for r in unionnews.normalize(text).repairs)


#: Strings the damage-alphabet idempotence property found; each broke ``normalize``'s
#: idempotence through a context a later step changed (script, punctuation width).
IDEMPOTENCE_CASES = [
    "鍙戝竷陜會",
    "?中1鍙¹1",
    "?中\ufffd1鍙¹1",
    "鍙戝竷1?中戝",
    "鍙戝竷?會陜",
    "¤\ufffd;會h",
    "111鍙:戝1",
]


@pytest.mark.parametrize("text", IDEMPOTENCE_CASES)
def test_normalize_is_idempotent_on_found_strings(text: str) -> None:
    once = unionnews.normalize(text).text
    assert unionnews.normalize(once).text == once


#: fuzz_hostile (GBK-only, Big5, surrogates, CRLF; 2,002 inputs in 300 s): every failure
#: was a lone surrogate in a ``str``, which ``normalize`` passed to a UTF-8 encode (fixed in
#: the normalizer: replaced and recorded).
SURROGATE_CASES = ["\ud978", "一\ud8df侚", "工会\ud800召开会议\r\n", "\udc80\r\n職工"]


@pytest.mark.parametrize("text", SURROGATE_CASES)
def test_lone_surrogates_parse_to_serialisable_output(text: str) -> None:
    article = unionnews.parse(text)
    assert not any("\ud800" <= c <= "\udfff" for c in article.text) and article.repairs
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")
