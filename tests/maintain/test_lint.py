"""Lint: warnings on valid but incomplete content, coverage per tree, and `validate --strict`."""

from __future__ import annotations

import shutil

import pytest
from conftest import MINI
from inprocess import cli, run

from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError
from license_risk.maintain.lint import lint


def _key(p):
    return (p.file, p.where, p.message)  # not the line: edits above a warning move it


@pytest.fixture(scope="module")
def baseline():
    return {_key(w) for w in lint(load_catalog(MINI)).warnings}


@pytest.fixture
def linted(tmp_path, baseline):
    """Copy the mini content, apply edits, and return the warnings the edits add (and the report)."""

    def make(*edits: tuple[str, str, str]):
        target = tmp_path / f"c{len(list(tmp_path.iterdir()))}"
        shutil.copytree(MINI, target)
        for file, old, new in edits:
            path = target / file
            text = path.read_text(encoding="utf-8")
            assert old in text, f"fixture text not found: {old!r}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        report = lint(load_catalog(target))
        return [w for w in report.warnings if _key(w) not in baseline], report

    return make


def line_in(file: str, needle: str) -> int:
    text = (MINI / file).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_shipped_content_is_clean_and_fully_covered(catalog):
    report = lint(catalog)
    assert not catalog.warnings
    assert not report.warnings, "\n".join(str(w) for w in report.warnings)
    for coverage in report.coverage.values():
        assert coverage.questions.complete and coverage.options.complete and coverage.findings.complete, coverage.line()
        assert coverage.clauses.complete, coverage.line()


def test_every_warning_is_a_warning_with_file_and_line(catalog):
    warnings = lint(load_catalog(MINI)).warnings
    assert warnings and all(w.level == "warning" and w.file and w.line for w in warnings)


def test_question_without_help(linted):
    (w,), _ = linted(("questionnaires/demo.yaml", "    help: Free text.\n", ""))
    assert w.file == "questionnaires/demo.yaml" and w.line == line_in("questionnaires/demo.yaml", "  - id: lawsuit_target")
    assert w.where == "questions[2] (lawsuit_target)" and "question has no help text" in w.message


def test_intake_question_without_help(linted):
    (w,), _ = linted(("questionnaires/intake.yaml", "    help: Shown on the memo.\n", ""))
    assert w.file == "questionnaires/intake.yaml" and "questions[0] (organisation)" in w.where


def test_finding_without_action(linted):
    (w,), _ = linted(("questionnaires/demo.yaml", "    action: Ask Demo Corp for a license.\n", ""))
    assert w.line == line_in("questionnaires/demo.yaml", "  - id: big-platform")
    assert w.where == "findings[1] (big-platform)" and "finding has no recommended action" in w.message


def test_clause_no_question_probes_and_no_finding_cites(linted):
    new, _ = linted(("questionnaires/demo.yaml", "    clauses: [law]\n", "    clauses: [grant]\n"))
    (w,) = new
    assert w.file == "licenses/demo.yaml" and w.line == line_in("licenses/demo.yaml", "  - id: law")
    assert "no question of questionnaires/demo.yaml probes clause 'law' (section 5) and no finding cites it" in w.message


def test_not_probed_silences_a_clause_with_its_reason_and_counts_it(linted):
    new, report = linted(
        (
            "questionnaires/demo.yaml",
            "findings:\n",
            "not_probed:\n  - clause: grant\n    reason: The grant applies to all.\nfindings:\n",
        )
    )
    assert not new
    assert not [w for w in report.warnings if "'grant'" in w.message]
    cov = report.coverage["demo"]
    assert cov.not_probed == 1 and cov.clauses.complete and "(1 not probed, with reasons)" in cov.line()


def test_stale_not_probed_entry(linted):
    (w,), _ = linted(
        ("questionnaires/demo.yaml", "findings:\n", "not_probed:\n  - clause: law\n    reason: Context only.\nfindings:\n")
    )
    assert w.where == "not_probed[0].clause"
    assert "clause 'law' is listed under not_probed but finding 'always-info' cites it: remove the entry" in w.message


def test_not_probed_naming_a_missing_clause_is_an_error(broken):
    problems = broken(
        "questionnaires/demo.yaml", "findings:\n", "not_probed:\n  - clause: grnt\n    reason: Context only.\nfindings:\n"
    )
    (p,) = [p for p in problems if p.level == "error"]
    assert "clause 'grnt' does not exist in licenses/demo.yaml; did you mean 'grant'?" in p.message
    assert p.where == "not_probed[0].clause"


def test_option_no_scenario_answers(linted):
    (w,), report = linted(
        ("questionnaires/demo.yaml", "      - {value: filed, label: Already filed}\n",
         "      - {value: filed, label: Already filed}\n      - {value: settled, label: Settled}\n"),
    )  # fmt: skip
    assert w.where == "questions[1] (lawsuit).options[3]"
    assert w.message == "option 'settled' is not answered by any scenario in questionnaires/demo.tests.yaml"
    assert w.line == line_in("questionnaires/demo.yaml", "      - {value: filed") + 1
    assert not report.coverage["demo"].options.complete


