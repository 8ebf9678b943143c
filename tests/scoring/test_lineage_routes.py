"""Assessing a model as it was built: route facts per license, answers format 2, version 1 files mapped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from license_risk.lineage.model import Component, Lineage
from license_risk.memo.report import because_text
from scoring.answers import FORMAT, dump_answers, parse_answers
from scoring.rating import assess

ROOT = Path(__file__).resolve().parents[2]
INTAKE = {
    "distributes_model": True,
    "hosted_service": True,
    "derived_model_shared": True,
    "derived_model_name": "Acme Student",
}
STUDENT = Lineage(
    model_name="Acme Student",
    components=[
        Component(id="base", name="Qwen2.5-7B", licenses=["apache-2.0"], route="weights", relation="fine_tune"),
        Component(
            id="teacher", name="Llama-3.1-70B", licenses=["llama-3.1"], route="outputs", relation="distillation", into="base"
        ),
    ],
)


# The naming duty is one finding: the duty while the name begins with "Llama", the breach once it does not.
NAMED_LLAMA = {"derived_name_starts_llama": True}


def fired(assessment, license_id):
    return {f.finding.id for f in assessment.result(license_id).findings}


def test_teacher_outputs_do_not_carry_the_weights_duties(catalog):
    a = assess(catalog, [], {"intake": dict(INTAKE), "llama-3.1": NAMED_LLAMA}, STUDENT)
    assert [r.id for r in a.results] == ["apache-2.0", "llama-3.1"]  # the lineage brings both
    llama = fired(a, "llama-3.1")
    assert {"model-name-prefix-required", "output-model-attribution-unclear"} <= llama
    assert not llama & {"attribution-obligations", "aup-users-must-comply", "aup-disclose-known-dangers"}
    prefix = next(f for f in a.result("llama-3.1").findings if f.finding.id == "model-name-prefix-required")
    assert "reaches your model by outputs (distillation from Llama-3.1-70B, then fine-tune of Qwen2.5-7B)" in because_text(prefix)


def test_weights_route_carries_them_and_not_the_unclear_reading(catalog):
    lineage = Lineage(
        model_name="Acme",
        components=[Component(id="b", name="Llama-3.1-8B", licenses=["llama-3.1"], route="weights", relation="fine_tune")],
    )
    a = assess(catalog, [], {"intake": dict(INTAKE), "llama-3.1": NAMED_LLAMA}, lineage)
    assert {"attribution-obligations", "model-name-prefix-required"} <= fired(a, "llama-3.1")
    assert "output-model-attribution-unclear" not in fired(a, "llama-3.1")
    assert not a.walk.pending or all(q.id not in ("modifies_model", "trains_on_outputs") for _, q in a.walk.pending)


def test_picked_licenses_come_first(catalog):
    a = assess(catalog, ["mit"], {"intake": dict(INTAKE)}, STUDENT)
    assert [r.id for r in a.results] == ["mit", "apache-2.0", "llama-3.1"]


def _scenarios():
    for path in sorted((ROOT / "questionnaires").glob("*.tests.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for s in doc["scenarios"]:
            if "lineage" not in s:
                yield doc["tree"], s


def test_version_1_files_keep_their_findings_where_the_mapping_is_exact(catalog):
    checked = 0
    for tree, scenario in _scenarios():
        answers = {t: dict(v) for t, v in scenario["answers"].items()}
        intake = answers.get("intake", {})
        if "modifies_model" not in intake or intake.get("trains_on_outputs") is not False:
            continue
        before = assess(catalog, [tree], answers)
        text = dump_answers(catalog, [tree], answers).replace("format_version: 2", "format_version: 1")
        loaded = parse_answers(text.encode(), "v1.yaml", catalog)
        assert loaded.lineage is not None and loaded.lineage.licenses == [tree]
        after = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
        assert fired(after, tree) == fired(before, tree), (tree, scenario["name"])
        checked += 1
    assert checked > 300


def test_version_1_example_loads_with_the_same_findings(catalog):
    raw = (ROOT / "examples" / "japanese-saas-chatbot.yaml").read_bytes().replace(b"format_version: 2", b"format_version: 1")
    assert b"format_version: 1" in raw  # the example as a version 1 reader wrote it
    loaded = parse_answers(raw, "example.yaml", catalog)
    # two licenses compared as alternatives (Llama 3.1 or Gemma): not one model built from both
    assert loaded.lineage is None and any("compared as alternatives" in n for n in map(str, loaded.notes))
    before = assess(catalog, loaded.licenses, loaded.answers)  # without the lineage: as a version 1 reader did
    after = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    for lic in loaded.licenses:
        assert fired(after, lic) == fired(before, lic)


def test_unmappable_trains_on_outputs_is_noted_with_its_line(catalog):
    text = dump_answers(catalog, ["llama-3.1"], {"intake": {"modifies_model": False, "trains_on_outputs": True}})
    text = text.replace("format_version: 2", "format_version: 1")
    loaded = parse_answers(text.encode(), "old.yaml", catalog)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "trains_on_outputs" in row)
    assert any(n.startswith(f"old.yaml:{line}: answers.intake.trains_on_outputs") for n in map(str, loaded.notes))
    assessment = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    assert ("intake", "trains_on_outputs", True) in [(s.tree, s.question.id, s.value) for s in assessment.walk.set_aside]


def test_version_2_round_trip(catalog):
    text = dump_answers(catalog, ["mit"], {"intake": dict(INTAKE)}, lineage=STUDENT)
    assert "format_version: 2" in text
    loaded = parse_answers(text.encode(), "v2.yaml", catalog)
    assert loaded.lineage == STUDENT and not loaded.problems


def _v2(lineage: object) -> bytes:
    data = {
        "format": FORMAT,
        "format_version": 2,
        "licenses": ["mit"],
        "answers": {"intake": {"hosted_service": True}},
        "lineage": lineage,
    }
    return json.dumps(data, indent=1).encode()


@pytest.mark.parametrize(
    ("lineage", "expect"),
    [
        (
            {"model_name": "M", "components": [{"id": "a", "name": "A", "route": "weights", "relation": "distillation"}]},
            "relation",
        ),
        (
            {
                "model_name": "M",
                "components": [
                    {"id": "a", "name": "A", "route": "weights", "relation": "fine_tune", "into": "b"},
                    {"id": "b", "name": "B", "route": "weights", "relation": "fine_tune", "into": "a"},
                ],
            },
            "cycle",
        ),
        (
            {
                "model_name": "M",
                "components": [{"id": f"c{i}", "name": "C", "route": "weights", "relation": "unchanged"} for i in range(201)],
            },
            "200",
        ),
        ([1, 2], "mapping"),
    ],
)
def test_bad_lineage_is_reported_and_loses_nothing_else(catalog, lineage, expect):
    loaded = parse_answers(_v2(lineage), "bad.json", catalog)
    assert loaded.lineage is None
    assert loaded.answers == {"intake": {"hosted_service": True}} and loaded.licenses == ["mit"]
    assert loaded.problems and expect in loaded.problems[0].message and loaded.problems[0].line


def test_unknown_license_in_lineage_is_dropped_from_its_component(catalog):
    lineage = {
        "model_name": "M",
        "components": [{"id": "a", "name": "A", "licenses": ["no-such", "mit"], "route": "weights", "relation": "fine_tune"}],
    }
    loaded = parse_answers(_v2(lineage), "bad.json", catalog)
    assert loaded.lineage.components[0].licenses == ["mit"]
    (problem,) = loaded.problems
    assert "no-such" in problem.message and problem.where == "lineage.components[0].licenses[0]" and problem.line


def test_cli_prints_each_license_route(catalog, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(dump_answers(catalog, [], {"intake": dict(INTAKE)}, lineage=STUDENT), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "scoring", "assess", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert "llama-3.1: by outputs (distillation from Llama-3.1-70B, then fine-tune of Qwen2.5-7B)" in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "scoring", "assess", str(path), "--json"], capture_output=True, text=True, cwd=ROOT
    )
    routes = json.loads(run.stdout)["lineage"]["routes"]
    assert routes["llama-3.1"][0]["route"] == "outputs" and routes["apache-2.0"][0]["relations"] == ["fine_tune"]
