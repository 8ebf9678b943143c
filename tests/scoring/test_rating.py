"""Scoring: findings, levels per category, rating, explanations and comparison."""

from __future__ import annotations

from license_risk.content.model import Severity
from scoring.rating import assess, compare

QUIET = {"intake": {"organisation": "Acme", "users": 10, "distributes": False, "uses": ["chat"]}, "demo": {"lawsuit": "no"}}
LOUD = {
    "intake": {"organisation": "Acme", "users": 200_000_000, "distributes": True, "uses": ["code"]},
    "demo": {"ships_license": False, "lawsuit": "filed", "lawsuit_target": "patents"},
}


def test_quiet_use_only_gets_the_always_on_finding(mini):
    r = assess(mini, ["demo"], QUIET).result("demo")
    assert [f.finding.id for f in r.findings] == ["always-info"]
    assert r.rating is Severity.info
    assert r.levels["termination"].level is Severity.none
    assert not r.undetermined


def test_levels_are_the_worst_finding_and_name_it(mini):
    r = assess(mini, ["demo"], LOUD).result("demo")
    assert r.levels["termination"].level is Severity.critical
    assert r.levels["termination"].findings == ("litigation-filed",)
    assert r.levels["obligation"].level is Severity.high
    assert r.rating is Severity.critical
    # findings come worst first
    assert [f.severity for f in r.findings] == sorted((f.severity for f in r.findings), reverse=True)
    assert [f.finding.id for f in r.needs_review] == ["litigation-filed"]


def test_each_finding_names_the_answers_and_clauses_behind_it(mini):
    r = assess(mini, ["demo"], LOUD).result("demo")
    notice = next(f for f in r.findings if f.finding.id == "missing-notice")
    assert [(b.question.id, b.answer_text) for b in notice.because] == [("distributes", "yes"), ("ships_license", "no")]
    assert [(c.clause.section, c.clause.quote) for c in notice.clauses] == [
        ("2", "If you distribute the Demo Model you must include a copy of this License.")
    ]
    big = next(f for f in r.findings if f.finding.id == "big-platform")
    assert big.because[0].answer_text == "200,000,000 MAU"


def test_set_aside_answers_are_not_scored(mini):
    answers = {"intake": dict(LOUD["intake"], distributes=False), "demo": dict(LOUD["demo"])}
    a = assess(mini, ["demo"], answers)
    ids = [f.finding.id for f in a.result("demo").findings]
    assert "missing-notice" not in ids  # ships_license=no was set aside
    assert [s.question.id for s in a.walk.set_aside] == ["ships_license"]


def test_findings_depending_on_unanswered_questions_are_undetermined(mini):
    a = assess(mini, ["demo"], {"intake": {"organisation": "Acme", "users": 5, "distributes": True, "uses": []}})
    r = a.result("demo")
    assert {f.id for f in r.undetermined} == {"missing-notice", "litigation-termination", "litigation-filed"}
    assert "missing-notice" not in [f.finding.id for f in r.findings]


def test_comparison_orders_worst_first(mini):
    a = assess(mini, ["demo"], LOUD)
    rows = compare(a)
    assert rows[0].rating is Severity.critical and rows[0].levels["restriction"] is Severity.critical
