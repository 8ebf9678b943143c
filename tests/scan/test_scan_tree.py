"""`scan_tree`: every way a repository names a model, found on its line; every file it cannot read
listed with its reason; GGUF and safetensors read from their headers only."""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

import gguf
import numpy as np
import pytest

from license_risk.content.catalog import Catalog
from license_risk.scan import scan_tree
from license_risk.scan.headers import BadHeader, read_gguf

REPO = Path(__file__).resolve().parents[1] / "fixtures" / "scan-repo"

# (file:line, text as written, source, catalog id or None for not in the catalog, status)
EXPECTED = [
    (".env:2", "tiiuae/falcon-7b", "config", "falcon-7b", "in_catalog"),
    ("Modelfile:1", "hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M", "modelfile", "llama-3.1-8b-instruct", "in_catalog"),
    ("apache-only/serve.py:3", "mistralai/Mistral-7B-Instruct-v0.3", "python", "mistral-7b-v0.3", "in_catalog"),
    ("app/chat.py:4", "meta-llama/Llama-3.1-8B-Instruct", "python", "llama-3.1-8b-instruct", "in_catalog"),
    ("app/chat.py:5", "mistralai/Mistral-7B-Instruct-v0.3", "python", "mistral-7b-v0.3", "in_catalog"),
    ("app/chat.py:6", "acme-internal/support-bot-7b", "python", None, "not_in_catalog"),
    ("config/models.json:3", "microsoft/phi-4", "config", "phi-4", "in_catalog"),
    ("config/serving.yaml:3", "google/gemma-2-9b-it", "config", "gemma-2-9b", "in_catalog"),
    ("config/train.toml:3", "Qwen/Qwen2.5-72B-Instruct", "config", "qwen2.5-72b", "not_held"),
    ("docker-compose.yml:4", "mistralai/Mistral-7B-Instruct-v0.3", "compose", "mistral-7b-v0.3", "in_catalog"),
    ("docker-compose.yml:8", "deepseek-ai/DeepSeek-R1", "compose", "deepseek-r1", "in_catalog"),
    ("model/README.md:4", "meta-llama/Llama-3.1-8B", "card", "llama-3.1-8b", "in_catalog"),
    ("router/README.md:3", "mistralai/Mistral-7B-Instruct-v0.3", "card", "mistral-7b-v0.3", "in_catalog"),
    ("vendor-model/README.md:5", "google/gemma-2-9b", "card", "gemma-2-9b", "in_catalog"),
    ("weights/adapter.safetensors:0", "microsoft/phi-4", "safetensors", "phi-4", "in_catalog"),
]


def write_gguf(path: Path, metadata: dict[str, str | int], tokens: int = 0) -> None:
    """A real GGUF file written by the gguf package: the metadata, a token list, one small tensor."""
    writer = gguf.GGUFWriter(str(path), arch="llama")
    for key, value in metadata.items():
        if isinstance(value, int):
            writer.add_uint32(key, value)
        else:
            writer.add_string(key, value)
    if tokens:
        writer.add_token_list([f"token{i}" for i in range(tokens)])
        writer.add_token_scores([0.0] * tokens)
    writer.add_tensor("output.weight", np.ones((4, 4), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def test_the_fixture_repository_names_each_model_on_its_line(catalog: Catalog):
    result = scan_tree(str(REPO), catalog)
    found = [(f"{h.path}:{h.line}", h.text, h.source, h.match.model, h.match.status) for h in result.hits]
    assert found == EXPECTED
    assert result.skipped == []
    # A quantized re-upload under another organisation is mapped to the model it was made from, and says so.
    modelfile = next(h for h in result.hits if h.path == "Modelfile")
    assert modelfile.match.how == "re-upload" and modelfile.column == 6
    # A local path given to from_pretrained is not a model id: nothing is reported for line 7.
    assert not any(h.path == "app/chat.py" and h.line == 7 for h in result.hits)


def test_a_catalog_id_named_anywhere_in_a_text_file_is_found(tmp_path: Path, catalog: Catalog):
    (tmp_path / "deploy.sh").write_text(
        "#!/bin/sh\n# serves\nhuggingface-cli download google/gemma-3-4b-it\nollama pull llama3.1:8b\n"
    )
    (tmp_path / "NOTES.txt").write_text("see https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/tree/main and foo/bar\n")
    hits = {(h.path, h.line, h.text, h.match.model) for h in scan_tree(str(tmp_path), catalog).hits}
    assert hits == {
        ("NOTES.txt", 1, "meta-llama/Llama-3.3-70B-Instruct", "llama-3.3-70b-instruct"),
        ("deploy.sh", 3, "google/gemma-3-4b-it", "gemma-3"),
        ("deploy.sh", 4, "llama3.1:8b", "llama-3.1-8b"),
    }


def test_gguf_metadata_names_the_base_model_and_license(tmp_path: Path, catalog: Catalog):
    write_gguf(
        tmp_path / "support-bot.Q4_K_M.gguf",
        {
            "general.name": "Support Bot 7B",
            "general.license": "llama3.1",
            "general.base_model.count": 1,
            "general.base_model.0.name": "Llama 3.1 8B Instruct",
            "general.base_model.0.organization": "Meta Llama",
            "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct",
        },
        tokens=1000,
    )
    result = scan_tree(str(tmp_path), catalog)
    assert result.skipped == []
    assert [(h.path, h.text, h.source, h.match.model, h.detail) for h in result.hits] == [
        (
            "support-bot.Q4_K_M.gguf",
            "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct",
            "gguf",
            "llama-3.1-8b-instruct",
            "general.license: llama3.1",
        )
    ]


def test_a_gguf_model_not_in_the_catalog_is_still_listed(tmp_path: Path, catalog: Catalog):
    write_gguf(tmp_path / "mystery.gguf", {"general.name": "Mystery 3B", "general.license": "other"})
    [hit] = scan_tree(str(tmp_path), catalog).hits
    assert (hit.text, hit.match.status, hit.detail) == ("Mystery 3B", "not_in_catalog", "general.license: other")


def test_gguf_metadata_is_read_without_reading_the_tensors(tmp_path: Path):
    """A 4 GB file (sparse): the header is read from the first block; the file is never read further."""
    path = tmp_path / "big.gguf"
    write_gguf(path, {"general.license": "apache-2.0"}, tokens=50_000)
    header_end = path.stat().st_size
    with open(path, "r+b") as f:
        f.truncate(4 << 30)
    reads: list[tuple[int, int]] = []
    real = os.pread

    def counting(fd: int, n: int, offset: int) -> bytes:
        reads.append((n, offset))
        return real(fd, n, offset)

    fd = os.open(path, os.O_RDONLY)
    try:
        first = os.read(fd, 1 << 16)
        os.pread = counting  # type: ignore[assignment]
        try:
            meta = read_gguf(fd, first, 4 << 30)
        finally:
            os.pread = real  # type: ignore[assignment]
    finally:
        os.close(fd)
    assert meta["general.license"] == "apache-2.0"
    assert sum(n for n, _ in reads) + len(first) <= 2 * header_end  # at most the header, read in doubling blocks


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"GGUF\x03\x00\x00\x00" + struct.pack("<QQ", 1, 2) + struct.pack("<Q", 1 << 40), "a string of 1099511627776 bytes"),
        (
            b"GGUF\x03\x00\x00\x00" + struct.pack("<QQ", 1, 1) + struct.pack("<Q", 3) + b"abc" + struct.pack("<I", 99),
            "unknown value type 99",
        ),
        (b"GGUF\x09\x00\x00\x00" + b"\0" * 16, "GGUF version 9 is not supported"),
        (b"GGUF\x03\x00\x00\x00" + struct.pack("<QQ", 1, 5), "the header runs past the end of the file"),
    ],
)
def test_corrupt_gguf_metadata_is_a_reason_not_a_traceback(tmp_path: Path, catalog: Catalog, content: bytes, reason: str):
    (tmp_path / "broken.gguf").write_bytes(content)
    result = scan_tree(str(tmp_path), catalog)
    assert [(s.path, s.reason) for s in result.skipped] == [("broken.gguf", "corrupt_gguf")]
    assert reason in result.skipped[0].detail
    with pytest.raises(BadHeader):
        fd = os.open(tmp_path / "broken.gguf", os.O_RDONLY)
        try:
            read_gguf(fd, os.read(fd, 1 << 16), len(content))
        finally:
            os.close(fd)


