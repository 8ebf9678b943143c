"""The model catalog (licenses/models.yaml): checkpoints users pick, mapped to license versions."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import Field, model_validator

from license_risk.content.model import Id, Modality, Strict, Text
from license_risk.content.problems import ContentError, Problem
from license_risk.content.schema_errors import load_validated


class Checkpoint(Strict):
    id: Id
    name: Text
    license: Id | None = Field(
        description="The license profile that governs this checkpoint; null when its license text is not held (see not_held)."
    )
    also: list[Id] = Field(
        default_factory=list,
        description="Other license profiles that govern it too, e.g. the base model's license for a fine-tune or distillation.",
    )
    not_held: Text | None = Field(
        default=None, description="With license: null, the license that governs it, whose text this tool does not hold."
    )
    hf_license: str | None = Field(default=None, description="The `license` id on its Hugging Face model card.")
    modalities: list[Modality] = Field(min_length=1)
    aliases: list[Text] = Field(default_factory=list)
    source: Text | None = Field(
        default=None, description="Where the mapping was read: repository, path, commit and a short quote."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _license_or_not_held(self) -> Checkpoint:
        if (self.license is None) == (self.not_held is None):
            raise ValueError("give either license (a profile id) or not_held (a license whose text is not held), not both")
        return self

    @property
    def licenses(self) -> list[str]:
        """Every license to assess for this checkpoint, the governing one first."""
        return [lic for lic in [self.license, *self.also] if lic]


class ModelCatalog(Strict):
    models: list[Checkpoint]


def load_checkpoints(root: Path, license_ids: list[str]) -> list[Checkpoint]:
    path = root / "licenses" / "models.yaml"
    if not path.is_file():
        return []
    name = path.relative_to(root).as_posix()
    doc, loaded = load_validated(path, name, ModelCatalog)
    problems = []
    seen: set[str] = set()
    for i, m in enumerate(loaded.models):
        if m.id in seen:
            problems.append(Problem(name, doc.line_of(("models", i, "id")), f"models[{i}].id", f"'{m.id}' is listed twice"))
        seen.add(m.id)
        refs = [(("models", i, "license"), m.license)] if m.license else []
        refs += [(("models", i, "also", j), lic) for j, lic in enumerate(m.also)]
        problems += [
            Problem(
                name, doc.line_of(loc), f"models[{i}] ({m.id}).{'.'.join(map(str, loc[2:]))}", f"no license '{lic}' in this tool"
            )
            for loc, lic in refs
            if lic not in license_ids
        ]
    if problems:
        raise ContentError(problems)
    return loaded.models


def checkpoint_lines(m: Checkpoint, label: Mapping[str, str]) -> list[str]:
    """What a search result says under the model's name: licenses, modalities, caveats (plain text)."""
    if m.license is None:
        head = f"Cannot be assessed here: governed by {m.not_held}, whose text this tool does not hold"
    else:
        head = label[m.license]
    lines = [f"{head} · {', '.join(m.modalities)}"]
    lines += [f"Also governed by {label[lic]}" for lic in m.also]
    if m.note:
        lines.append(" ".join(m.note.split()))
    return lines


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def search(models: list[Checkpoint], query: str) -> list[Checkpoint]:
    """Models whose name or alias contains the query, ignoring case, spaces and punctuation."""
    q = _norm(query)
    if not q:
        return list(models)
    return [m for m in models if any(q in _norm(n) for n in [m.name, m.id, *m.aliases])]
