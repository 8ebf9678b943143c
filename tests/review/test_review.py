"""Reviewer decisions as plain data: recorded with the reason as typed, the latest counts, stale after the
finding changes, the review status, and carried in an answers file (format version 4) and read back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from license_risk.content.load import load_catalog
from license_risk.decisions import fingerprint
from license_risk.review import (
    Recorded,
    ReviewRefused,
    ReviewStatus,
    SignOff,
    carried_data,
    current,
    finding_review,
    make_decision,
    read_carried,
    review_status,
    state_of,
)
from scoring.answers import dump_answers, parse_answers
from scoring.rating import assess

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
TODAY = dt.date(2026, 12, 5)
ANSWERS = {
    "intake": {"organisation": "Acme", "users": 200000000, "distributes": True, "uses": ["code"]},
    "demo": {"ships_license": False, "lawsuit": "filed", "lawsuit_target": "patents"},
}


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 12, 5, 9, minute, tzinfo=dt.UTC)


def test_a_blank_reason_is_refused_and_a_typed_one_is_kept_exactly(mini):
    finding = mini.trees["demo"].findings["missing-notice"]
    for blank in ("", "   ", "\n\t"):
        with pytest.raises(ReviewRefused) as info:
            make_decision("demo", finding, "accept", blank, "local user", TODAY)
        assert info.value.code == "blank_reason"
    typed = "  社内で確認済み。\nNotice ships in NOTICE.txt  "
    d = make_decision("demo", finding, "accept", typed, "local user", TODAY)
    assert d.reason == typed and d.fingerprint == fingerprint(finding) and d.by == "local user" and d.date == TODAY
    with pytest.raises(ReviewRefused) as info:
        make_decision("demo", finding, "change_severity", "lower for us", "local user", TODAY)
    assert info.value.code == "no_severity"


def test_the_latest_record_per_finding_counts_and_a_withdrawal_removes_it(mini):
    f = mini.trees["demo"].findings
    first = make_decision("demo", f["missing-notice"], "accept", "known", "a", TODAY)
    second = make_decision("demo", f["missing-notice"], "change_severity", "worse for us", "b", TODAY, severity="critical")
    other = make_decision("demo", f["big-platform"], "not_applicable", "not a platform", "a", TODAY)
    records = [
        Recorded("demo", "missing-notice", "b", at(2), second),  # out of order: time decides, not position
        Recorded("demo", "missing-notice", "a", at(1), first),
        Recorded("demo", "big-platform", "a", at(3), other),
    ]
    assert current(records) == [second, other]
    assert current([*records, Recorded("demo", "big-platform", "a", at(4), None)]) == [second]


def test_a_decision_is_flagged_for_another_look_when_the_findings_text_changes(mini, tmp_path):
    finding = mini.trees["demo"].findings["missing-notice"]
    d = make_decision("demo", finding, "change_severity", "lower for us", "local user", TODAY, severity="low")
    shown = finding_review("demo", finding, finding_severity(finding), [d], TODAY)
    assert shown.decision == d and not shown.stale and shown.effective.name == "low"
    assert shown.tool.name == finding.severity  # the tool's rating beside the decision, never replaced
    # a new version of the content where the finding's explanation was reworded
    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    tree = copy / "questionnaires" / "demo.yaml"
    text = tree.read_text(encoding="utf-8")
    old = finding.explanation.split()[0]
    tree.write_text(text.replace(old, old + " (revised)", 1), encoding="utf-8")
    changed = load_catalog(copy).trees["demo"].findings["missing-notice"]
    assert fingerprint(changed) != fingerprint(finding)
    again = finding_review("demo", changed, finding_severity(changed), [d], TODAY)
    assert again.decision == d and again.stale and again.effective == again.tool  # kept, flagged, not applied


def finding_severity(finding):
    from license_risk.content.model import Severity

    return Severity[finding.severity]


def test_the_review_status_goes_answered_reviewed_signed_off_and_back_when_something_changes(mini):
    partial = assess(mini, ["demo"], {"intake": {"organisation": "Acme"}})
    assert review_status(partial, mini, [], None, "0" * 16, TODAY) is ReviewStatus.in_progress
    a = assess(mini, ["demo"], ANSWERS)
    assert a.walk.complete
    assert review_status(a, mini, [], None, "0" * 16, TODAY) is ReviewStatus.answered
    found = [f for r in a.results for f in r.findings]
    decisions = [make_decision("demo", mini.trees["demo"].findings[f.finding.id], "accept", "ok", "x", TODAY) for f in found]
    assert review_status(a, mini, decisions[:-1], None, "0" * 16, TODAY) is ReviewStatus.answered
    assert review_status(a, mini, decisions, None, "0" * 16, TODAY) is ReviewStatus.reviewed
    state = state_of(["demo"], ANSWERS, None, decisions)
    signed = SignOff("local user", at(5), state, "ok to ship")
    assert review_status(a, mini, decisions, signed, state, TODAY) is ReviewStatus.signed_off
    changed = {**ANSWERS, "intake": {**ANSWERS["intake"], "organisation": "Acme KK"}}
    assert state_of(["demo"], changed, None, decisions) != state  # an answer changed: the sign-off is outdated
    assert state_of(["demo"], ANSWERS, None, decisions[1:]) != state  # a decision changed too
    outdated = state_of(["demo"], changed, None, decisions)
    assert review_status(a, mini, decisions, signed, outdated, TODAY) is ReviewStatus.reviewed


def test_decisions_and_the_sign_off_travel_in_the_answers_file_and_come_back(mini):
    f = mini.trees["demo"].findings
    decisions = [
        make_decision("demo", f["missing-notice"], "accept", "理由：  社内規程 4.2 に従う ", "山田 花子", TODAY),
        make_decision("demo", f["big-platform"], "change_severity", "Only 3 users.", "local user", TODAY, severity="low"),
    ]
    signed = SignOff("山田 花子", at(7), state_of(["demo"], ANSWERS, None, decisions), "承認")
    text = dump_answers(mini, ["demo"], ANSWERS, review=carried_data(decisions, signed))
    assert "format_version: 4" in text
    loaded = parse_answers(text.encode("utf-8"), "answers.yaml", mini)
    assert not loaded.problems and loaded.answers == ANSWERS
    problems: list = []
    back, back_signed = read_carried(loaded.review, loaded.document, mini, problems)
    assert problems == [] and back == decisions and back_signed == signed
    # the sign-off still holds on the restored assessment: nothing changed on the way
    assert state_of(loaded.licenses, loaded.answers, loaded.lineage, back) == signed.state
    # with nothing to carry the file stays at the version older tools read
    assert "format_version: 2" in dump_answers(mini, ["demo"], ANSWERS)


def test_an_older_file_imports_with_no_decisions_and_a_review_block_in_it_is_named(mini):
    old = dump_answers(mini, ["demo"], ANSWERS)
    loaded = parse_answers(old.encode(), "old.yaml", mini)
    assert read_carried(loaded.review, loaded.document, mini, []) == ([], None) and loaded.answers == ANSWERS
    sneaked = old + "review: {decisions: []}\n"
    loaded = parse_answers(sneaked.encode(), "old.yaml", mini)
    (problem,) = loaded.problems
    assert problem.line == sneaked.count("\n") and "format_version 4" in problem.message
    assert loaded.answers == ANSWERS and loaded.review is None


def test_a_malformed_decision_is_named_with_file_and_line_and_loses_nothing_else(mini):
    f = mini.trees["demo"].findings
    good = make_decision("demo", f["missing-notice"], "accept", "known", "local user", TODAY)
    other = make_decision("demo", f["big-platform"], "not_applicable", "no platform", "local user", TODAY)
    text = dump_answers(mini, ["demo"], ANSWERS, review=carried_data([good, good, other], None))
    text = text.replace("finding: missing-notice", "finding: no-such-finding", 1)  # hand edits
    lines = text.splitlines()
    blanked = [i for i, line in enumerate(lines) if "reason: known" in line][1]
    lines[blanked] = lines[blanked].replace("reason: known", "reason: '   '")
    unknown = next(i for i, line in enumerate(lines) if "no-such-finding" in line)
    loaded = parse_answers(("\n".join(lines) + "\n").encode(), "team.yaml", mini)
    assert loaded.answers == ANSWERS and not loaded.problems
    problems: list = []
    kept, _ = read_carried(loaded.review, loaded.document, mini, problems)
    assert kept == [other]  # the good one is kept
    assert [str(p) for p in problems] == [
        f"team.yaml:{unknown + 1}: review.decisions[0]: no finding 'no-such-finding' of license 'demo' in this tool;"
        " decision not kept",
        f"team.yaml:{blanked + 1}: review.decisions[1].reason: must not be blank: write who decided and why; decision not kept",
    ]
