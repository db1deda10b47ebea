"""Events counted once across a generated corpus of copies and independent reports."""

from __future__ import annotations

import unionnews
from unionnews.corpus.copies import article_signature, group_signatures
from unionnews.corpus.dedupe import EventLedger, count_once, event_key, fold_name
from unionnews.corpus.siblings import repair_group
from unionnews.models import Meeting, Statistic

from mirrors import make_corpus


def test_each_meeting_and_statistic_is_one_row_with_all_its_reports() -> None:
    corpus = make_corpus(25, seed=8, other_outlets=0.5)
    parsed = {c.article_id: unionnews.parse(c.raw) for c in corpus.copies}
    groups = {g.article_id: g for g in group_signatures([article_signature(i, a) for i, a in parsed.items()])}
    members: dict[str, list[str]] = {}
    for g in groups.values():
        members.setdefault(g.copy_group, []).append(g.article_id)
    raw = {c.article_id: c.raw for c in corpus.copies}
    for ids in members.values():
        norms = {i: unionnews.normalize(raw[i]) for i in ids}
        repaired = repair_group(norms, {i: parsed[i].text for i in ids})
        parsed.update({i: unionnews.parse(norm) for i, norm in repaired.items()})
    ledger = EventLedger()
    for article_id, article in parsed.items():
        ledger.add(article_id, article.events, groups[article_id].copy_group)
    rows = ledger.rows()
    assert ledger.events_in > len(rows)
    full = [r for r in rows if r["kind"] == "meeting" and r["date"]]
    for truth in corpus.truths.values():
        clean = parsed[truth.article_id + "-0"]
        found = [e for e in clean.events if e.kind == "meeting" and e.organizer == truth.meeting[0]]
        if not found:
            continue
        (row,) = [r for r in full if (r["organizer"], r["date"]) == (truth.meeting[0], truth.meeting[2])]
        reports = [
            c.article_id
            for c in corpus.copies
            if corpus.truths[corpus.group_of[c.article_id]].meeting == truth.meeting
        ]
        assert set(row["articles"]) <= set(reports)
        assert row["reported_by"] >= 0.9 * len(reports)
        assert row["copy_groups"] == len({corpus.group_of[a] for a in reports})
    stats = {(r["value"], r["unit"], r["subject"]) for r in rows if r["kind"] == "statistic"}
    truth_stats = {_multiplied(v, u, s) for t in corpus.truths.values() for v, u, s in t.statistics}
    assert truth_stats <= stats


def test_an_event_missing_its_identity_merges_only_within_its_copy_group() -> None:
    undated = Meeting(organizer="市总工会", name="党组会议")
    rows = count_once([("a", [undated], "g1"), ("b", [undated], "g1"), ("c", [undated], "g2")])
    assert sorted(r["reported_by"] for r in rows) == [1, 2]
    dated = Meeting(organizer="市总工会", name="党组（扩大）会议", date="2024-03-01")
    same = {"kind": "meeting", "organizer": "市总工会", "name": "党组会", "date": "2024-03-01"}
    rows = count_once([("a", [dated], "g1"), ("b", [same], "g2")])
    assert len(rows) == 1 and rows[0]["copy_groups"] == 2 and rows[0]["articles"] == ["a", "b"]
    assert event_key(Statistic(3, "名", "3名"), "g1") != event_key(Statistic(3, "名", "3名"), "g2")
    assert event_key(Statistic(3, "名", "3名", subject="劳模"), "g1") == event_key(
        {"kind": "statistic", "value": 3.0, "unit": "名", "subject": "劳模"}, "g2"
    )


def test_one_article_reporting_an_event_twice_counts_once() -> None:
    stat = Statistic(120, "名", "120名", subject="困难职工")
    rows = count_once([("a", [stat, stat], None)])
    assert rows[0]["reported_by"] == 1 and rows[0]["articles"] == ["a"]
    assert fold_name("党组（扩大）会议") == fold_name("党组会") == "党组会"


def _multiplied(value: int, unit: str, subject: str) -> tuple[float, str, str]:
    return (value * 10000.0, unit[1:], subject) if unit.startswith("万") else (float(value), unit, subject)
