"""Property tests: the static "can never fire" check agrees with trying every answer.

For random conditions over the mini fixture's questions, the checker must never
call a finding impossible when some answers fire it (soundness), and must catch
every finding that no answers can fire (completeness, at the fixture's depth).
"""

from __future__ import annotations

import itertools

import yaml
from conftest import MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from license_risk.content.conditions import compile_condition
from license_risk.content.load import build_catalog, read_documents
from license_risk.content.model import Condition
from license_risk.content.problems import ContentError
from license_risk.content.yamlsource import Document
from scoring.rating import assess

BASE_DOCS, _ = read_documents(MINI.resolve())
TREE = yaml.safe_load(BASE_DOCS["questionnaires/demo.yaml"].text)

atoms = st.one_of(
    st.builds(lambda v: {"question": "distributes", "equals": v}, st.booleans()),
    st.builds(lambda v: {"question": "users", "greater_than": v}, st.sampled_from([0, 10, 100])),
    st.builds(lambda v: {"question": "users", "at_most": v}, st.sampled_from([0, 10, 100])),
    st.builds(lambda v: {"question": "uses", "contains": v}, st.sampled_from(["chat", "code"])),
    st.builds(lambda v: {"question": "ships_license", "equals": v}, st.booleans()),
    st.builds(lambda v: {"question": "ships_license", "answered": v}, st.booleans()),
    st.builds(
        lambda v: {"question": "lawsuit", "in": v},
        st.lists(st.sampled_from(["no", "maybe", "filed"]), min_size=1, max_size=2, unique=True),
    ),
    st.builds(lambda v: {"question": "lawsuit_target", "equals": v}, st.sampled_from(["patents", "other"])),
    st.builds(lambda v: {"question": "lawsuit_target", "answered": v}, st.booleans()),
)
conditions = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, inner),
    ),
    max_leaves=6,
)


def every_complete_answer_set():
    """All answer sets a user could finish with, restricted to values that matter to the atoms above."""
    for users, distributes, uses, lawsuit in itertools.product(
        [0, 5, 10, 50, 100, 150], [True, False], [[], ["chat"], ["code"], ["chat", "code"]], ["no", "maybe", "filed"]
    ):
        intake = {"organisation": "A", "users": users, "distributes": distributes, "uses": uses}
        for ships in [True, False] if distributes else [None]:
            for target in ["patents", "other", "x"] if lawsuit != "no" else [None]:
                demo = {"lawsuit": lawsuit}
                if ships is not None:
                    demo["ships_license"] = ships
                if target is not None:
                    demo["lawsuit_target"] = target
                yield {"intake": intake, "demo": demo}


ANSWER_SETS = list(every_complete_answer_set())


def catalog_with(probe: dict):
    tree = dict(TREE, findings=[*TREE["findings"], probe])
    text = yaml.safe_dump(tree, sort_keys=False)
    docs = {k: v for k, v in BASE_DOCS.items() if not k.endswith(".tests.yaml")}
    docs["questionnaires/demo.yaml"] = Document("questionnaires/demo.yaml", text, yaml.safe_load(text))
    return build_catalog(MINI.resolve(), docs, [])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conditions)
def test_never_fires_verdict_matches_exhaustive_search(condition):
    probe = {
        "id": "probe",
        "title": "Probe",
        "kind": "breach-termination",
        "exposure": "standing",
        "clauses": ["grant"],
        "explanation": "x",
        "action": "y",
    }
    try:
        catalog = catalog_with(dict(probe, when=condition))
        judged_impossible = False
    except ContentError as exc:
        messages = [p.message for p in exc.problems if p.level == "error"]
        assert all("can never fire" in m for m in messages), messages
        judged_impossible = True
        # Run the engine on the same condition anyway: load without it, then put it back.
        catalog = catalog_with(probe)
        catalog.trees["demo"].finding_when["probe"] = compile_condition(TypeAdapter(Condition).validate_python(condition))
    fires_somewhere = any(
        "probe" in [f.finding.id for f in assess(catalog, ["demo"], a).results[0].findings] for a in ANSWER_SETS
    )
    assert judged_impossible == (not fires_somewhere), (
        f"checker says impossible={judged_impossible}, search says fires={fires_somewhere}"
    )
