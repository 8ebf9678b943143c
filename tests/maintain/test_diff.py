"""`python -m scoring diff OLD NEW`: what changed between two versions of the content, for review."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINI
from inprocess import cli

from license_risk.content.load import load_catalog
from license_risk.maintain.diff import content_at, diff_catalogs, diff_text


def edit(root: Path, file: str, *pairs: tuple[str, str]) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, f"not found: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def sides(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINI, old)
    shutil.copytree(MINI, new)
    return old, new


def flat(text: str) -> str:
    return " ".join(text.split())


def test_identical_content_has_no_changes(sides):
    old, new = sides
    r = cli("diff", str(old), str(new))
    assert r.returncode == 0, r.stderr
    assert "No changes to profiles, trees or scenario results." in r.stdout


def test_reworded_question_changed_condition_severity_and_clauses(sides):
    old, new = sides
    edit(
        new,
        "questionnaires/demo.yaml",
        ("text: Could you sue Demo Corp?", "text: Could you bring a claim against Demo Corp?"),
        (
            "    when: {question: lawsuit, in: [maybe, filed]}\n    explanation",
            "    when: {question: lawsuit, equals: maybe}\n    explanation",
        ),
        ("    exposure: unmet\n    clauses: [notice]", "    exposure: possible\n    clauses: [notice, grant]"),
        ("version: 1.2.0", "version: 1.3.0"),
    )
    r = cli("diff", str(old), str(new))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "questionnaires/demo.yaml — tree demo (version 1.2.0 → 1.3.0)" in out
    assert "~ question lawsuit: reworded" in out
    assert "- Could you sue Demo Corp?" in out and "+ Could you bring a claim against Demo Corp?" in out
    assert (
        "~ finding missing-notice: severity high → medium; exposure unmet → possible; clauses [notice] → [notice, grant]" in out
    )
    assert "~ finding litigation-termination: condition changed" in out
    assert "- when: lawsuit is one of ['maybe', 'filed']" in out and "+ when: lawsuit is 'maybe'" in out
    line = (new / "questionnaires/demo.yaml").read_text().split("\n").index("  - id: litigation-termination") + 1
    assert f"(questionnaires/demo.yaml:{line})" in out
    # The same answers, scored on both versions: the big distributor's claim no longer ends the license.
    assert "~ demo: “big distributor that sued” changed" in out
    assert "no longer fires: litigation-filed, litigation-termination" in out
    assert "version stays" not in out


def test_added_removed_and_renamed_questions_options_and_findings(sides):
    old, new = sides
    edit(
        new,
        "questionnaires/demo.yaml",
        ("  - id: ships_license\n", "  - id: ships_license_text\n"),
        ("    former_ids: [includes_copy]", "    former_ids: [includes_copy, ships_license]"),
        ("        - {question: ships_license, equals: no}", "        - {question: ships_license_text, equals: no}"),
        (
            "      - {value: filed, label: Already filed}\n",
            "      - {value: filed, label: Already filed}\n      - {value: settled, label: Settled}\n",
        ),
        (
            "  - id: lawsuit_target\n    kind: text\n    text: What would the claim be about?\n    help: Free text.\n    probes: [litigation]\n"
            "    when: {question: lawsuit, in: [maybe, filed]}\n",
            "  - id: notice_place\n    kind: text\n    text: Where do you show the notice?\n    help: Free text.\n    probes: [notice]\n",
        ),
        (
            "  - id: always-info\n",
            "  - id: law-notice\n    title: Ruritanian law\n    kind: governing-law\n    exposure: standing\n    clauses: [law]\n"
            "    when: {question: distributes, equals: yes}\n    explanation: Because you distribute, section 5 matters.\n"
            "    action: Note it.\n  - id: always-info\n",
        ),
    )
    r = cli("diff", str(old), str(new), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    (tree,) = [f for f in data["files"] if f["file"] == "questionnaires/demo.yaml"]
    changes = {(c["change"], c["subject"]): c for c in tree["changes"]}
    assert changes[("changed", "version")]["summary"] == "the tree changed but its version stays 1.2.0: bump it"
    assert "renamed from ships_license" in changes[("changed", "question ships_license_text")]["summary"]
    assert changes[("changed", "question lawsuit")]["summary"] == "options added: settled"
    assert changes[("added", "question notice_place")]["summary"] == "[text] Where do you show the notice?"
    assert ("removed", "question lawsuit_target") in changes
    added = changes[("added", "finding law-notice")]
    assert added["summary"].startswith("[info obligation] Ruritanian law; rests on law") and added["details"] == [
        "when: distributes is yes"
    ]
    scenarios = {s["scenario"]: s for s in data["scenarios"]}
    big = scenarios["big distributor that sued"]
    assert big["status"] == "changed" and "law-notice" in big["new"]["fired"] and "law-notice" not in big["old"]["fired"]
    assert big["new"]["answers_not_fitting"] == 1  # lawsuit_target is gone


def test_help_only_change_needs_no_version_bump_and_profile_changes_are_listed(sides):
    old, new = sides
    edit(new, "questionnaires/intake.yaml", ("help: Pick all.", "help: Pick every use that applies."))
    edit(new, "licenses/demo.yaml", ("    title: Threshold\n", "    title: User threshold\n"), ('version: "1"', 'version: "1.1"'))
    d = diff_catalogs(load_catalog(old), load_catalog(new))
    text = diff_text(d)
    assert "~ question uses: help changed" in text and "version stays" not in text
    assert "licenses/demo.yaml — license profile demo" in text
    assert "~ version: 1 → 1.1" in text and "~ clause threshold: title changed" in text
    assert not d.scenarios


def test_added_and_removed_scenarios_are_listed_with_their_results(sides):
    old, new = sides
    tests = new / "questionnaires" / "demo.tests.yaml"
    text = tests.read_text(encoding="utf-8")
    tests.write_text(text.replace("- name: quiet internal use", "- name: quiet internal use, renamed"), encoding="utf-8")
    out = flat(cli("diff", str(old), str(new)).stdout)
    assert "+ demo: “quiet internal use, renamed” added" in out and "- demo: “quiet internal use” removed" in out
    assert "same results on both versions: rating info, fires always-info" in out


def test_a_broken_side_or_an_unknown_revision_is_reported(sides, tmp_path):
    old, new = sides
    edit(new, "questionnaires/demo.yaml", ("exposure: unmet", "exposure: sometimes"))
    r = cli("diff", str(old), str(new))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{new}: the content has 1 problem(s):" in r.stderr and "questionnaires/demo.yaml:" in r.stderr
    r = cli("--content", str(old), "diff", "no-such-revision", str(new))
    assert r.returncode == 2 and "Cannot compare:" in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------- git revisions


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    content = root / "content"  # the content in a subfolder of the repository, as --content allows
    shutil.copytree(MINI, content)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    edit(
        content,
        "questionnaires/demo.yaml",
        (
            "    exposure: done\n    category: restriction\n    clauses: [threshold]",
            "    exposure: likely\n    category: restriction\n    clauses: [threshold]",
        ),
    )
    edit(content, "questionnaires/demo.tests.yaml", ("restriction: critical}", "restriction: high}"))
    git(root, "commit", "-q", "-am", "second")
    return content


def test_two_git_revisions(repo):
    r = cli("--content", str(repo), "diff", "HEAD~1", "HEAD")
    assert r.returncode == 0, r.stderr
    assert "Changes from HEAD~1 to HEAD" in r.stdout
    assert "~ finding big-platform: severity critical → high" in r.stdout
    assert "~ demo: “big distributor that sued” changed" not in r.stdout  # still critical: another finding is critical


def test_a_revision_against_the_working_tree(repo):
    edit(repo, "questionnaires/demo.yaml", ("text: Could you sue Demo Corp?", "text: Could you sue Demo Corp or its affiliates?"))
    r = cli("--content", str(repo), "diff", "HEAD", "WORKTREE")
    assert r.returncode == 0, r.stderr
    assert "~ question lawsuit: reworded" in r.stdout and "big-platform" not in r.stdout
    r = cli("--content", str(repo), "diff", "main", "HEAD")
    assert r.returncode == 0 and "No changes" in r.stdout


def test_a_part_added_to_an_all_or_any_list_is_shown_alone(sides):
    old, new = sides
    edit(
        new,
        "questionnaires/demo.yaml",
        (
            "        - {question: lawsuit, equals: filed}\n",
            "        - {question: lawsuit, equals: filed}\n        - {question: distributes, equals: yes}\n",
        ),
    )
    text = diff_text(diff_catalogs(load_catalog(old), load_catalog(new)))
    assert "~ finding litigation-filed: condition changed" in text
    assert "+ all of: … distributes is yes" in text and "- when:" not in text
    assert "Scenario results" not in text  # the distributor that sued still gets it


DEDUPE = "6ff25fd"  # "Llama 3 to 4: the naming duty is one finding": changed five trees' conditions


def test_the_llama_name_prefix_dedupe_bumped_every_tree_it_changed():
    """Answers files record the tree version they were answered against: a changed tree must say so."""
    root = Path(__file__).resolve().parents[2]
    known = subprocess.run(["git", "cat-file", "-e", f"{DEDUPE}^{{commit}}"], cwd=root, capture_output=True, check=False)
    if known.returncode != 0:
        pytest.skip(f"commit {DEDUPE} is not in this clone's history (shallow clone or source archive)")
    with content_at(f"{DEDUPE}^", root) as before:
        old = load_catalog(before)
    changes = diff_catalogs(old, load_catalog(root)).files
    llama = {fc.file: fc for fc in changes if fc.file.startswith("questionnaires/llama-")}
    assert set(llama) >= {f"questionnaires/llama-{v}.yaml" for v in ("3", "3.1", "3.2", "3.3", "4")}
    unbumped = [f"{fc.file}: {c.summary}" for fc in llama.values() for c in fc.changes if "bump it" in c.summary]
    assert unbumped == []
