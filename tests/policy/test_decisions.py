"""Reasoned decisions: the fingerprint that makes a decision stale, its status, and the export format."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from license_risk.content.model import Severity
from license_risk.decisions import Decision, DecisionFile, Status, fingerprint, outcome, review

LLAMA = "llama-3.1"


@pytest.fixture(scope="module")
def finding(catalog):
    return catalog.trees[LLAMA].findings["breach-can-terminate"]


def decision(**changes) -> Decision:
    given = {
        "finding": "breach-can-terminate",
        "license": LLAMA,
        "verdict": "accept",
        "by": "Legal (A. Ito)",
        "date": dt.date(2026, 11, 1),
        "reason": "Accepted after review.",
    }
    return Decision.model_validate({**given, **changes})


def test_the_fingerprint_follows_the_english_text_and_clauses_not_the_wrapping(finding):
    before = fingerprint(finding)
    assert len(before) == 16 and before == fingerprint(finding)
    rewrapped = finding.model_copy(update={"explanation": finding.explanation.replace(" ", "\n  ", 3)})
    assert fingerprint(rewrapped) == before
    reworded = finding.model_copy(update={"explanation": finding.explanation + " Meta may also act sooner."})
    assert fingerprint(reworded) != before
    recited = finding.model_copy(update={"clauses": [*finding.clauses, "termination-effect"]})
    assert fingerprint(recited) != before


def test_a_decision_made_on_other_words_is_stale_and_no_longer_applies(finding):
    made = decision(fingerprint=fingerprint(finding))
    today = dt.date(2026, 12, 5)
    assert outcome(LLAMA, finding, Severity.high, [(made, "reviewer")], None, today).accepted
    changed = finding.model_copy(update={"title": finding.title + " (revised)"})
    o = outcome(LLAMA, changed, Severity.high, [(made, "reviewer")], None, today)
    assert not o.accepted and o.decision is None and o.counts
    assert [(r.status, r.source) for r in o.set_aside] == [(Status.stale, "reviewer")]
    assert (o.tool, o.effective) == (Severity.high, Severity.high)


def test_expiry_date_is_the_last_day(finding):
    made = decision(expires=dt.date(2026, 12, 31))
    (on_the_day,) = review([(made, "p")], LLAMA, finding, None, dt.date(2026, 12, 31))
    (after,) = review([(made, "p")], LLAMA, finding, None, dt.date(2027, 1, 1))
    assert (on_the_day.status, after.status) == (Status.active, Status.expired)


def test_the_most_specific_then_the_latest_decision_applies(finding):
    general = decision(verdict="change_severity", severity="low", date=dt.date(2026, 11, 20))
    older = decision(verdict="change_severity", severity="medium", date=dt.date(2026, 10, 1))
    for_model = decision(verdict="not_applicable", model="Sample Assistant", date=dt.date(2026, 9, 1))
    given = [(older, "a"), (general, "b"), (for_model, "c")]
    today = dt.date(2026, 12, 5)
    assert outcome(LLAMA, finding, Severity.high, given, "Sample Assistant", today).decision.source == "c"
    picked = outcome(LLAMA, finding, Severity.high, given, "Another", today)
    assert (picked.decision.source, picked.effective, picked.tool) == ("b", Severity.low, Severity.high)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": "  \n "}, "must not be blank"),
        ({"by": " "}, "must not be blank"),
        ({"verdict": "change_severity"}, "needs 'severity'"),
        ({"severity": "low"}, "only for verdict change_severity"),
        ({"finding": "*", "verdict": "not_applicable"}, "its verdict is accept"),
        ({"fingerprint": "XYZ"}, "String should match pattern"),
    ],
)
def test_refused_decisions(changes, message):
    with pytest.raises(ValidationError, match=message):
        decision(**changes)


def test_decisions_export_and_read_back_unchanged():
    exported = DecisionFile(decisions=[decision(expires=dt.date(2027, 1, 31), fingerprint="0123456789abcdef")])
    text = exported.model_dump_json()
    assert '"format_version":1' in text and '"date":"2026-11-01"' in text
    assert DecisionFile.model_validate_json(text) == exported