def test_yes_no_answer_no_scenario_gives(linted):
    new, _ = linted(("questionnaires/demo.tests.yaml", "distributes: yes, uses: [code]", "distributes: no, uses: [code]"))
    found = {(w.file, w.where, w.message) for w in new}
    assert ("questionnaires/intake.yaml", "questions[2] (distributes)", "the answer 'yes' is not given by any scenario") in found
    # ships_license is asked only of those who distribute: no scenario reaches it any more
    assert (
        "questionnaires/demo.yaml",
        "questions[0] (ships_license)",
        "the answer 'no' is not given by any scenario in questionnaires/demo.tests.yaml",
    ) in found


def test_finding_no_scenario_fires(linted):
    new, report = linted(
        ("questionnaires/demo.tests.yaml", "lawsuit: filed, lawsuit_target: patents", "lawsuit: maybe, lawsuit_target: patents")
    )
    fired = {w.where for w in new if "no scenario fires this finding" in w.message}
    assert fired == {"findings[3] (litigation-filed)"}
    assert str(report.coverage["demo"].findings) == "4/5"


def test_tree_without_scenarios_gets_one_warning(tmp_path):
    target = tmp_path / "c"
    shutil.copytree(MINI, target)
    (target / "questionnaires" / "demo.tests.yaml").unlink()
    report = lint(load_catalog(target))
    tree_warnings = [w for w in report.warnings if w.file == "questionnaires/demo.yaml"]
    assert [w.message for w in tree_warnings if "scenario" in w.message] == [
        "no scenario tests this tree: add questionnaires/demo.tests.yaml"
    ]
    assert report.coverage["demo"].scenarios == 0


def test_missing_or_wrong_schema_line(linted):
    new, _ = linted(
        ("questionnaires/demo.yaml", "# yaml-language-server: $schema=../../../../schema/questionnaire.schema.json\n", ""),
        ("licenses/demo.yaml", "license-profile.schema.json", "scenarios.schema.json"),
    )
    assert {(w.file, w.line) for w in new} == {("questionnaires/demo.yaml", 1), ("licenses/demo.yaml", 1)}
    assert all("questionnaire.schema.json" in w.message or "license-profile.schema.json" in w.message for w in new)


def test_coverage_summary_of_the_shipped_trees(catalog):
    report = lint(catalog)
    assert set(report.coverage) == {"intake", *catalog.license_ids}
    line = report.coverage["llama-3.1"].line()
    assert line.startswith("llama-3.1: ") and "findings fired 44/44" in line and "not probed, with reasons" in line
    assert report.coverage["intake"].line().startswith("intake: ")


# ---------------------------------------------------------------- the command


def test_validate_prints_warnings_and_coverage_and_strict_fails_on_them(tmp_path):
    content = tmp_path / "c"
    shutil.copytree(MINI, content)
    tree = content / "questionnaires" / "demo.yaml"
    tree.write_text(tree.read_text().replace("    action: Note it.\n", ""))
    r = cli("--content", str(content), "validate")
    assert r.returncode == 0, r.stderr
    assert (
        "questionnaires/demo.yaml:" in r.stdout
        and "findings[4] (always-info): warning: finding has no recommended action" in r.stdout
    )
    assert "Coverage by the scenario tests:" in r.stdout and "  demo: 2 scenarios, questions asked 3/3" in r.stdout
    assert "OK: 1 profiles, 2 question trees, 2 scenarios (0 failing)" in r.stdout
    r = cli("--content", str(content), "validate", "--strict")
    assert r.returncode == 2
    assert "FAILED (--strict fails on warnings): 1 profiles, 2 question trees, 2 scenarios (0 failing)" in r.stderr


def test_validate_strict_passes_on_the_shipped_content():
    r = run("validate", "--strict")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 warnings" in r.stdout and "warning:" not in r.stdout


def test_content_errors_are_still_errors_under_strict(tmp_path):
    content = tmp_path / "c"
    shutil.copytree(MINI, content)
    tree = content / "questionnaires" / "demo.yaml"
    tree.write_text(tree.read_text().replace("exposure: unmet", "exposure: sometimes", 1))
    with pytest.raises(ContentError):
        load_catalog(content)
    r = cli("--content", str(content), "validate", "--strict")
    assert r.returncode == 2 and "exposure" in r.stderr


def test_scenario_that_leaves_a_question_unanswered(linted):
    new, _ = linted(("questionnaires/demo.tests.yaml", '      demo: {lawsuit: "no"}\n', "      demo: {}\n"))
    (w,) = [w for w in new if w.where.startswith("scenario")]
    assert w.file == "questionnaires/demo.tests.yaml" and w.line == line_in("questionnaires/demo.tests.yaml", "  - name: quiet")
    assert w.where == "scenario 'quiet internal use'"
    assert w.message == (
        "the answers leave questions unanswered that apply (or may apply): demo.lawsuit, demo.lawsuit_target; "
        "findings left undetermined: litigation-termination, litigation-filed"
    )
