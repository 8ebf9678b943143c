"""The memo's combined section, as plain text: the model's lineage, every duty across its licenses, the conflicts.

    combined_section(catalog, assessment, lineage) -> Combined

Built from `license_risk.combined` (the checklist, the conflicts, the graph); the renderers draw it.
With no lineage the duties and naming conflicts still come from the licenses assessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from license_risk.combined.checklist import Obligation, checklist
from license_risk.combined.conflicts import Conflict, ConflictSide, conflicts
from license_risk.combined.graph import Graph, lineage_graph
from license_risk.combined.words import STATUS, license_note, route_label, word
from license_risk.content.catalog import Catalog
from license_risk.i18n import translator
from license_risk.lineage.model import Lineage
from scoring.rating import Assessment


@dataclass(frozen=True)
class Duty:
    kind: str  # the rubric kind's title, e.g. "Naming rule"
    license_name: str
    title: str
    clause: str  # "Llama 3.1 Community License Agreement, section 1.b.i (Redistribution)"
    actions: tuple[str, ...]
    status: str  # not met, unsettled, to do, met (in the catalog's language)
    brought_by: str  # the components and routes that bring the license; "" without a lineage
    needs_legal_review: bool


@dataclass(frozen=True)
class ConflictNote:
    title: str
    sides: tuple[str, str]  # what each side requires, and the clause or answers it rests on
    explanation: str
    action: str
    needs_legal_review: bool
    open_questions: tuple[str, ...]


@dataclass(frozen=True)
class LineageRow:
    component: str
    route: str  # "weights · fine tune"
    into: str  # what it was used to build
    licenses: str


@dataclass(frozen=True)
class Combined:
    duties: tuple[Duty, ...]
    conflicts: tuple[ConflictNote, ...]
    lineage: tuple[LineageRow, ...]  # empty without a lineage
    graph: Graph | None


def combined_section(catalog: Catalog, assessment: Assessment, lineage: Lineage | None) -> Combined:
    lang = catalog.lang
    _ = translator(lang)
    rows: tuple[LineageRow, ...] = ()
    graph = None
    if lineage is not None and lineage.components:
        names = {c.id: c.name for c in lineage.components}
        rows = tuple(
            LineageRow(
                c.name,
                route_label(c.route, c.relation, lang),
                names[c.into] if c.into else lineage.model_name,
                ", ".join(_license_name(catalog, lic) for lic in c.licenses)
                or (license_note(c.license_note, lang, catalog.model_word) if c.license_note else _("unknown")),
            )
            for c in lineage.components
        )
        graph = lineage_graph(lineage, assessment, lang, catalog.model_word)
    return Combined(
        tuple(_duty(o, lang) for o in checklist(catalog, assessment, lineage)),
        tuple(
            _conflict(c, lang)
            for c in conflicts(catalog, assessment, lineage, release_license=lineage.release_license if lineage else None)
        ),
        rows,
        graph,
    )


def _license_name(catalog: Catalog, license_id: str) -> str:
    p = catalog.profiles.get(license_id)
    return f"{p.model.name} ({p.model.version})" if p is not None else license_id


def _duty(o: Obligation, lang: str) -> Duty:
    return Duty(
        o.kind_title,
        o.license_name,
        o.title,
        o.clause.reference_in(lang),
        o.actions,
        word(STATUS, o.status, lang),
        "; ".join(s.text_in(lang) for s in o.sources),
        o.needs_legal_review,
    )


def _conflict(c: Conflict, lang: str) -> ConflictNote:
    _ = translator(lang)

    def side(s: ConflictSide) -> str:
        ground = s.clause.reference_in(lang) if s.clause is not None else "; ".join(f"{p.text} → {p.answer}" for p in s.plan)
        return _("{requires} ({ground})").format(requires=s.requires, ground=ground) if ground else s.requires

    return ConflictNote(
        c.title, (side(c.sides[0]), side(c.sides[1])), c.explanation, c.action, c.needs_legal_review, c.open_questions
    )
