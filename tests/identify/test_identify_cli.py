"""`python -m scoring identify FILE [--json]` as a user runs it: output, exit codes, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from inprocess import imported, run

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "licenses" / "texts"
FIXTURES = ROOT / "tests" / "fixtures" / "identify"


def modified_llama(tmp_path: Path) -> Path:
    text = (TEXTS / "llama-3.2.txt").read_text(encoding="utf-8")
    text = text.replace("Sections 3, 4 and 7 shall survive", "Sections 3, 4, 5 and 7 shall survive")
    text += "\n\nAcme adds: every user must register with Acme before downloading the model.\n"
    path = tmp_path / "LICENSE.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_official_text_is_identical_exit_0():
    r = run("identify", str(TEXTS / "llama-3.3.txt"))
    assert r.returncode == 0, r.stderr
    assert "verdict: identical: Llama 3.3 Community License Agreement (llama-3.3), version 3.3" in r.stdout
    assert "similarity: 1.000" in r.stdout and "runner-up: Llama 3.2 Community License Agreement (llama-3.2)" in r.stdout
    assert "NEEDS LEGAL REVIEW" not in r.stdout


def test_a_modified_copy_lists_its_differences_and_needs_legal_review(tmp_path):
    r = run("identify", str(modified_llama(tmp_path)))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "verdict: modified: Llama 3.2 Community License Agreement (llama-3.2), version 3.2" in out
    assert "NEEDS LEGAL REVIEW: the text is Llama 3.2 Community License Agreement with 2 differences" in out
    assert "changed paragraph 24" in out and "in the clause §6 Effect of termination" in out
    assert "- 3, 4 and 7\n" in out and "+ 3, 4, 5 and 7\n" in out
    assert "+ Acme adds: every user must register with Acme before downloading the model." in out
    assert "runner-up: Llama 3.3" in out


def test_json_has_the_verdict_ids_score_runner_up_and_differences(tmp_path):
    path = modified_llama(tmp_path)
    r = run("identify", str(path), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["file"] == str(path) and data["verdict"] == "modified" and data["needs_legal_review"] is True
    assert data["license"]["profiles"] == ["llama-3.2"] and data["license"]["text"] == "licenses/texts/llama-3.2.txt"
    assert 0.9 < data["license"]["score"] < 1 and data["closest_not_asserted"] is None
    assert data["runner_up"]["profiles"] == ["llama-3.3"]
    kinds = [d["kind"] for d in data["differences"]]
    assert kinds == ["changed", "added"]
    changed, added = data["differences"]
    assert changed["edits"] == [{"old": "3, 4 and 7", "new": "3, 4, 5 and 7"}]
    assert [c["section"] for c in changed["clauses"]] == ["6"]
    assert added["new"] == "Acme adds: every user must register with Acme before downloading the model."


def test_unknown_is_exit_0_with_the_closest_not_asserted():
    r = run("identify", str(FIXTURES / "unlicense.txt"), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["verdict"] == "unknown" and data["license"] is None
    assert data["closest_not_asserted"]["profiles"][0] == "mit" and data["needs_legal_review"] is True
    text = run("identify", str(FIXTURES / "bsd-3-clause.txt"))
    assert "verdict: unknown" in text.stdout and "closest, not asserted: MIT License" in text.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    binary = tmp_path / "LICENSE.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for path, says in [(binary, "binary"), (tmp_path / "missing.txt", "cannot read"), (tmp_path, "folder")]:
        r = run("identify", str(path))
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr.startswith(f"Cannot identify the license: {path}") and says in r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1


def test_help_says_what_each_exit_code_means():
    r = run("identify", "--help")
    assert r.returncode == 0
    assert "0  the file was read and compared, whatever the verdict" in r.stdout and "unknown" in r.stdout
    assert "2  the file cannot be used" in r.stdout


def test_control_characters_from_the_file_are_shown_not_obeyed(tmp_path):
    path = tmp_path / "LICENSE"
    mit = (TEXTS / "mit.txt").read_text(encoding="utf-8")
    path.write_text(mit + "\n\nExtra \x1b]0;owned\x07 terms.\n", encoding="utf-8")
    r = run("identify", str(path))
    assert "\x1b" not in r.stdout and "[U+001B]" in r.stdout
    j = run("identify", str(path), "--json")
    assert "\x1b" not in j.stdout and json.loads(j.stdout)["differences"][0]["new"].startswith("Extra \x1b")


def test_each_verb_imports_only_what_it_uses(tmp_path):
    cache = tmp_path / "cache"
    identify = imported("identify", str(TEXTS / "mit.txt"), cache=cache)
    assert "license_risk.identify.match" in identify
    for unwanted in ("license_expression", "license_risk.maintain", "license_risk.memo", "streamlit", "fpdf"):
        assert not any(m == unwanted or m.startswith(unwanted + ".") for m in identify), unwanted
    assess = imported("assess", str(ROOT / "examples" / "japanese-saas-chatbot.yaml"), cache=cache)
    assert "license_risk.memo.report" in assess
    for unwanted in ("license_risk.identify", "license_expression"):
        assert not any(m == unwanted or m.startswith(unwanted + ".") for m in assess), unwanted
