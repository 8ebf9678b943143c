"""Scoring: answers -> findings -> a level per category -> an overall rating per license.

The method, also in the README:
- a finding fires when its condition holds on the answers that apply;
- a category's level is the severity of the worst finding in it ("none" if none fired);
- a license's rating is its worst category level;
- every level names the findings behind it, and every finding the answers and clauses behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from license_risk.content.catalog import INTAKE, Catalog, Profile
from license_risk.content.conditions import State, evaluate, supporting
from license_risk.content.model import CATEGORIES, Category, Clause, Finding, OpenQuestion, Question, Severity
from license_risk.content.rubric import Kind
from license_risk.i18n import ENGLISH, N_, translator
from license_risk.lineage.model import Lineage
from scoring.answers import Answers
from scoring.engine import Walk, walk
from scoring.routes import WHOLE_MODEL, route_text


@dataclass(frozen=True)
class Because:
    """One answer a finding rests on; `route` says so when the model's lineage gave it, not the user."""

    tree: str
    question: Question
    value: Any
    route: str | None = None  # e.g. "Llama 3.1 reaches your model by weights (fine-tune of Llama-3.1-8B)"
    lang: str = ENGLISH  # of the catalog it was scored with: the words of answer_text

    @property
    def answer_text(self) -> str:
        return answer_text(self.question, self.value, self.lang)


@dataclass(frozen=True)
class CitedClause:
    profile: Profile
    clause: Clause

    @property
    def ref(self) -> str:
        return f"{self.profile.model.id}#{self.clause.id}"


# How far the user's plan is exposed to a kind of risk (the rubric's words; the ids stay in the data).
EXPOSURE_WORDS = {
    "done": N_("done"),
    "planned": N_("planned"),
    "likely": N_("likely"),
    "possible": N_("possible"),
    "unmet": N_("unmet"),
    "triggered": N_("triggered"),
    "met": N_("met"),
    "standing": N_("standing"),
    "none": N_("none"),
}


@dataclass(frozen=True)
class FindingResult:
    license: str
    finding: Finding
    because: tuple[Because, ...]
    clauses: tuple[CitedClause, ...]
    open_questions: tuple[OpenQuestion, ...] = ()  # the unsettled readings it rests on: why it needs legal review
    kind: Kind | None = None  # the rubric's kind of risk, which set its category and severity
    lang: str = ENGLISH  # of the catalog it was scored with: the words of `rated`

    @property
    def severity(self) -> Severity:
        return Severity[self.finding.severity]

    @property
    def rated(self) -> str | None:
        """How the rubric rated it, in words: the kind, the exposure, and any override with its reason."""
        if self.kind is None:
            return None
        _ = translator(self.lang)
        exposure = _(EXPOSURE_WORDS[self.finding.exposure]) if self.finding.exposure in EXPOSURE_WORDS else self.finding.exposure
        text = f"{self.kind.title} ({exposure}): {self.kind.rule}"
        if self.finding.override is not None:
            text += " " + _("Departs from that rule: {reason}").format(reason=" ".join(self.finding.override.reason.split()))
        return text


@dataclass(frozen=True)
class CategoryLevel:
    category: Category
    level: Severity
    findings: tuple[str, ...]  # the findings that set the level (the worst ones)


@dataclass
class LicenseResult:
    license: Profile
    tree_version: str
    findings: list[FindingResult]
    levels: dict[Category, CategoryLevel]
    rating: Severity
    undetermined: list[Finding] = field(default_factory=list)  # depend on questions not answered yet

    @property
    def id(self) -> str:
        return self.license.model.id

    @property
    def needs_review(self) -> list[FindingResult]:
        return [f for f in self.findings if f.finding.needs_legal_review]


@dataclass
class Assessment:
    walk: Walk
    results: list[LicenseResult]

    def result(self, license_id: str) -> LicenseResult:
        return next(r for r in self.results if r.id == license_id)


def rating_meaning(catalog: Catalog, level: Severity) -> str:
    """What a level means: the rubric's scale, stated once for every license."""
    if level is Severity.none:
        _ = translator(catalog.lang)
        return _("No finding applies to your answers.")
    scale: dict[str, str] = dict(catalog.rubric.scale) if catalog.rubric is not None else {}
    return scale.get(level.name, level.name)


