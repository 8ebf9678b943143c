"""Walk a folder and read each file once: text files for names, GGUF and safetensors files for headers.

Never follows a symbolic link to a folder (so no loop and no walk outside the tree); follows one
to a file. Skips version-control and vendored folders. Every file not read is listed with why.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator

from license_risk.content.catalog import Catalog
from license_risk.scan.cards import read_card_lineage
from license_risk.scan.found import CatalogMatch, Hit, ScanResult, Skipped
from license_risk.scan.headers import GGUF_MAGIC, BadHeader, read_gguf, read_safetensors
from license_risk.scan.mapping import HUB_ID, Mapper
from license_risk.scan.text import find_in_text

MAX_TEXT = 2 << 20  # a text file larger than this is not a source or config file: skipped
BINARY_PROBE = 8192  # a NUL byte in the first block: a binary file
SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)  # a FIFO must not block the walk


def scan_tree(root: str, catalog: Catalog) -> ScanResult:
    """Every model named under `root` (a folder or one file), and every file skipped with its reason."""
    result = ScanResult(root)
    mapper = Mapper(catalog)
    if os.path.isfile(root):
        _scan_file(root, os.path.basename(root), os.path.basename(root), result, mapper)
        return result
    for path, rel, name in _files(root, result):
        _scan_file(path, rel, name, result, mapper)
    result.hits.sort(key=lambda h: (h.path, h.line, h.column))
    result.skipped.sort(key=lambda s: s.path)
    return result


def _files(root: str, result: ScanResult) -> Iterator[tuple[str, str, str]]:
    """(path, path relative to root with /, name) of each file, folders in name order, depth first."""
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            result.skipped.append(Skipped(prefix.rstrip("/") or ".", "unreadable", exc.strerror or str(exc)))
            continue
        folders = []
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name in SKIPPED_FOLDERS:
                        result.skipped.append(Skipped(rel + "/", "vendored"))
                    else:
                        folders.append((entry.path, rel + "/"))
                    continue
                if entry.is_symlink():
                    try:
                        target = os.stat(entry.path)
                    except OSError as exc:
                        reason = "symlink_loop" if exc.errno == errno.ELOOP else "broken_symlink"
                        result.skipped.append(Skipped(rel, reason, exc.strerror or ""))
                        continue
                    if stat.S_ISDIR(target.st_mode):
                        result.skipped.append(Skipped(rel, "symlink_dir", os.readlink(entry.path)))
                        continue
            except OSError as exc:
                result.skipped.append(Skipped(rel, "unreadable", exc.strerror or str(exc)))
                continue
            yield entry.path, rel, entry.name
        stack.extend(reversed(folders))


def _scan_file(path: str, rel: str, name: str, result: ScanResult, mapper: Mapper) -> None:
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        reason = "symlink_loop" if exc.errno == errno.ELOOP else "unreadable"
        result.skipped.append(Skipped(rel, reason, exc.strerror or str(exc)))
        return
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            result.skipped.append(Skipped(rel, "not_regular"))
            return
        size = info.st_size
        first = os.read(fd, min(size, MAX_TEXT + 1) if size <= MAX_TEXT else 1 << 16)
        lower = name.lower()
        if first.startswith(GGUF_MAGIC):
            _gguf(fd, first, size, rel, result, mapper)
        elif lower.endswith(".safetensors"):
            _safetensors(fd, first, size, rel, result, mapper)
        elif size > MAX_TEXT:
            result.skipped.append(Skipped(rel, "too_large", _size(size)))
        elif b"\0" in first[:BINARY_PROBE]:
            result.skipped.append(Skipped(rel, "binary"))
        else:
            data = first if len(first) >= size else first + _rest(fd, len(first))
            result.files_read += 1
            hits = find_in_text(rel, name, data, mapper)
            result.hits.extend(hits)
            if any(h.source == "card" for h in hits):  # a model card: the model it describes, as built
                folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
                result.cards[rel] = read_card_lineage(rel, folder, data, mapper.catalog)
    except OSError as exc:
        result.skipped.append(Skipped(rel, "unreadable", exc.strerror or str(exc)))
    finally:
        os.close(fd)


def _rest(fd: int, have: int) -> bytes:
    """The rest of a file that grew or was read short, up to the text limit."""
    chunks = []
    while have <= MAX_TEXT and (chunk := os.read(fd, MAX_TEXT + 1 - have)):
        chunks.append(chunk)
        have += len(chunk)
    return b"".join(chunks)


def _gguf(fd: int, first: bytes, size: int, rel: str, result: ScanResult, mapper: Mapper) -> None:
    try:
        meta = read_gguf(fd, first, size)
    except BadHeader as exc:
        result.skipped.append(Skipped(rel, "corrupt_gguf", str(exc)))
        return
    result.files_read += 1
    license_text = _text(meta.get("general.license"))
    detail = f"general.license: {license_text}" if license_text else None
    names = []
    for i in range(_count(meta.get("general.base_model.count"))):
        base = f"general.base_model.{i}."
        url, org, base_name = (_text(meta.get(base + k)) for k in ("repo_url", "organization", "name"))
        names.append(url or (f"{org}/{base_name}" if org and base_name else base_name))
    own_url = _text(meta.get("general.repo_url") or meta.get("general.source.huggingface.repository"))
    own_name = _text(meta.get("general.name") or meta.get("general.basename"))
    for found in [own_url or own_name, *names]:
        if not found:
            continue
        match = mapper.named(found)
        if match is not None:
            result.hits.append(Hit(rel, 0, 0, found, "gguf", match, detail))
    if not any(h.path == rel for h in result.hits) and (own_name or license_text):
        # A model file whose name the catalog lacks: still a model the repository ships.
        result.hits.append(Hit(rel, 0, 0, own_name or rel, "gguf", CatalogMatch("not_in_catalog"), detail))


def _safetensors(fd: int, first: bytes, size: int, rel: str, result: ScanResult, mapper: Mapper) -> None:
    try:
        meta = read_safetensors(fd, first, size)
    except BadHeader as exc:
        result.skipped.append(Skipped(rel, "corrupt_safetensors", str(exc)))
        return
    result.files_read += 1
    for key, value in meta.items():
        text = _text(value)
        if text and HUB_ID.match(text.strip()):
            match = mapper.named(text.strip())
            if match is not None:
                result.hits.append(Hit(rel, 0, 0, text.strip(), "safetensors", match, f"__metadata__.{_text(key)}"))


def _text(value: object) -> str:
    return " ".join(value.split())[:300] if isinstance(value, str) else ""


def _count(value: object) -> int:
    return min(value, 64) if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _size(n: int) -> str:
    return f"{n / (1 << 30):.1f} GB" if n >= 1 << 30 else f"{n / (1 << 20):.1f} MB"
