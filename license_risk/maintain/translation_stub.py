"""A translation file to fill in: every entry of a tree, profile or the rubric, with its source hash and the English.

The English is written as comments above empty values: an empty text does not load, so a file
cannot be committed with an entry left untranslated by mistake (delete what you will do later,
and set `complete: false`). Where the very same English already has a current translation in
another file (Llama 3 and 3.1 share most of their words), the stub fills it in and says where it
came from, so one sentence gets one translation across the trees; the translator still reads it
in its new place.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from license_risk.content.catalog import Catalog
from license_risk.content.localized import translated_pairs
from license_risk.content.translation import BACKGROUND, MODELS, RUBRIC, english_entries, source_hash

KINDS = ("tree", "profile", "rubric", "background", MODELS)


def stub(catalog: Catalog, kind: str, target: str, lang: str, translator: str = "") -> str:
    """The YAML text of a new translation file for `target`; KeyError if the content has no such target."""
    if kind == "tree":
        english = english_entries("tree", catalog.trees[target].model)
    elif kind == "profile":
        english = english_entries("profile", catalog.profiles[target].model)
    elif kind == "background":
        if catalog.background is None:
            raise KeyError(BACKGROUND)
        english, target = english_entries("background", catalog.background), BACKGROUND
    elif kind == MODELS:
        english, target = english_entries(MODELS, catalog.models), MODELS
    else:
        if catalog.rubric is None:
            raise KeyError(RUBRIC)
        english, target = english_entries("rubric", catalog.rubric), RUBRIC
    lines = [
        "# yaml-language-server: $schema=../schema/translation.schema.json",
        f"# The {lang} words of {target}; see docs/authoring.md, 'Translations'. Every entry's source is the hash",
        "# of the English it translates: when the English changes, validate reports the entry stale.",
        f"translates: {target}",
        f"language: {lang}",
        "review:",
        f"  translator: {_q(translator or 'YOUR NAME')}",
        "  reviewer:",
        f"  date: {dt.date.today().isoformat()}",
    ]
    memory: dict[str, tuple[str, str]] = {}
    for en, done, where in translated_pairs(catalog, lang):
        memory.setdefault(_key(en), (done, where))
    for section, entries in english.items():
        if not entries:
            continue
        indent = "  "
        if section == "tree":
            lines.append("tree:")
        else:
            lines.append(f"{section}:")
        for entry_id, fields in entries.items():
            if section != "tree":
                lines.append(f"  {entry_id}:")
                indent = "    "
            lines.append(f"{indent}source: {source_hash(fields)}")
            for name, value in fields.items():
                if name == "options":
                    lines.append(f"{indent}options:")
                    for option, parts in value.items():
                        lines.append(f"{indent}  {option}:")
                        for part, text in parts.items():
                            lines += _field(indent + "    ", part, text, memory)
                    continue
                lines += _field(indent, name, value, memory)
    return "\n".join(lines) + "\n"


def _field(indent: str, name: str, english: Any, memory: dict[str, tuple[str, str]]) -> list[str]:
    lines = [f"{indent}# {' '.join(str(english).split())}"]
    found = memory.get(_key(english))
    if found is None:
        return [*lines, f'{indent}{name}: ""']
    done, where = found
    return [
        *lines,
        f"{indent}# (filled in from {where}, the same English: check it reads right here)",
        f"{indent}{name}: {_q(done)}",
    ]


def _key(text: Any) -> str:
    return " ".join(str(text).split())


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
