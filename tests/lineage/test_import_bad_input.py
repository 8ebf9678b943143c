"""Bad input to any reader: a clear message naming the file and the place, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lineage_support import BOMS, CARDS, refuse_network

from license_risk.content.catalog import Catalog
from license_risk.lineage.card import read_card
from license_risk.lineage.cyclonedx import read_cyclonedx
from license_risk.lineage.imported import MAX_IMPORT_BYTES, Imported, ImportRefused
from license_risk.lineage.model import MAX_COMPONENTS
from license_risk.lineage.spdx import read_spdx

Reader = Callable[..., Imported]
READERS: list[Reader] = [read_card, read_cyclonedx, read_spdx]


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_network(monkeypatch)


@pytest.mark.parametrize("reader", READERS)
def test_a_10_mb_file_is_refused_before_it_is_read(catalog: Catalog, reader: Reader) -> None:
    raw = b"---\nlicense: mit\n---\n" + b"x" * (10 * 1024 * 1024)
    with pytest.raises(ImportRefused) as info:
        reader(raw, "huge.bin", catalog)
    assert str(info.value) == "huge.bin: the file is 10.0 MB; the limit for a model card or an AI BOM is 2 MB"
    assert MAX_IMPORT_BYTES == 2 * 1024 * 1024


@pytest.mark.parametrize("reader", READERS)
def test_not_utf8(catalog: Catalog, reader: Reader) -> None:
    with pytest.raises(ImportRefused) as info:
        reader(b"---\nlicense: mit\nname: caf\xe9\n---\n", "latin1.md", catalog)
    assert str(info.value).startswith("latin1.md:3: not UTF-8 text: byte 0xE9")


@pytest.mark.parametrize("reader", READERS)
def test_empty(catalog: Catalog, reader: Reader) -> None:
    with pytest.raises(ImportRefused, match=r"^empty\.md: the file is empty$"):
        reader(b"  \n", "empty.md", catalog)


@pytest.mark.parametrize("reader", [read_cyclonedx, read_spdx])
def test_invalid_json(catalog: Catalog, reader: Reader) -> None:
    with pytest.raises(ImportRefused) as info:
        reader((BOMS / "invalid-json.cdx.json").read_bytes(), "invalid-json.cdx.json", catalog)
    assert str(info.value).startswith("invalid-json.cdx.json:2: not valid JSON:")


@pytest.mark.parametrize("reader", [read_cyclonedx, read_spdx])
def test_json_nested_too_deep(catalog: Catalog, reader: Reader) -> None:
    raw = b"[" * 5000 + b"]" * 5000
    with pytest.raises(ImportRefused, match="nested more than 100 levels deep"):
        reader(raw, "deep.json", catalog)


def test_a_card_with_a_yaml_alias_bomb(catalog: Catalog) -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    with pytest.raises(ImportRefused, match="anchors and aliases"):
        read_card((bomb + "---\n").encode(), "bomb.md", catalog)


def test_a_card_with_more_components_than_a_lineage_holds(catalog: Catalog) -> None:
    datasets = "".join(f"- org/set-{i}\n" for i in range(MAX_COMPONENTS + 50))
    with pytest.raises(ImportRefused) as info:
        read_card(f"---\nlicense: mit\ndatasets:\n{datasets}---\n".encode(), "many.md", catalog)
    assert (
        str(info.value) == f"many.md: the file lists {MAX_COMPONENTS + 51} components; a lineage holds at most {MAX_COMPONENTS}"
    )


def test_odd_unicode_names_become_valid_ids(catalog: Catalog) -> None:
    text = "---\nlicense: mit\nbase_model:\n- 'ünïcode/模型-۱۲۳'\n- '\u202eevil/\u200bzero'\n- '////'\ndatasets: ['🙂/data', '🙂/data']\n---\n# Modèle ☃\n"
    imported = read_card(text.encode(), "odd.md", catalog)
    ids = [c.id for c in imported.lineage.components]
    assert len(set(ids)) == len(ids)
    assert imported.lineage.model_name == "Modèle ☃"
    assert [c.name for c in imported.lineage.components][1:] == [
        "ünïcode/模型-۱۲۳",
        "\u202eevil/\u200bzero",
        "////",
        "🙂/data",
        "🙂/data",
    ]


def test_a_wrong_kind_of_document(catalog: Catalog) -> None:
    with pytest.raises(ImportRefused, match=r"^x\.json:1: \$\.bomFormat: not a CycloneDX BOM"):
        read_cyclonedx(b'{"@graph": []}', "x.json", catalog)
    with pytest.raises(ImportRefused, match=r"^x\.json:1: \$: not an SPDX 3\.0 JSON-LD document"):
        read_spdx(b'{"bomFormat": "CycloneDX"}', "x.json", catalog)
    with pytest.raises(ImportRefused, match=r"this tool reads ML-BOMs of CycloneDX 1\.5 and 1\.6"):
        read_cyclonedx(b'{"bomFormat": "CycloneDX", "specVersion": "1.2"}', "old.json", catalog)
    with pytest.raises(ImportRefused, match="no ai_AIPackage element"):
        read_spdx(b'{"@graph": [{"type": "software_Package", "spdxId": "p"}]}', "pkg.json", catalog)


def test_a_bom_over_the_component_limit(catalog: Catalog) -> None:
    components = [{"type": "data", "name": f"set {i}"} for i in range(MAX_COMPONENTS + 1)]
    doc = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": components}
    with pytest.raises(ImportRefused, match=f"lists {MAX_COMPONENTS + 1} components"):
        read_cyclonedx(json.dumps(doc).encode(), "big.json", catalog)


SEEDS = [
    (CARDS / "peft-lora-adapter.md").read_bytes(),
    (BOMS / "ml-bom.cdx.json").read_bytes(),
    (BOMS / "ai-model.spdx3.json").read_bytes(),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.integers(min_value=0, max_value=4000),
    junk=st.binary(max_size=40) | st.text(max_size=20).map(str.encode),
    reader=st.sampled_from(READERS),
)
def test_mangled_files_never_raise_anything_else(catalog: Catalog, seed: bytes, cut: int, junk: bytes, reader: Reader) -> None:
    raw = seed[:cut] + junk + seed[cut + len(junk) :]
    try:
        imported = reader(raw, "mangled", catalog)
    except ImportRefused as exc:
        assert exc.problems and all(p.file == "mangled" for p in exc.problems)
    else:
        assert all(p.file == "mangled" for p in imported.unmapped)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=8)
    | st.sampled_from(["a", "b", "urn:a", "MIT", "trainedOn", "ancestorOf", "ai_AIPackage"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
SPDX_KEYS = ["type", "spdxId", "name", "from", "to", "relationshipType", "rootElement", "simplelicensing_licenseExpression"]
ELEMENT = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            ["ai_AIPackage", "dataset_DatasetPackage", "Relationship", "SpdxDocument", "simplelicensing_LicenseExpression"]
        )
    },
    optional={k: JSON_VALUES | st.sampled_from(["a", "b", "urn:a"]) for k in SPDX_KEYS[1:]},
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=st.lists(ELEMENT | JSON_VALUES, max_size=8))
def test_spdx_documents_of_any_shape(catalog: Catalog, graph: list[object]) -> None:
    raw = json.dumps({"@graph": [{"type": "ai_AIPackage", "spdxId": "root", "name": "root"}, *graph]}).encode()
    try:
        read_spdx(raw, "shape.json", catalog)
    except ImportRefused as exc:
        assert all(p.file == "shape.json" for p in exc.problems)


CARD_KEYS = [
    "license",
    "license_name",
    "license_link",
    "base_model",
    "base_model_relation",
    "datasets",
    "tags",
    "library_name",
    "model-index",
    "model_name",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meta=st.dictionaries(st.sampled_from(CARD_KEYS), JSON_VALUES, max_size=6))
def test_card_metadata_of_any_shape(catalog: Catalog, meta: dict[str, object]) -> None:
    raw = ("---\n" + json.dumps(meta) + "\n---\n# card\n").encode()  # JSON is YAML
    try:
        read_card(raw, "shape.md", catalog)
    except ImportRefused as exc:
        assert all(p.file == "shape.md" for p in exc.problems)
