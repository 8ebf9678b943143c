"""Applying a policy: which rule wins, what exceptions and approvals do, and the tool's rating kept beside."""

from __future__ import annotations

import datetime as dt

import pytest
from policy_support import ANSWERS, EXAMPLE_POLICY, TODAY, policy

from license_risk.content.model import Severity
from license_risk.policy import apply_policy, load_policy
from scoring.answers import read_answers
from scoring.rating import assess

LLAMA, GEMMA = "llama-3.1", "gemma-2025-03"


@pytest.fixture(scope="module")
def assessed(catalog):
    loaded = read_answers(ANSWERS, catalog)
    return loaded, assess(catalog, loaded.licenses, loaded.answers)


def verdicts(body: str, catalog, assessed, *, model: str | None = "Sample Assistant", today: dt.date = TODAY):
    _, assessment = assessed
    return apply_policy(policy(body, catalog, today), assessment, catalog, model=model, today=today)


def reason_for(v, finding: str):
    return next(r for r in v.reasons if finding in r.findings)


def test_the_assessment_it_rests_on(assessed):
    _, a = assessed  # what the tests below assume about the example's findings
    llama = {f.finding.id: (f.finding.kind, f.finding.category, f.severity.name) for f in a.result(LLAMA).findings}
    assert llama["breach-can-terminate"] == ("breach-termination", "termination", "high")
    assert llama["model-name-prefix-missing"] == ("naming", "obligation", "high")
    assert llama["aup-url-changes"] == ("changeable-terms", "restriction", "low")
    assert a.result(GEMMA).rating is Severity.medium


def test_no_rules_allows_everything_and_keeps_the_tool_rating(catalog, assessed):
    result = verdicts("", catalog, assessed)
    assert [(v.license, v.verdict, v.rating) for v in result.licenses] == [
        (LLAMA, "allow", Severity.high),
        (GEMMA, "allow", Severity.medium),
    ]
    assert result.exit_code == 0
    assert reason_for(result.of(LLAMA), "breach-can-terminate").kind == "default"


def test_a_rule_naming_the_license_beats_a_severity_rule(catalog, assessed):
    body = "rules:\n  - severity: high\n    action: deny\n  - license: llama-3.1\n    action: review\n"
    result = verdicts(body, catalog, assessed)
    assert result.of(LLAMA).verdict == "review"  # the license rule is more specific, though milder
    assert result.of(GEMMA).verdict == "allow"  # nothing of Gemma's is high
    assert result.exit_code == 3


def test_kind_beats_category_beats_severity(catalog, assessed):
    body = (
        "rules:\n  - severity: low\n    action: deny\n  - category: restriction\n    action: review\n"
        "  - kind: changeable-terms\n    action: allow\n"
    )
    v = verdicts(body, catalog, assessed).of(LLAMA)
    assert reason_for(v, "aup-url-changes").action == "allow"  # the kind rule
    assert reason_for(v, "brand-guidelines").action == "review"  # restriction, not changeable-terms
    assert reason_for(v, "breach-can-terminate").action == "deny"  # only the severity rule matches
    assert v.verdict == "deny"


def test_a_higher_severity_floor_is_more_specific(catalog, assessed):
    body = "rules:\n  - severity: low\n    action: review\n  - severity: high\n    action: allow\n"
    v = verdicts(body, catalog, assessed).of(LLAMA)
    assert reason_for(v, "breach-can-terminate").action == "allow"
    assert reason_for(v, "aup-url-changes").action == "review"


def test_equally_specific_rules_that_disagree_take_the_strictest_whatever_the_order(catalog, assessed):
    for first, second in (("allow", "deny"), ("deny", "allow")):
        body = f"rules:\n  - category: termination\n    action: {first}\n  - category: termination\n    action: {second}\n"
        v = verdicts(body, catalog, assessed).of(LLAMA)
        assert reason_for(v, "breach-can-terminate").action == "deny"
        assert reason_for(v, "breach-can-terminate").place == "policy.yaml:" + ("7" if second == "deny" else "5")


def test_default_applies_to_findings_no_rule_matches(catalog, assessed):
    result = verdicts("default: review\nrules:\n  - category: openness\n    action: allow\n", catalog, assessed)
    gemma = result.of(GEMMA)
    assert gemma.verdict == "review"
    assert reason_for(gemma, "not-open-source").kind == "rule"
    assert reason_for(gemma, "pup-may-change").kind == "default"


def test_approval_required_needs_an_approval_exception(catalog, assessed):
    body = "approval_required: [llama-3.1]\n"
    v = verdicts(body, catalog, assessed).of(LLAMA)
    assert v.verdict == "review" and v.reasons[0].kind == "approval_required"
    approved = (
        body + "exceptions:\n  - license: llama-3.1\n    finding: '*'\n    verdict: accept\n    by: Legal\n"
        "    date: 2026-11-01\n    reason: Approved for hosted use.\n"
    )
    v = verdicts(approved, catalog, assessed).of(LLAMA)
    assert v.verdict == "allow" and v.approval is not None
    assert any(r.kind == "approved" and r.place == "policy.yaml:6" for r in v.reasons)


