"""The command line as a user runs it: exit codes and messages, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import MINI
from inprocess import run

from scoring.answers import dump_answers

ROOT = Path(__file__).resolve().parents[2]


def test_validate_passes_on_good_content():
    r = run("--content", str(MINI), "validate")
    assert r.returncode == 0, r.stderr
    assert "OK: 1 profiles, 2 question trees, 2 scenarios (0 failing)" in r.stdout


def test_validate_lists_every_problem_and_exits_2(tmp_path):
    content = tmp_path / "c"
    shutil.copytree(MINI, content)
    tree = content / "questionnaires" / "demo.yaml"
    text = tree.read_text()
    exposure_line = text.splitlines().index("    exposure: unmet") + 1
    tree.write_text(
        text.replace("exposure: unmet", "exposure: sometimes", 1).replace("clauses: [threshold]", "clauses: [treshold]")
    )
    r = run("--content", str(content), "validate")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert f"questionnaires/demo.yaml:{exposure_line}: findings[0] (missing-notice).exposure" in r.stderr
    assert "did you mean 'threshold'?" in r.stderr


def test_validate_reports_failing_scenarios(tmp_path):
    content = tmp_path / "c"
    shutil.copytree(MINI, content)
    tests = content / "questionnaires" / "demo.tests.yaml"
    tests.write_text(tests.read_text().replace("rating: info", "rating: low"))
    r = run("--content", str(content), "validate")
    assert r.returncode == 2
    assert "scenario 'quiet internal use' fails" in r.stderr and "rating: expected low, got info" in r.stderr


def test_assess_json_lists_licenses_levels_and_findings(tmp_path, mini):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        dump_answers(
            mini,
            ["demo"],
            {
                "intake": {"organisation": "Acme", "users": 200_000_000, "distributes": False, "uses": ["none"]},
                "demo": {"lawsuit": "no"},
            },
        )
    )
    r = run("--content", str(MINI), "assess", str(answers), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    (lic,) = data["licenses"]
    assert lic["id"] == "demo" and lic["rating"] == "critical"
    assert lic["levels"]["restriction"] == {"level": "critical", "findings": ["big-platform"]}
    big = next(f for f in lic["findings"] if f["id"] == "big-platform")
    assert (big["category"], big["severity"], big["clauses"]) == ("restriction", "critical", ["demo#threshold"])


def test_assess_text_explains_each_finding(tmp_path, mini):
    answers = tmp_path / "answers.json"
    answers.write_text(
        dump_answers(
            mini,
            ["demo"],
            {
                "intake": {"organisation": "Acme", "users": 5, "distributes": True, "uses": ["none"]},
                "demo": {"ships_license": False, "lawsuit": "no"},
            },
            as_json=True,
        )
    )
    r = run("--content", str(MINI), "assess", str(answers))
    assert r.returncode == 0, r.stderr
    assert "Demo Model License (1) — rating: HIGH" in r.stdout
    flat = " ".join(r.stdout.split())
    assert (
        "Because you answered “Do you distribute the model?” → yes; “Do you ship a copy of the license with every copy?” → no."
        in flat
    )


def test_assess_bad_answers_keeps_valid_ones_and_exits_2(tmp_path, mini):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        dump_answers(mini, ["demo"], {"intake": {"organisation": "Acme", "users": 5}, "demo": {"lawsuit": "no"}}).replace(
            "users: 5", "users: lots"
        )
    )
    r = run("--content", str(MINI), "assess", str(answers), "--json")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "question 'users' expects a whole number (Could not read “lots” as a number." in r.stderr
    assert "answer not kept" in r.stderr
    data = json.loads(r.stdout)
    assert data["progress"]["answered"] == 2  # organisation and lawsuit were kept


def test_assess_unreadable_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [")
    r = run("--content", str(MINI), "assess", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "Cannot read the answers:" in r.stderr and "not valid YAML" in r.stderr
    r = run("--content", str(MINI), "assess", str(tmp_path / "missing.yaml"))
    assert r.returncode == 2 and "cannot read the file" in r.stderr


def test_questions_prints_the_tree_for_review():
    r = run("--content", str(MINI), "questions", "demo")
    assert r.returncode == 0
    assert "Asked when: distributes is yes" in r.stdout
    assert "When: all of (finding 'litigation-termination' fires; lawsuit is 'filed')" in r.stdout
    r = run("--content", str(MINI), "questions", "nonesuch")
    assert r.returncode == 2 and "No question tree 'nonesuch'" in r.stderr


def test_shipped_examples_assess_cleanly():
    # policy.yaml is an organisation policy, not answers: tests/policy reads it
    examples = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.name != "policy.yaml")
    assert examples
    for example in examples:
        r = run("assess", str(example), "--json")
        assert r.returncode == 0, f"{example.name}: {r.stderr}"
        data = json.loads(r.stdout)
        assert data["complete"], f"{example.name} leaves questions unanswered: {data['unanswered']}"
