"""Read a Hugging Face model card (README.md with YAML front matter) into a lineage.

    imported = read_card(raw_bytes, "README.md", catalog, model_id="deepseek-ai/DeepSeek-R1-Distill-Llama-8B")

The card is parsed offline from its bytes with `huggingface_hub.ModelCard`; nothing here calls the
Hub, and a `license_link` is never fetched. The front matter is also read by the project's bounded
YAML reader first (depth, aliases, duplicate keys refused), which gives each key its line.

What becomes of each field:
- the card's own model (`model_id` if the caller knows it, else the model-index name, the first
  `# ` heading, or the file name) is the assessed model, and a component of it with relation
  `unchanged` carries the card's own `license` (`license`, or the catalog's licenses when
  `model_id` is a catalog checkpoint);
- `license` is mapped with `imported.map_license`; `license: other` with `license_name` and
  `license_link` stays unmapped, and asks for the license file (see `identified`);
- each `base_model` becomes a weights component, its licenses from the catalog (an exact alias
  first, then `search()`), its relation from `base_model_relation` (adapter, merge, quantized,
  finetune); without one, the relation is inferred as the Hub does (several bases or a mergekit tag:
  merge; a PEFT library or LoRA tag: adapter; a GGUF tag or `quantized_by`: quantization; else
  fine-tune) and the inference is listed in `unmapped` as a warning;
- each of `datasets` becomes a dataset component (fine_tuning when the card has a base model, else
  training), its license unknown: a model card does not state its data's licenses;
- `pipeline_tag`, `library_name` and `quantized_by` go to `details`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

import yaml
from huggingface_hub import ModelCard
from huggingface_hub.repocard import REGEX_YAML_BLOCK

from license_risk.content.catalog import Catalog
from license_risk.content.problems import InputError, Problem
from license_risk.content.yamlsource import Document, parse
from license_risk.lineage.imported import (
    Ids,
    Imported,
    ImportRefused,
    apply_identified,
    build_lineage,
    clip,
    decode,
    find_model,
    map_license,
    prefill,
    refuse,
)
from license_risk.lineage.model import NOTE_DATASET_CARD, Component

RELATIONS = {"adapter": "adapter", "merge": "merge", "quantized": "quantization", "finetune": "fine_tune"}
UNNAMED = "Imported model"  # the name of a card's model when the card names none (nor does its file)
_HEADING = re.compile(r"(?m)^#[ \t]+(\S.*?)[ \t#]*$")


class _Card:
    """The front matter's values with their lines in the whole file."""

    def __init__(self, file: str, doc: Document, offset: int) -> None:
        self.file = file
        self.doc = doc
        self.offset = offset
        self.problems: list[Problem] = []

    def line(self, *loc: Any) -> int | None:
        line = self.doc.line_of(loc)
        return line + self.offset if line else None

    def where(self, *loc: Any) -> tuple[int | None, str]:
        return self.line(*loc), ".".join(str(p) for p in loc)

    def unmapped(self, loc: tuple[Any, ...], message: str, level: str = "error") -> None:
        line, where = self.where(*loc)
        self.problems.append(Problem(self.file, line, where, message, level))  # type: ignore[arg-type]

    def source(self, *loc: Any) -> str:
        line, where = self.where(*loc)
        return clip(f"{self.file}:{line} {where}" if line else f"{self.file} {where}", 500)


def _front_matter(text: str, file: str) -> tuple[Document, int]:
    match = REGEX_YAML_BLOCK.search(text)
    if match is None:
        first = text.lstrip("\r\n").splitlines()[0].strip() if text.strip() else ""
        if first == "---":
            raise refuse(file, 1, "front matter", "the YAML front matter opened by '---' is never closed by a second '---' line")
        raise refuse(
            file,
            1,
            "front matter",
            "no YAML front matter: a model card starts with a '---' line, its metadata (license, base_model, "
            "datasets) and another '---' line; without it there is nothing to read",
        )
    offset = len(re.findall(r"\r\n|\r|\n", match.group(1)))  # the lines up to and including the first '---'
    block = match.group(2)
    try:
        doc = parse(block, file)
    except InputError as exc:
        p = exc.problem
        raise refuse(file, p.line + offset if p.line else None, "front matter", p.message) from None
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        raise refuse(file, offset + 1, "front matter", "the front matter must be YAML key: value lines")
    return doc, offset


