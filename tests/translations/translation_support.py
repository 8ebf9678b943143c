"""Build translation files in tests: every English text of a target, rendered "訳:" + the English."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from license_risk.content.catalog import Catalog
from license_risk.content.translation import RUBRIC, english_entries, file_for, source_hash

HEADER = "# yaml-language-server: $schema=../schema/translation.schema.json\n"


def rendered(text: str) -> str:
    return "訳:" + text


def full_translation(catalog: Catalog, kind: str, target: str, lang: str = "ja") -> dict[str, Any]:
    model = {
        "tree": lambda: catalog.trees[target].model,
        "profile": lambda: catalog.profiles[target].model,
        "models": lambda: catalog.models,
    }.get(kind, lambda: catalog.rubric)()
    data: dict[str, Any] = {
        "translates": RUBRIC if kind == "rubric" else target,
        "language": lang,
        "review": {"translator": "Test Translator", "reviewer": "Test Reviewer", "date": "2026-12-05"},
    }
    for section, entries in english_entries(kind, model).items():
        if not entries:
            continue
        out = {}
        for entry_id, fields in entries.items():
            entry: dict[str, Any] = {"source": source_hash(fields)}
            for name, value in fields.items():
                if name == "options":
                    entry["options"] = {v: {k: rendered(t) for k, t in o.items()} for v, o in value.items()}
                else:
                    entry[name] = rendered(value)
            out[entry_id] = entry
        data[section] = out["tree"] if section == "tree" else out
    return data


def write(root: Path, kind: str, target: str, data: dict[str, Any], lang: str = "ja") -> Path:
    path = root / file_for(kind, target, lang)
    path.write_text(HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


def copy_content(source: Path, target: Path) -> Path:
    shutil.copytree(source / "licenses", target / "licenses")
    shutil.copytree(source / "questionnaires", target / "questionnaires")
    return target
