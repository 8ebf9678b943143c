"""Versions of one family: a profile or tree that `extends` another states only what differs.

The merge works on the parsed YAML, before validation:
- top-level keys of the extending file replace the base's;
- list sections (`clauses`, `questions`, `findings`, `open_questions`, `not_probed`) merge by id:
  an item with an id the base has replaces it in place, a new id is appended (a list of plain
  texts, such as a profile's open questions, is replaced whole);
- `remove_<section>: [ids]` drops the base's items with those ids.

The merged document keeps, for every item, the file and position it came from, so an
error in an inherited question still points at the line in the base file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from license_risk.content.problems import Problem
from license_risk.content.yamlsource import Document

SECTIONS = ("clauses", "questions", "findings", "open_questions", "not_probed")
REMOVE_KEYS = {f"remove_{s}": s for s in SECTIONS}
_ITEM_KEY = {"not_probed": "clause"}  # the key that identifies an item, where it is not "id"


@dataclass
class MergedDocument(Document):
    """A document built from a base and the file that extends it."""

    origins: dict[tuple[str, int], tuple[Document, tuple[Any, ...]]] = field(default_factory=dict)
    sources: list[Document] = field(default_factory=list)

    def locate(self, loc: tuple[Any, ...]) -> tuple[str, int | None]:
        if len(loc) >= 2 and isinstance(loc[1], int) and (loc[0], loc[1]) in self.origins:
            doc, base = self.origins[(loc[0], loc[1])]
            return doc.locate((*base, *loc[2:]))
        return self.name, self.line_of(loc)

    @property
    def digest(self) -> str:
        """A hash over every file the merged content comes from."""
        h = hashlib.sha256()
        for doc in self.sources:
            h.update(doc.name.encode() + b"\0" + doc.text.encode("utf-8") + b"\0")
        return h.hexdigest()


def resolve(documents: dict[str, Document], folder: str) -> tuple[dict[str, Document], list[Problem]]:
    """Replace every document of `folder` that extends another by the merged result."""
    problems: list[Problem] = []
    by_id = {
        str(d.data.get("id")): d
        for n, d in documents.items()
        if n.startswith(folder + "/") and isinstance(d.data, dict) and not n.endswith(".tests.yaml")
    }
    merged: dict[str, Document] = {}

    def build(doc_id: str, chain: list[str]) -> Document | None:
        doc = by_id[doc_id]
        base_id = doc.data.get("extends")
        if base_id is None:
            return doc
        if doc_id in merged:
            return merged[doc_id]
        if not isinstance(base_id, str):
            problems.append(
                Problem(
                    doc.name,
                    doc.line_of(("extends",)),
                    "extends",
                    f"give the id of the one file this version extends, e.g. 'extends: llama-3.1' (got {_kind(base_id)})",
                )
            )
            return None
        if base_id in chain or base_id == doc_id:
            problems.append(
                Problem(
                    doc.name,
                    doc.line_of(("extends",)),
                    "extends",
                    "versions extend each other in a circle: " + " -> ".join([*chain, doc_id, str(base_id)]),
                )
            )
            return None
        if base_id not in by_id:
            problems.append(
                Problem(doc.name, doc.line_of(("extends",)), "extends", f"no file with id '{base_id}' in {folder}/ to extend")
            )
            return None
        base = build(str(base_id), [*chain, doc_id])
        if base is None:
            return None
        result = merge(base, doc, problems)
        merged[doc_id] = result
        return result

    out = dict(documents)
    for doc_id, doc in by_id.items():
        if doc.data.get("extends") is not None:
            result = build(doc_id, [])
            if result is not None:
                out[doc.name] = result
            else:
                out.pop(doc.name)
    return out, problems


def merge(base: Document, own: Document, problems: list[Problem]) -> MergedDocument:
    data: dict[str, Any] = {k: v for k, v in base.data.items() if k not in REMOVE_KEYS}
    origins: dict[tuple[str, int], tuple[Document, tuple[Any, ...]]] = {}
    base_origins = base.origins if isinstance(base, MergedDocument) else {}
    for section in SECTIONS:
        base_items = base.data.get(section) or []
        own_items = own.data.get(section)
        if not isinstance(base_items, list):
            base_items = []  # the base file's own check reports it
        if own_items is not None and not isinstance(own_items, list):
            problems.append(
                Problem(own.name, own.line_of((section,)), section, f"expects a list of {section} (got {_kind(own_items)})")
            )
            own_items = None
        if own_items is not None and not all(isinstance(i, dict) for i in [*base_items, *own_items]):
            # Items without ids (a profile's open questions are plain text) cannot be matched:
            # the extending file's list replaces the base's whole.
            data[section] = own_items
            for j in range(len(own_items)):
                origins[(section, j)] = (own, (section, j))
            continue
        items = list(base_items)
        origins_list = [base_origins.get((section, i), (base, (section, i))) for i in range(len(items))]
        key = _ITEM_KEY.get(section, "id")
        removed = own.data.get(f"remove_{section}") or []
        if not isinstance(removed, list):
            problems.append(
                Problem(
                    own.name,
                    own.line_of((f"remove_{section}",)),
                    f"remove_{section}",
                    f"expects a list of the ids to remove, e.g. [{section[:-1]}_id] (got {_kind(removed)})",
                )
            )
            removed = []
        known = [item.get(key) if isinstance(item, dict) else None for item in items]
        for j, rid in enumerate(removed):
            if rid not in known:
                problems.append(
                    Problem(
                        own.name,
                        own.line_of((f"remove_{section}", j)),
                        f"remove_{section}[{j}]",
                        f"the base version has no {section[:-1] if section != 'not_probed' else 'entry'} '{rid}' to remove",
                    )
                )
        keep = [i for i, k in enumerate(known) if k not in removed]
        items = [items[i] for i in keep]
        origins_list = [origins_list[i] for i in keep]
        for j, item in enumerate(own_items or []):
            item_id = item.get(key) if isinstance(item, dict) else None
            ids = [it.get(key) if isinstance(it, dict) else None for it in items]
            if item_id is not None and item_id in ids:
                at = ids.index(item_id)
                items[at] = item
                origins_list[at] = (own, (section, j))
            else:
                items.append(item)
                origins_list.append((own, (section, j)))
        if items or section in base.data or section in own.data:
            data[section] = items
        for i, origin in enumerate(origins_list):
            origins[(section, i)] = origin
    for k, v in own.data.items():
        if k not in SECTIONS and k not in REMOVE_KEYS:
            data[k] = v
    sources = [*(base.sources if isinstance(base, MergedDocument) else [base]), own]
    return MergedDocument(own.name, own.text, data, origins=origins, sources=sources)


def _kind(value: Any) -> str:
    """What a value is, in a maintainer's words."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "yes/no"
    return repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
