"""The documented CI step: the pre-commit hook runs `scan` as its entry says, and the example
workflow runs the scan, uploads its SARIF and fails on the exit codes docs/ci.md names."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REPO = ROOT / "tests" / "fixtures" / "scan-repo"
ANSWERS = ROOT / "tests" / "fixtures" / "scan" / "answers.yaml"


def test_the_pre_commit_hook_entry_scans_the_tree_and_fails_on_a_denied_model():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "model-license-scan" and hook["pass_filenames"] is False
    argv = [*shlex.split(hook["entry"]), "--answers", str(ANSWERS)]
    assert argv[0] == "python"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # as if installed into the hook's environment
    r = subprocess.run([sys.executable, *argv[1:]], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 1, r.stderr  # pre-commit fails the commit on any code but 0
    assert "app/chat.py:4:47  Python: meta-llama/Llama-3.1-8B-Instruct" in r.stdout


def test_the_example_workflow_uploads_sarif_and_fails_on_denied_or_input_problems(tmp_path: Path):
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "model-license-scan.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["scan"]["steps"]
    scan = next(s for s in steps if s.get("id") == "scan")
    command = next(line.strip() for line in scan["run"].splitlines() if "--format sarif" in line)
    # the workflow's own command, on the fixture repository, with its answers and the sample policy in place
    argv = shlex.split(command.replace(".github/model-license-answers.yaml", str(ANSWERS)))
    argv = [a.replace(".github/model-license-policy.yaml", str(ROOT / "examples" / "policy.yaml")) for a in argv]
    argv = [a.replace("model-licenses.sarif", str(tmp_path / "model-licenses.sarif")) for a in argv]
    assert argv[:4] == ["python", "-m", "scoring", "scan"] and "--policy" in argv
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, *argv[1:]], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode in (1, 3), r.stderr  # the sample policy: Llama 3.1 needs an approval, phi-4's kind of risk a review
    sarif = (tmp_path / "model-licenses.sarif").read_text(encoding="utf-8")
    assert '"ruleId": "license/llama-3.1"' in sarif and "Sample Co. open-weight model policy" in sarif
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "model-licenses.sarif"
    fail = steps[-1]
    assert fail["if"] == "steps.scan.outputs.code == '1' || steps.scan.outputs.code == '2'"
    assert workflow["permissions"]["security-events"] == "write"
