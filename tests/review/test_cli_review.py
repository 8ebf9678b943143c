"""`assess` reads the reviewer's decisions carried in an answers file; with `--policy`, the policy uses them
through its exceptions' path (one mechanism), and a malformed one is named with file:line."""

from __future__ import annotations

import datetime as dt
import json

from inprocess import cli
from policy.policy_support import ANSWERS, HEAD

from license_risk.content.load import load_catalog
from license_risk.review import carried_data, make_decision
from license_risk.shipped import ROOT
from scoring.answers import dump_answers, read_answers

DATE = ("--date", "2026-12-05")
HIGH = ("breach-can-terminate", "model-name-prefix-missing")  # llama-3.1's high findings in ANSWERS


def reviewed_file(tmp_path, verdict: str = "not_applicable", **changes: str):
    catalog = load_catalog(ROOT)
    loaded = read_answers(ANSWERS, catalog)
    findings = catalog.trees["llama-3.1"].findings
    decisions = [
        make_decision("llama-3.1", findings[f], verdict, "Not our use: we ship no derivative.", "山田 花子", dt.date(2026, 12, 1))
        for f in HIGH
    ]
    text = dump_answers(catalog, loaded.licenses, loaded.answers, lineage=loaded.lineage, review=carried_data(decisions, None))
    for old, new in changes.items():
        text = text.replace(old, new, 1)
    path = tmp_path / "reviewed.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_a_reviewers_decisions_turn_a_denied_license_allowed_and_the_tool_rating_stays(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text(HEAD + "rules:\n  - severity: high\n    action: deny\n", encoding="utf-8")
    assert cli("assess", str(ANSWERS), "--policy", str(policy), *DATE).returncode == 1  # without the decisions
    path, _ = reviewed_file(tmp_path)
    r = cli("assess", str(path), "--json", "--policy", str(policy), *DATE)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    llama = data["policy"]["licenses"][0]
    assert (llama["license"], llama["rating"], llama["verdict"]) == ("llama-3.1", "high", "allow")
    decided = {f["id"]: f for f in llama["findings"] if "decision" in f}
    assert set(decided) == set(HIGH)
    for f in decided.values():
        assert f["tool_severity"] == "high" and not f["applies"]  # the tool's rating beside the decision
        assert f["decision"]["source"] == "reviewer" and f["decision"]["by"] == "山田 花子"
    assert data["problems"] == []


def test_a_malformed_decision_is_named_with_its_line_and_the_rest_is_used(tmp_path):
    path, text = reviewed_file(tmp_path, **{"verdict: not_applicable": "verdict: ignore"})
    line = text.splitlines().index("    verdict: ignore") + 1
    r = cli("assess", str(path), *DATE)
    assert r.returncode == 2, r.stderr  # as for an answer not kept: the assessment is printed, and the exit says so
    assert f"{path}:{line}: review.decisions[0].verdict:" in r.stderr and "decision not kept" in r.stderr
    assert "Traceback" not in r.stderr and "LLAMA" in r.stdout.upper()
