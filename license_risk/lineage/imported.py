"""What every reader returns, and the steps the readers share.

A reader (model card, CycloneDX, SPDX) turns a file's bytes into an `Imported`: the lineage, the
answers the lineage settles, and `unmapped`, each field it could not map with its place and reason.
A file that cannot be read at all raises `ImportRefused`, whose problems name the file and the place.

Shared here: the size limit and decoding, JSON parsing with lines, component ids, finding a model
in the catalog, mapping a license token (an SPDX id, a Hugging Face license id, a LicenseRef) to
license profiles, and building the lineage with its errors turned into messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.checkpoints import Checkpoint, search
from license_risk.content.problems import InputError, InputRefused, Problem
from license_risk.content.yamlsource import Document, parse
from license_risk.lineage.model import ID_PATTERN, MAX_COMPONENTS, Component, Lineage
from license_risk.lineage.reach import reach

MAX_IMPORT_BYTES = 2 * 1024 * 1024  # a model card or an AI BOM is kilobytes; a bigger file is not one
LICENSE_REF_PREFIX = "LicenseRef-license-risk-"  # how the BOM export names a license that has no SPDX id
SCANCODE_REF_PREFIX = "LicenseRef-scancode-"  # ScanCode's license keys, as LicenseDB publishes them

Format = Literal["model card", "CycloneDX", "SPDX 3"]
Answers = dict[str, dict[str, Any]]  # tree id -> question id -> value, as scoring.answers keeps them


@dataclass(frozen=True)
class Imported:
    """A lineage read from a file, with what it settles and what it could not map."""

    file: str
    format: Format
    lineage: Lineage
    answers: Answers = field(default_factory=dict)  # pre-filled answers, only ever True (see prefill)
    reasons: dict[str, dict[str, str]] = field(default_factory=dict)  # why each pre-filled answer, same shape
    unmapped: tuple[Problem, ...] = ()  # each field not mapped, with its line or JSON path and the reason
    details: dict[str, str] = field(default_factory=dict)  # facts read but not part of the lineage (pipeline_tag...)


class ImportRefused(InputRefused):
    """The file cannot be imported at all; every problem names the file and the place."""


def refuse(file: str, line: int | None, where: str, message: str) -> ImportRefused:
    return ImportRefused([Problem(file, line, where, message)])


def decode(raw: bytes, file: str) -> str:
    """The file's text; refused above MAX_IMPORT_BYTES or when it is not UTF-8."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise refuse(
            file,
            None,
            "",
            f"the file is {len(raw) / 1024 / 1024:.1f} MB; the limit for a model card or an AI BOM is "
            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise refuse(
            file, line, "", f"not UTF-8 text: byte 0x{raw[exc.start]:02X} cannot be read; save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise refuse(file, None, "", "the file is empty")
    return text


def parse_json(text: str, file: str) -> Document:
    """JSON with bounded depth and duplicate keys refused, as the project's own files are read."""
    try:
        doc = parse(text, "import.json", json_ok=True)
    except InputError as exc:
        p = exc.problem
        raise refuse(file, p.line, p.where, p.message) from None
    return Document(file, text, doc.data)


def json_path(loc: Iterable[Any]) -> str:
    """A JSONPath for a location: $.components[3].licenses[0], $["@graph"][2]."""
    out = "$"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)):
            out += f".{part}"
        else:
            out += f'["{part}"]'
    return out


