"""The shared rubric: kind + exposure + the license's facts give every finding its category and severity."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import MINI

from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError
from license_risk.maintain.consistency import departures, markdown, overrides
from scoring.rating import assess

ROOT = Path(__file__).resolve().parents[2]


def mini(tmp_path: Path, *edits: tuple[str, str, str]):
    """Load a copy of the mini content with (file, old, new) edits; return the catalog or the ContentError."""
    root = tmp_path / f"c{len(list(tmp_path.iterdir()))}"
    shutil.copytree(MINI, root)
    for file, old, new in edits:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        return load_catalog(root)
    except ContentError as exc:
        return exc


TREE = "questionnaires/demo.yaml"
PROFILE = "licenses/demo.yaml"


def finding(catalog, fid: str):
    return catalog.trees["demo"].findings[fid]


def test_the_rubric_sets_category_and_severity(tmp_path: Path) -> None:
    catalog = mini(tmp_path)
    assert (finding(catalog, "missing-notice").category, finding(catalog, "missing-notice").severity) == ("obligation", "high")
    assert finding(catalog, "litigation-termination").severity == "high"  # likely
    assert finding(catalog, "litigation-filed").severity == "critical"  # done
    met = mini(tmp_path, (TREE, "    exposure: unmet\n", "    exposure: met\n"))
    assert finding(met, "missing-notice").severity == "low"


def test_the_same_kind_is_rated_by_the_license_facts(tmp_path: Path) -> None:
    edit = (TREE, "    kind: license-copy\n    exposure: unmet\n", "    kind: breach-termination\n    exposure: likely\n")
    no_clause = mini(tmp_path, edit)
    assert (finding(no_clause, "missing-notice").category, finding(no_clause, "missing-notice").severity) == (
        "termination",
        "medium",
    )
    discretionary = mini(
        tmp_path,
        edit,
        (
            PROFILE,
            "breach_termination: {is: none, note: The text has no termination for breach.}",
            "breach_termination: {is: discretionary, clause: grant}",
        ),
    )
    assert finding(discretionary, "missing-notice").severity == "high"


def problems_of(result) -> list[str]:
    assert isinstance(result, ContentError), "the content loaded, but it should not"
    return [f"{p.file}:{p.line}: {p.where}: {p.message}" for p in result.problems if p.level == "error"]


def test_a_stated_severity_beside_a_kind_is_refused(tmp_path: Path) -> None:
    (msg,) = problems_of(mini(tmp_path, (TREE, "    exposure: unmet\n", "    exposure: unmet\n    severity: medium\n")))
    assert "findings[0] (missing-notice)" in msg and "remove severity, or give an override with a reason" in msg


def test_an_override_needs_a_reason_and_must_change_something(tmp_path: Path) -> None:
    same = mini(
        tmp_path, (TREE, "    exposure: unmet\n", "    exposure: unmet\n    override: {severity: high, reason: Because.}\n")
    )
    (msg,) = problems_of(same)
    assert "the override gives what the rubric gives (high obligation): remove it" in msg
    catalog = mini(
        tmp_path,
        (TREE, "    exposure: unmet\n", "    exposure: unmet\n    override: {severity: medium, reason: The text softens it.}\n"),
    )
    assert finding(catalog, "missing-notice").severity == "medium"
    assert [(t, f.id) for t, f in overrides(catalog)] == [("demo", "missing-notice")]
    assert "`demo` / `missing-notice` (license-copy, unmet): medium obligation. The text softens it." in markdown(catalog)


def test_unknown_kind_and_exposure_without_a_rule(tmp_path: Path) -> None:
    (msg,) = problems_of(mini(tmp_path, (TREE, "    kind: license-copy\n", "    kind: licence-copy\n")))
    assert "no kind 'licence-copy' in licenses/rubric.yaml; did you mean 'license-copy'?" in msg
    (msg,) = problems_of(
        mini(
            tmp_path,
            (
                TREE,
                "    kind: litigation-termination\n    exposure: likely\n",
                "    kind: litigation-termination\n    exposure: unmet\n",
            ),
        )
    )
    assert (
        "kind 'litigation-termination' has no severity for exposure 'unmet'" in msg
        and "its rule: critical once a claim is filed" in msg
    )


def test_a_kind_with_several_categories_names_one(tmp_path: Path) -> None:
    (msg,) = problems_of(mini(tmp_path, (TREE, "    exposure: done\n    category: restriction\n", "    exposure: done\n")))
    assert "kind 'threshold' is filed under one of restriction, termination: say which in category" in msg


def test_open_questions_make_a_finding_need_review_wherever_it_shows(tmp_path: Path) -> None:
    catalog = mini(tmp_path)
    f = finding(catalog, "litigation-filed")
    assert f.needs_legal_review and f.open_questions == ["filing-terminates"]
    a = assess(
        catalog,
        ["demo"],
        {
            "intake": {"organisation": "X", "users": 5, "distributes": False, "uses": ["none"]},
            "demo": {"lawsuit": "filed", "lawsuit_target": "patents"},
        },
    )
    (fr,) = [r for r in a.results[0].findings if r.finding.id == "litigation-filed"]
    assert [oq.id for oq in fr.open_questions] == ["filing-terminates"] and fr.rated.startswith("Suing over the model")
    (msg,) = problems_of(mini(tmp_path, (TREE, "open_questions: [filing-terminates]", "open_questions: [filing-terminate]")))
    assert "no open question 'filing-terminate' in this tree; did you mean 'filing-terminates'?" in msg
    unused = mini(tmp_path, (TREE, "    open_questions: [filing-terminates]\n", ""))
    assert any("no finding rests on open question 'filing-terminates'" in w.message for w in unused.warnings)


def test_a_kind_that_always_needs_review_must_link_a_question(tmp_path: Path) -> None:
    (msg,) = problems_of(
        mini(
            tmp_path,
            (
                TREE,
                "    kind: note\n    exposure: standing\n    category: openness\n",
                "    kind: open-source-claim\n    exposure: planned\n",
            ),
        )
    )
    assert "a finding of kind 'open-source-claim' rests on an open question: link it in open_questions" in msg


def test_a_clear_roll_up_that_can_fire_beside_a_high_finding_is_refused(tmp_path: Path) -> None:
    roll_up = (
        "  - id: always-info\n",
        "  - id: nothing-wrong\n    title: No likely breach now\n    kind: termination-summary\n    exposure: standing\n"
        "    clauses: [grant]\n    when: {question: distributes, equals: yes}\n    explanation: Nothing fires.\n"
        "    action: Keep it so.\n  - id: always-info\n",
    )
    messages = problems_of(mini(tmp_path, (TREE, *roll_up)))
    beside = sorted(m.split("fire beside ")[1].split(":")[0] for m in messages)
    assert beside == [
        "'big-platform' (critical)",
        "'litigation-filed' (critical)",
        "'litigation-termination' (high)",
        "'missing-notice' (high)",
    ]
    assert all("findings[4] (nothing-wrong).when: this roll-up says nothing is wrong now" in m for m in messages)
    guarded = (
        TREE,
        roll_up[0],
        roll_up[1].replace(
            "when: {question: distributes, equals: yes}",
            "when: {all: [{question: distributes, equals: yes}, {not: {finding: missing-notice}}, {not: {finding: litigation-termination}}, {not: {finding: big-platform}}]}",
        ),
    )
    catalog = mini(tmp_path, guarded)
    assert not isinstance(catalog, ContentError), problems_of(catalog)


def test_the_shipped_content_rates_each_kind_by_one_rule() -> None:
    catalog = load_catalog(ROOT)
    assert departures(catalog) == []


def test_a_fact_names_a_clause_that_exists(tmp_path: Path) -> None:
    (msg,) = problems_of(
        mini(tmp_path, (PROFILE, "grant: {is: revocable, clause: grant}", "grant: {is: revocable, clause: grnat}"))
    )
    assert msg.startswith("licenses/demo.yaml:") and "facts.grant.clause: clause 'grnat' does not exist" in msg


def test_a_category_the_kind_does_not_allow_is_refused(tmp_path: Path) -> None:
    (msg,) = problems_of(
        mini(
            tmp_path,
            (
                TREE,
                "    kind: license-copy\n    exposure: unmet\n",
                "    kind: license-copy\n    exposure: unmet\n    category: propagation\n",
            ),
        )
    )
    assert "kind 'license-copy' is filed under obligation, not propagation: remove category, or give an override" in msg
