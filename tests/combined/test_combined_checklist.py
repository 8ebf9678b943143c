"""The combined obligations checklist: every duty across a lineage's licenses, merged, cited and ordered."""

from __future__ import annotations

from combined_support import LLAMA_ANSWERS, component, in_official_text

from license_risk.combined.checklist import DUTY_KINDS, checklist
from license_risk.content.model import Severity

DISTILLED = [
    component("base", ["llama-3.1"], "weights", "fine_tune", name="Llama-3.1-8B-Instruct"),
    component("teacher", ["mit-deepseek-r1"], "outputs", "distillation", name="DeepSeek-R1"),
    component("nc-data", ["cc-by-nc-4.0"], "dataset", "fine_tuning", name="NC Instructions"),
]
DISTILLED_ANSWERS = {
    "llama-3.1": LLAMA_ANSWERS,
    "mit-deepseek-r1": {"mit_notice_included": True},
    "cc-by-nc-4.0": {
        "cc_training_data": "known",
        "cc_dataset_shared": False,
        "model_release_terms": "permissive",
        "cc_attribution_planned": "none_yet",
    },
}


def item(items, kind, license_id):
    found = [o for o in items if o.kind == kind and o.license == license_id]
    assert len(found) == 1, [(o.kind, o.license, o.clause.ref) for o in items]
    return found[0]


def test_each_license_duty_is_listed_with_its_clause_components_and_action(catalog, assess_lineage):
    assessment, lineage = assess_lineage(DISTILLED, DISTILLED_ANSWERS)
    items = checklist(catalog, assessment, lineage)

    naming = item(items, "naming", "llama-3.1")
    assert naming.clause.ref == "llama-3.1#model-name-prefix"
    assert naming.clause.section == catalog.profiles["llama-3.1"].clauses["model-name-prefix"].section == "1.b.i"
    assert "at the beginning of any such AI model name" in naming.clause.quote
    assert naming.status == "not met"  # the answers say the name will not begin with "Llama"
    assert naming.components == ("Llama-3.1-8B-Instruct",)
    assert naming.sources[0].route == "weights"
    assert any("Llama" in a for a in naming.actions)

    display = item(items, "display", "llama-3.1")
    assert display.clause.ref == "llama-3.1#built-with-llama" and "Built with Llama" in display.clause.quote

    notice = item(items, "notices", "mit-deepseek-r1")
    assert notice.status == "met" and notice.components == ("DeepSeek-R1",)
    assert notice.sources[0].route == "outputs" and notice.sources[0].trains_on_outputs

    attribution = [o for o in items if o.kind == "attribution" and o.license == "cc-by-nc-4.0"]
    assert attribution and all(o.components == ("NC Instructions",) for o in attribution)
    assert any(o.clause.ref == "cc-by-nc-4.0#attribution" and o.status == "not met" for o in attribution)

    for o in items:  # every clause cited is the profile's, word for word from the official text
        clause = catalog.profiles[o.clause.license].clauses[o.clause.clause]
        assert (o.clause.section, o.clause.title) == (clause.section, clause.title)
        assert in_official_text(catalog, o.clause.license, o.clause.quote)


def test_a_broken_naming_duty_is_one_finding_and_one_duty_not_met(catalog, assess_lineage):
    assessment, lineage = assess_lineage(DISTILLED, DISTILLED_ANSWERS)
    fired = {f.finding.id for f in assessment.result("llama-3.1").findings}
    assert "model-name-prefix-missing" in fired and "model-name-prefix-required" not in fired  # the breach, not both
    naming = item(checklist(catalog, assessment, lineage), "naming", "llama-3.1")
    assert naming.findings == ("llama-3.1#model-name-prefix-missing",)
    assert naming.status == "not met" and naming.severity is Severity.high


