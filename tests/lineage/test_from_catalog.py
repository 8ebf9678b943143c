"""A picked catalog model becomes lineage components: itself, then what the catalog says it was built from."""

from __future__ import annotations

from license_risk.lineage.from_catalog import catalog_components
from license_risk.lineage.imported import Ids
from license_risk.lineage.model import Lineage
from license_risk.lineage.reach import reaches_by_license


def _lineage(catalog, model_id: str, relation: str = "fine_tune") -> Lineage:
    m = next(m for m in catalog.models if m.id == model_id)
    comps = catalog_components(catalog, m, route="weights", relation=relation, ids=Ids())
    return Lineage(model_name="ours", components=comps)


def test_a_distilled_model_brings_its_base_by_weights_and_its_teacher_by_outputs(catalog):
    lineage = _lineage(catalog, "deepseek-r1-distill-llama-8b")
    top, *nested = lineage.components
    assert top.model == "deepseek-r1-distill-llama-8b" and top.into is None and top.relation == "fine_tune"
    assert {c.route for c in nested} == {"weights", "outputs"} and all(c.into == top.id for c in nested)
    assert all(c.source and "@" in c.source for c in nested)  # the catalog's quoted source travels with the link
    reaches = reaches_by_license(lineage)
    assert [r.route for r in reaches["llama-3.1"]] == ["weights"]  # Llama by its weights, under the distill
    assert sorted(r.route for r in reaches["mit-deepseek-r1"]) == ["outputs", "weights"]
    # the catalog's flat `also` is now explained by the links: not repeated on the model itself
    assert top.licenses == ["mit-deepseek-r1"]


def test_every_license_the_catalog_lists_reaches_the_lineage(catalog):
    for m in catalog.models:
        if m.license is None:
            continue
        reached = set(reaches_by_license(_lineage(catalog, m.id, "unchanged")))
        assert set(m.licenses) <= reached, m.id


def test_the_user_s_use_of_the_model_is_the_top_route(catalog):
    lineage = _lineage(catalog, "llama-guard-7b", "unchanged")
    assert lineage.components[0].relation == "unchanged"
    assert all(not r.modifies for r in reaches_by_license(lineage)["llama-2"][:1])
