"""Scenario tests beside each tree: answers in, findings and levels out (as in OpenFisca)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.model import Scenario, Severity
from license_risk.content.problems import Problem
from license_risk.lineage.model import Lineage
from scoring.answers import keep_valid
from scoring.rating import assess


@dataclass
class ScenarioOutcome:
    tree: str
    name: str
    file: str
    line: int | None
    failures: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)
    answered: list[tuple[str, str, Any]] = field(default_factory=list)  # (tree, question, value) of the questions asked
    unanswered: list[tuple[str, str]] = field(default_factory=list)  # (tree, question) that apply or may apply
    undetermined: list[str] = field(default_factory=list)  # findings that depend on those questions

    @property
    def passed(self) -> bool:
        return not self.failures


def run_scenario(catalog: Catalog, tree_id: str, scenario: Scenario, file: str = "", line: int | None = None) -> ScenarioOutcome:
    outcome = ScenarioOutcome(tree_id, scenario.name, file, line)
    problems: list[Problem] = []
    answers = keep_valid(scenario.answers, catalog, None, ("answers",), problems)
    outcome.failures += [f"answer {p.where.removeprefix('answers.')}: {p.message}" for p in problems]
    lineage = _lineage(catalog, scenario, outcome)
    for other in answers:
        if other not in (INTAKE, tree_id):
            outcome.failures.append(f"answers for '{other}' do not belong in a scenario of '{tree_id}'")
    assessment = assess(catalog, [tree_id], answers, lineage)
    result, walk_ = assessment.results[0], assessment.walk
    fired = [f.finding.id for f in result.findings]
    outcome.fired = fired
    outcome.answered = [(step.tree, step.question.id, step.value) for step in walk_.path]
    # Only this tree's and the intake's: a lineage brings other licenses, which their own scenarios test.
    outcome.unanswered = [(t, q.id) for t, q in walk_.pending + walk_.undetermined if t in (INTAKE, tree_id)]
    outcome.undetermined = [f.id for f in result.undetermined]
    expected = scenario.expect
    missing = [f for f in expected.findings if f not in fired]
    extra = [f for f in fired if f not in expected.findings]
    if missing:
        outcome.failures.append(f"expected findings that did not fire: {', '.join(missing)}")
    if extra:
        outcome.failures.append(f"findings that fired but are not expected: {', '.join(extra)}")
    if result.undetermined and (missing or extra):
        names = ", ".join(f.id for f in result.undetermined)
        outcome.failures.append(f"(findings left undetermined because questions they need are unanswered: {names})")
    for category, level in expected.levels.items():
        actual = result.levels[category].level
        if actual != Severity[level]:
            outcome.failures.append(f"level of {category}: expected {level}, got {actual.name}")
    if expected.rating is not None and result.rating != Severity[expected.rating]:
        outcome.failures.append(f"rating: expected {expected.rating}, got {result.rating.name}")
    aside = [s.question.id for s in walk_.set_aside]
    if sorted(aside) != sorted(expected.set_aside):
        outcome.failures.append(
            f"answers set aside: expected {sorted(expected.set_aside) or 'none'}, got {sorted(aside) or 'none'}"
        )
    return outcome


def _lineage(catalog: Catalog, scenario: Scenario, outcome: ScenarioOutcome) -> Lineage | None:
    """The scenario's lineage, checked; what is wrong with it becomes a failure."""
    if scenario.lineage is None:
        return None
    try:
        lineage = Lineage.model_validate(scenario.lineage)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        outcome.failures.append(f"lineage: {' '.join(str(exc).split())}")
        return None
    unknown = [lic for lic in lineage.licenses if lic not in catalog.license_ids]
    if unknown:
        outcome.failures.append(f"lineage: no license {', '.join(map(repr, unknown))} in this tool")
    return lineage


def run_all(catalog: Catalog, tree_id: str | None = None) -> list[ScenarioOutcome]:
    outcomes = []
    for tid, files in sorted(catalog.scenarios.items()):
        if tree_id and tid != tree_id:
            continue
        for scenario_file, doc in files:
            for i, scenario in enumerate(scenario_file.scenarios):
                outcomes.append(run_scenario(catalog, tid, scenario, doc.name, doc.line_of(("scenarios", i))))
    return outcomes
