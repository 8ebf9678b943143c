"""The compiled catalog (license_risk.content.compiled): what is read back equals what was loaded."""

from __future__ import annotations

import copy
import datetime as dt
import gc
import pickle
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI

from license_risk.content import compiled
from license_risk.content.catalog import Catalog
from license_risk.content.load import load_catalog
from license_risk.shipped import ROOT

ATOMS = (str, int, float, bool, bytes, type(None), type, dt.date)  # immutable: a copy is as good


def _reachable(root: Any) -> dict[int, Any]:
    """Every object reachable from root, by id, leaving out immutable atoms (shared freely)."""
    seen: dict[int, Any] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, ATOMS) or id(obj) in seen or (type(obj).__module__ in ("builtins",) and callable(obj)):
            continue
        if isinstance(obj, type) or type(obj).__name__ in ("module", "function", "builtin_function_or_method"):
            continue
        seen[id(obj)] = obj
        stack.extend(gc.get_referents(obj))
    return seen


def _scenarios(catalog: Catalog) -> dict[str, list[tuple[Any, ...]]]:
    return {t: [(sf, doc.name, doc.text, doc.data) for sf, doc in files] for t, files in catalog.scenarios.items()}


@pytest.fixture(params=[MINI, ROOT], ids=["mini", "shipped"])
def fresh(request: pytest.FixtureRequest) -> Catalog:
    return load_catalog(request.param)


def test_read_back_equals_the_loaded_catalog(fresh: Catalog) -> None:
    key = "k" * 64
    back = compiled.decode(compiled.encode(fresh, key), key)
    assert isinstance(back, Catalog)
    assert "documents" not in back.__dict__  # not read yet
    for name in ("root", "profiles", "trees", "texts", "warnings", "models", "background", "rubric", "mof"):
        assert getattr(back, name) == getattr(fresh, name), name
    assert back.documents.keys() == fresh.documents.keys()
    for name, doc in fresh.documents.items():
        other = back.documents[name]
        assert (type(other), other.name, other.text, other.data) == (type(doc), doc.name, doc.text, doc.data)
        assert other.line_of(("id",)) == doc.line_of(("id",))
    assert _scenarios(back) == _scenarios(fresh)  # documents compare by content: their node caches differ
    assert all(doc is back.documents[doc.name] for files in back.scenarios.values() for _, doc in files)
    assert back.license_ids == fresh.license_ids


def test_the_sections_share_no_object(fresh: Catalog) -> None:
    """Pickled apart, an object reachable from two sections would come back as two copies."""
    state = {k: v for k, v in fresh.__dict__.items() if k not in compiled.DEFERRED}
    sections = [_reachable(state), *(_reachable(tuple(getattr(fresh, n) for n in group)) for group in compiled.GROUPS)]
    for i, one in enumerate(sections):
        for other in sections[i + 1 :]:
            shared = [type(one[k]).__name__ for k in one.keys() & other.keys()]
            # enum members and other singletons are pickled by reference and come back as themselves
            assert not [name for name in shared if name not in ("Severity", "State", "frozenset", "tuple")], shared


def test_each_deferred_group_is_read_when_first_used() -> None:
    key = "k" * 64
    back = compiled.decode(compiled.encode(load_catalog(ROOT), key), key)
    assert not {"translations", "documents", "scenarios"} & back.__dict__.keys()
    assert back.translations["ja"]  # the translations alone
    assert "translations" in back.__dict__ and not {"documents", "scenarios"} & back.__dict__.keys()
    assert back.scenarios and "documents" in back.__dict__


def test_a_document_leaves_its_node_cache_behind() -> None:
    catalog = load_catalog(MINI)
    doc = catalog.documents["questionnaires/demo.yaml"]
    line = doc.line_of(("questions", 0, "id"))
    assert doc._composed and doc._keys
    key = "k" * 64
    back = compiled.decode(compiled.encode(catalog, key), key)
    copy_ = back.documents["questionnaires/demo.yaml"]
    assert copy_._root is None and not copy_._composed and copy_._keys == {}
    assert copy_.line_of(("questions", 0, "id")) == line


def test_a_compiled_catalog_copies_and_pickles_whole() -> None:
    catalog = load_catalog(MINI)
    key = "k" * 64
    back = compiled.decode(compiled.encode(catalog, key), key)
    clone = pickle.loads(pickle.dumps(back))
    assert clone.documents.keys() == catalog.documents.keys() and clone.trees == catalog.trees
    assert _scenarios(copy.deepcopy(compiled.decode(compiled.encode(catalog, key), key))) == _scenarios(catalog)


def test_an_entry_for_another_key_is_refused() -> None:
    catalog = load_catalog(MINI)
    blob = compiled.encode(catalog, "a" * 64)
    with pytest.raises(compiled.Unusable):
        compiled.decode(blob, "b" * 64)


def test_cached_catalog_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICENSE_RISK_CACHE_DIR", str(tmp_path))
    first = compiled.cached_catalog(MINI)
    second = compiled.cached_catalog(MINI)
    assert type(first) is Catalog and isinstance(second, compiled.CompiledCatalog)
    assert second.trees == first.trees and second.root == MINI.resolve()
    assert len(list((tmp_path / "catalog").glob("*" + compiled.SUFFIX))) == 1  # beside it, the remembered key