def _strings(value: Any) -> list[str] | None:
    """A string or a list of strings as a list; None for anything else."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v for v in value if v.strip()]
    return None


def _model_name(card: ModelCard, text: str, file: str, model_id: str | None) -> str:
    if model_id and model_id.strip():
        return model_id.strip()
    if isinstance(card.data.model_name, str) and card.data.model_name.strip():
        return card.data.model_name.strip()
    heading = _HEADING.search(card.text or "")
    if heading:
        return heading.group(1)
    stem = PurePosixPath(file.replace("\\", "/")).stem
    return stem if stem.casefold() not in ("readme", "") else UNNAMED


def _relation(c: _Card, data: dict[str, Any], bases: list[str]) -> str:
    stated = data.get("base_model_relation")
    if stated is not None:
        if isinstance(stated, str) and stated.casefold() in RELATIONS:
            return RELATIONS[stated.casefold()]
        c.unmapped(
            ("base_model_relation",),
            f"'{clip(str(stated), 60)}' is not a relation this tool knows (adapter, merge, quantized, finetune); inferred instead",
        )
    tags = {t.casefold() for t in (_strings(data.get("tags")) or [])}
    library = str(data.get("library_name") or "").casefold()
    if len(bases) > 1 or tags & {"mergekit", "merge"}:
        relation, why = "merge", "several base models or a merge tag"
    elif library == "peft" or tags & {"lora", "peft", "qlora"}:
        relation, why = "adapter", "a PEFT library or LoRA tag"
    elif tags & {"gguf", "quantized", "awq", "gptq", "exl2"} or data.get("quantized_by"):
        relation, why = "quantization", "a quantization tag or quantized_by"
    else:
        relation, why = "fine_tune", "nothing else stated; a fine-tune is assumed, the relation that changes the model most"
    c.unmapped(("base_model",), f"no base_model_relation; read as {relation} from {why}", "warning")
    return relation


def read_card(
    raw: bytes,
    file: str,
    catalog: Catalog,
    *,
    model_id: str | None = None,
    identified: Mapping[str, str] | None = None,
) -> Imported:
    """The lineage a model card describes; see the module docstring for each field.

    model_id: the card's Hugging Face repository id, when the caller knows it (a card does not state
    its own); it names the assessed model and finds it in the catalog.
    identified: component id -> license profile id, for licenses identified from their files.
    """
    text = decode(raw, file)
    doc, offset = _front_matter(text, file)
    try:
        card = ModelCard(text, ignore_metadata_errors=True)
    except (
        ValueError,
        TypeError,
        AttributeError,
        yaml.YAMLError,
    ) as exc:  # the front matter parsed above; this is belt and braces
        raise refuse(file, offset + 1, "front matter", f"the card's metadata cannot be read: {clip(str(exc), 200)}") from None
    data: dict[str, Any] = card.data.to_dict()
    c = _Card(file, doc, offset)
    ids = Ids()
    components: list[Component] = []
    name = _model_name(card, text, file, model_id)
    own = find_model(catalog, model_id) if model_id else None
    if own is not None and own.how != "exact":
        c.unmapped((), f"the model '{model_id}' was matched to the catalog's {own.checkpoint.name} by name; check it", "warning")

    # ---- the card's own license
    licenses: list[str] = []
    notes: list[str] = []
    raw_license = card.data.license
    tokens = _strings(raw_license)
    if tokens is None:
        c.unmapped(("license",), "license must be a license id (text), not a list or mapping of other values")
        tokens = []
    if not tokens:
        if own is None:
            c.unmapped(("license",), "the card states no license: give the model's license file to identify it")
            notes.append("the card states no license")
    for token in tokens:
        if token.casefold() == "other":
            lname, link = data.get("license_name"), data.get("license_link")
            named = f" '{clip(str(lname), 100)}'" if lname else ""
            linked = f" at {clip(str(link), 200)}" if link else ""
            where = ("license_link",) if link else ("license_name",) if lname else ("license",)
            c.unmapped(
                where,
                f"license: other — the card names its own license{named}{linked}; this tool never fetches a link: "
                "give the license file so that it can be identified",
            )
            notes.append(f"license: other{named}{linked} (not identified)")
            continue
        match = map_license(catalog, token)
        if own is not None and set(match.candidates) & set(own.checkpoint.licenses):
            continue  # the catalog's licenses for this checkpoint, below, are the card's license exactly
        if match.profiles:
            licenses += [p for p in match.profiles if p not in licenses]
        else:
            c.unmapped(("license",), match.note)
            notes.append(match.note)
    if own is not None:
        cp = own.checkpoint
        if licenses and not set(licenses) <= set(cp.licenses):
            c.unmapped(
                ("license",),
                f"the card's license ({', '.join(tokens)}) differs from the catalog's for {cp.name} "
                f"({', '.join(cp.licenses) or cp.not_held}); both are kept",
                "warning",
            )
        licenses = list(dict.fromkeys([*cp.licenses, *licenses]))
        if cp.license is None and cp.not_held:
            notes.append(f"governed by {cp.not_held}, whose text this tool does not hold")
    components.append(
        Component(
            id=ids.make(name),
            name=clip(name, 300),
            model=own.checkpoint.id if own else None,
            licenses=licenses,
            license_note=clip("; ".join(notes), 2000) if notes else None,
            route="weights",
            relation="unchanged",
            source=c.source("license") if tokens else clip(file, 500),
        )
    )

    # ---- base models
    bases = _strings(card.data.base_model)
    if bases is None:
        c.unmapped(("base_model",), "base_model must be a model id or a list of model ids")
        bases = []
    if bases:
        relation = _relation(c, data, bases)
        for i, base in enumerate(bases):
            loc = ("base_model", i) if isinstance(card.data.base_model, list) else ("base_model",)
            found = find_model(catalog, base)
            note = None
            if found is None:
                note = "not in this tool's model catalog; its license is unknown: import its own card or give its license file"
                c.unmapped(loc, f"'{clip(base, 120)}' is {note}", "warning")
            else:
                cp = found.checkpoint
                if found.how != "exact":
                    c.unmapped(loc, f"'{clip(base, 120)}' was matched to the catalog's {cp.name} by name; check it", "warning")
                if cp.license is None:
                    note = f"governed by {cp.not_held}, whose text this tool does not hold"
                    c.unmapped(loc, f"'{clip(base, 120)}' is {note}")
            components.append(
                Component(
                    id=ids.make(base),
                    name=clip(base, 300),
                    model=found.checkpoint.id if found else None,
                    licenses=found.checkpoint.licenses if found else [],
                    license_note=note,
                    route="weights",
                    relation=relation,
                    source=c.source(*loc),
                )
            )
    elif "base_model_relation" in data:
        c.unmapped(
            ("base_model_relation",), "base_model_relation is given but no base_model: there is nothing to relate", "warning"
        )

    # ---- datasets
    datasets = _strings(card.data.datasets)
    if datasets is None:
        c.unmapped(("datasets",), "datasets must be a data set id or a list of them")
        datasets = []
    for i, dataset in enumerate(datasets):
        loc = ("datasets", i) if isinstance(card.data.datasets, list) else ("datasets",)
        components.append(
            Component(
                id=ids.make(f"dataset-{dataset}"),
                name=clip(dataset, 300),
                licenses=[],
                license_note=NOTE_DATASET_CARD,
                route="dataset",
                relation="fine_tuning" if bases else "training",
                source=c.source(*loc),
            )
        )

    components, problems = apply_identified(components, identified, catalog, file)
    lineage = build_lineage(file, name, components)
    answers, reasons = prefill(catalog, lineage)
    details = {k: clip(str(data[k]), 200) for k in ("pipeline_tag", "library_name", "quantized_by") if data.get(k)}
    return Imported(file, "model card", lineage, answers, reasons, tuple(c.problems + problems), details)


__all__ = ["ImportRefused", "read_card"]
