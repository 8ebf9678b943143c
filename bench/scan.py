"""Benchmarks: `scan PATH` over a large repository, and over large GGUF files.

    python -m bench.scan

Targets (issue #18, "Compliance as code"), each against a baseline measured in the same run,
interleaved, medians of several rounds:
 11. a generated repository of 20,000 text files (Python, YAML, JSON, Markdown, text in 200
     folders) with 200 model references: the scan (warm content cache: the catalog read, the tree
     walked, every file read once, the hits mapped, the text report made), in this process so
     without the interpreter's start, takes at most 3x `git grep --no-index -F -f ids.txt` over the
     same tree (ids.txt: every Hugging Face id the catalog names);
 12. ten GGUF files of 1 GB each (sparse: a real header written by the gguf package, with a
     32,000-token vocabulary as Llama 2 and Mistral have, then holes): reading their metadata with
     the scan (`scan_tree` of their folder, the catalog already loaded) costs at most 2x
     `head -c 1048576` of each file (one process per file).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.__main__ import report

FILES = 20_000
FOLDERS = 200
REFERENCES = 200
GGUF_FILES = 10
GGUF_SIZE = 1 << 30
VOCABULARY = 32_000
ROUNDS = 5

_PY = '''import os

from mylib import helpers


def handler_{i}(request):
    """Handle request {i}: parse, validate and answer."""
    data = helpers.parse(request.body)
    if not data.get("id"):
        raise ValueError("missing id in /api/v1/items/{i}")
    path = os.path.join("data", "cache", str(data["id"]))
    return helpers.respond(path, status=200)
'''
_YAML = "service: svc-{i}\nreplicas: 2\nimage: registry.example.com/team/svc-{i}:1.{i}\nlimits:\n  cpu: 500m\n  memory: 1Gi\n"
_JSON = '{{\n  "name": "pkg-{i}",\n  "version": "1.0.{i}",\n  "scripts": {{"build": "tsc -p src/tsconfig.json"}}\n}}\n'
_MD = "# Notes {i}\n\nSee docs/guide/setup.md and https://example.com/a/b for the details of step {i}.\n\n- one\n- two\n"
_TXT = "line one of file {i}\nsee src/module/file_{i}.py for more\n"
_TEMPLATES = (("py", _PY), ("yaml", _YAML), ("json", _JSON), ("md", _MD), ("txt", _TXT))
_REFERENCE = {
    "py": 'model = AutoModelForCausalLM.from_pretrained("{id}")\n',
    "yaml": "model_name: {id}\n",
    "json": '{{"base_model": "{id}"}}\n',
    "md": "We fine-tune [{id}](https://huggingface.co/{id}).\n",
    "txt": "download {id}\n",
}


def write_repository(root: Path, hub_ids: list[str]) -> None:
    """FILES text files in FOLDERS folders; REFERENCES of them name one catalog model each."""
    rng = random.Random(18)
    referencing = set(rng.sample(range(FILES), REFERENCES))
    for i in range(FILES):
        folder = root / f"pkg{i % FOLDERS:03d}"
        if i < FOLDERS:
            folder.mkdir(parents=True)
        ext, template = _TEMPLATES[i % len(_TEMPLATES)]
        text = template.format(i=i)
        if i in referencing:
            text += _REFERENCE[ext].format(id=rng.choice(hub_ids))
        (folder / f"file{i}.{ext}").write_text(text)


def write_gguf_files(folder: Path) -> list[Path]:
    import gguf
    import numpy as np

    paths = []
    for n in range(GGUF_FILES):
        path = folder / f"model-{n}.Q4_K_M.gguf"
        writer = gguf.GGUFWriter(str(path), arch="llama")
        writer.add_name(f"Support Bot {n}")
        writer.add_license("llama3.1")
        writer.add_base_model_count(1)
        writer.add_base_model_name(0, "Llama 3.1 8B Instruct")
        writer.add_base_model_repo_url(0, "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct")
        writer.add_context_length(8192)
        writer.add_token_list([f"tok{i}" for i in range(VOCABULARY)])
        writer.add_token_scores([0.0] * VOCABULARY)
        writer.add_token_types([1] * VOCABULARY)
        writer.add_tensor("output.weight", np.zeros((8, 8), dtype=np.float32))
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        with open(path, "r+b") as f:
            f.truncate(GGUF_SIZE)  # the weights: a hole, as big as a small quantized model
        paths.append(path)
    return paths


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _interleaved(a: Callable[[], object], b: Callable[[], object]) -> tuple[float, float]:
    a(), b()  # warm: the files in the page cache, the cache entry read once
    ta, tb = [], []
    for _ in range(ROUNDS):
        ta.append(_timed(a))
        tb.append(_timed(b))
    return statistics.median(ta), statistics.median(tb)


def bench_scan() -> bool:
    from license_risk.content.compiled import cached_catalog
    from license_risk.scan import scan_tree
    from license_risk.scan.report import scan_text
    from license_risk.scan.verdicts import group

    cache = tempfile.mkdtemp(prefix="license-risk-bench-cache-")
    os.environ["LICENSE_RISK_CACHE_DIR"] = cache  # never the user's cache
    tmp = Path(tempfile.mkdtemp(prefix="license-risk-bench-scan-"))
    try:
        catalog = cached_catalog()
        hub_ids = sorted({alias for m in catalog.models for alias in m.aliases if "/" in alias})
        repo = tmp / "repo"
        write_repository(repo, hub_ids)
        ids = tmp / "ids.txt"
        ids.write_text("\n".join(hub_ids) + "\n")
        found: list[int] = []

        def scan(root: Path) -> Callable[[], object]:
            def run() -> None:
                result = scan_tree(str(root), cached_catalog())
                scan_text(result, group(result), "en")
                found.append(len(result.hits))

            return run

        def git_grep() -> None:
            subprocess.run(["git", "grep", "--no-index", "-F", "-f", str(ids)], cwd=repo, stdout=subprocess.DEVNULL, check=False)

        t_scan, t_grep = _interleaved(scan(repo), git_grep)
        ok = report(
            f"11. scan of {FILES:,} text files, {REFERENCES} references",
            t_scan,
            t_grep,
            "git grep --no-index -F -f ids.txt",
            t_scan <= 3 * t_grep,
            "<= 3x",
        )
        print(f"   (hits found: {found[-1]}; a reference names one id, a Markdown link names it twice)")

        weights = tmp / "weights"
        weights.mkdir()
        paths = write_gguf_files(weights)
        found.clear()

        def heads() -> None:
            for path in paths:
                subprocess.run(["head", "-c", "1048576", str(path)], stdout=subprocess.DEVNULL, check=True)

        def read_metadata() -> None:  # the catalog in hand: what is measured is reading the ten headers
            found.append(len(scan_tree(str(weights), catalog).hits))

        t_meta, t_head = _interleaved(read_metadata, heads)
        ok &= report(
            f"12. GGUF metadata of {GGUF_FILES} files of 1 GB (sparse)",
            t_meta,
            t_head,
            "head -c 1048576, each file",
            t_meta <= 2 * t_head,
            "<= 2x",
        )
        print(f"   (hits found: {found[-1]}; header of each file: {_header_size(paths[0]) >> 10} KB)")
        return ok
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)


def _header_size(path: Path) -> int:
    """Where the file's data stops being written (the rest is a hole)."""
    with open(path, "rb") as f:
        return f.seek(0, os.SEEK_DATA) + os.lseek(f.fileno(), 0, os.SEEK_HOLE) if hasattr(os, "SEEK_HOLE") else 0


if __name__ == "__main__":
    sys.exit(0 if bench_scan() else 1)
