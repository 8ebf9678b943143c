"""Find the models a text file names: by its kind of file (Python calls, config keys, Modelfile FROM,
docker-compose arguments, a model card's base_model) and, in any text file, the catalog's own ids.

Works on bytes (a file is read once, never decoded whole); each pattern runs only on files of its
kind, and only when a cheap `in` test says the file can hold it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from license_risk.scan.found import CatalogMatch, Hit, Source
from license_risk.scan.mapping import Mapper

# A hub id anywhere (also as a huggingface.co / hf.co address): not after a word character, '.', '/',
# '@' or '-' (a path's middle, an e-mail address), so that the id starts where it is written.
ANY_ID = re.compile(
    rb"(?<![\w./@-])(?:(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/)?([A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95})"
)
# Python: the first argument of the hub's loaders, and the keyword arguments that name a model.
PY_CALL = re.compile(
    rb"\b(?:from_pretrained|hf_hub_download|snapshot_download)\s*\(\s*(?:\w+\s*=\s*)?[rRuU]?[\"']([^\"'\n]{1,200})[\"']"
)
PY_KEYWORD = re.compile(
    rb"(?i)\b(?:model|repo_id|model_id|model_name|model_name_or_path|pretrained_model_name_or_path|base_model)"
    rb"\s*=\s*[rRuU]?[\"']([^\"'\n]{1,200})[\"']"
)
# Config files (YAML, JSON, TOML, .env, INI): a key naming a model (or a hub repository: repo_id, hf_repo)
# and its value; not any `repo` or `repository` key, which names a code repository as often.
CONFIG_KEY = re.compile(
    rb"(?i)(?<![\w.-])[\"']?(?:[\w.-]*model[\w.-]*|[\w.-]*repo_id|hf_repo[\w.-]*|hub_repo[\w.-]*)[\"']?"
    rb"[ \t]*[:=][ \t]*[\"']?([^\"'\s,#}\]\[{]{2,200})"
)
# Command lines in compose files, scripts, Dockerfiles: --model X, "--model", "X", ollama pull/run X.
MODEL_ARG = re.compile(rb"--model(?:[= \t]+|[\"'][ \t]*,[ \t]*)[\"']?([^\s\"',\]]{2,200})")
OLLAMA_ARG = re.compile(rb"\bollama[ \t]+(?:pull|run)[ \t]+([^\s\"'&;|]{2,200})")
MODELFILE_FROM = re.compile(rb"(?im)^[ \t]*FROM[ \t]+(\S{2,300})")
CARD_KEY = re.compile(rb"^([\w-]+)[ \t]*:[ \t]*(.*?)[ \t]*$")
CARD_ITEM = re.compile(rb"^[ \t]+-[ \t]+[\"']?([^\"'\s]+)")

CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".ini", ".cfg", ".conf", ".env")
PYTHON_SUFFIXES = (".py", ".ipynb")


def kind_of(name: str) -> Source:
    """The kind of a text file, from its name (a model card is told by its front matter, later)."""
    lower = name.lower()
    if lower.endswith(PYTHON_SUFFIXES):
        return "python"
    if lower == "modelfile" or lower.startswith("modelfile.") or lower.endswith(".modelfile"):
        return "modelfile"
    if (lower.startswith(("docker-compose", "compose")) and lower.endswith((".yml", ".yaml"))) or lower.endswith(
        (".compose.yml", ".compose.yaml")
    ):
        return "compose"
    if lower.endswith(CONFIG_SUFFIXES) or lower.startswith(".env"):
        return "config"
    if lower.endswith(".md"):
        return "card"
    return "text"


@dataclass(frozen=True)
class _Found:
    start: int  # byte offset of the value
    text: bytes
    source: Source
    match: CatalogMatch


def find_in_text(path: str, name: str, data: bytes, mapper: Mapper) -> list[Hit]:
    """Every model `data` (a text file's bytes) names, with line and column, in file order."""
    kind = kind_of(name)
    found: dict[int, _Found] = {}
    for start, value, source in _named(kind, data):
        match = mapper.named(value.decode("utf-8", "replace"))
        if match is not None and start not in found:
            found[start] = _Found(start, value, source, match)
    named = [(f.start, f.start + len(f.text)) for f in found.values()]
    if b"/" in data:
        for m in ANY_ID.finditer(data):
            start = m.start(1)
            if any(a <= start < b for a, b in named):  # inside a value already read where a model is expected
                continue
            token = m.group(1).rstrip(b".-")
            match = mapper.known(token.decode("ascii", "replace"))
            if match is not None:
                found[start] = _Found(start, token, "text", match)
    if not found:
        return []
    lines = _Lines(data)
    hits = []
    for f in sorted(found.values(), key=lambda f: f.start):
        line, column = lines.at(f.start)
        hits.append(Hit(path, line, column, f.text.decode("utf-8", "replace"), f.source, f.match))
    return hits


def _named(kind: Source, data: bytes) -> Iterator[tuple[int, bytes, Source]]:
    """(offset, value, source) of each value in a place where a model is expected."""
    if kind == "python":
        if b"pretrained" in data or b"download" in data:
            for m in PY_CALL.finditer(data):
                yield m.start(1), m.group(1), "python"
        for m in PY_KEYWORD.finditer(data):
            yield m.start(1), m.group(1), "python"
    elif kind in ("config", "compose"):
        for m in CONFIG_KEY.finditer(data):
            yield m.start(1), m.group(1), kind
    elif kind == "modelfile":
        for m in MODELFILE_FROM.finditer(data):
            yield m.start(1), m.group(1), "modelfile"
    elif kind == "card" and data.startswith((b"---\n", b"---\r\n")):
        yield from _card(data)
    if b"--model" in data:
        for m in MODEL_ARG.finditer(data):
            yield m.start(1), m.group(1), "compose" if kind == "compose" else kind if kind != "card" else "text"
    if b"ollama" in data:
        for m in OLLAMA_ARG.finditer(data):
            yield m.start(1), m.group(1), "compose" if kind == "compose" else "text"


def _card(data: bytes) -> Iterator[tuple[int, bytes, Source]]:
    """A model card's `base_model` in its YAML front matter: one value, or a list of them."""
    end = data.find(b"\n---", 3)
    if end < 0:
        return
    offset = data.index(b"\n") + 1
    in_base = False
    for raw in data[offset:end].split(b"\n"):
        line = raw.rstrip(b"\r")
        key = CARD_KEY.match(line)
        if key is not None:
            in_base = key.group(1) == b"base_model"
            value = key.group(2).strip(b"\"'")
            if in_base and value and not value.startswith(b"["):
                yield offset + line.index(value), value, "card"
            elif in_base and value.startswith(b"["):
                for item in re.finditer(rb"[^\[\],\s\"']+", value):
                    yield offset + line.index(value) + item.start(), item.group(0), "card"
        elif in_base:
            item = CARD_ITEM.match(line)
            if item is not None:
                yield offset + item.start(1), item.group(1), "card"
        offset += len(raw) + 1


class _Lines:
    """Line and column (from 1, in characters) of byte offsets in one file."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        column = len(self.data[self.starts[index] : offset].decode("utf-8", "replace")) + 1
        return index + 1, column