def test_bad_input_is_skipped_with_its_reason(tmp_path: Path, catalog: Catalog):
    shutil.copytree(REPO, tmp_path / "repo")
    repo = tmp_path / "repo"
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR meta-llama/Llama-3.1-8B")
    with open(repo / "huge.bin", "wb") as f:
        f.truncate(20 << 30)  # 20 GB, sparse
    (repo / "secret.py").write_text('from_pretrained("google/gemma-7b")\n')
    (repo / "secret.py").chmod(0)
    (repo / "loop-a").symlink_to("loop-b")
    (repo / "loop-b").symlink_to("loop-a")
    (repo / "app" / "up").symlink_to("..")  # a folder loop: never followed
    (repo / "dangling").symlink_to("nowhere")
    os.mkfifo(repo / "pipe")
    (repo / "weights" / "bad.safetensors").write_bytes(struct.pack("<Q", 1 << 50))
    (repo / "node_modules").mkdir()
    (repo / "node_modules" / "x.js").write_text('model: "google/gemma-7b"')
    (repo / "broken.gguf").write_bytes(b"GGUF\x03\x00\x00\x00" + b"\xff" * 16)

    result = scan_tree(str(repo), catalog)
    skipped = {s.path: s.reason for s in result.skipped}
    root_reads_anything = os.geteuid() == 0
    expected = {
        "app/up": "symlink_dir",
        "broken.gguf": "corrupt_gguf",
        "dangling": "broken_symlink",
        "huge.bin": "too_large",
        "logo.png": "binary",
        "loop-a": "symlink_loop",
        "loop-b": "symlink_loop",
        "node_modules/": "vendored",
        "pipe": "not_regular",
        "weights/bad.safetensors": "corrupt_safetensors",
    }
    if root_reads_anything:
        print("running as root: chmod 000 does not deny reading, so secret.py is read, not skipped")
        assert any(h.path == "secret.py" for h in result.hits)
    else:
        expected["secret.py"] = "unreadable"
    assert skipped == expected
    assert next(s for s in result.skipped if s.path == "huge.bin").detail == "20.0 GB"
    # Everything the fixture names is still found: the bad files cost nothing else.
    assert len([h for h in result.hits if h.path != "secret.py"]) == len(EXPECTED)


def test_a_code_repository_key_is_not_taken_for_a_model(tmp_path: Path, catalog: Catalog):
    (tmp_path / "ci.yaml").write_text("repository: acme/tools\nrepo: acme/site\nhf_repo_id: acme/bot-3b\n")
    assert [(h.line, h.text, h.match.status) for h in scan_tree(str(tmp_path), catalog).hits] == [
        (3, "acme/bot-3b", "not_in_catalog")
    ]
