"""Conflicts between a lineage's licenses, and with the plan: claimed where the texts support them, never otherwise."""

from __future__ import annotations

import pytest
from combined_support import LLAMA_ANSWERS, component, in_official_text

from license_risk.combined.conflicts import COPYLEFT, RAIL, conflicts, naming_pairs, naming_rules, required_prefix

GLM_KEPT = {
    "glm_registered": True,
    "glm_license_notice": True,
    "glm4_attribution": ["agreement_copy", "built_with"],
    "glm4_name_prefix": True,
}


def kinds(found):
    return [c.kind for c in found]


def assert_sides_quote_their_profiles(catalog, conflict):
    for side in conflict.sides:
        if side.clause is not None:
            clause = catalog.profiles[side.clause.license].clauses[side.clause.clause]
            assert (side.clause.section, side.clause.title) == (clause.section, clause.title)
            assert in_official_text(catalog, side.clause.license, side.clause.quote)


# ------------------------------------------------------------------ naming


def test_the_prefix_each_naming_clause_requires_is_read_from_its_quote(catalog):
    quote = lambda lic, cid: catalog.profiles[lic].clauses[cid].quote  # noqa: E731
    assert required_prefix(quote("llama-3.1", "model-name-prefix")) == "Llama"
    assert required_prefix(quote("llama-3", "model-name-prefix")) == "Llama 3"
    assert required_prefix(quote("glm-4", "model-name-prefix")) == "glm-4"
    assert required_prefix(quote("llama-3.1", "built-with-llama")) is None  # a display, not a position in the name


def test_llama_and_glm_merge_cannot_meet_both_naming_rules(catalog, assess_lineage):
    components = [
        component("llama", ["llama-3.1"], "weights", "merge", name="Llama-3.1-8B"),
        component("glm", ["glm-4"], "weights", "merge", name="glm-4-9b"),
    ]
    assessment, lineage = assess_lineage(components, {"llama-3.1": LLAMA_ANSWERS, "glm-4": GLM_KEPT})
    found = conflicts(catalog, assessment, lineage)
    assert kinds(found) == ["naming"]
    naming = found[0]
    assert [(s.license, s.clause.ref, s.sources[0].name) for s in naming.sides] == [
        ("llama-3.1", "llama-3.1#model-name-prefix", "Llama-3.1-8B"),
        ("glm-4", "glm-4#model-name-prefix", "glm-4-9b"),
    ]
    assert "“Llama”" in naming.sides[0].requires and "“glm-4”" in naming.sides[1].requires
    assert naming.needs_legal_review and naming.open_questions
    assert "Acme Reasoner" in naming.explanation  # the planned name, from the intake
    assert_sides_quote_their_profiles(catalog, naming)


@pytest.mark.parametrize(("first", "second"), [("llama-3.1", "llama-3.3"), ("llama-3", "llama-3.1")])
def test_naming_rules_one_name_can_meet_are_no_conflict(catalog, assess_lineage, first, second):
    components = [component("a", [first], "weights", "merge"), component("b", [second], "weights", "merge")]
    assessment, lineage = assess_lineage(components, {first: LLAMA_ANSWERS, second: LLAMA_ANSWERS})
    rules = naming_rules(assessment)
    assert [r.license for r in rules] == [first, second]
    pairs = naming_pairs(rules)
    assert len(pairs) == 1 and pairs[0].compatible
    assert "naming" not in kinds(conflicts(catalog, assessment, lineage))


def test_no_naming_conflict_when_the_derived_model_is_not_made_available(catalog, assess_lineage):
    components = [component("llama", ["llama-3.1"], "weights", "merge"), component("glm", ["glm-4"], "weights", "merge")]
    assessment, lineage = assess_lineage(
        components,
        {"llama-3.1": LLAMA_ANSWERS, "glm-4": GLM_KEPT},
        distributes_model=False,
        hosted_service=False,
        derived_model_shared=False,
    )
    assert naming_rules(assessment) == []
    assert "naming" not in kinds(conflicts(catalog, assessment, lineage))


# ------------------------------------------------------------------ NonCommercial data


