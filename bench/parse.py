"""Benchmark: reading a hostile file grows linearly with its size.

    python -c "from bench.parse import bench_parse; bench_parse()"

Target (issue "Hostile input"): an answers file and a content file with 1,000, 10,000 and
100,000 unknown keys; 10x the keys costs at most 12x the time, each step measured in the same
run, interleaved, under the same conditions. Every key is a problem to report with its line, which is what
used to grow quadratically.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError, InputError
from license_risk.shipped import ROOT
from scoring.answers import parse_answers

from .__main__ import interleaved_all, report

SIZES = (1_000, 10_000, 100_000)
MAX_GROWTH = 12.0
MINI = ROOT / "tests" / "fixtures" / "mini"
HEAD = "format: open-model-license-risk/answers\nformat_version: 1\nlicenses: [llama-3.1]\n"


def _growth(label: str, timings: dict[int, float]) -> bool:
    ok = True
    for small, big in itertools.pairwise(SIZES):
        ratio = timings[big] / timings[small]
        ok &= report(
            f"7. {label}: {big:,} keys vs {small:,}",
            timings[big],
            timings[small],
            f"the same with {small:,} keys",
            ratio <= MAX_GROWTH,
            f"<= {MAX_GROWTH:g}x",
        )
    return ok


def bench_parse() -> bool:
    """Every size measured in turn, round after round (see interleaved_all), under the same conditions."""
    catalog = load_catalog(ROOT)
    read_answers: list[Callable[[], object]] = []
    read_content: list[Callable[[], object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            # top-level keys, short, so that 100,000 of them fit in the 1 MB an answers file may have
            raw = (HEAD + "".join(f"k{i:x}: 1\n" for i in range(n))).encode()

            def answers(raw: bytes = raw) -> None:
                try:
                    parse_answers(raw, "answers.yaml", catalog)
                except InputError as exc:
                    assert "unknown key 'k0'" in exc.problem.message
                else:
                    raise AssertionError("unknown keys were accepted")

            root = Path(tmp) / f"c{n}"
            shutil.copytree(MINI, root)
            tree = root / "questionnaires" / "demo.yaml"
            tree.write_text(tree.read_text(encoding="utf-8") + "".join(f"unknown_{i}: 1\n" for i in range(n)), encoding="utf-8")

            def content(root: Path = root, n: int = n) -> None:
                try:
                    load_catalog(root)
                except ContentError as exc:
                    assert len(exc.problems) == n
                else:
                    raise AssertionError("unknown keys were accepted")

            read_answers.append(answers)
            read_content.append(content)
        # the small sizes repeated within a round, for a steadier median at little cost
        repeats = [max(1, 10_000 // n) for n in SIZES]
        answer_times = interleaved_all(read_answers, rounds=3, repeat=repeats)
        content_times = interleaved_all(read_content, rounds=3, repeat=repeats)
    return _growth("answers file with unknown keys", dict(zip(SIZES, answer_times, strict=True))) & _growth(
        "content file with unknown keys", dict(zip(SIZES, content_times, strict=True))
    )


if __name__ == "__main__":
    bench_parse()
