"""Read a lineage from a file on disk, whatever it is: a model card, a CycloneDX ML-BOM or an SPDX 3 document.

    imported = read_lineage_file(path, catalog, kind="card" | "bom")

A BOM is told apart by its content (CycloneDX's `bomFormat`, SPDX's `@context`/`@graph`), so users
need not say which. Too big, unreadable or unknown files raise an `InputError` naming the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from license_risk.content.catalog import Catalog
from license_risk.content.problems import InputError, Problem
from license_risk.content.yamlsource import read_bytes
from license_risk.i18n import N_
from license_risk.lineage.card import read_card
from license_risk.lineage.cyclonedx import read_cyclonedx
from license_risk.lineage.imported import MAX_IMPORT_BYTES, Imported
from license_risk.lineage.spdx import read_spdx


def bom_format(raw: bytes) -> Literal["CycloneDX", "SPDX 3"] | None:
    """Which BOM a JSON file is, from its top-level keys; None if neither (or not JSON)."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    if data.get("bomFormat") == "CycloneDX":
        return "CycloneDX"
    context = json.dumps(data.get("@context", ""))
    if "@graph" in data or "spdxVersion" in data or "spdx" in context.casefold():  # SPDX 2: its reader says why not
        return "SPDX 3"
    return None


def read_lineage(raw: bytes, name: str, catalog: Catalog, kind: Literal["card", "bom"]) -> Imported:
    if kind == "card":
        return read_card(raw, name, catalog)
    found = bom_format(raw)
    if found == "CycloneDX":
        return read_cyclonedx(raw, name, catalog)
    if found == "SPDX 3":
        return read_spdx(raw, name, catalog)
    # Let the CycloneDX reader say what is wrong with the JSON (its line), or that it is no BOM.
    if raw.lstrip()[:1] in (b"{", b"["):
        return read_cyclonedx(raw, name, catalog)
    raise InputError(Problem(name, None, "", "not a CycloneDX ML-BOM or an SPDX 3 document (JSON expected)"))


def read_lineage_file(path: Path, catalog: Catalog, kind: Literal["card", "bom"]) -> Imported:
    raw = read_bytes(path, str(path), MAX_IMPORT_BYTES, what=N_("model cards and AI BOMs"))
    return read_lineage(raw, str(path), catalog, kind)
