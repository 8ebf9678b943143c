"""Read a CycloneDX ML-BOM (JSON, spec 1.5 or 1.6) into a lineage.

    imported = read_cyclonedx(raw_bytes, "model.cdx.json", catalog)

The BOM is first checked against its version's strict JSON schema with cyclonedx-python-lib
(`JsonStrictValidator`); a BOM that fails is refused, each schema error with its JSON path and line.

The mapping:
- `metadata.component` is the assessed model: its name (and version) name the lineage. If it has
  `licenses` of its own, it also becomes a component with relation `unchanged`, so that its own
  license is assessed (as for a model card);
- `components` (and their nested `components`, and `pedigree.ancestors`) of type
  machine-learning-model become weights components, of type data dataset components; other types are
  read only when this tool's own `license-risk:route` property says they are code, else listed as
  not read;
- a component written by this tool (`license-risk:route`, `:relation`, `:into`, `:model`,
  `:license-note`, `:source`; `license-risk:license` on each license) is read back exactly;
- otherwise its place in the lineage comes from the BOM's graph, first link found:
  `pedigree.ancestors` of a model (an ancestor is built into it: weights, fine-tune assumed), a
  model's `modelCard.modelParameters.datasets` (data that trained it), then `dependencies` (the
  component a model depends on is built into it: weights for a model, assumed fine-tune; training
  data for data). A component linked to nothing is taken as used for the assessed model itself.
  Every assumed relation is listed in `unmapped` as a warning;
- `licenses`: each `license.id` (SPDX), `license.name` (a LicenseRef or a license's name or
  Hugging Face id) and `expression` (each license it names; OR is listed, since only one applies)
  is mapped with `imported.map_license`; what does not map is listed with its JSON path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from license_risk.content.catalog import Catalog
from license_risk.content.problems import MAX_SHOWN, Problem
from license_risk.content.yamlsource import Document
from license_risk.lineage.imported import (
    Ids,
    Imported,
    ImportRefused,
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
from license_risk.lineage.model import RELATIONS, Component

PREFIX = "license-risk:"
VERSIONS = {"1.5": SchemaVersion.V1_5, "1.6": SchemaVersion.V1_6}
_ROUTE_OF_TYPE = {"machine-learning-model": "weights", "data": "dataset"}
_OPERATORS = {"AND", "OR", "WITH"}
_META = "\x00metadata"  # stands for metadata.component in links, whatever its bom-ref


@dataclass
class _Node:
    """One component of the BOM, where it was found, and what it links to."""

    data: dict[str, Any]
    loc: tuple[Any, ...]
    ref: str | None
    ancestor_of: int | None = None  # the node it is a pedigree ancestor of (-1: metadata.component)
    links: list[tuple[str, str, tuple[Any, ...]]] = field(default_factory=list)  # (built model ref, relation, where)


def _props(data: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in data.get("properties") or []:
        if isinstance(p, dict) and isinstance(p.get("name"), str) and p["name"].startswith(PREFIX):
            out.setdefault(p["name"][len(PREFIX) :], []).append(str(p.get("value", "")))
    return out


def _schema_problems(text: str, doc: Document, version: SchemaVersion) -> list[Problem]:
    errors = JsonStrictValidator(version).validate_str(text, all_errors=True)
    problems = []
    for e in errors or []:
        err = e.data
        while err.context:  # anyOf/oneOf: the alternative that got deepest into the value says what is wrong
            err = max(err.context, key=lambda sub: len(sub.absolute_path))
        loc = tuple(err.absolute_path)
        problems.append(
            Problem(doc.name, doc.line_of(loc), json_path(loc), f"fails the CycloneDX schema: {clip(err.message, 300)}")
        )
        if len(problems) >= MAX_SHOWN:
            break
    return problems


def _walk(doc: Document) -> list[_Node]:
    nodes: list[_Node] = []

    def visit(items: Any, loc: tuple[Any, ...], ancestor_of: int | None) -> None:
        for i, item in enumerate(items or []):
            if not isinstance(item, dict):
                continue
            here = (*loc, i)
            node = _Node(item, here, item.get("bom-ref"), ancestor_of)
            nodes.append(node)
            at = len(nodes) - 1
            visit(item.get("components"), (*here, "components"), None)
            pedigree = item.get("pedigree") or {}
            visit(pedigree.get("ancestors"), (*here, "pedigree", "ancestors"), at)

    data = doc.data
    visit(data.get("components"), ("components",), None)
    meta = (data.get("metadata") or {}).get("component") or {}
    if meta:
        pedigree = meta.get("pedigree") or {}
        visit(pedigree.get("ancestors"), ("metadata", "component", "pedigree", "ancestors"), -1)
    return nodes


def _license_tokens(entry: dict[str, Any]) -> list[str]:
    if isinstance(entry.get("expression"), str):
        words = entry["expression"].replace("(", " ").replace(")", " ").split()
        return [w for w in words if w.upper() not in _OPERATORS]
    lic = entry.get("license") or {}
    token = lic.get("id") or lic.get("name")
    return [token] if isinstance(token, str) else []


class _Reader:
    def __init__(self, doc: Document, catalog: Catalog) -> None:
        self.doc = doc
        self.catalog = catalog
        self.problems: list[Problem] = []

    def unmapped(self, loc: tuple[Any, ...], message: str, level: str = "error") -> None:
        self.problems.append(Problem(self.doc.name, self.doc.line_of(loc), json_path(loc), message, level))  # type: ignore[arg-type]

    def licenses(self, data: dict[str, Any], loc: tuple[Any, ...], prefer: list[str]) -> tuple[list[str], str | None]:
        """The profiles a component's licenses name, and a note on those that name none.

        prefer: the catalog's licenses for the component, which settle an SPDX id that fits several
        profiles (MIT for DeepSeek-R1 is the catalog's mit-deepseek-r1).
        """
        found: list[str] = []
        notes: list[str] = []
        for i, entry in enumerate(data.get("licenses") or []):
            here = (*loc, "licenses", i)
            tagged = _props(entry.get("license") or {}).get("license", [])
            known = [t for t in tagged if t in self.catalog.license_ids]
            if known:  # written by this tool: the profile id itself
                found += [t for t in known if t not in found]
                continue
            if isinstance(entry.get("expression"), str):
                if " OR " in f" {entry['expression'].upper()} ":
                    self.unmapped(
                        (*here, "expression"), "an OR expression offers a choice; every license it names is assessed", "warning"
                    )
                if " WITH " in f" {entry['expression'].upper()} ":
                    self.unmapped(
                        (*here, "expression"), "a license exception (WITH) is not assessed; the license it amends is", "warning"
                    )
            for token in _license_tokens(entry):
                match = map_license(self.catalog, token)
                settled = [p for p in prefer if p in match.candidates]
                if settled:
                    found += [p for p in settled if p not in found]
                elif match.profiles:
                    found += [p for p in match.profiles if p not in found]
                else:
                    self.unmapped(here, match.note)
                    notes.append(match.note)
        return found, clip("; ".join(notes), 2000) if notes else None


def _name(data: dict[str, Any]) -> str:
    name = str(data.get("name") or "?")
    return f"{name} {data['version']}" if isinstance(data.get("version"), str) and data["version"] else name


def read_cyclonedx(raw: bytes, file: str, catalog: Catalog, *, identified: Mapping[str, str] | None = None) -> Imported:
    """The lineage a CycloneDX ML-BOM describes; see the module docstring for the mapping.

    identified: component id -> license profile id, for licenses identified from their files.
    """
    text = decode(raw, file)
    doc = parse_json(text, file)
    data = doc.data
    if not isinstance(data, dict) or data.get("bomFormat") != "CycloneDX":
        raise refuse(file, 1, "$.bomFormat", 'not a CycloneDX BOM: its bomFormat is not "CycloneDX"')
    version = VERSIONS.get(str(data.get("specVersion")))
    if version is None:
        raise refuse(
            file,
            doc.line_of(("specVersion",)),
            "$.specVersion",
            f"CycloneDX {clip(str(data.get('specVersion')), 20)}; this tool reads ML-BOMs of CycloneDX 1.5 and 1.6",
        )
    problems = _schema_problems(text, doc, version)
    if problems:
        raise ImportRefused(problems)

    r = _Reader(doc, catalog)
    meta = (data.get("metadata") or {}).get("component") or {}
    meta_ref = meta.get("bom-ref")
    if meta:
        model_name = _name(meta)
    else:
        model_name = file
        r.unmapped(
            ("metadata",), "no metadata.component: the BOM does not say which model it describes; named after the file", "warning"
        )

    nodes = _walk(doc)
    by_ref = {n.ref: n for n in nodes if n.ref}
    ids = Ids()
    id_of: dict[int, str] = {}  # node index -> component id
    kept: list[tuple[int, _Node, str]] = []  # (index, node, route)
    for i, n in enumerate(nodes):
        props = _props(n.data)
        route = (props.get("route") or [None])[0] or _ROUTE_OF_TYPE.get(str(n.data.get("type")))
        if route not in RELATIONS:
            r.unmapped(
                (*n.loc, "type"),
                f"a component of type {clip(str(n.data.get('type')), 40)} is not part of a model's lineage; not read",
                "warning",
            )
            continue
        wanted = (props.get("id") or [None])[0]
        id_of[i] = ids.make(wanted or str(n.data.get("name") or "component"))
        kept.append((i, n, route))
    index_of_ref = {n.ref: i for i, n in enumerate(nodes) if n.ref}

    # Links from the graph, for components this tool did not write.
    for _, n, _ in kept:
        if n.data.get("type") == "machine-learning-model":
            params = ((n.data.get("modelCard") or {}).get("modelParameters") or {}).get("datasets") or []
            for j, d in enumerate(params):
                ref = d.get("ref") if isinstance(d, dict) else None
                if ref in by_ref:
                    by_ref[ref].links.append((n.ref, "training", (*n.loc, "modelCard", "modelParameters", "datasets", j)))
    for j, dep in enumerate(data.get("dependencies") or []):
        for k, target in enumerate(dep.get("dependsOn") or []):
            if target in by_ref:
                built = _META if dep.get("ref") == meta_ref and meta_ref else dep.get("ref")
                by_ref[target].links.append((built, "", ("dependencies", j, "dependsOn", k)))

    components: list[Component] = []
    if meta.get("licenses"):
        licenses, note = r.licenses(meta, ("metadata", "component"), [])
        components.append(
            Component(
                id=ids.make(model_name),
                name=clip(model_name, 300),
                licenses=licenses,
                license_note=note,
                route="weights",
                relation="unchanged",
                source=clip(f"{file} $.metadata.component", 500),
            )
        )
    for i, n, route in kept:
        props = _props(n.data)
        model_id = (props.get("model") or [None])[0]
        written_here = "id" in props  # by this tool: its model property is the whole truth, even when absent
        guess = model_id is None and not written_here and route in ("weights", "outputs")
        found = find_model(catalog, str(n.data.get("name") or "")) if guess else None
        if found is not None and found.how == "exact":
            model_id = found.checkpoint.id
        checkpoint = next((m for m in catalog.models if m.id == model_id), None)
        licenses, note = r.licenses(n.data, n.loc, checkpoint.licenses if checkpoint else [])
        if props.get("license-note"):
            note = clip("; ".join([props["license-note"][0], *([note] if note else [])]), 2000)
        relation = (props.get("relation") or [None])[0]
        into: str | None = None
        if "into" in props:  # written by this tool
            into = props["into"][0]
        else:
            target, how, where = _built_into(n, index_of_ref)
            for other in n.links[1:]:
                r.unmapped(
                    other[2], "also names this component; the lineage keeps one use of each component, the first", "warning"
                )
            if target != -1:
                into = id_of.get(target) if target is not None else None
                if into is None:
                    built = n.links[0][0] if n.links and n.ancestor_of is None else "?"
                    r.unmapped(
                        where,
                        f"names '{clip(str(built), 80)}', which is not a model or data set of this BOM; used for the assessed model instead",
                        "warning",
                    )
            if relation is None:
                relation = "training" if route == "dataset" else "training_code" if route == "code" else "fine_tune"
                if route == "weights":
                    r.unmapped(
                        where or (*n.loc, "name"),
                        f"{how}: how the model was built from it is not said; a fine-tune is assumed",
                        "warning",
                    )
        if relation not in RELATIONS[route]:
            r.unmapped(
                (*n.loc, "properties"),
                f"relation '{clip(str(relation), 40)}' is not one of the {route} route's; read as {RELATIONS[route][0]}",
            )
            relation = RELATIONS[route][0]
        if checkpoint is not None and not n.data.get("licenses") and "license-note" not in props:
            licenses = checkpoint.licenses
            note = "no license in the BOM; the licenses are the model catalog's for this model"
        components.append(
            Component(
                id=id_of[i],
                name=clip(_name(n.data), 300),
                model=checkpoint.id if checkpoint else None,
                licenses=licenses,
                license_note=note,
                route=route,  # type: ignore[arg-type]
                relation=relation,
                into=into,
                source=(props.get("source") or [clip(f"{file} {json_path(n.loc)}", 500)])[0],
            )
        )
    known = {c.id for c in components}
    for c in list(components):
        if c.into is not None and c.into not in known:
            r.unmapped(
                (),
                f"component '{c.id}' is said to build '{c.into}', which is not in the BOM; used for the assessed model instead",
            )
            components[components.index(c)] = c.model_copy(update={"into": None})

    components, more = apply_identified(components, identified, catalog, file)
    lineage = build_lineage(file, model_name, components)
    answers, reasons = prefill(catalog, lineage)
    return Imported(file, "CycloneDX", lineage, answers, reasons, tuple(r.problems + more))


def _built_into(n: _Node, index_of_ref: dict[str, int]) -> tuple[int | None, str, tuple[Any, ...]]:
    """The node this component was used to build (-1: the assessed model; None: not in the BOM), how that is known, and where."""
    if n.ancestor_of is not None:
        return n.ancestor_of, "an ancestor in its pedigree", n.loc
    if n.links:
        built, how, where = n.links[0]
        target = -1 if built == _META else index_of_ref.get(built) if built is not None else None
        return target, ("training data in a model card" if how else "a dependency"), where
    return -1, "the BOM links it to nothing", n.loc
