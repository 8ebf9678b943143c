"""`assess --policy` through the real command line: the verdict beside the rating, and the exit codes 0 / 1 / 3 / 2."""

from __future__ import annotations

import json

from inprocess import cli, run
from policy_support import ANSWERS, EXAMPLE_POLICY, HEAD

DATE = ("--date", "2026-12-05")


def write(tmp_path, body: str, name: str = "policy.yaml"):
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_exit_codes_allowed_denied_review(tmp_path):
    allowed = write(tmp_path, "default: allow\n", "allow.yaml")
    denied = write(tmp_path, "rules:\n  - severity: high\n    action: deny\n", "deny.yaml")
    review = write(tmp_path, "rules:\n  - license: gemma-2025-03\n    action: review\n", "review.yaml")
    assert cli("assess", str(ANSWERS), "--policy", str(allowed), *DATE).returncode == 0
    assert cli("assess", str(ANSWERS), "--policy", str(denied), *DATE).returncode == 1
    assert cli("assess", str(ANSWERS), "--policy", str(review), *DATE).returncode == 3
    assert cli("assess", str(ANSWERS), *DATE).returncode == 0  # no policy: as before


def test_the_text_shows_each_verdict_beside_the_rating_with_the_rule(tmp_path):
    denied = write(tmp_path, "rules:\n  - severity: high\n    action: deny\n    reason: Legal signs off high risks.\n")
    r = run("assess", str(ANSWERS), "--policy", str(denied), *DATE)  # a real subprocess, as CI runs it
    assert r.returncode == 1, r.stderr
    policy = " ".join(r.stdout[r.stdout.index("ORGANISATION POLICY: Test policy") :].split())  # lines are wrapped
    assert "Llama 3.1 Community License Agreement (3.1): policy: denied · tool's rating: HIGH" in policy
    assert "Gemma Terms of Use (2025-03-24): policy: allowed · tool's rating: MEDIUM" in policy
    assert "denied by the rule at " in policy  # then the file (wrapped at its hyphens), its line and the findings
    assert "policy.yaml:5: breach-can-terminate, model-name-prefix-missing" in policy
    assert "(why: Legal signs off high risks.)" in policy
    assert policy.endswith("Policy verdict: denied")


def test_json_carries_the_verdicts_reasons_and_fingerprints(tmp_path):
    r = cli("assess", str(ANSWERS), "--json", "--policy", str(EXAMPLE_POLICY), *DATE)
    assert r.returncode == 3, r.stderr
    data = json.loads(r.stdout)["policy"]
    assert (data["verdict"], data["exit_code"], data["date"]) == ("review", 3, "2026-12-05")
    llama, gemma = data["licenses"]
    assert (llama["license"], llama["rating"], llama["verdict"]) == ("llama-3.1", "high", "review")
    assert gemma["verdict"] == "allow"
    accepted = next(f for f in llama["findings"] if f["id"] == "model-name-prefix-missing")
    assert accepted["accepted"] and accepted["tool_severity"] == "high"
    assert accepted["decision"]["status"] == "active" and accepted["decision"]["by"] == "Legal department (H. Sato)"
    assert accepted["fingerprint"] == accepted["decision"]["fingerprint"]  # what an officer copies into an exception
    assert llama["approval"]["finding"] == "*" and llama["license_fingerprint"] == llama["approval"]["fingerprint"]


def test_an_expired_exception_is_said_and_no_longer_applies(tmp_path):
    r = cli("assess", str(ANSWERS), "--policy", str(EXAMPLE_POLICY), "--date", "2027-06-15")
    assert r.returncode == 3
    assert f"{EXAMPLE_POLICY}:68: exceptions[1]: warning: expired on 2027-05-31" in r.stderr
    out = " ".join(r.stdout.split())
    assert f"model-name-prefix-missing: the decision at {EXAMPLE_POLICY}:61 expired on 2027-05-31; it no longer applies." in out


def test_a_broken_policy_is_an_input_problem(tmp_path):
    broken = write(tmp_path, "rules:\n  - license: lama-3.1\n    action: deny\n")
    r = cli("assess", str(ANSWERS), "--policy", str(broken), *DATE)
    assert r.returncode == 2
    assert f"{broken}:5: rules[0].license: unknown license 'lama-3.1'. Did you mean 'llama-3.1'?" in r.stderr
    assert r.stdout == ""  # nothing assessed against a policy that cannot be read
    missing = cli("assess", str(ANSWERS), "--policy", str(tmp_path / "nowhere.yaml"), *DATE)
    assert missing.returncode == 2 and "nowhere.yaml" in missing.stderr and "Traceback" not in missing.stderr
    folder = cli("assess", str(ANSWERS), "--policy", str(tmp_path), *DATE)
    assert folder.returncode == 2 and "this is a folder; give a file" in folder.stderr


def test_refused_answers_win_over_the_policy_verdict(tmp_path):
    text = ANSWERS.read_text(encoding="utf-8").replace("commercial_use: true", "commercial_use: maybe")
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, encoding="utf-8")
    allowed = write(tmp_path, "default: allow\n")
    assert cli("assess", str(answers), "--policy", str(allowed), *DATE).returncode == 2


def test_japanese_output():
    r = cli("assess", str(ANSWERS), "--policy", str(EXAMPLE_POLICY), "--lang", "ja", *DATE)
    assert r.returncode == 3
    assert "社内ポリシー：Sample Co. open-weight model policy (2026-12)" in r.stdout
    assert "ポリシー判定：要確認 · 本ツールの総合評価：高" in r.stdout
    assert "ポリシー判定：許可 · 本ツールの総合評価：中" in r.stdout
    assert r.stdout.rstrip().endswith("ポリシー判定：要確認")


def test_help_documents_the_exit_codes():
    r = run("assess", "--help")
    assert r.returncode == 0
    for line in (
        "0  the input was read and used; with --policy: every license is allowed",
        "1  with --policy: a license is denied",
    ):
        assert line in r.stdout
    assert "3  with --policy: a license needs review" in r.stdout and "--policy POLICY.yaml" in r.stdout


def test_control_characters_from_the_policy_never_reach_the_terminal(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text(HEAD.replace("Test policy", '"Evil \\u202e policy \\x1b[31m"') + "default: review\n", encoding="utf-8")
    r = cli("assess", str(ANSWERS), "--policy", str(path), *DATE)
    assert r.returncode == 3
    assert "ORGANISATION POLICY: Evil [U+202E] policy [U+001B][31m" in r.stdout
    assert "\u202e" not in r.stdout and "\x1b" not in r.stdout


def test_the_memo_written_with_a_policy_has_its_section(tmp_path):
    html = tmp_path / "memo.html"
    r = cli("assess", str(ANSWERS), "--policy", str(EXAMPLE_POLICY), "--html", str(html), *DATE)
    assert r.returncode == 3, r.stderr
    text = html.read_text(encoding="utf-8")
    assert '<section id="policy"><h3>Organisation policy</h3>' in text and "Policy verdict: review needed" in text
