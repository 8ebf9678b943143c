"""What the combined result cites: a clause by reference with its quote, and the components that bring a license."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from license_risk.combined.words import RELATION, ROUTE, word
from license_risk.content.catalog import INTAKE, Catalog, Profile
from license_risk.content.conditions import State
from license_risk.i18n import ENGLISH, translator
from license_risk.lineage.model import Lineage
from license_risk.lineage.reach import reaches_by_license
from scoring.rating import Assessment, CitedClause, answer_text


@dataclass(frozen=True)
class QuotedClause:
    """A clause by reference (license, section, title) and its words, as the profile quotes the official text."""

    license: str  # the profile that holds the clause: the license, or a policy it incorporates
    license_name: str
    clause: str
    section: str
    title: str
    quote: str

    @property
    def ref(self) -> str:
        return f"{self.license}#{self.clause}"

    @property
    def reference(self) -> str:
        return self.reference_in(ENGLISH)

    def reference_in(self, lang: str) -> str:
        """'Llama 3.1 Community License Agreement, section 1.b.i (Redistribution)'; the section number stays as the text writes it."""
        _ = translator(lang)
        return _("{license}, section {section} ({title})").format(
            license=self.license_name, section=self.section, title=self.title
        )


def quoted(profile: Profile, clause_id: str) -> QuotedClause:
    c = profile.clauses[clause_id]
    return QuotedClause(profile.model.id, profile.model.name, c.id, c.section, c.title, " ".join(c.quote.split()))


def quoted_cited(cited: CitedClause) -> QuotedClause:
    return quoted(cited.profile, cited.clause.id)


@dataclass(frozen=True)
class Source:
    """A component that brings a license to the assessed model, and by which route."""

    component: str  # the component's id in the lineage
    name: str
    route: str  # weights, outputs, dataset or code, as seen from the assessed model
    relations: tuple[str, ...]  # each link's relation, from the component up to the assessed model
    path: tuple[str, ...]  # component names, from the component up to the last before the assessed model
    trains_on_outputs: bool = False  # its outputs trained a model on the chain (not only evaluated it)

    @property
    def direct(self) -> bool:
        return len(self.path) == 1

    @property
    def text(self) -> str:
        return self.text_in(ENGLISH)

    def text_in(self, lang: str) -> str:
        """'NC Instructions: dataset, fine tuning (via X → Y)': the component, its route and how it was used."""
        _ = translator(lang)
        said = _("{name}: {route}, {relation}").format(
            name=self.name, route=word(ROUTE, self.route, lang), relation=word(RELATION, self.relations[0], lang)
        )
        return said if self.direct else said + _(" (via {path})").format(path=" → ".join(self.path[1:]))


def sources_by_license(lineage: Lineage | None) -> dict[str, tuple[Source, ...]]:
    """Each license's components, by route; empty without a lineage (the licenses were picked directly)."""
    if lineage is None:
        return {}
    return {
        lic: tuple(Source(r.component.id, r.component.name, r.route, r.relations, r.path, r.trains_on_outputs) for r in reaches)
        for lic, reaches in reaches_by_license(lineage).items()
    }


@dataclass(frozen=True)
class PlanFact:
    """An answer about the plan, or a fact given beside the answers (the planned release license)."""

    question: str  # the intake question's id, or the parameter's name
    text: str
    answer: str


def intake_value(assessment: Assessment, question_id: str) -> Any | None:
    """The intake's answer if it was given and applies; None otherwise."""
    state, value = assessment.walk.lookup(INTAKE)(question_id)
    return value if state is State.ANSWERED else None


def intake_fact(catalog: Catalog, assessment: Assessment, question_id: str) -> PlanFact | None:
    value = intake_value(assessment, question_id)
    q = catalog.intake.questions.get(question_id)
    if value is None or q is None:
        return None
    return PlanFact(question_id, " ".join(q.text.split()), answer_text(q, value, catalog.lang))