def test_noncommercial_dataset_in_a_commercial_model(catalog, assess_lineage):
    components = [
        component("base", ["llama-3.1"], "weights", "fine_tune"),
        component("teacher", ["mit-deepseek-r1"], "outputs", "distillation", name="DeepSeek-R1"),
        component("nc", ["cc-by-nc-4.0"], "dataset", "fine_tuning", name="NC Instructions"),
    ]
    assessment, lineage = assess_lineage(
        components, {"llama-3.1": LLAMA_ANSWERS, "mit-deepseek-r1": {"mit_notice_included": True}}
    )
    found = [c for c in conflicts(catalog, assessment, lineage) if c.kind == "noncommercial-data"]
    assert len(found) == 1
    nc = found[0]
    licensed, plan = nc.sides
    assert (licensed.license, licensed.clause.ref, licensed.clause.section) == ("cc-by-nc-4.0", "cc-by-nc-4.0#grant", "2(a)(1)")
    assert "NonCommercial purposes only" in licensed.clause.quote
    assert [s.name for s in licensed.sources] == ["NC Instructions"]
    assert plan.license is None and [(p.question, p.answer) for p in plan.plan] == [("commercial_use", "yes")]
    assert nc.needs_legal_review and any("exception" in q for q in nc.open_questions)
    assert_sides_quote_their_profiles(catalog, nc)

    noncommercial, lineage = assess_lineage(components, {"llama-3.1": LLAMA_ANSWERS}, commercial_use=False)
    assert "noncommercial-data" not in kinds(conflicts(catalog, noncommercial, lineage))


def test_noncommercial_from_the_tree_finding_without_a_lineage(catalog, assess_lineage):
    components = [component("nc", ["cc-by-nc-4.0"], "dataset", "training")]
    assessment, _ = assess_lineage(components, {"cc-by-nc-4.0": {"cc_training_data": "known", "cc_dataset_shared": False}})
    found = [c for c in conflicts(catalog, assessment, None) if c.kind == "noncommercial-data"]
    assert len(found) == 1 and found[0].findings == ("cc-by-nc-4.0#nc-commercial-use",)
    assert found[0].sides[0].sources == ()

    none, _ = assess_lineage(components, {"cc-by-nc-4.0": {"cc_training_data": "none"}})
    assert "noncommercial-data" not in kinds(conflicts(catalog, none, None))


# ------------------------------------------------------------------ RAIL use restrictions


@pytest.mark.parametrize("rail", sorted(RAIL))
def test_rail_fine_tune_released_under_apache(catalog, assess_lineage, rail):
    components = [component("base", [rail], "weights", "fine_tune", name="RAIL base")]
    assessment, lineage = assess_lineage(components, trains_on_outputs=False)
    found = conflicts(catalog, assessment, lineage, release_license="apache-2.0")
    assert kinds(found) == ["rail-use-restrictions"]
    c = found[0]
    restricted, release = c.sides
    assert restricted.clause.ref == f"{rail}#restrictions-in-agreements"
    assert "MUST be included as an enforceable provision" in restricted.clause.quote
    assert [s.name for s in restricted.sources] == ["RAIL base"]
    assert (release.license, release.clause.ref) == ("apache-2.0", "apache-2.0#copyright-grant")
    assert [(p.question, p.answer) for p in release.plan] == [("release_license", "Apache License, Version 2.0")]
    assert not c.needs_legal_review  # a fine-tune is a modification, so a Derivative: the text is clear
    assert_sides_quote_their_profiles(catalog, c)


@pytest.mark.parametrize("release", [None, "bigscience-openrail-m", "llama-3.1", "not-a-profile"])
def test_no_rail_conflict_without_a_release_that_drops_the_restrictions(catalog, assess_lineage, release):
    components = [component("base", ["bigscience-openrail-m"], "weights", "fine_tune")]
    assessment, lineage = assess_lineage(components, trains_on_outputs=False)
    assert "rail-use-restrictions" not in kinds(conflicts(catalog, assessment, lineage, release_license=release))


def test_rail_teacher_distilled_needs_review_and_one_only_evaluating_is_no_conflict(catalog, assess_lineage):
    distilled = [
        component("student", ["apache-2.0"], "weights", "fine_tune"),
        component("t", ["bigscience-openrail-m"], "outputs", "distillation"),
    ]
    assessment, lineage = assess_lineage(distilled)
    found = [c for c in conflicts(catalog, assessment, lineage, release_license="mit") if c.kind == "rail-use-restrictions"]
    assert len(found) == 1 and found[0].needs_legal_review
    assert any("perform similarly" in q for q in found[0].open_questions)  # the definition's test, unsettled
    assert found[0].sides[1].clause.ref == "mit#grant"

    imitating = {"bigscience-openrail-m": {"rail_output_purpose": "imitate"}}
    assessment, lineage = assess_lineage(distilled, imitating)
    found = [c for c in conflicts(catalog, assessment, lineage, release_license="mit") if c.kind == "rail-use-restrictions"]
    assert len(found) == 1 and not found[0].needs_legal_review

    # Today's engine does not know routes: it calls the model a Derivative because the student is
    # fine-tuned (modifies_model); the lineage says the RAIL model only evaluated it.
    evaluated = [
        component("student", ["apache-2.0"], "weights", "fine_tune"),
        component("t", ["bigscience-openrail-m"], "outputs", "evaluation"),
    ]
    assessment, lineage = assess_lineage(evaluated, trains_on_outputs=False)
    assert any(fr.finding.kind == "derivative-terms" for fr in assessment.result("bigscience-openrail-m").findings)
    assert "rail-use-restrictions" not in kinds(conflicts(catalog, assessment, lineage, release_license="mit"))


