"""Walking the trees: which question comes next, the path so far, and progress.

The intake is asked first, then each selected license's tree, each in its
asking order. Answers are never deleted: an answer to a question that no longer
applies is set aside (not scored, reported) and comes back if the question
applies again.

Given the model's lineage, the licenses that reach the model are assessed too (after those picked),
and the questions the lineage answers (scoring.routes) are not asked: each tree sees the answers of
its own license's routes, the intake those of the model as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.conditions import State, evaluate
from license_risk.content.model import Question
from license_risk.lineage.model import Lineage
from scoring.answers import Answers
from scoring.routes import WHOLE_MODEL, RouteFacts, route_facts


@dataclass(frozen=True)
class Step:
    tree: str
    question: Question
    value: Any


@dataclass(frozen=True)
class Progress:
    answered: int
    to_ask: int  # still to ask: applies, or may apply once earlier answers are in

    @property
    def total(self) -> int:
        return self.answered + self.to_ask

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 1.0


@dataclass
class Walk:
    licenses: list[str]
    path: list[Step] = field(default_factory=list)  # answered questions that apply, in asking order
    pending: list[tuple[str, Question]] = field(default_factory=list)  # apply, not answered yet
    undetermined: list[tuple[str, Question]] = field(default_factory=list)  # depend on pending answers
    set_aside: list[Step] = field(default_factory=list)  # answered, but no longer apply
    states: dict[str, dict[str, tuple[State, Any]]] = field(default_factory=dict)
    lineage: Lineage | None = None
    routes: dict[str, RouteFacts] = field(default_factory=dict)  # license id (or WHOLE_MODEL) -> its route facts
    derived: list[Step] = field(default_factory=list)  # questions the lineage answered, in asking order

    @property
    def next(self) -> tuple[str, Question] | None:
        return self.pending[0] if self.pending else None

    @property
    def complete(self) -> bool:
        return not self.pending and not self.undetermined

    @property
    def progress(self) -> Progress:
        return Progress(len(self.path), len(self.pending) + len(self.undetermined))

    def lookup(self, tree_id: str) -> Callable[[str], tuple[State, Any]]:
        """Answer states visible from a tree: its license's route facts, then its own answers and the intake's."""
        own = self.states.get(tree_id, {})
        intake = self.states.get(INTAKE, {})
        facts = self.routes.get(tree_id)
        if facts is None:

            def get(qid: str) -> tuple[State, Any]:
                if qid in own:
                    return own[qid]
                return intake.get(qid, (State.PENDING, None))

            return get
        routed = facts.states

        def get_routed(qid: str) -> tuple[State, Any]:
            if qid in routed:
                return routed[qid]
            if qid in own:
                return own[qid]
            return intake.get(qid, (State.PENDING, None))

        return get_routed

    def route_of(self, tree_id: str, question_id: str) -> RouteFacts | None:
        """The route facts that answered this question as the tree sees it, if the lineage did."""
        facts = self.routes.get(tree_id)
        if facts is not None and question_id in facts.values:
            return facts
        whole = self.routes.get(WHOLE_MODEL)
        return whole if whole is not None and question_id in whole.values else None


def walk(catalog: Catalog, licenses: list[str], answers: Answers, lineage: Lineage | None = None) -> Walk:
    """Where the interview stands; with a lineage, its licenses join the picked ones and its facts answer."""
    if lineage is None:
        result = Walk(licenses=list(licenses))
    else:
        reaching = [lic for lic in lineage.licenses if lic in catalog.trees and lic != INTAKE]
        result = Walk(licenses=list(dict.fromkeys([*licenses, *reaching])), lineage=lineage, routes=route_facts(lineage))
    no_findings = _no_findings
    for tree_id in [INTAKE, *result.licenses]:
        tree = catalog.trees[tree_id]
        given = answers.get(tree_id, {})
        states: dict[str, tuple[State, Any]] = {}
        result.states[tree_id] = states
        lookup = result.lookup(tree_id)
        facts = result.routes.get(WHOLE_MODEL if tree_id == INTAKE else tree_id)
        for q in tree.order:
            if facts is not None and q.id in facts.values:
                value = facts.values[q.id]
                states[q.id] = (State.ANSWERED, value)
                result.derived.append(Step(tree_id, q, value))
                if q.id in given and given[q.id] != value:  # the lineage answers it; a different answer is kept, not scored
                    result.set_aside.append(Step(tree_id, q, given[q.id]))
                continue
            applies = evaluate(tree.question_when[q.id], lookup, no_findings)
            if applies is False:
                states[q.id] = (State.NOT_ASKED, None)
                if q.id in given:
                    result.set_aside.append(Step(tree_id, q, given[q.id]))
            elif applies is None:
                states[q.id] = (State.PENDING, None)
                result.undetermined.append((tree_id, q))
            elif q.id in given:
                states[q.id] = (State.ANSWERED, given[q.id])
                result.path.append(Step(tree_id, q, given[q.id]))
            else:
                states[q.id] = (State.PENDING, None)
                result.pending.append((tree_id, q))
    return result


def _no_findings(_: str) -> bool | None:
    # Questions never depend on findings; checks reject such conditions' targets in question trees.
    return None


def questions_in_order(catalog: Catalog, licenses: list[str]) -> list[tuple[str, Question]]:
    return [(t, q) for t in [INTAKE, *licenses] for q in catalog.trees[t].order]
