"""CycloneDX ML-BOMs and SPDX 3.0 AI documents import to the lineage they describe."""

from __future__ import annotations

import json

import pytest
from lineage_support import BOMS, refuse_network, summary

from license_risk.content.catalog import Catalog
from license_risk.lineage.cyclonedx import read_cyclonedx
from license_risk.lineage.imported import ImportRefused
from license_risk.lineage.spdx import read_spdx


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_network(monkeypatch)


def bom(catalog: Catalog, name: str):
    reader = read_spdx if "spdx" in name else read_cyclonedx
    return reader((BOMS / name).read_bytes(), name, catalog)


def test_cyclonedx_ml_bom(catalog: Catalog) -> None:
    imported = bom(catalog, "ml-bom.cdx.json")
    assert imported.format == "CycloneDX"
    assert imported.lineage.model_name == "acme/assistant-8b 1.2"
    assert summary(imported.lineage) == [
        ("deepseek-ai/DeepSeek-R1", "deepseek-r1", ["mit-deepseek-r1"], "outputs", "distillation", None),
        ("HuggingFaceH4/ultrachat_200k", None, ["mit"], "dataset", "training", None),
        ("acme internal support tickets", None, ["cc-by-4.0", "cc-by-sa-4.0"], "dataset", "training", None),
        ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b-instruct", ["llama-3.1"], "weights", "fine_tune", None),
    ]
    assert imported.answers == {"intake": {"trains_on_outputs": True, "modifies_model": True}}
    where = {p.where: p for p in imported.unmapped}
    assert "type library is not part of a model's lineage" in where["$.components[3].type"].message
    assert where["$.components[3].type"].line == 47
    assert "OR expression" in where["$.components[2].licenses[0].expression"].message
    assert "fine-tune is assumed" in where["$.metadata.component.pedigree.ancestors[0]"].message
    assert all(p.level == "warning" for p in imported.unmapped)


def test_cyclonedx_unknown_license(catalog: Catalog) -> None:
    imported = bom(catalog, "unknown-license.cdx.json")
    own, base = imported.lineage.components
    assert (own.relation, own.licenses) == ("unchanged", [])
    assert own.license_note == "'Frobnicator Model License v7' is not a license this tool holds"
    # The BOM says Zlib: what it states is kept (and flagged), not replaced by the catalog's license.
    assert (base.model, base.licenses) == ("mistral-7b-v0.1", [])
    errors = {(p.line, p.where) for p in imported.unmapped if p.level == "error"}
    assert errors == {(9, "$.metadata.component.licenses[0]"), (13, "$.components[0].licenses[0]")}


def test_cyclonedx_schema_errors_are_refused_with_their_paths(catalog: Catalog) -> None:
    with pytest.raises(ImportRefused) as info:
        bom(catalog, "invalid-schema.cdx.json")
    got = [(p.line, p.where) for p in info.value.problems]
    assert got == [(10, "$.components[1].type"), (11, "$.components[2].licenses[0].license")]
    assert "'colour' was unexpected" in info.value.problems[1].message
    assert "fails the CycloneDX schema" in str(info.value)


def test_cyclonedx_model_card_datasets_and_dependencies_nest(catalog: Catalog) -> None:
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {"component": {"type": "machine-learning-model", "bom-ref": "top", "name": "top-model"}},
        "components": [
            {
                "type": "machine-learning-model",
                "bom-ref": "base",
                "name": "meta-llama/Llama-3.1-8B",
                "modelCard": {"modelParameters": {"datasets": [{"ref": "pile"}]}},
            },
            {"type": "data", "bom-ref": "pile", "name": "the pile", "licenses": [{"license": {"id": "CC-BY-4.0"}}]},
        ],
        "dependencies": [{"ref": "top", "dependsOn": ["base"]}],
    }
    imported = read_cyclonedx(json.dumps(doc).encode(), "nest.cdx.json", catalog)
    ids = {c.name: c.id for c in imported.lineage.components}
    assert summary(imported.lineage) == [
        ("meta-llama/Llama-3.1-8B", "llama-3.1-8b", ["llama-3.1"], "weights", "fine_tune", None),
        ("the pile", None, ["cc-by-4.0"], "dataset", "training", ids["meta-llama/Llama-3.1-8B"]),
    ]
    base = imported.lineage.components[0]
    assert base.license_note and "model catalog's" in base.license_note  # no license in the BOM: the catalog's