def answer_text(q: Question, value: Any, lang: str = ENGLISH) -> str:
    """An answer in words, as the question's options (in the question's own language) and `lang` say it."""
    _ = translator(lang)
    if q.kind == "yes_no":
        return _("yes") if value else _("no")
    if q.kind == "one_of":
        return q.option_label(value)
    if q.kind == "many_of":
        return _("; ").join(q.option_label(v) for v in value) or _("(none chosen)")
    if q.kind == "number":
        shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
        return f"{shown} {q.unit}" if q.unit else shown
    return str(value)


def assess(catalog: Catalog, licenses: list[str], answers: Answers, lineage: Lineage | None = None) -> Assessment:
    """Score each license picked and, given a lineage, each license that reaches the model (after them)."""
    w = walk(catalog, licenses, answers, lineage)
    return Assessment(w, [score_license(catalog, w, license_id) for license_id in w.licenses])


def score_license(catalog: Catalog, w: Walk, license_id: str) -> LicenseResult:
    tree = catalog.trees[license_id]
    lookup = w.lookup(license_id)
    fired: dict[str, bool | None] = {}
    for finding in tree.finding_order:
        fired[finding.id] = evaluate(tree.finding_when[finding.id], lookup, fired.get)

    questions = {oq.id: oq for oq in tree.model.open_questions}
    rubric = catalog.rubric
    results: list[FindingResult] = []
    for finding in tree.model.findings:
        if fired.get(finding.id) is True:
            results.append(
                FindingResult(
                    license_id,
                    finding,
                    _because(catalog, license_id, finding, w),
                    _clauses(catalog, license_id, finding),
                    tuple(questions[q] for q in finding.open_questions if q in questions),
                    rubric.kind(finding.kind) if rubric is not None and finding.kind else None,
                    catalog.lang,
                )
            )
    results.sort(key=lambda r: (-r.severity, CATEGORIES.index(r.finding.category)))

    levels: dict[Category, CategoryLevel] = {}
    for category in CATEGORIES:
        in_cat = [r for r in results if r.finding.category == category]
        level = max((r.severity for r in in_cat), default=Severity.none)
        levels[category] = CategoryLevel(category, level, tuple(r.finding.id for r in in_cat if r.severity == level))
    rating = max((lv.level for lv in levels.values()), default=Severity.none)
    undetermined = [f for f in tree.model.findings if fired.get(f.id) is None]
    return LicenseResult(catalog.profiles[tree.model.license or ""], tree.model.version, results, levels, rating, undetermined)


def _because(catalog: Catalog, tree_id: str, finding: Finding, w: Walk) -> tuple[Because, ...]:
    lookup = w.lookup(tree_id)
    tree = catalog.trees[tree_id]
    out = []
    for qid in supporting(tree.finding_when[finding.id], lookup, tree.finding_when.get):
        state, value = lookup(qid)
        if state is State.ANSWERED:
            owner, q = catalog.question(tree_id, qid) or (INTAKE, None)
            if q is not None:
                out.append(Because(owner, q, value, _route(catalog, w, tree_id, q, value), catalog.lang))
    return tuple(out)


def _route(catalog: Catalog, w: Walk, tree_id: str, q: Question, value: Any) -> str | None:
    """How the lineage gave this answer, in words; None when the user gave it."""
    facts = w.route_of(tree_id, q.id)
    if facts is None:
        return None
    if facts.license == WHOLE_MODEL:  # a license picked but not in the lineage sees the whole model's facts
        _ = translator(catalog.lang)
        name = w.lineage.model_name if w.lineage is not None else _("your model")
        return _("the lineage of {model} answers “{question}” with {answer}").format(
            model=name, question=" ".join(q.text.split()), answer=answer_text(q, value, catalog.lang)
        )
    return route_text(catalog.license_of(facts.license).model.name, facts.supporting(q.id), catalog.lang)


def _clauses(catalog: Catalog, tree_id: str, finding: Finding) -> tuple[CitedClause, ...]:
    out = []
    for ref in finding.clauses:
        resolved = catalog.clause(tree_id, ref)
        if resolved is not None:
            out.append(CitedClause(*resolved))
    return tuple(out)


@dataclass(frozen=True)
class ComparisonRow:
    license: str
    name: str
    rating: Severity
    levels: dict[Category, Severity]
    findings: int
    needs_review: int


def compare(assessment: Assessment) -> list[ComparisonRow]:
    """Licenses side by side, answered with the same intake, worst first."""
    rows = [
        ComparisonRow(
            r.id,
            r.license.model.name,
            r.rating,
            {c: lv.level for c, lv in r.levels.items()},
            len(r.findings),
            len(r.needs_review),
        )
        for r in assessment.results
    ]
    return sorted(rows, key=lambda row: (-row.rating, row.license))
