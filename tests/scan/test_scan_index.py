"""The catalog's id index: built once at load, kept in the compiled content cache, and what the
scan looks ids up in; a scan of a tree without weights files does not import gguf or numpy."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from inprocess import imported

from license_risk.content.catalog import Catalog
from license_risk.content.checkpoints import hub_index
from license_risk.content.compiled import decode, encode
from license_risk.scan import scan_tree

REPO = Path(__file__).resolve().parents[1] / "fixtures" / "scan-repo"


def test_the_index_names_every_hub_alias_and_survives_the_cache(catalog: Catalog):
    assert catalog.hub_ids == hub_index(catalog.models)
    assert catalog.hub_ids["meta-llama/llama-3.1-8b-instruct"] == "llama-3.1-8b-instruct"
    assert all("/" in key and key == key.casefold() for key in catalog.hub_ids)
    aliases = {a.casefold() for m in catalog.models for a in [m.id, *m.aliases] if "/" in a}
    assert set(catalog.hub_ids) == aliases
    compiled = decode(encode(catalog, "k"), "k")
    assert compiled.hub_ids == catalog.hub_ids


def test_the_scan_looks_ids_up_in_the_catalogs_index(tmp_path: Path, catalog: Catalog):
    (tmp_path / "notes.txt").write_text("uses acme/house-model-7b\n")
    assert scan_tree(str(tmp_path), catalog).hits == []
    extended = dataclasses.replace(catalog, hub_ids={**catalog.hub_ids, "acme/house-model-7b": "phi-4"})
    [hit] = scan_tree(str(tmp_path), extended).hits
    assert (hit.line, hit.match.model, hit.match.licenses) == (1, "phi-4", ("mit",))


def test_a_scan_without_weights_files_imports_neither_gguf_nor_numpy(tmp_path: Path):
    modules = imported("scan", str(REPO / "app"), cache=tmp_path / "cache")
    assert "license_risk.scan.tree" in modules
    assert not {"gguf", "numpy", "streamlit", "fpdf"} & modules
