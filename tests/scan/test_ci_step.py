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


def test_the_example_workflow_uploads_sarif_and_fails_on_denied_or_input_problems():
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "model-license-scan.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["scan"]["steps"]
    scan = next(s for s in steps if s.get("id") == "scan")
    assert (
        "python -m scoring scan . --answers .github/model-license-answers.yaml --format sarif --output model-licenses.sarif"
        in scan["run"]
    )
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "model-licenses.sarif"
    fail = steps[-1]
    assert fail["if"] == "steps.scan.outputs.code == '1' || steps.scan.outputs.code == '2'"
    assert workflow["permissions"]["security-events"] == "write"
