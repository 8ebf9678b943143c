"""The lineage on the command line: assess a model card or an AI BOM, and write a CycloneDX ML-BOM."""

from __future__ import annotations

import json
from pathlib import Path

from inprocess import run

from license_risk.lineage.cyclonedx import read_cyclonedx
from scoring.answers import dump_answers

ROOT = Path(__file__).resolve().parents[2]
CARDS = ROOT / "tests" / "fixtures" / "cards"
BOMS = ROOT / "tests" / "fixtures" / "bom"


def test_assess_a_card_prints_how_each_license_reaches_the_model():
    r = run("assess", "--card", str(CARDS / "peft-lora-adapter.md"))
    assert r.returncode == 0, r.stderr
    assert "How each license reaches Assistant LoRA Adapter:" in r.stdout
    assert "apache-2.0: by weights" in r.stdout and "adapter" in r.stdout
    assert "intake.modifies_model set to True" in r.stderr  # what the card settles, with why


def test_assess_a_bom_as_json_carries_the_lineage_and_the_spdx_ids():
    for name in ("ml-bom.cdx.json", "ai-model.spdx3.json"):
        r = run("assess", "--bom", str(BOMS / name), "--json")
        data = json.loads(r.stdout)
        assert data["lineage"]["routes"], name
        assert all("spdx" in lic for lic in data["licenses"]), name


def test_an_answers_file_keeps_its_answers_and_takes_the_card_s_lineage(catalog, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(dump_answers(catalog, ["llama-3.1"], {"intake": {"modifies_model": False, "organisation": "Kept KK"}}))
    r = run("assess", str(answers), "--card", str(CARDS / "gguf-quantization.md"), "--json")
    data = json.loads(r.stdout)
    assert not any("intake.modifies_model set to" in n for n in data["notes"])  # the user's "no" is never overwritten
    assert data["lineage"]["model_name"] and "llama-3.1" in data["lineage"]["routes"]


def test_a_bom_failing_its_schema_is_refused_with_json_path_and_line():
    r = run("assess", "--bom", str(BOMS / "invalid-schema.cdx.json"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "invalid-schema.cdx.json:10: $.components[1].type: fails the CycloneDX schema" in r.stderr


def test_an_unknown_license_is_listed_and_fails_like_a_refused_answer():
    r = run("assess", "--card", str(CARDS / "unknown-license.md"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "unknown-license.md:" in r.stderr


def test_nothing_to_read_is_an_input_problem():
    r = run("assess")
    assert r.returncode == 2 and "give an answers file, --card README.md or --bom BOM.json" in r.stderr
    r = run("assess", "--card", str(CARDS / "no-front-matter.md"))
    assert r.returncode == 2 and "no-front-matter.md:1" in r.stderr


def test_bom_writes_a_valid_cyclonedx_file_that_reads_back_to_the_same_lineage(catalog, tmp_path):
    out = tmp_path / "model.cdx.json"
    r = run("bom", str(out), "--answers", str(ROOT / "examples" / "distilled-student.yaml"))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["bomFormat"] == "CycloneDX" and data["specVersion"] == "1.6"
    back = read_cyclonedx(out.read_bytes(), str(out), catalog)  # validates against the 1.6 schema on the way
    names = sorted(c.name for c in back.lineage.components)
    assert "Qwen2.5-7B" in names and "Llama-3.1-70B-Instruct" in names
    props = {p["name"] for p in data["metadata"]["component"].get("properties", [])}
    assert any(p.startswith("license-risk:") for p in props)  # the tool's conclusions travel with it


def test_bom_without_a_lineage_says_so(tmp_path, catalog):
    answers = tmp_path / "a.yaml"
    answers.write_text(dump_answers(catalog, ["llama-3.1", "gemma-2025-03"], {}))
    r = run("bom", str(tmp_path / "o.json"), "--answers", str(answers))
    assert r.returncode == 2 and "no lineage to describe" in r.stderr
    assert not (tmp_path / "o.json").exists()
