"""Inputs the fuzzers (fuzz/) found, each once a failure, kept so they stay fixed."""

from __future__ import annotations

import pytest

import unionnews

#: (input, what went wrong before the fix)
CASES = [
    # fuzz_structured: width turned the lost-byte mark into ？, and the second pass then
    # "repaired" ？笳J into 。矿認 (normalize was not idempotent)
    ("省總工會黨組書記主持會議並講話，要?笳J真落實各項任務。", "lost-byte mark widened"),
]


@pytest.mark.parametrize(("text", "why"), CASES, ids=[why for _, why in CASES])
def test_found_case_parses_and_normalize_is_idempotent(text: str, why: str) -> None:
    article = unionnews.parse(text)
    for item in (*article.people, *article.events, *article.dates):
        assert item.evidence is None or 0 <= item.evidence.start <= item.evidence.end <= len(article.text)
    once = unionnews.normalize(text).text
    assert unionnews.normalize(once).text == once
