"""Run the command line: in this process (`cli`, faster), or as `python -m scoring` in a subprocess (`run`)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from license_risk.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(["python", "-m", "scoring", *args], code, out.getvalue(), err.getvalue())
