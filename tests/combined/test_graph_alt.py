"""The lineage graph in words: the text a screen reader reads for its picture (the image's alt)."""

from __future__ import annotations

from combined_support import LLAMA_ANSWERS, component

from license_risk.combined.alt import graph_alt
from license_risk.combined.graph import lineage_graph
from license_risk.lineage.model import Lineage


def test_the_alt_text_names_every_component_its_licenses_rating_route_and_what_it_built(assess_lineage) -> None:
    assessment, lineage = assess_lineage(
        [
            component("base", ["llama-3.1"], "weights", "fine_tune", name="Llama-3.1-8B-Instruct"),
            component("pretrained", ["llama-3.1"], "weights", "fine_tune", name="Llama-3.1-8B", into="base"),
            component("trainer", [], "code", "training_code", name="trainer"),
        ],
        {"llama-3.1": LLAMA_ANSWERS},
    )
    graph = lineage_graph(lineage, assessment)
    alt = graph_alt(graph)
    overall = graph.node("@model").rating_in("en")
    assert alt.startswith(f"Lineage of Acme Reasoner (llama-3.1; overall: {overall}).")
    assert "Llama-3.1-8B-Instruct (llama-3.1; rating: high) was used to build Acme Reasoner: weights · fine tune." in alt
    assert "Llama-3.1-8B (llama-3.1; rating: high) was used to build Llama-3.1-8B-Instruct: weights · fine tune." in alt
    assert "trainer (no license known; rating: license unknown) was used to build Acme Reasoner: code · training code." in alt


def test_the_alt_text_is_in_the_graphs_language_and_shows_control_characters_as_marks() -> None:
    lineage = Lineage(
        model_name="Acme\u202eReasoner\nv2", components=[component("base", ["llama-3.1"], "weights", "merge", name="Base")]
    )
    ja = graph_alt(lineage_graph(lineage, None, "ja"))
    assert ja.startswith("Acme[U+202E]Reasoner v2 の系譜（llama-3.1、総合評価：")
    assert "Base（llama-3.1、評価：" in ja and "重み · マージ" in ja and "の構築に使われています" in ja
    assert "weights" not in ja and "rating" not in ja
