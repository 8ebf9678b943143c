"""The combined obligations checklist: every duty of every license that reaches the model, once each.

A duty is a finding the engine fired whose rubric kind is something the company must carry out
(a naming rule, a display, a license copy, a notice, attribution, terms to pass on, ...) and that
applies to the plan (not info: a finding that says a clause does not apply is always info). Two
findings of one license, of one kind, resting first on the same clause are one duty; a license
reached through two components is one duty naming both. Different licenses' duties stay apart,
even where their words are the same: each licensor can enforce its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from license_risk.combined.cited import QuotedClause, Source, quoted_cited, sources_by_license
from license_risk.content.catalog import Catalog
from license_risk.content.model import Severity
from license_risk.lineage.model import Lineage
from scoring.rating import Assessment, CitedClause, FindingResult

# The rubric's kinds that are duties to carry out, in the checklist's order. Left out on purpose:
# output-derivative (it says what counts as a derivative; the duties it brings are listed under
# the kinds below), indemnity and governing-law (terms the company carries, not steps to take),
# and the roll-ups (duty-summary gathers findings that are listed here one by one).
DUTY_KINDS = (
    "naming",
    "display",
    "license-copy",
    "notices",
    "attribution",
    "pass-on-restrictions",
    "derivative-terms",
    "copyleft-reach",
    "use-duty",
)
# copyleft-reach is a duty only where the plan takes on the copyleft's conditions (offer the source,
# release under the same license); where it is only claimed to reach the model it is a conflict.
_COPYLEFT_DUTIES = frozenset({"triggered", "met", "unmet"})

# How the plan stands against the duty, worst first: a merged item takes the worst of its findings.
STATUS_ORDER = ("not met", "unsettled", "to do", "met")
_STATUS = {"unmet": "not met", "possible": "unsettled", "met": "met"}


@dataclass(frozen=True)
class Obligation:
    """One duty: what to do, under which license and clause, and which components bring it."""

    kind: str  # the rubric kind's id
    kind_title: str
    license: str  # the license assessed (its clauses may be in a policy it incorporates)
    license_name: str
    title: str  # the first finding's title
    clause: QuotedClause  # the clause the duty rests on
    also_cited: tuple[QuotedClause, ...]  # the other clauses its findings cite (definitions, termination)
    findings: tuple[str, ...]  # the findings it comes from, as license#finding
    actions: tuple[str, ...]  # what to do, from each finding, once each
    status: str  # one of STATUS_ORDER
    severity: Severity  # the worst of its findings
    needs_legal_review: bool
    open_questions: tuple[str, ...]  # the unsettled readings, in the texts' words
    sources: tuple[Source, ...]  # the components that bring the license; empty when it was picked directly

    @property
    def components(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.name for s in self.sources))


def is_duty(fr: FindingResult) -> bool:
    kind = fr.finding.kind
    if kind not in DUTY_KINDS or fr.severity <= Severity.info or not fr.clauses:
        return False
    if fr.kind is not None and fr.kind.roll_up is not None:
        return False
    return kind != "copyleft-reach" or fr.finding.exposure in _COPYLEFT_DUTIES


def status_of(exposure: str) -> str:
    return _STATUS.get(exposure, "to do")


def _operative(duties: list[FindingResult]) -> dict[int, CitedClause]:
    """Each duty's operative clause: its first clause that no duty of another kind cites.

    A finding lists its operative clause first, but some texts put several duties in one clause
    (glm-4's section 2 holds the copy and the "Built with" display; Llama's 1.b.iv brings in the
    whole policy): the clause only one kind of duty cites is the specific one. Failing that, the first.
    """
    kinds: dict[str, set[str]] = {}
    for fr in duties:
        for c in fr.clauses:
            kinds.setdefault(c.ref, set()).add(fr.finding.kind)
    return {id(fr): next((c for c in fr.clauses if kinds[c.ref] == {fr.finding.kind}), fr.clauses[0]) for fr in duties}


def checklist(catalog: Catalog, assessment: Assessment, lineage: Lineage | None) -> list[Obligation]:
    """Every duty across the licenses assessed, merged, ordered by kind, then license, then clause."""
    sources = sources_by_license(lineage)
    groups: dict[tuple[str, str, str], list[FindingResult]] = {}
    operative: dict[int, CitedClause] = {}
    for result in assessment.results:
        duties = [fr for fr in result.findings if is_duty(fr)]
        operative.update(_operative(duties))
        for fr in duties:
            groups.setdefault((fr.finding.kind, result.id, operative[id(fr)].ref), []).append(fr)

    out: list[Obligation] = []
    for (kind, license_id, _), frs in groups.items():
        result = assessment.result(license_id)
        first = quoted_cited(operative[id(frs[0])])
        clauses = list(dict.fromkeys([first, *(quoted_cited(c) for fr in frs for c in fr.clauses)]))
        kind_def = catalog.rubric.kind(kind) if catalog.rubric is not None else None
        out.append(
            Obligation(
                kind=kind,
                kind_title=kind_def.title if kind_def is not None else kind,
                license=license_id,
                license_name=result.license.model.name,
                title=frs[0].finding.title,
                clause=clauses[0],
                also_cited=tuple(clauses[1:]),
                findings=tuple(f"{license_id}#{fr.finding.id}" for fr in frs),
                actions=tuple(dict.fromkeys(" ".join(fr.finding.action.split()) for fr in frs if fr.finding.action)),
                status=min((status_of(fr.finding.exposure) for fr in frs), key=STATUS_ORDER.index),
                severity=max(fr.severity for fr in frs),
                needs_legal_review=any(fr.finding.needs_legal_review for fr in frs),
                open_questions=tuple(dict.fromkeys(" ".join(q.text.split()) for fr in frs for q in fr.open_questions)),
                sources=sources.get(license_id, ()),
            )
        )
    out.sort(key=lambda o: (DUTY_KINDS.index(o.kind), o.license, o.clause.section, o.clause.clause))
    return out
