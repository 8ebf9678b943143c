"""Benchmark: the command line as a CI gate runs it, a whole `python -m scoring assess` process.

    python -m bench.cli

Target (issue "Speed", "A fast CLI for CI gates"): with a warm content cache, a whole
`python -m scoring assess <answers file>` process takes at most 3x a process that only runs
`import yaml, pydantic` (the two libraries any such tool starts with). Both are measured
interleaved in the same run, medians of several rounds. The cold-cache time (the content loaded
and checked, then stored) is printed too, not a target.

Every process gets a cache folder of this run (LICENSE_RISK_CACHE_DIR), so the user's cache is
never touched, and may write bytecode (PYTHONDONTWRITEBYTECODE unset), as an installed tool does.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.__main__ import report

REPO = Path(__file__).resolve().parents[1]
ANSWERS = REPO / "examples" / "japanese-saas-chatbot.yaml"
ROUNDS = 7
REPEAT = 3


def _run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _median(argv: list[str], env: dict[str, str], repeat: int) -> float:
    return statistics.median(_run(argv, env) for _ in range(repeat))


def bench_cli() -> bool:
    cache = tempfile.mkdtemp(prefix="license-risk-bench-cache-")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "LICENSE_RISK_NO_CACHE")}
    env["LICENSE_RISK_CACHE_DIR"] = cache
    assess = [sys.executable, "-m", "scoring", "assess", str(ANSWERS)]
    baseline = [sys.executable, "-c", "import yaml, pydantic"]
    try:
        cold = []
        for _ in range(3):
            shutil.rmtree(Path(cache) / "catalog", ignore_errors=True)
            cold.append(_run(assess, env))
        _run(assess, env)  # the cache is warm from here on
        _run(baseline, env)
        warm_times, base_times = [], []
        for _ in range(ROUNDS):  # interleaved, so drift in machine speed hits both alike
            warm_times.append(_median(assess, env, REPEAT))
            base_times.append(_median(baseline, env, REPEAT))
        warm, base = statistics.median(warm_times), statistics.median(base_times)
        ok = report(
            f"10. python -m scoring assess ({ANSWERS.name}), warm cache",
            warm,
            base,
            "python -c 'import yaml, pydantic'",
            warm <= 3 * base,
            "<= 3x",
        )
        print(f"   (cold cache, the content loaded, checked and stored: {statistics.median(cold) * 1000:.0f} ms)")
        return ok
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(0 if bench_cli() else 1)
