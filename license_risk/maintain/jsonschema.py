"""JSON Schemas for editors, generated from the pydantic models (which stay the one source of truth).

`python -m scoring schema` writes them to schema/; `python -m scoring schema --check`
exits 1 when the committed files differ from a fresh generation. Every YAML file under
licenses/ and questionnaires/ starts with a line such as

    # yaml-language-server: $schema=../schema/questionnaire.schema.json

so that editors with the YAML language server (VS Code's YAML extension, Neovim,
JetBrains IDEs, Helix, ...) complete keys and flag mistakes as you type. The
schemas cannot express the cross-file checks (references, cycles, quotes):
`python -m scoring validate` remains the judge.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from license_risk.content.background import Background
from license_risk.content.checkpoints import ModelCatalog
from license_risk.content.model import LicenseProfile, Questionnaire, ScenarioFile
from license_risk.content.rubric import Rubric
from license_risk.content.translation import Translation
from license_risk.policy import Policy
from license_risk.shipped import shipped

SCHEMA_DIR = shipped("schema")

# file name -> (model, title, what the files are)
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "license-profile.schema.json": (
        LicenseProfile,
        "License profile",
        "A license, incorporated policy or definition modelled from its official text (licenses/*.yaml).",
    ),
    "questionnaire.schema.json": (
        Questionnaire,
        "Question tree",
        "The shared intake or one license's questions and findings (questionnaires/<id>.yaml).",
    ),
    "model-catalog.schema.json": (
        ModelCatalog,
        "Model catalog",
        "Well-known checkpoints mapped to the license versions that govern them (licenses/models.yaml).",
    ),
    "background.schema.json": (
        Background,
        "Background notes",
        "Notes per place of establishment and on openness, shown beside the license terms (licenses/background.yaml).",
    ),
    "rubric.schema.json": (
        Rubric,
        "Risk rubric",
        "The kinds of risk and the severity rules every finding follows (licenses/rubric.yaml).",
    ),
    "translation.schema.json": (
        Translation,
        "Translation",
        "The words of a tree, a profile's clause summaries or the rubric in another language, keyed by ids "
        "(questionnaires/<id>.<lang>.yaml, licenses/<id>.<lang>.yaml, licenses/rubric.<lang>.yaml).",
    ),
    "policy.schema.json": (
        Policy,
        "Organisation policy",
        "An organisation's rules for open-weight model licenses, with its approvals and reasoned exceptions "
        "(`python -m scoring assess --policy FILE`; examples/policy.yaml).",
    ),
    "scenarios.schema.json": (
        ScenarioFile,
        "Scenario tests",
        "Answers in, expected findings out, beside each tree (questionnaires/<id>.tests.yaml).",
    ),
}


def generate(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True)
    if "extends" in schema.get("properties", {}):
        # A version that `extends` another states only what differs: only its id is required
        # (the merged result is checked in full by `python -m scoring validate`).
        required = schema.pop("required", [])
        schema["if"] = {"required": ["extends"]}
        schema["then"] = {"required": ["id", "extends"]}
        schema["else"] = {"required": required}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": description + " Generated from the pydantic models by `python -m scoring schema`; do not edit.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def render(name: str) -> str:
    model, title, description = SCHEMAS[name]
    return json.dumps(generate(model, title, description), indent=2, ensure_ascii=False) + "\n"


def write(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name in SCHEMAS:
        path = folder / name
        text = render(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale(folder: Path = SCHEMA_DIR) -> list[str]:
    """Names of the schema files that are missing or differ from a fresh generation."""
    out = []
    for name in SCHEMAS:
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(name):
            out.append(name)
    return out
