"""A model card found by `scan` is assessed as the model it describes, as built from its lineage (as
`assess --card` reads it), and its base_model lines are reported under that model's verdict; a card
whose lineage cannot be used falls back to the catalog models it names, and says why.

The fixture repository's cards: model/README.md (support-bot-7b, a fine-tune of Llama 3.1 8B),
router/README.md (support-router-lora, an Apache-2.0 adapter on Mistral 7B Instruct) and
vendor-model/README.md (license: other: its lineage loses the license, so it cannot be used)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from inprocess import cli, imported

ROOT = Path(__file__).resolve().parents[2]
REPO = ROOT / "tests" / "fixtures" / "scan-repo"
ANSWERS = ROOT / "tests" / "fixtures" / "scan" / "answers.yaml"
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def models_by_name(*args: str) -> tuple[int, dict[str, dict[str, Any]]]:
    r = cli("scan", *args, "--format", "json")
    assert "Traceback" not in r.stderr
    return r.returncode, {m["name"]: m for m in json.loads(r.stdout)["models"]}


def test_a_card_is_assessed_as_the_model_it_describes_as_built():
    code, models = models_by_name(str(REPO), "--answers", str(ANSWERS))
    assert code == 1
    bot = models["support-bot-7b"]  # the card's own name (its heading), not the catalog's Llama-3.1-8B
    assert (bot["status"], bot["model"], bot["licenses"], bot["decision"]) == ("as_built", None, ["llama-3.1"], "denied")
    assert [(h["path"], h["line"], h["text"]) for h in bot["hits"]] == [("model/README.md", 4, "meta-llama/Llama-3.1-8B")]
    assert bot["as_built"]["card"] == "model/README.md"
    assert "fine-tune of meta-llama/Llama-3.1-8B" in bot["as_built"]["text"]
    assert any("no base_model_relation" in note for note in bot["as_built"]["notes"])  # what the reader assumed
    assert "Llama-3.1-8B" not in models  # the base model is no verdict of its own any more
    router = models["support-router-lora"]
    assert (router["status"], router["licenses"], router["decision"]) == ("as_built", ["apache-2.0"], "allowed")
    assert "adapter on mistralai/Mistral-7B-Instruct-v0.3" in router["as_built"]["text"]
    # the catalog's Mistral is still the model named in the code, without the card's line
    mistral = models["Mistral-7B-v0.3 / Mistral-7B-Instruct-v0.3"]
    assert "router/README.md" not in {h["path"] for h in mistral["hits"]}


def test_the_card_decides_the_exit_code_of_its_folder():
    assert cli("scan", str(REPO / "router"), "--answers", str(ANSWERS)).returncode == 0  # the adapter: allowed
    r = cli("scan", str(REPO / "model"), "--answers", str(ANSWERS))
    assert r.returncode == 1, r.stdout + r.stderr  # the Llama fine-tune: rated high, denied
    assert "support-bot-7b (llama-3.1)\n  As built, from its model card README.md: " in r.stdout
    assert "Rating: HIGH; decision: denied" in r.stdout


def test_sarif_puts_the_cards_verdict_on_its_base_model_line(tmp_path: Path):
    out = tmp_path / "scan.sarif"
    assert cli("scan", str(REPO), "--answers", str(ANSWERS), "--format", "sarif", "--output", str(out)).returncode == 1
    sarif = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, SCHEMA)
    by_place = {
        (
            res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            res["locations"][0]["physicalLocation"]["region"]["startLine"],
        ): res
        for res in sarif["runs"][0]["results"]
    }
    router = by_place[("router/README.md", 3)]
    assert (router["ruleId"], router["level"]) == ("license/apache-2.0", "note")
    assert router["properties"]["asBuiltFrom"] == "router/README.md"
    assert router["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 13, "endColumn": 47}
    assert router["message"]["text"].startswith(
        "support-router-lora (apache-2.0), as built, from its model card router/README.md"
    )
    bot = by_place[("model/README.md", 4)]
    assert (bot["ruleId"], bot["level"]) == ("license/llama-3.1", "error") and "support-bot-7b" in bot["message"]["text"]


def test_a_card_whose_lineage_cannot_be_used_falls_back_to_the_catalog_and_says_why():
    code, models = models_by_name(str(REPO / "vendor-model"), "--answers", str(ANSWERS))
    [gemma] = models.values()
    assert code == 3  # Gemma 2, as the catalog holds it, leaves findings open with these answers
    assert (gemma["status"], gemma["model"], gemma["as_built"]) == ("in_catalog", "gemma-2-9b", None)
    assert "README.md: the lineage of this model card cannot be used" in gemma["reason"]  # relative to the scanned folder
    assert "license: other" in gemma["reason"] and "README.md:4" in gemma["reason"]  # the reader's problem, with its line
    text = cli("scan", str(REPO / "vendor-model")).stdout  # said without answers too
    assert "  README.md: the lineage of this model card cannot be used (README.md:4: license_link:" in text


def test_a_card_the_reader_refuses_falls_back_with_the_readers_reason(tmp_path: Path):
    (tmp_path / "README.md").write_text(
        "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\nbase_model: meta-llama/Llama-3.1-8B\n---\n# twice\n",
        encoding="utf-8",
    )
    code, models = models_by_name(str(tmp_path), "--answers", str(ANSWERS))
    [llama] = models.values()
    assert code == 1 and (llama["status"], llama["model"]) == ("in_catalog", "llama-3.1-8b")
    assert [h["line"] for h in llama["hits"]] == [3, 4]
    assert "README.md: the lineage of this model card cannot be used (README.md:4" in llama["reason"]
    assert "duplicate" in llama["reason"].lower()


def test_without_answers_the_inventory_lists_the_cards_model_and_its_base_models():
    code, models = models_by_name(str(REPO / "model"))
    assert code == 0
    [bot] = models.values()
    assert (bot["name"], bot["status"], bot["decision"], bot["licenses"]) == ("support-bot-7b", "as_built", None, ["llama-3.1"])
    assert [h["text"] for h in bot["hits"]] == ["meta-llama/Llama-3.1-8B"]


def test_a_card_without_a_name_takes_its_folders_name_and_a_policy_decides_it_as_built(tmp_path: Path):
    card = tmp_path / "house-tuned" / "README.md"
    card.parent.mkdir()
    card.write_text("---\nlicense: apache-2.0\nbase_model: mistralai/Mistral-7B-Instruct-v0.3\n---\n", encoding="utf-8")
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "format: open-model-license-risk/policy\nformat_version: 1\nname: No Apache\ndefault: allow\nrules:\n"
        "  - license: apache-2.0\n    action: deny\n    reason: we ship no Apache models\n",
        encoding="utf-8",
    )
    code, models = models_by_name(str(tmp_path / "house-tuned"), "--answers", str(ANSWERS), "--policy", str(policy))
    assert code == 1
    [model] = models.values()
    assert (model["name"], model["status"], model["decision"]) == ("house-tuned", "as_built", "denied")
    assert 'Decided by the organisation policy "No Apache"' in model["reason"]


def test_japanese_words_the_as_built_model_and_the_fallback():
    r = cli("scan", str(REPO), "--answers", str(ANSWERS), "--lang", "ja")
    assert "  構築されたとおり（モデルカード model/README.md の系譜から）：" in r.stdout
    assert "vendor-model/README.md：このモデルカードの系譜は使えません（" in r.stdout


def test_a_scan_without_model_cards_does_not_import_the_card_reader(tmp_path: Path):
    modules = imported("scan", str(REPO / "app"), cache=tmp_path / "cache")
    assert "license_risk.scan.cards" in modules
    assert not {"huggingface_hub", "license_risk.lineage.card"} & modules


def test_a_card_built_on_a_model_of_unknown_license_needs_review_not_allowed(tmp_path: Path):
    # Its own license (Apache 2.0) is rated low, which alone would allow it; its base model is not in
    # the catalog, so what it carries from that model was not read: review, as for that id named in code.
    card = tmp_path / "house" / "README.md"
    card.parent.mkdir()
    card.write_text("---\nlicense: apache-2.0\nbase_model: acme-internal/secret-base\n---\n# house-7b\n", encoding="utf-8")
    code, models = models_by_name(str(tmp_path), "--answers", str(ANSWERS))
    [model] = models.values()
    assert code == 3
    assert (model["name"], model["status"], model["rating"], model["decision"]) == ("house-7b", "as_built", "low", "review")
    assert model["reason"] == "Built from acme-internal/secret-base, whose license this tool does not know: check it by hand."