class Ids:
    """Component ids made from names: lower case, safe characters, unique within one lineage."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, name: str) -> str:
        base = re.sub(r"[^a-z0-9_.-]+", "-", name.casefold().replace("/", "--"))
        base = base.lstrip("_.-")[:58].rstrip("_.-") or "component"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        assert re.fullmatch(ID_PATTERN, candidate), candidate
        self.taken.add(candidate)
        return candidate


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split()) or "?"
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- models in the catalog


@dataclass(frozen=True)
class Found:
    checkpoint: Checkpoint
    how: Literal["exact", "search", "name"]  # exact: an alias, id or name; search/name: a guess to check


def find_model(catalog: Catalog, model_id: str) -> Found | None:
    """A catalog checkpoint for a Hugging Face id: an exact alias first, then search(), then the repo name alone."""
    key = model_id.strip().casefold()
    if not key:
        return None
    for m in catalog.models:
        if key in (n.casefold() for n in [m.id, m.name, *m.aliases]):
            return Found(m, "exact")
    hits = search(catalog.models, model_id)
    if len(hits) == 1:
        return Found(hits[0], "search")
    if "/" in key:  # someone/Llama-3.1-8B: the same repository name under another owner, often a re-upload
        repo = key.rsplit("/", 1)[1]
        named = [m for m in catalog.models if repo in (n.casefold().rsplit("/", 1)[-1] for n in m.aliases)]
        if len(named) == 1:
            return Found(named[0], "name")
    return None


# ---------------------------------------------------------------- licenses


@dataclass(frozen=True)
class LicenseMatch:
    token: str
    profiles: tuple[str, ...]  # the license profiles it names; empty when none or several fit
    note: str  # what is known, for the component's license_note and the unmapped reason
    candidates: tuple[str, ...] = ()  # every profile that fits, before narrowing to one


def _bare_spdx(token: str) -> str:
    return token.casefold().removesuffix("-only")


def map_license(catalog: Catalog, token: str) -> LicenseMatch:
    """The license profiles a license token names.

    Tried in order, ignoring case: LicenseRef-license-risk-<profile id> (this tool's export),
    LicenseRef-scancode-<key>, a profile's `spdx` id (GPL-3.0 and GPL-3.0-only alike: Hugging Face
    writes the bare form), the `hf_license` of catalog checkpoints, a profile id. Several fitting
    profiles are narrowed to the one whose id is the token itself (`mit`, not `mit-deepseek-r1`);
    otherwise the token stays unmapped, with the candidates named.
    """
    licenses = set(catalog.license_ids)
    t = token.strip()
    low = t.casefold()
    if low.startswith(LICENSE_REF_PREFIX.casefold()):
        pid = low[len(LICENSE_REF_PREFIX) :]
        if pid in licenses:
            return LicenseMatch(t, (pid,), "", (pid,))
    if low.startswith(SCANCODE_REF_PREFIX.casefold()):
        key = low[len(SCANCODE_REF_PREFIX) :]
        hits = sorted(p for p in licenses if (catalog.profiles[p].model.scancode or "").casefold() == key)
        if len(hits) == 1:
            return LicenseMatch(t, tuple(hits), "", tuple(hits))
    candidates = {
        p
        for p in licenses
        if catalog.profiles[p].model.spdx and _bare_spdx(catalog.profiles[p].model.spdx or "") == _bare_spdx(t)
    }
    not_held = []
    for m in catalog.models:
        if m.hf_license and m.hf_license.casefold() == low:
            if m.license:
                candidates.add(m.license)
            elif m.not_held:
                not_held.append(m.not_held)
    if low in licenses:
        candidates.add(low)
    fitting = tuple(sorted(candidates))
    if len(candidates) > 1 and low in candidates:
        candidates = {low}
    if len(candidates) == 1:
        return LicenseMatch(t, tuple(candidates), "", fitting)
    if candidates:
        return LicenseMatch(t, (), f"'{t}' fits several licenses this tool holds ({', '.join(fitting)}); choose one", fitting)
    if not_held:
        return LicenseMatch(t, (), f"'{t}' is {clip(not_held[0], 300)}, whose text this tool does not hold")
    return LicenseMatch(t, (), f"'{t}' is not a license this tool holds")


def apply_identified(
    components: list[Component], identified: Mapping[str, str] | None, catalog: Catalog, file: str
) -> tuple[list[Component], list[Problem]]:
    """The hook for license identification: a component id -> the license profile identified for it.

    The caller identifies a license file (license_risk.identify) for a component whose license
    could not be mapped, and imports again with the result; it replaces what the file said.
    """
    if not identified:
        return components, []
    problems = []
    by_id = {c.id for c in components}
    out = []
    for c in components:
        pid = identified.get(c.id)
        if pid is None:
            out.append(c)
        elif pid not in catalog.license_ids:
            problems.append(
                Problem(file, None, c.id, f"the license identified for it, '{pid}', is not a license this tool holds")
            )
            out.append(c)
        else:
            note = f"identified from its license file as {catalog.profiles[pid].model.name}"
            out.append(c.model_copy(update={"licenses": [pid], "license_note": note}))
    problems += [
        Problem(file, None, cid, "a license was identified for this component, but the file has no such component")
        for cid in identified
        if cid not in by_id
    ]
    return out, problems


# ---------------------------------------------------------------- the lineage and its answers


def build_lineage(file: str, model_name: str, components: list[Component]) -> Lineage:
    """The Lineage; its own checks (size, links, cycles) become a message naming the file."""
    if len(components) > MAX_COMPONENTS:
        raise refuse(file, None, "", f"the file lists {len(components):,} components; a lineage holds at most {MAX_COMPONENTS}")
    try:
        return Lineage(model_name=clip(model_name, 300), components=components)
    except ValidationError as exc:
        err = exc.errors()[0]
        reason = str(err.get("ctx", {}).get("error") or err["msg"]).removeprefix("Value error, ")
        raise refuse(file, None, "", f"the lineage it describes cannot be used: {reason}") from None


PREFILLED = {  # intake question -> what in the lineage settles it as "yes"
    "modifies_model": "is built by changing another model's weights",
    "trains_on_outputs": "was trained on another model's outputs",
}


def prefill(catalog: Catalog, lineage: Lineage) -> tuple[Answers, dict[str, dict[str, str]]]:
    """The intake answers the lineage settles: only ever "yes", never "no".

    modifies_model: a component reaches the model by weights through a fine-tune, adapter, merge,
    quantization or pruning. trains_on_outputs: a component's outputs trained a model on its chain
    (distillation, synthetic data). A file that says nothing settles nothing: "no" is left to the user.
    """
    answers: Answers = {}
    reasons: dict[str, dict[str, str]] = {}
    questions = catalog.trees[INTAKE].questions if INTAKE in catalog.trees else {}
    for c in lineage.components:
        r = reach(lineage, c)
        for qid, settled in (("modifies_model", r.modifies), ("trains_on_outputs", r.trains_on_outputs)):
            if settled and qid in questions and qid not in answers.get(INTAKE, {}):
                answers.setdefault(INTAKE, {})[qid] = True
                via = " via ".join(r.path)
                reasons.setdefault(INTAKE, {})[qid] = f"the model {PREFILLED[qid]}: {via} ({', '.join(r.relations)})"
    return answers, reasons