def test_cyclonedx_cycle_is_refused(catalog: Catalog) -> None:
    def component(ref: str, into: str) -> dict[str, object]:
        props = [("route", "weights"), ("relation", "fine_tune"), ("id", ref), ("into", into)]
        return {
            "type": "machine-learning-model",
            "bom-ref": ref,
            "name": ref,
            "properties": [{"name": f"license-risk:{k}", "value": v} for k, v in props],
        }

    doc = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [component("a", "b"), component("b", "a")]}
    with pytest.raises(ImportRefused) as info:
        read_cyclonedx(json.dumps(doc).encode(), "cycle.cdx.json", catalog)
    assert str(info.value) == "cycle.cdx.json: the lineage it describes cannot be used: components form a cycle: a -> b -> a"


def test_spdx3_ai_document(catalog: Catalog) -> None:
    imported = bom(catalog, "ai-model.spdx3.json")
    assert imported.format == "SPDX 3"
    assert imported.lineage.model_name == "acme/chat-8b"
    llama = imported.lineage.components[1].id
    assert summary(imported.lineage) == [
        ("acme/chat-8b", None, ["apache-2.0"], "weights", "unchanged", None),
        ("meta-llama/Llama-3.1-8B", "llama-3.1-8b", ["llama-3.1"], "weights", "fine_tune", None),
        ("deepseek-ai/DeepSeek-R1", "deepseek-r1", ["mit-deepseek-r1"], "outputs", "distillation", llama),
        ("HuggingFaceH4/ultrachat_200k", None, ["mit"], "dataset", "training", None),
    ]
    assert imported.answers == {"intake": {"modifies_model": True, "trains_on_outputs": True}}
    where = {p.where: p for p in imported.unmapped}
    assert "test set" in where['$["@graph"][14]'].message  # testedOn: not part of the lineage
    assert where['$["@graph"][14]'].line == 18
    assert "fine-tune is assumed" in where['$["@graph"][11]'].message


def test_spdx3_unknown_license_and_unread_relationship(catalog: Catalog) -> None:
    imported = bom(catalog, "unknown-license.spdx3.json")
    (own,) = imported.lineage.components
    assert own.licenses == [] and own.license_note and "Frobnicator" in own.license_note
    got = {(p.where, p.level) for p in imported.unmapped}
    assert got == {('$["@graph"][2].to[0]', "error"), ('$["@graph"][3]', "warning")}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("cycle.spdx3.json", "components form a cycle: model-a -> model-b -> model-a"),
        ("spdx-2.3.json", "this tool reads SPDX 3.0"),
    ],
)
def test_spdx3_refused(catalog: Catalog, name: str, words: str) -> None:
    with pytest.raises(ImportRefused) as info:
        read_spdx((BOMS / name).read_bytes(), name, catalog)
    assert words in str(info.value)
    assert str(info.value).startswith(name)


def test_spdx3_needs_to_know_the_root(catalog: Catalog) -> None:
    doc = {
        "@graph": [{"type": "ai_AIPackage", "spdxId": "a", "name": "one"}, {"type": "ai_AIPackage", "spdxId": "b", "name": "two"}]
    }
    with pytest.raises(ImportRefused) as info:
        read_spdx(json.dumps(doc).encode(), "two.json", catalog)
    assert "cannot tell which AI package is the model assessed (one, two)" in str(info.value)


def test_cyclonedx_ancestor_of_a_component_nests_under_it(catalog: Catalog) -> None:
    ancestor = {"type": "machine-learning-model", "bom-ref": "anc", "name": "meta-llama/Llama-3.1-8B"}
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {"component": {"type": "machine-learning-model", "bom-ref": "top", "name": "top"}},
        "components": [
            {"type": "machine-learning-model", "bom-ref": "mid", "name": "mid-model", "pedigree": {"ancestors": [ancestor]}}
        ],
        "dependencies": [{"ref": "top", "dependsOn": ["mid"]}],
    }
    imported = read_cyclonedx(json.dumps(doc).encode(), "anc.cdx.json", catalog)
    assert summary(imported.lineage) == [
        ("mid-model", None, [], "weights", "fine_tune", None),
        ("meta-llama/Llama-3.1-8B", "llama-3.1-8b", ["llama-3.1"], "weights", "fine_tune", "mid-model"),
    ]
    assert {p.where for p in imported.unmapped} == {"$.dependencies[0].dependsOn[0]", "$.components[0].pedigree.ancestors[0]"}
