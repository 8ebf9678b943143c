"""Reviewer decisions and sign-offs in the store: appended, never changed; the latest counts.

Each test runs on SQLite and on PostgreSQL (see tests/postgres_support.py).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from license_risk.review import Recorded, SignOff, current, make_decision, state_of
from license_risk.store.assessments import Store
from scoring.interview import Interview

TODAY = dt.date(2026, 12, 5)


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 12, 5, 10, minute, tzinfo=dt.UTC)


def test_decisions_are_appended_with_who_when_and_the_reason_as_typed(catalog, location: str) -> None:
    store = Store(location)
    iv = Interview(Store.new_id(), ["llama-3.1"], {"intake": {"organisation": "Acme KK"}}, "results")
    store.save(catalog, iv)
    findings = catalog.trees["llama-3.1"].findings
    first_id, second_id = list(findings)[:2]
    typed = "  社内規程 4.2 に従い受容。\n\tSee ticket LEGAL-7 "
    accepted = make_decision("llama-3.1", findings[first_id], "accept", typed, "local user", TODAY)
    rerated = make_decision(
        "llama-3.1", findings[first_id], "change_severity", "Worse for us.", "山田 花子", TODAY, severity="critical"
    )
    not_ours = make_decision("llama-3.1", findings[second_id], "not_applicable", "No such use.", "local user", TODAY)
    store.decide(iv.id, [Recorded("llama-3.1", first_id, "local user", at(1), accepted)])
    store.decide(iv.id, [Recorded("llama-3.1", second_id, "local user", at(2), not_ours)])
    store.decide(iv.id, [Recorded("llama-3.1", first_id, "山田 花子", at(3), rerated)])
    store.decide(iv.id, [Recorded("llama-3.1", second_id, "local user", at(4), None)])  # withdrawn
    records = store.decisions(iv.id)
    assert [(r.finding, r.by, r.at) for r in records] == [
        (first_id, "local user", at(1)),
        (second_id, "local user", at(2)),
        (first_id, "山田 花子", at(3)),
        (second_id, "local user", at(4)),
    ]
    assert records[0].decision == accepted and records[0].decision.reason == typed  # nothing trimmed
    assert records[3].decision is None
    assert current(records) == [rerated]  # the latest per finding counts; the withdrawal removes the other
    assert store.decisions(Store.new_id()) == []  # another assessment has none
    with store.engine.connect() as db:  # nothing was updated in place: four rows, numbered in order
        seqs = db.execute(sa.text("SELECT seq FROM decision_events WHERE assessment_id = :id ORDER BY seq"), {"id": iv.id})
        assert [s for (s,) in seqs] == [1, 2, 3, 4]
    store.close()


def test_the_latest_sign_off_is_shown_and_its_state_tells_whether_it_is_outdated(catalog, location: str) -> None:
    store = Store(location)
    iv = Interview(Store.new_id(), ["llama-3.1"], {"intake": {"organisation": "Acme KK"}}, "results")
    store.save(catalog, iv)
    assert store.signed(iv.id) is None
    state = state_of(iv.licenses, iv.answers, iv.lineage, [])
    store.sign_off(iv.id, SignOff("local user", at(5), state))
    store.sign_off(iv.id, SignOff("山田 花子", at(6), state, "承認します"))
    signed = store.signed(iv.id)
    assert signed == SignOff("山田 花子", at(6), state, "承認します")
    # a new store on the same database reads the same (the migration made the tables once)
    store.close()
    again = Store(location)
    assert again.signed(iv.id) == signed
    assert again.review(iv.id) == (again.decisions(iv.id), signed)  # both in one read, as the results page takes them
    assert again.review(Store.new_id()) == ([], None)
    again.close()


def test_the_export_carries_the_decisions_that_count_and_the_sign_off(catalog, location: str) -> None:
    from license_risk.review import read_carried
    from scoring.answers import parse_answers

    store = Store(location)
    iv = Interview(Store.new_id(), ["llama-3.1"], {"intake": {"organisation": "Acme KK"}}, "results")
    store.save(catalog, iv)
    assert "format_version: 2" in store.export(catalog, iv.id)  # nothing to carry: readable by older tools
    finding = next(iter(catalog.trees["llama-3.1"].findings.values()))
    first = make_decision("llama-3.1", finding, "accept", "Known.", "local user", TODAY)
    second = make_decision("llama-3.1", finding, "not_applicable", "Not our use.", "local user", TODAY)
    store.decide(iv.id, [Recorded("llama-3.1", finding.id, "local user", at(1), first)])
    store.decide(iv.id, [Recorded("llama-3.1", finding.id, "local user", at(2), second)])
    signed = SignOff("local user", at(3), state_of(iv.licenses, iv.answers, iv.lineage, [second]), "ok")
    store.sign_off(iv.id, signed)
    text = store.export(catalog, iv.id)
    loaded = parse_answers(text.encode("utf-8"), "export.yaml", catalog)
    problems: list = []
    assert read_carried(loaded.review, loaded.document, catalog, problems) == ([second], signed) and problems == []
    assert loaded.answers == iv.answers
    store.close()


def test_a_glance_names_the_answers_version_and_the_review_state_and_changes_with_each_write(catalog, location: str) -> None:
    """One statement per rerun says whether anything was written since: a rerun with nothing new reads no more."""
    from license_risk.store.assessments import Glance, Seen

    store = Store(location)
    assert store.glance(Store.new_id()) == Glance(None)  # not stored
    iv = Interview(Store.new_id(), ["llama-3.1"], {"intake": {"organisation": "Acme KK"}}, "results")
    seen = store.save(catalog, iv).seen
    first = store.glance(iv.id)
    assert first == Glance(seen.version, (0, 0))
    finding = next(iter(catalog.trees["llama-3.1"].findings.values()))
    decision = make_decision("llama-3.1", finding, "accept", "Known.", "local user", TODAY)
    store.decide(iv.id, [Recorded("llama-3.1", finding.id, "local user", at(1), decision)])
    assert store.glance(iv.id) == Glance(seen.version, (1, 0))
    store.decide(iv.id, [Recorded("llama-3.1", finding.id, "local user", at(2), None)])  # a withdrawal is a change too
    store.sign_off(iv.id, SignOff("local user", at(3), state_of(iv.licenses, iv.answers, iv.lineage, [])))
    assert store.glance(iv.id) == Glance(seen.version, (2, 1))
    # another browser's save moves the version; a sync given an older glance skips its read, a fresh one takes it in
    other = Interview(iv.id, ["llama-3.1"], {"intake": {"organisation": "Acme KK", "prepared_for": "Legal"}}, "results")
    store.save(catalog, other, seen)
    now = store.glance(iv.id)
    assert now.version != seen.version and now.review == (2, 1)
    assert store.sync(catalog, iv, seen, Glance(seen.version)) is None  # the caller's glance said nothing changed
    synced = store.sync(catalog, iv, seen, now)
    assert synced is not None and iv.answers["intake"]["prepared_for"] == "Legal"
    assert store.sync(catalog, iv, synced.seen, store.glance(iv.id)) is None
    assert store.sync(catalog, iv, Seen(), Glance(None)) is None  # gone from the store: nothing to take in
    store.close()
