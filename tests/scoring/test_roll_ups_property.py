"""Roll-ups never contradict the findings beside them: a property over every shipped tree and random answers.

A finding whose kind is a clear roll-up ("no likely breach now") must never fire in a result
that also has a high or critical finding. `validate` proves it per tree from the conditions;
this test checks the engine's actual results against it.
"""

from __future__ import annotations

import pytest
from answers_support import answered
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from license_risk.content.load import load_catalog
from license_risk.content.model import Severity
from scoring.rating import assess

CATALOG = load_catalog()


@pytest.mark.parametrize("tree_id", CATALOG.license_ids)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_clear_roll_up_never_fires_beside_a_high_finding(tree_id: str, data: st.DataObject) -> None:
    tree, answers = data.draw(answered(CATALOG, tree_id))
    rubric = CATALOG.rubric
    assert rubric is not None
    result = assess(CATALOG, [tree], answers).results[0]
    clear = [f for f in result.findings if f.kind is not None and f.kind.roll_up == "clear"]
    serious = [f.finding.id for f in result.findings if f.severity >= Severity.high]
    assert not (clear and serious), f"{tree}: {[f.finding.id for f in clear]} fire beside {serious}"
