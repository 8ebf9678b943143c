"""The CycloneDX export: valid 1.6, deterministic, with the conclusions, and read back to the same lineage."""

from __future__ import annotations

import datetime as dt
import json
from uuid import UUID

import pytest
from lineage_support import CARDS, refuse_network

from license_risk.bom import build_bom
from license_risk.bom.export import license_entry
from license_risk.content.catalog import Catalog
from license_risk.lineage.card import read_card
from license_risk.lineage.cyclonedx import read_cyclonedx
from license_risk.lineage.model import Component, Lineage
from scoring.rating import assess

SERIAL = UUID("3e671687-395b-41f5-a30f-a58921a69b79")
WHEN = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)

SAMPLE = Lineage(
    model_name="Sample Assistant",
    components=[
        Component(
            id="base",
            name="Llama-3.1-8B-Instruct",
            model="llama-3.1-8b-instruct",
            licenses=["llama-3.1"],
            route="weights",
            relation="fine_tune",
        ),
        Component(
            id="teacher",
            name="DeepSeek-R1",
            model="deepseek-r1",
            licenses=["mit-deepseek-r1"],
            route="outputs",
            relation="distillation",
            into="base",
        ),
        Component(
            id="corpus",
            name="Support tickets",
            licenses=["cc-by-sa-4.0", "cc-by-4.0"],
            route="dataset",
            relation="fine_tuning",
            license_note="two licenses, both apply",
        ),
        Component(
            id="trainer",
            name="trainer scripts",
            licenses=["apache-2.0"],
            route="code",
            relation="training_code",
            source="typed in",
        ),
        Component(id="unknown", name="some/other-model", route="weights", relation="merge", license_note="not identified"),
    ],
)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_network(monkeypatch)


def comparable(lineage: Lineage) -> dict[str, tuple[object, ...]]:
    return {c.id: (c.name, c.model, sorted(c.licenses), c.license_note, c.route, c.relation, c.into) for c in lineage.components}


def test_the_export_reads_back_to_the_same_components_and_licenses(catalog: Catalog) -> None:
    text = build_bom(catalog, SAMPLE, serial_number=SERIAL, timestamp=WHEN)
    back = read_cyclonedx(text.encode(), "export.cdx.json", catalog)
    assert back.lineage.model_name == SAMPLE.model_name
    assert comparable(back.lineage) == comparable(SAMPLE)
    assert back.unmapped == ()
    assert next(c for c in back.lineage.components if c.id == "trainer").source == "typed in"


@pytest.mark.parametrize(
    "name", ["deepseek-r1-distill-llama-8b.md", "peft-lora-adapter.md", "mergekit-slerp.md", "gguf-quantization.md"]
)
def test_an_imported_card_round_trips(catalog: Catalog, name: str) -> None:
    card = read_card((CARDS / name).read_bytes(), name, catalog)
    text = build_bom(
        catalog, card.lineage, assess(catalog, card.lineage.licenses, card.answers), serial_number=SERIAL, timestamp=WHEN
    )
    back = read_cyclonedx(text.encode(), "export.cdx.json", catalog)
    assert comparable(back.lineage) == comparable(card.lineage)
    assert back.answers == card.answers


def test_deterministic_for_a_fixed_serial_and_time(catalog: Catalog) -> None:
    assessment = assess(catalog, SAMPLE.licenses, {})
    first = build_bom(catalog, SAMPLE, assessment, serial_number=SERIAL, timestamp=WHEN)
    assert first == build_bom(catalog, SAMPLE, assessment, serial_number=SERIAL, timestamp=WHEN)
    other = build_bom(catalog, SAMPLE, assessment, serial_number=UUID(int=7), timestamp=WHEN)
    assert other != first and other.replace("00000000-0000-0000-0000-000000000007", str(SERIAL)) == first


def test_the_structure(catalog: Catalog) -> None:
    data = json.loads(build_bom(catalog, SAMPLE, serial_number=SERIAL, timestamp=WHEN))
    assert (data["bomFormat"], data["specVersion"], data["serialNumber"]) == ("CycloneDX", "1.6", f"urn:uuid:{SERIAL}")
    assert data["metadata"]["timestamp"] == "2026-03-01T12:00:00+00:00"
    model = data["metadata"]["component"]
    assert (model["type"], model["name"], model["bom-ref"]) == ("machine-learning-model", "Sample Assistant", "assessed-model")
    types = {c["bom-ref"]: c["type"] for c in data["components"]}
    assert types == {
        "lineage:base": "machine-learning-model",
        "lineage:teacher": "machine-learning-model",
        "lineage:corpus": "data",
        "lineage:trainer": "application",
        "lineage:unknown": "machine-learning-model",
    }
    graph = {d["ref"]: sorted(d.get("dependsOn", [])) for d in data["dependencies"]}
    assert graph["assessed-model"] == ["lineage:base", "lineage:corpus", "lineage:trainer", "lineage:unknown"]
    assert graph["lineage:base"] == ["lineage:teacher"]  # the teacher's outputs built the base
    corpus = next(c for c in data["components"] if c["bom-ref"] == "lineage:corpus")
    assert sorted(entry["license"]["id"] for entry in corpus["licenses"]) == ["CC-BY-4.0", "CC-BY-SA-4.0"]


def test_licenses_without_an_spdx_id_are_license_refs(catalog: Catalog) -> None:
    with_spdx = license_entry(catalog, "apache-2.0")
    assert (with_spdx.id, with_spdx.name) == ("Apache-2.0", None)
    llama = license_entry(catalog, "llama-3.1")
    assert llama.id is None and llama.name is not None and llama.name.startswith("LicenseRef-")
    for profile in catalog.license_ids:  # every license the tool holds can be written, and is tagged with its id
        entry = license_entry(catalog, profile)
        assert [(p.name, p.value) for p in entry.properties] == [("license-risk:license", profile)]


def test_conclusions_are_properties_of_the_assessed_model(catalog: Catalog) -> None:
    lineage = Lineage(model_name="M", components=[SAMPLE.components[0]])
    answers = {"intake": {"modifies_model": True, "distributes_model": True}}
    assessment = assess(catalog, ["llama-3.1"], answers)
    result = assessment.result("llama-3.1")
    assert result.findings, "the answers should fire findings, or this test checks nothing"
    data = json.loads(build_bom(catalog, lineage, assessment, serial_number=SERIAL, timestamp=WHEN))
    props = {p["name"]: p["value"] for p in data["metadata"]["component"]["properties"]}
    assert props["license-risk:rating:llama-3.1"] == result.rating.name
    for f in result.findings:
        assert props[f"license-risk:finding:llama-3.1:{f.finding.id}"] == f.severity.name
    assert len(props) == 1 + len(result.findings)