# ------------------------------------------------------------------ GPL training code or data


@pytest.mark.parametrize("gpl", sorted(COPYLEFT))
@pytest.mark.parametrize("route", [("code", "training_code"), ("dataset", "training")])
def test_gpl_training_material_against_an_apache_release_is_contested(catalog, assess_lineage, gpl, route):
    components = [component("base", ["apache-2.0"], "weights", "fine_tune"), component("gpl", [gpl], *route, name="GPL trainer")]
    assessment, lineage = assess_lineage(components, trains_on_outputs=False)
    found = conflicts(catalog, assessment, lineage, release_license="apache-2.0")
    assert kinds(found) == ["copyleft-training"]
    c = found[0]
    assert c.needs_legal_review and c.open_questions
    assert any("Contested" in q for q in c.open_questions)  # the propagation reading, in the tree's words
    assert "not settled" in c.explanation
    assert (c.sides[0].clause.ref, [s.name for s in c.sides[0].sources]) == (f"{gpl}#whole-work-license", ["GPL trainer"])
    assert c.sides[1].license == "apache-2.0"
    assert_sides_quote_their_profiles(catalog, c)


@pytest.mark.parametrize(("gpl", "release"), [("gpl-3.0", "gpl-3.0"), ("lgpl-2.1", "gpl-2.0"), ("gpl-2.0", None)])
def test_no_gpl_conflict_for_a_release_the_license_allows_or_none_planned(catalog, assess_lineage, gpl, release):
    components = [component("gpl", [gpl], "code", "training_code")]
    assessment, lineage = assess_lineage(components, trains_on_outputs=False)
    assert "copyleft-training" not in kinds(conflicts(catalog, assessment, lineage, release_license=release))


def test_gpl_conflict_from_the_tree_answers_names_them(catalog, assess_lineage):
    answers = {"gpl-3.0": {"code_training_data": "known", "model_release_terms": "own_terms", "code_outputs_checked": "filtered"}}
    assessment, _ = assess_lineage([component("gpl", ["gpl-3.0"], "code", "training_code")], answers, trains_on_outputs=False)
    found = conflicts(catalog, assessment, None)
    assert kinds(found) == ["copyleft-training"] and found[0].findings == ("gpl-3.0#weights-propagation-claim",)
    assert ("model_release_terms", "Under other terms (proprietary, a model license with use restrictions, Apache-2.0, ...)") in [
        (p.question, p.answer) for p in found[0].sides[1].plan
    ]

    released_as_gpl = {"gpl-3.0": answers["gpl-3.0"] | {"model_release_terms": "gpl_with_source"}}
    assessment, _ = assess_lineage(
        [component("gpl", ["gpl-3.0"], "code", "training_code")], released_as_gpl, trains_on_outputs=False
    )
    assert conflicts(catalog, assessment, None) == []


# ------------------------------------------------------------------ compatible licenses


def test_apache_and_mit_components_released_under_apache_have_no_conflict(catalog, assess_lineage):
    components = [
        component("base", ["apache-2.0"], "weights", "fine_tune"),
        component("teacher", ["mit"], "outputs", "distillation"),
        component("data", ["mit"], "dataset", "training"),
    ]
    assessment, lineage = assess_lineage(components)
    assert conflicts(catalog, assessment, lineage, release_license="apache-2.0") == []


def test_rail_without_a_lineage_rests_on_the_engine_findings(catalog, assess_lineage):
    components = [component("base", ["bigscience-openrail-m"], "weights", "fine_tune")]
    assessment, _ = assess_lineage(components, trains_on_outputs=False)
    found = [c for c in conflicts(catalog, assessment, None, release_license="apache-2.0") if c.kind == "rail-use-restrictions"]
    assert len(found) == 1 and "bigscience-openrail-m#derivative-keeps-restrictions" in found[0].findings
    assert found[0].sides[0].sources == ()

    kept_internal, _ = assess_lineage(
        components, trains_on_outputs=False, modifies_model=False, distributes_model=False, hosted_service=False
    )
    assert "rail-use-restrictions" not in kinds(conflicts(catalog, kept_internal, None, release_license="apache-2.0"))
