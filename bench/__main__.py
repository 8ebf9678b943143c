"""Benchmarks for the engine. Every figure is printed beside a baseline measured in the same run.

    python -m bench            (or: make bench)

Targets (issue "Core"):
  1. cold load + validation of all bundled content <= 3x a bare yaml.CSafeLoader parse of the same files;
  2. a generated tree of 10,000 questions validates in < 1 s; 20,000 questions take <= 2.2x that;
  3. scoring a complete answers set takes < 5 ms.
  ...
  7. reading a file with 10x the unknown keys costs at most 12x the time (issue "Hostile input").
Timings are medians of interleaved repetitions, because this machine's timings are noisy.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from license_risk.content.load import build_catalog, content_files, load_catalog, read_documents
from license_risk.shipped import ROOT
from scoring.answers import dump_answers
from scoring.rating import assess

from .generate import full_answers, write_content


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(a: Callable[[], object], b: Callable[[], object], rounds: int, repeat: int) -> tuple[float, float]:
    """Alternate the two measurements so drift in machine speed hits both alike."""
    ta, tb = [], []
    for _ in range(rounds):
        ta.append(median_time(a, repeat))
        tb.append(median_time(b, repeat))
    return statistics.median(ta), statistics.median(tb)


def report(name: str, value: float, baseline: float, base_name: str, ok: bool, target: str) -> bool:
    print(
        f"{name:<58} {value * 1000:9.2f} ms   {base_name:<34} {baseline * 1000:9.2f} ms   ratio {value / baseline:5.2f}   {target:<14} {'ok' if ok else 'MISSED'}"
    )
    return ok


def bench_content() -> bool:
    files = content_files(ROOT)
    texts = [f.read_text(encoding="utf-8") for f in files]

    def bare_parse() -> None:
        for f in files:  # read from disk too, as the loader does
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    assert texts
    load, parse = interleaved(lambda: load_catalog(ROOT), bare_parse, rounds=5, repeat=5)
    return report(
        f"1. load + validate bundled content ({len(files)} files)",
        load,
        parse,
        "bare CSafeLoader parse",
        load <= 3 * parse,
        "<= 3x",
    )


def bench_big_trees() -> bool:
    ok = True
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (10_000, 20_000):
            root = write_content(Path(tmp) / str(n), n).resolve()
            tree_file = root / "questionnaires" / "demo.yaml"
            docs, problems = read_documents(root)
            assert not problems

            def validate(root: Path = root, docs: dict = docs) -> None:
                build_catalog(root, docs, [])

            def bare_parse(path: Path = tree_file) -> None:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

            v, p = interleaved(validate, bare_parse, rounds=5, repeat=1)
            full = median_time(lambda root=root: load_catalog(root), repeat=3)
            results[n] = v
            target_ok = v < 1.0 if n == 10_000 else v <= 2.2 * results[10_000]
            target = "< 1000 ms" if n == 10_000 else "<= 2.2x 10k"
            ok &= report(
                f"2. validate a generated tree of {n:,} questions", v, p, "its bare CSafeLoader parse", target_ok, target
            )
            print(f"   (reading and validating it from disk: {full * 1000:.0f} ms)")
        print(
            f"   20k / 10k validation time: {results[20_000] / results[10_000]:.2f} (target <= 2.2). "
            "Validation is schema + graph checks on the parsed tree; YAML parsing is libyaml's and is bounded by benchmark 1."
        )
    return ok


def bench_scoring() -> bool:
    catalog = load_catalog(ROOT)
    licenses = catalog.license_ids
    answers = full_answers(catalog, licenses)
    text = dump_answers(catalog, licenses, answers)
    assert assess(catalog, licenses, answers).walk.complete

    def parse_answers_file() -> None:
        yaml.load(text, Loader=yaml.CSafeLoader)

    per_license = []
    for license_id in licenses:
        one = {k: v for k, v in answers.items() if k in ("intake", license_id)}
        s, p = interleaved(
            lambda one=one, license_id=license_id: assess(catalog, [license_id], one), parse_answers_file, rounds=3, repeat=50
        )
        per_license.append(
            report(f"3. score a complete answers set: {license_id}", s, p, "bare parse of its answers file", s < 0.005, "< 5 ms")
        )
    s, p = interleaved(lambda: assess(catalog, licenses, answers), parse_answers_file, rounds=3, repeat=50)
    per_license.append(
        report(
            f"3. score all {len(licenses)} licenses at once",
            s,
            p,
            "bare parse of its answers file",
            s < 0.005 * len(licenses),
            f"< {5 * len(licenses)} ms",
        )
    )
    return all(per_license)


def main() -> int:
    from .app import bench_clicks, bench_first_render
    from .load import bench_click_cpu, bench_results_rerun
    from .memo import bench_first_memo, bench_memo
    from .parse import bench_parse

    sys.setrecursionlimit(10_000)
    results = [
        bench_content(),
        bench_big_trees(),
        bench_scoring(),
        bench_clicks(),
        bench_first_render(),
        bench_memo(),
        bench_first_memo(),
        bench_parse(),
        bench_click_cpu(),
        bench_results_rerun(),
    ]
    print("all targets met" if all(results) else "SOME TARGETS MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