def exception(verdict: str, *, extra: str = "", finding: str = "breach-can-terminate") -> str:
    return (
        f"  - license: llama-3.1\n    finding: {finding}\n    verdict: {verdict}\n    by: Legal (A. Ito)\n"
        f"    date: 2026-11-01\n    reason: Decided after review.\n{extra}"
    )


DENY_HIGH = "rules:\n  - severity: high\n    action: deny\n"


def test_an_accepted_finding_no_longer_weighs_but_keeps_its_rating(catalog, assessed):
    body = DENY_HIGH + "exceptions:\n" + exception("accept") + exception("accept", finding="model-name-prefix-missing")
    result = verdicts(body, catalog, assessed)
    v = result.of(LLAMA)
    assert v.verdict == "allow" and result.exit_code == 0
    o = next(o for o in v.outcomes if o.finding == "breach-can-terminate")
    assert (o.accepted, o.tool, o.effective) == (True, Severity.high, Severity.high)
    assert v.rating is Severity.high  # the tool's rating is not replaced


def test_change_severity_uses_the_decided_severity_for_the_rules(catalog, assessed):
    body = DENY_HIGH + "exceptions:\n" + exception("change_severity", extra="    severity: medium\n")
    v = verdicts(body, catalog, assessed).of(LLAMA)
    o = next(o for o in v.outcomes if o.finding == "breach-can-terminate")
    assert (o.tool, o.effective, o.counts) == (Severity.high, Severity.medium, True)
    assert "breach-can-terminate" not in next(r for r in v.reasons if r.action == "deny").findings
    assert v.verdict == "deny"  # model-name-prefix-missing is still high


def test_not_applicable_removes_the_finding_from_the_verdict(catalog, assessed):
    body = "rules:\n  - kind: changeable-terms\n    action: deny\nexceptions:\n" + exception(
        "not_applicable", finding="aup-url-changes"
    )
    v = verdicts(body, catalog, assessed).of(LLAMA)
    assert v.verdict == "allow"
    assert not next(o for o in v.outcomes if o.finding == "aup-url-changes").applies


def test_an_expired_exception_does_not_apply_and_is_reported(catalog, assessed):
    body = DENY_HIGH + "exceptions:\n" + exception("accept", extra="    expires: 2026-11-30\n")
    v = verdicts(body, catalog, assessed).of(LLAMA)
    assert v.verdict == "deny"
    (lapsed,) = v.set_aside
    assert lapsed.status == "expired" and lapsed.source == "policy.yaml:8"
    still = verdicts(body, catalog, assessed, today=dt.date(2026, 11, 30)).of(LLAMA)
    assert "breach-can-terminate" not in next(r for r in still.reasons if r.action == "deny").findings


def test_a_decision_for_a_named_model_applies_to_that_model_only(catalog, assessed):
    body = "rules:\n  - kind: changeable-terms\n    action: deny\nexceptions:\n" + exception(
        "accept", finding="aup-url-changes", extra="    model: Sample Assistant\n"
    )
    assert verdicts(body, catalog, assessed, model="sample assistant").of(LLAMA).verdict == "allow"  # case aside
    assert verdicts(body, catalog, assessed, model="Other Model").of(LLAMA).verdict == "deny"
    assert verdicts(body, catalog, assessed, model=None).of(LLAMA).verdict == "deny"


def test_unanswered_questions_need_review(catalog):
    loaded = read_answers(ANSWERS, catalog)
    answers = {tree: dict(given) for tree, given in loaded.answers.items()}
    answers[LLAMA].pop("derived_name_starts_llama")
    a = assess(catalog, loaded.licenses, answers)
    result = apply_policy(policy("", catalog), a, catalog, model=None, today=TODAY)
    v = result.of(LLAMA)
    assert v.verdict == "review" and any(r.kind == "unanswered" and r.count > 0 for r in v.reasons)


def test_the_example_policy_gives_review_for_llama_and_allows_gemma(catalog, assessed):
    _, a = assessed
    result = apply_policy(load_policy(EXAMPLE_POLICY, catalog, TODAY), a, catalog, model="Sample Assistant", today=TODAY)
    assert [(v.license, v.verdict) for v in result.licenses] == [(LLAMA, "review"), (GEMMA, "allow")]
    assert result.of(LLAMA).approval is not None


def test_a_reviewer_decision_is_read_beside_the_policy_exceptions(catalog, assessed):
    from license_risk.decisions import Decision

    _, a = assessed
    loaded = policy(DENY_HIGH + "exceptions:\n" + exception("change_severity", extra="    severity: high\n"), catalog)
    reviewer = Decision(
        finding="breach-can-terminate",
        license=LLAMA,
        verdict="not_applicable",
        by="Reviewer (workspace)",
        date=dt.date(2026, 12, 1),  # later than the policy's exception: it applies
        reason="The plan has no breach left: the notices were added.",
    )
    v = apply_policy(loaded, a, catalog, model=None, today=TODAY, decisions=[(reviewer, "reviewer")]).of(LLAMA)
    o = next(o for o in v.outcomes if o.finding == "breach-can-terminate")
    assert (o.applies, o.decision.source, o.tool) == (False, "reviewer", Severity.high)
    without = apply_policy(loaded, a, catalog, model=None, today=TODAY).of(LLAMA)
    assert next(o for o in without.outcomes if o.finding == "breach-can-terminate").decision.source == "policy.yaml:8"
