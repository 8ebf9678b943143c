"""The model catalog (licenses/models.yaml): checkpoints users pick, mapped to license versions."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from .catalog import Catalog
from .model import Id, Strict, Text
from .problems import ContentError, InputError, Problem
from .schema_errors import problems_from
from .yamlsource import load_file


class Checkpoint(Strict):
    id: Id
    name: Text
    license: Id = Field(description="The license profile that governs this checkpoint.")
    hf_license: str | None = Field(default=None, description="The `license` id on its Hugging Face model card.")
    modalities: list[str] = Field(min_length=1)
    aliases: list[Text] = Field(default_factory=list)
    note: Text | None = None


class ModelCatalog(Strict):
    models: list[Checkpoint]


def load_checkpoints(catalog: Catalog) -> list[Checkpoint]:
    path = catalog.root / "licenses" / "models.yaml"
    if not path.is_file():
        return []
    name = path.relative_to(catalog.root).as_posix()
    try:
        doc = load_file(Path(path), name)
    except InputError as exc:
        raise ContentError([exc.problem]) from None
    try:
        models = ModelCatalog.model_validate(doc.data).models
    except ValidationError as exc:
        raise ContentError(problems_from(exc, doc, ModelCatalog)) from None
    problems = [
        Problem(
            name, doc.line_of(("models", i, "license")), f"models[{i}] ({m.id}).license", f"no license '{m.license}' in this tool"
        )
        for i, m in enumerate(models)
        if m.license not in catalog.license_ids
    ]
    if problems:
        raise ContentError(problems)
    return models


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def search(models: list[Checkpoint], query: str) -> list[Checkpoint]:
    """Models whose name or alias contains the query, ignoring case, spaces and punctuation."""
    q = _norm(query)
    if not q:
        return list(models)
    return [m for m in models if any(q in _norm(n) for n in [m.name, m.id, *m.aliases])]
