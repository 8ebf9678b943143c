"""Run the command line: in this process (`cli`, faster), or as `python -m scoring` in a subprocess (`run`)."""

from __future__ import annotations

import contextlib
import io
import os
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


IMPORTED = """
import runpy, sys
sys.argv = ["scoring", *sys.argv[1:]]
try:
    runpy.run_module("scoring", run_name="__main__")
except SystemExit:
    pass
print("MODULES " + " ".join(sorted(sys.modules)), file=sys.stderr)
"""


def imported(*args: str, cache: Path) -> set[str]:
    """The modules a fresh `python -m scoring ARGS` process imports (with its own cache folder)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LICENSE_RISK_")}
    environ["LICENSE_RISK_CACHE_DIR"] = str(cache)
    r = subprocess.run(
        [sys.executable, "-c", IMPORTED, *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120, check=False
    )
    (line,) = [line for line in r.stderr.splitlines() if line.startswith("MODULES ")]
    return set(line.split()[1:])
