"""Roll-ups never contradict the findings beside them: a property over every shipped tree and random answers.

A finding whose kind is a clear roll-up ("no likely breach now") must never fire in a result
that also has a high or critical finding. `validate` proves it per tree from the conditions;
this test checks the engine's actual results against it.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from license_risk.content.catalog import INTAKE
from license_risk.content.load import load_catalog
from license_risk.content.model import Question, Severity
from scoring.rating import assess

CATALOG = load_catalog()
NUMBERS = [0, 1, 999, 1_000_000, 1_000_001, 99_999_999, 100_000_001, 700_000_000, 700_000_001, 10**9]


def value(q: Question) -> st.SearchStrategy[Any]:
    if q.kind == "yes_no":
        return st.booleans()
    if q.kind == "one_of":
        return st.sampled_from(q.option_values())
    if q.kind == "many_of":
        return st.lists(st.sampled_from(q.option_values()), min_size=1, max_size=3, unique=True)
    if q.kind == "number":
        lo = q.minimum if q.minimum is not None else float("-inf")
        hi = q.maximum if q.maximum is not None else float("inf")
        return st.sampled_from([n for n in NUMBERS if lo <= n <= hi])
    return st.just("Example KK")


@st.composite
def answered(draw: st.DrawFn, tree: str) -> tuple[str, dict[str, dict[str, Any]]]:
    answers: dict[str, dict[str, Any]] = {}
    for tree_id in (INTAKE, tree):
        for q in CATALOG.trees[tree_id].order:
            if draw(st.integers(0, 9)):  # leave about one in ten unanswered
                answers.setdefault(tree_id, {})[q.id] = draw(value(q))
    return tree, answers


@pytest.mark.parametrize("tree_id", CATALOG.license_ids)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_clear_roll_up_never_fires_beside_a_high_finding(tree_id: str, data: st.DataObject) -> None:
    tree, answers = data.draw(answered(tree_id))
    rubric = CATALOG.rubric
    assert rubric is not None
    result = assess(CATALOG, [tree], answers).results[0]
    clear = [f for f in result.findings if f.kind is not None and f.kind.roll_up == "clear"]
    serious = [f.finding.id for f in result.findings if f.severity >= Severity.high]
    assert not (clear and serious), f"{tree}: {[f.finding.id for f in clear]} fire beside {serious}"
