"""Read an SPDX 3.0 document with the AI and Dataset profiles (JSON-LD) into a lineage.

    imported = read_spdx(raw_bytes, "model.spdx3.json", catalog)

The document's `@graph` is read as plain JSON (no JSON-LD processing, no context fetched). Elements
are found by `spdxId` (or `@id`) and `type` (or `@type`).

The mapping, by SPDX 3.0.1's RelationshipType (`from` RELATIONSHIP `to`):
- the assessed model is the `ai_AIPackage` among the SpdxDocument's `rootElement`, else the only
  AI package that no mapped relationship makes an ingredient of another; if its own licenses are
  stated it also becomes a component with relation `unchanged` (as for a model card);
- `hasConcludedLicense` / `hasDeclaredLicense` (element -> license): the concluded license wins over
  the declared one; a `simplelicensing_LicenseExpression` is split into the licenses it names, a
  listed license (`expandedlicensing_ListedLicense` or an spdx.org/licenses/ id) gives its SPDX id,
  a custom license its name; each is mapped with `imported.map_license`;
- `trainedOn` and `pretrainedOn` (model -> each data set or model): a `dataset_DatasetPackage` is
  training data (dataset route, training); an `ai_AIPackage` trained the model with its outputs
  (outputs route, distillation assumed, listed as a warning);
- `ancestorOf` (A -> each B) and `descendantOf` (B -> each A): A's weights built B (weights route,
  fine-tune assumed: SPDX does not say how; listed as a warning);
- `testedOn` (a test set evaluates, it does not build, and the lineage has no evaluation route for
  data), `hasVariant`, `modifiedBy`, `dependsOn`, `usesTool`, `generates`, `hasDataFile` and every
  other type are listed in `unmapped` with the relationship's place. `describes` is read silently
  only for the root.
- An AI or dataset package that no relationship mentions is taken as used for the assessed model
  itself, with the assumption listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from license_risk.content.catalog import Catalog
from license_risk.content.problems import Problem
from license_risk.content.yamlsource import Document
from license_risk.lineage.imported import (
    Ids,
    Imported,
    apply_identified,
    build_lineage,
    clip,
    decode,
    find_model,
    json_path,
    map_license,
    parse_json,
    prefill,
    refuse,
)
from license_risk.lineage.model import Component

AI = "ai_AIPackage"
DATASET = "dataset_DatasetPackage"
LICENSE_RELATIONS = ("hasConcludedLicense", "hasDeclaredLicense")  # concluded first: it wins
TRAINING = ("trainedOn", "pretrainedOn")
WEIGHTS = ("ancestorOf", "descendantOf")
_LISTED = re.compile(r"^https?://spdx\.org/licenses/([A-Za-z0-9.+-]+)$")
_OPERATORS = {"AND", "OR", "WITH"}


@dataclass
class _Element:
    index: int
    data: dict[str, Any]
    id: str
    type: str

    @property
    def loc(self) -> tuple[Any, ...]:
        return ("@graph", self.index)

    @property
    def name(self) -> str:
        return str(self.data.get("name") or self.id)


def _listed(value: object) -> list[object]:
    """A property that should hold a list: a single value counts as one, anything else (true, a number) as none."""
    return value if isinstance(value, list) else [value] if isinstance(value, str) else []


def _type(data: dict[str, Any]) -> str:
    t = data.get("type", data.get("@type"))
    t = t[0] if isinstance(t, list) and t else t
    return str(t or "").removeprefix("https://spdx.org/rdf/3.0.1/terms/")


def _targets(rel: dict[str, Any]) -> list[str]:
    to = rel.get("to")
    if isinstance(to, str):
        return [to]
    return [t for t in to if isinstance(t, str)] if isinstance(to, list) else []


class _Reader:
    def __init__(self, doc: Document, catalog: Catalog) -> None:
        self.doc = doc
        self.catalog = catalog
        self.problems: list[Problem] = []

    def unmapped(self, loc: tuple[Any, ...], message: str, level: str = "error") -> None:
        self.problems.append(Problem(self.doc.name, self.doc.line_of(loc), json_path(loc), message, level))  # type: ignore[arg-type]

    def tokens(self, target: str, elements: dict[str, _Element], loc: tuple[Any, ...]) -> list[str]:
        """The license tokens a license element (or an spdx.org license id) names."""
        listed = _LISTED.match(target)
        el = elements.get(target)
        if el is None:
            if listed:
                return [listed.group(1)]
            if target.endswith(("/NoAssertionLicense", "/NoneLicense")):
                self.unmapped(loc, f"{target.rsplit('/', 1)[1]}: no license is asserted", "warning")
                return []
            self.unmapped(loc, f"the license '{clip(target, 100)}' is not in the document")
            return []
        if el.type == "simplelicensing_LicenseExpression":
            expr = str(el.data.get("simplelicensing_licenseExpression") or "")
            if " OR " in f" {expr.upper()} ":
                self.unmapped(el.loc, "an OR expression offers a choice; every license it names is assessed", "warning")
            if " WITH " in f" {expr.upper()} ":
                self.unmapped(el.loc, "a license exception (WITH) is not assessed; the license it amends is", "warning")
            words = expr.replace("(", " ").replace(")", " ").split()
            return [w for w in words if w.upper() not in _OPERATORS]
        if el.type in ("expandedlicensing_ListedLicense", "ListedLicense"):
            return [listed.group(1)] if listed else [str(el.data.get("name") or el.id)]
        if el.type in ("expandedlicensing_CustomLicense", "CustomLicense"):
            return [str(el.data.get("name") or el.id)]
        self.unmapped(el.loc, f"a license of type {clip(el.type, 60)} is not read")
        return []


def read_spdx(raw: bytes, file: str, catalog: Catalog, *, identified: Mapping[str, str] | None = None) -> Imported:
    """The lineage an SPDX 3.0 AI document describes; see the module docstring for the mapping.

    identified: component id -> license profile id, for licenses identified from their files.
    """
    text = decode(raw, file)
    doc = parse_json(text, file)
    data = doc.data
    if isinstance(data, dict) and "spdxVersion" in data:
        raise refuse(
            file,
            doc.line_of(("spdxVersion",)),
            "$.spdxVersion",
            f"an {clip(str(data['spdxVersion']), 20)} document; this tool reads SPDX 3.0 (JSON-LD with @graph), which has the AI profile",
        )
    if not isinstance(data, dict) or not isinstance(data.get("@graph"), list):
        raise refuse(file, 1, "$", "not an SPDX 3.0 JSON-LD document: it has no @graph list of elements")
    r = _Reader(doc, catalog)
    elements: dict[str, _Element] = {}
    relationships: list[_Element] = []
    for i, item in enumerate(data["@graph"]):
        if not isinstance(item, dict):
            r.unmapped(("@graph", i), "an element must be a JSON object; not read")
            continue
        el = _Element(i, item, str(item.get("spdxId") or item.get("@id") or f"#{i}"), _type(item))
        if el.type.endswith("Relationship"):
            relationships.append(el)
        else:
            elements.setdefault(el.id, el)
    packages = [e for e in elements.values() if e.type in (AI, DATASET)]
    if not any(e.type == AI for e in packages):
        raise refuse(file, 1, '$["@graph"]', "no ai_AIPackage element: the document describes no AI model")

    # ---- licenses and links, from the relationships
    license_of: dict[str, dict[str, list[tuple[str, tuple[Any, ...]]]]] = {}  # element -> kind -> [(target, loc)]
    built_into: dict[str, list[tuple[str, str, str, tuple[Any, ...]]]] = {}  # ingredient -> [(built, route, relation, loc)]
    mentioned: set[str] = set()
    for rel in relationships:
        kind = str(rel.data.get("relationshipType") or "")
        src = rel.data.get("from")
        tos = _targets(rel.data)
        if not isinstance(src, str) or not tos:
            r.unmapped(rel.loc, "a relationship needs a from and a to; not read")
            continue
        mentioned |= {src, *tos}
        if kind in LICENSE_RELATIONS:
            for k, t in enumerate(tos):
                license_of.setdefault(src, {}).setdefault(kind, []).append((t, (*rel.loc, "to", k)))
        elif kind in TRAINING:
            for k, t in enumerate(tos):
                el = elements.get(t)
                if el is None or el.type not in (AI, DATASET):
                    r.unmapped((*rel.loc, "to", k), f"{kind} names '{clip(t, 80)}', which is not an AI or dataset package here")
                    continue
                route, relation = ("dataset", "training") if el.type == DATASET else ("outputs", "distillation")
                if route == "outputs":
                    r.unmapped(rel.loc, f"{kind} a model: its outputs trained the model; distillation is assumed", "warning")
                built_into.setdefault(t, []).append((src, route, relation, rel.loc))
        elif kind in WEIGHTS:
            for t in tos:
                ancestor, built = (src, t) if kind == "ancestorOf" else (t, src)
                r.unmapped(
                    rel.loc, f"{kind}: how the model was built from its ancestor is not said; a fine-tune is assumed", "warning"
                )
                built_into.setdefault(ancestor, []).append((built, "weights", "fine_tune", rel.loc))
        elif kind == "describes":
            continue
        else:
            why = {
                "testedOn": "a test set evaluates the model, it does not build it; not part of the lineage",
                "hasVariant": "a variant may or may not be built from the other's weights; not read",
            }.get(kind, f"the relationship type {clip(kind, 40) or '(none)'} does not say how a model was built; not read")
            r.unmapped(rel.loc, why, "warning")

    # ---- the assessed model
    roots = [
        elements[x]
        for d in elements.values()
        if d.type == "SpdxDocument"
        for x in _listed(d.data.get("rootElement"))
        if isinstance(x, str) and x in elements and elements[x].type == AI
    ]
    if not roots:
        roots = [e for e in packages if e.type == AI and e.id not in built_into]
    if len(roots) != 1:
        names = ", ".join(clip(e.name, 60) for e in roots[:5]) or "none"
        raise refuse(
            file,
            1,
            '$["@graph"]',
            f"cannot tell which AI package is the model assessed ({names}): name it in the SpdxDocument's rootElement",
        )
    root = roots[0]

    ids = Ids()
    id_of = {e.id: ids.make(e.name) for e in packages}

    def licenses(el: _Element, prefer: list[str]) -> tuple[list[str], str | None]:
        stated = license_of.get(el.id, {})
        targets = stated.get("hasConcludedLicense") or stated.get("hasDeclaredLicense") or []
        found: list[str] = []
        notes: list[str] = []
        for target, loc in targets:
            for token in r.tokens(target, elements, loc):
                match = map_license(catalog, token)
                settled = [p for p in prefer if p in match.candidates]
                if settled or match.profiles:
                    found += [p for p in settled or match.profiles if p not in found]
                else:
                    r.unmapped(loc, match.note)
                    notes.append(match.note)
        return found, clip("; ".join(notes), 2000) if notes else None

    components: list[Component] = []
    if root.id in license_of:
        own, note = licenses(root, [])
        components.append(
            Component(
                id=id_of[root.id],
                name=clip(root.name, 300),
                licenses=own,
                license_note=note,
                route="weights",
                relation="unchanged",
                source=clip(f"{file} {json_path(root.loc)}", 500),
            )
        )
    for el in packages:
        if el is root:
            continue
        links = built_into.get(el.id, [])
        if links:
            built, route, relation, where = links[0]
            for other in links[1:]:
                r.unmapped(other[3], "also names this package; the lineage keeps one use of each component, the first", "warning")
        elif el.id in mentioned:
            continue  # only in relationships that are not read: already listed
        else:
            built, route, relation, where = (
                root.id,
                ("dataset" if el.type == DATASET else "weights"),
                ("training" if el.type == DATASET else "fine_tune"),
                el.loc,
            )
            r.unmapped(
                el.loc,
                f"no relationship says how '{clip(el.name, 60)}' was used; read as {relation} of the assessed model",
                "warning",
            )
        found = find_model(catalog, el.name) if el.type == AI else None
        checkpoint = found.checkpoint if found is not None and found.how == "exact" else None
        lic, note = licenses(el, checkpoint.licenses if checkpoint else [])
        if checkpoint is not None and el.id not in license_of:
            lic, note = checkpoint.licenses, "no license in the document; the licenses are the model catalog's for this model"
        into = None if built == root.id else id_of.get(built)
        if built != root.id and into is None:
            r.unmapped(
                where,
                f"names '{clip(built, 80)}' as the model built, which is not an AI package here; used for the assessed model instead",
                "warning",
            )
        components.append(
            Component(
                id=id_of[el.id],
                name=clip(el.name, 300),
                model=checkpoint.id if checkpoint else None,
                licenses=lic,
                license_note=note,
                route=route,  # type: ignore[arg-type]
                relation=relation,
                into=into,
                source=clip(f"{file} {json_path(el.loc)}", 500),
            )
        )
    components, more = apply_identified(components, identified, catalog, file)
    lineage = build_lineage(file, root.name, components)
    answers, reasons = prefill(catalog, lineage)
    return Imported(file, "SPDX 3", lineage, answers, reasons, tuple(r.problems + more))
