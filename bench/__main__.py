"""Benchmarks for the engine. Every figure is printed beside a baseline measured in the same run.

    python -m bench            (or: make bench; a few minutes, the time of each benchmark and the total printed)

Targets (issue "Core"):
  1. cold load + validation of all bundled content <= 3x a bare yaml.CSafeLoader parse of the same files;
  2. a generated tree of 10,000 questions validates in < 1 s; 20,000 questions take <= 2.2x that;
     reading and validating the 10,000 from disk <= 1.5x a bare parse of its file (issue "Speed");
  3. scoring a complete answers set takes < 5 ms;
  4. one click in AppTest <= 3x an empty app's rerun (bench/app.py);
  5. the first page in Chromium after a server start <= 1.3x an empty app's (bench/app.py);
  6. a memo's PDF, 6b. the first memo of a process <= 1.3x a later one, 6c. the Word memo (bench/memo.py);
  7. reading a file with 10x the unknown keys costs at most 12x the time (issue "Hostile input", bench/parse.py);
  8. server CPU per click on the real server <= 1.5x a trivial app's, and
  9. the results page's rerun <= 3x an empty app's (bench/load.py; `make bench-load` is the long load test);
 10. a whole `assess` process <= 3x `python -c 'import yaml, pydantic'` (bench/cli.py);
 11. `scan` of 20,000 text files with 200 model references <= 3x `git grep --no-index -F -f ids.txt`, and
 12. the metadata of ten 1 GB GGUF files <= 2x `head -c 1048576` of each (bench/scan.py).
Timings are medians of interleaved repetitions, because this machine's timings are noisy. Both sides
of a ratio run under the same conditions: where the loader pauses the garbage collector while it
parses (`paused_gc`), its baseline parse pauses it too; nothing collects between repetitions.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from license_risk.content.load import build_catalog, content_files, load_catalog, read_documents
from license_risk.content.yamlsource import paused_gc
from license_risk.shipped import ROOT
from scoring.answers import dump_answers
from scoring.rating import assess

from .generate import full_answers, write_content


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_all(fns: Sequence[Callable[[], object]], rounds: int, repeat: int | Sequence[int]) -> list[float]:
    """Medians of each function, measured in turn round after round, so drift in machine speed hits all alike.

    `repeat` runs of a function within a round (one number for all, or one for each) give that round's median.

    One collection first, outside the timings, so that no side starts with another benchmark's garbage;
    none between repetitions (what a collection costs the code measured is part of its time).
    """
    gc.collect()
    repeats = [repeat] * len(fns) if isinstance(repeat, int) else list(repeat)
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for fn, n, ts in zip(fns, repeats, times, strict=True):
            ts.append(median_time(fn, n))
    return [statistics.median(ts) for ts in times]


def interleaved(a: Callable[[], object], b: Callable[[], object], rounds: int, repeat: int) -> tuple[float, float]:
    """Alternate the two measurements so drift in machine speed hits both alike."""
    ta, tb = interleaved_all([a, b], rounds, repeat)
    return ta, tb


def bare_parse(path: Path) -> None:
    """The baseline: libyaml's parse of a file, read from disk, with the collector paused as the loader pauses it."""
    with paused_gc():
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def report(name: str, value: float, baseline: float, base_name: str, ok: bool, target: str) -> bool:
    print(
        f"{name:<58} {value * 1000:9.2f} ms   {base_name:<34} {baseline * 1000:9.2f} ms   ratio {value / baseline:5.2f}   {target:<14} {'ok' if ok else 'MISSED'}"
    )
    return ok


def bench_content() -> bool:
    files = content_files(ROOT)
    assert files

    def bare_parse_all() -> None:
        for f in files:  # read from disk too, as the loader does
            bare_parse(f)

    load, parse = interleaved(lambda: load_catalog(ROOT), bare_parse_all, rounds=5, repeat=2)
    return report(
        f"1. load + validate bundled content ({len(files)} files)",
        load,
        parse,
        "bare CSafeLoader parse",
        load <= 3 * parse,
        "<= 3x",
    )


def bench_big_trees() -> bool:
    """Both sizes measured in the same rounds, so that drift in machine speed hits 10,000 and 20,000 alike."""
    with tempfile.TemporaryDirectory() as tmp:
        sides: list[Callable[[], object]] = []
        for n in (10_000, 20_000):
            root = write_content(Path(tmp) / str(n), n).resolve()
            tree_file = root / "questionnaires" / "demo.yaml"
            docs, problems = read_documents(root)
            assert not problems

            def validate(root: Path = root, docs: dict = docs) -> None:
                build_catalog(root, docs, [])

            sides += [validate, lambda tree_file=tree_file: bare_parse(tree_file)]
            if n == 10_000:
                sides.append(lambda root=root: load_catalog(root))
        v10, p10, full10, v20, p20 = interleaved_all(sides, rounds=5, repeat=1)
        del sides
    ok = report(
        "2. validate a generated tree of 10,000 questions", v10, p10, "its bare CSafeLoader parse", v10 < 1.0, "< 1000 ms"
    )
    ok &= report(
        "2. read + validate the 10,000 questions from disk",
        full10,
        p10,
        "its bare CSafeLoader parse",
        full10 <= 1.5 * p10,
        "<= 1.5x",
    )
    ok &= report(
        "2. validate a generated tree of 20,000 questions",
        v20,
        p20,
        "its bare CSafeLoader parse",
        v20 <= 2.2 * v10,
        "<= 2.2x 10k",
    )
    print(
        f"   20k / 10k validation time: {v20 / v10:.2f} (target <= 2.2); bare parse {p20 / p10:.2f}. Validation is schema + "
        "graph checks on the parsed tree; both parses pause the collector, as the loader does."
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
            lambda one=one, license_id=license_id: assess(catalog, [license_id], one), parse_answers_file, rounds=3, repeat=20
        )
        per_license.append(
            report(f"3. score a complete answers set: {license_id}", s, p, "bare parse of its answers file", s < 0.005, "< 5 ms")
        )
    s, p = interleaved(lambda: assess(catalog, licenses, answers), parse_answers_file, rounds=3, repeat=20)
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
    from .cli import bench_cli
    from .load import bench_click_cpu, bench_results_rerun
    from .memo import bench_docx, bench_first_memo, bench_memo
    from .parse import bench_parse
    from .scan import bench_scan

    started = time.perf_counter()
    results = []
    for bench in (
        bench_content,
        bench_big_trees,
        bench_scoring,
        bench_clicks,
        bench_first_render,
        bench_memo,
        bench_first_memo,
        bench_docx,
        bench_parse,
        bench_click_cpu,
        bench_results_rerun,
        bench_cli,
        bench_scan,
    ):
        start = time.perf_counter()
        results.append(bench())
        print(f"   ({bench.__name__} took {time.perf_counter() - start:.1f} s)", flush=True)
    print("all targets met" if all(results) else "SOME TARGETS MISSED")
    print(f"total time of the benchmarks: {time.perf_counter() - started:.0f} s")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
