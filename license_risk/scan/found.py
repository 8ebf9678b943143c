"""What a scan finds: each place a model is named (a hit), each file it could not read (skipped)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from license_risk.scan.cards import Card

# Where a hit was read: a Python call, a key in a config file, an Ollama Modelfile's FROM, a
# docker-compose file, a model card's front matter, GGUF metadata, a safetensors header, or a
# catalog id named anywhere else in a text file.
Source = Literal["python", "config", "modelfile", "compose", "card", "gguf", "safetensors", "text"]
# in_catalog: a catalog model whose license this tool holds; not_held: a catalog model whose
# license text is not held (it cannot be assessed here); not_in_catalog: an id the catalog lacks.
Status = Literal["in_catalog", "not_held", "not_in_catalog"]


@dataclass(frozen=True)
class CatalogMatch:
    """How a named model maps to the catalog."""

    status: Status
    model: str | None = None  # the catalog id
    name: str | None = None  # the catalog's name for it
    licenses: tuple[str, ...] = ()  # the license profiles to assess, the governing one first
    how: str = "exact"  # exact, variant, re-upload (a quantized copy of the entry), contains
    not_held: str | None = None  # the governing license when its text is not held


@dataclass(frozen=True)
class Hit:
    """One place in the tree that names a model. `line` and `column` count from 1 (0: a binary header)."""

    path: str  # relative to the scanned folder, with /
    line: int
    column: int
    text: str  # the id or name as written
    source: Source
    match: CatalogMatch
    detail: str | None = None  # e.g. the GGUF's general.license


@dataclass(frozen=True)
class Skipped:
    """A file or folder the scan did not read, and why: `reason` is a key (report.SKIP_REASONS words it per language)."""

    path: str
    reason: str  # binary, too_large, unreadable, symlink_loop, broken_symlink, symlink_dir, not_regular, corrupt_gguf, ...
    detail: str = ""  # what the system or the header reader said (English), or the size


@dataclass
class ScanResult:
    root: str
    hits: list[Hit] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files_read: int = 0
    cards: dict[str, Card] = field(default_factory=dict)  # path -> the model card there, read into a lineage