def test_a_license_reached_through_two_components_is_one_duty_naming_both(catalog, assess_lineage):
    components = [
        component("base", ["llama-3.1"], "weights", "fine_tune", name="Llama-3.1-8B"),
        component("teacher", ["llama-3.1"], "outputs", "synthetic_data", name="Llama-3.1-405B"),
    ]
    assessment, lineage = assess_lineage(components, {"llama-3.1": LLAMA_ANSWERS})
    items = checklist(catalog, assessment, lineage)
    keys = [(o.kind, o.license, o.clause.ref) for o in items]
    assert len(keys) == len(set(keys))
    naming = item(items, "naming", "llama-3.1")
    assert naming.components == ("Llama-3.1-8B", "Llama-3.1-405B")
    assert [s.route for s in naming.sources] == ["weights", "outputs"]


def test_different_licenses_keep_their_own_duties_even_in_the_same_words(catalog, assess_lineage):
    components = [
        component("a", ["llama-3.1"], "weights", "merge"),
        component("b", ["llama-3.3"], "weights", "merge"),
    ]
    assessment, lineage = assess_lineage(components, {"llama-3.1": LLAMA_ANSWERS, "llama-3.3": LLAMA_ANSWERS})
    naming = [o for o in checklist(catalog, assessment, lineage) if o.kind == "naming"]
    assert [(o.license, o.components) for o in naming] == [("llama-3.1", ("a",)), ("llama-3.3", ("b",))]
    assert naming[0].clause.quote == naming[1].clause.quote


def test_ordered_by_kind_then_license(catalog, assess_lineage):
    assessment, lineage = assess_lineage(DISTILLED, DISTILLED_ANSWERS)
    items = checklist(catalog, assessment, lineage)
    order = [(DUTY_KINDS.index(o.kind), o.license) for o in items]
    assert order == sorted(order)
    assert len({o.kind for o in items}) >= 5


def test_only_duties_that_apply_no_roll_ups_no_notes(catalog, assess_lineage):
    assessment, lineage = assess_lineage(DISTILLED, DISTILLED_ANSWERS)
    items = checklist(catalog, assessment, lineage)
    listed = {ref for o in items for ref in o.findings}
    for result in assessment.results:
        for fr in result.findings:
            ref = f"{result.id}#{fr.finding.id}"
            if fr.finding.kind == "duty-summary" or fr.finding.kind not in DUTY_KINDS or fr.severity is Severity.info:
                assert ref not in listed
    assert "llama-3.1#attribution-obligations" not in listed  # the roll-up, whose duties are listed one by one


def test_the_status_follows_the_answers_and_a_duty_not_triggered_is_absent(catalog, assess_lineage):
    answers = {"llama-3.1": LLAMA_ANSWERS | {"derived_name_starts_llama": True}}
    assessment, lineage = assess_lineage(DISTILLED[:1], answers)
    naming = item(checklist(catalog, assessment, lineage), "naming", "llama-3.1")
    assert (naming.status, naming.findings) == ("to do", ("llama-3.1#model-name-prefix-required",))

    glm = [component("glm", ["glm-4"], "weights", "fine_tune")]
    kept, lineage = assess_lineage(glm, {"glm-4": {"glm_registered": True, "glm4_name_prefix": True}})
    assert item(checklist(catalog, kept, lineage), "naming", "glm-4").status == "met"

    internal, lineage = assess_lineage(
        DISTILLED[:1],
        {"llama-3.1": LLAMA_ANSWERS},
        distributes_model=False,
        hosted_service=False,
        derived_model_shared=False,
    )
    kinds = {o.kind for o in checklist(catalog, internal, lineage)}
    assert not kinds & {"naming", "display", "license-copy"}


def test_without_a_lineage_the_duties_stand_without_components(catalog, assess_lineage):
    assessment, lineage = assess_lineage(DISTILLED, DISTILLED_ANSWERS)
    with_lineage = checklist(catalog, assessment, lineage)
    alone = checklist(catalog, assessment, None)
    assert [(o.kind, o.license, o.clause.ref) for o in alone] == [(o.kind, o.license, o.clause.ref) for o in with_lineage]
    assert all(o.sources == () for o in alone)
