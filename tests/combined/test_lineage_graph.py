"""The lineage graph: its data, its DOT text and its SVG (well-formed, one node per component, hostile names escaped)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from combined_support import LLAMA_ANSWERS, component

from license_risk.combined.dot import graph_dot
from license_risk.combined.graph import MODEL_NODE, lineage_graph
from license_risk.combined.svg import graph_svg
from license_risk.content.model import Severity
from license_risk.lineage.model import MAX_COMPONENTS, Lineage

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & \x1b]0;title\x07'


def nested():
    return [
        component("base", ["llama-3.1"], "weights", "fine_tune", name="Llama-3.1-8B-Instruct"),
        component("pretrained", ["llama-3.1"], "weights", "fine_tune", name="Llama-3.1-8B", into="base"),
        component("teacher", ["mit-deepseek-r1"], "outputs", "distillation", name="DeepSeek-R1"),
        component("nc", ["cc-by-nc-4.0"], "dataset", "fine_tuning", name="NC Instructions"),
        component("trainer", [], "code", "training_code", name="trainer"),
    ]


def svg_nodes(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]


def test_the_graph_has_the_model_and_each_component_with_licenses_ratings_and_routes(assess_lineage):
    assessment, lineage = assess_lineage(nested(), {"llama-3.1": LLAMA_ANSWERS})
    graph = lineage_graph(lineage, assessment)
    assert [n.id for n in graph.nodes] == [MODEL_NODE, "base", "pretrained", "teacher", "nc", "trainer"]
    assert [n.depth for n in graph.nodes] == [0, 1, 2, 1, 1, 1]
    model = graph.node(MODEL_NODE)
    assert model.name == "Acme Reasoner" and model.licenses == ("llama-3.1", "mit-deepseek-r1", "cc-by-nc-4.0")
    assert model.rating == max(r.rating for r in assessment.results)
    assert graph.node("base").rating == assessment.result("llama-3.1").rating == Severity.high
    assert graph.node("nc").rating == assessment.result("cc-by-nc-4.0").rating
    assert graph.node("trainer").rating is None and graph.node("trainer").rating_text == "license unknown"
    assert [(e.source, e.target, e.label) for e in graph.edges] == [
        ("base", MODEL_NODE, "weights · fine tune"),
        ("pretrained", "base", "weights · fine tune"),
        ("teacher", MODEL_NODE, "outputs · distillation"),
        ("nc", MODEL_NODE, "dataset · fine tuning"),
        ("trainer", MODEL_NODE, "code · training code"),
    ]


def test_the_svg_is_well_formed_with_one_node_per_component_layered_by_depth(assess_lineage):
    assessment, lineage = assess_lineage(nested(), {"llama-3.1": LLAMA_ANSWERS})
    svg = graph_svg(lineage_graph(lineage, assessment))
    nodes = svg_nodes(svg)
    assert [g.get("data-id") for g in nodes] == [MODEL_NODE, "base", "pretrained", "teacher", "nc", "trainer"]
    assert [g.get("data-kind") for g in nodes].count("component") == len(lineage.components)
    top = {g.get("data-id"): float(g.find(f"{SVG}rect").get("y")) for g in nodes}
    assert top[MODEL_NODE] < top["base"] == top["teacher"] == top["nc"] < top["pretrained"]
    texts = " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))
    assert "rating: high" in texts and "overall: high" in texts  # written, not only coloured
    assert "outputs · distillation" in texts
    routes = [g.get("data-route") for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "edge"]
    assert routes == ["weights", "weights", "outputs", "dataset", "code"]


def test_hostile_names_are_escaped_and_hidden_characters_marked(assess_lineage):
    components = [component("evil", ["mit"], "weights", "fine_tune", name=HOSTILE)]
    assessment, _ = assess_lineage(components)
    lineage = Lineage(model_name=HOSTILE, components=components)
    graph = lineage_graph(lineage, assessment)

    svg = graph_svg(graph)
    assert "<script" not in svg and "\x1b" not in svg and "\x07" not in svg
    root = ET.fromstring(svg)  # parses: nothing broke out of its element
    assert not [e for e in root.iter() if "script" in e.tag]
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert any('<script>alert("x")</script> & [U+001B]]0;title[U+0007]' in (t or "") for t in titles)
    assert len(svg_nodes(svg)) == 2

    dot = graph_dot(graph)
    assert "\x1b" not in dot and "[U+001B]" in dot
    assert 'tooltip="<script>alert(\\"x\\")</script> & [U+001B]]0;title[U+0007]"' in dot  # quotes escaped: one string


def test_a_name_with_line_breaks_and_backslashes_stays_one_dot_string(assess_lineage):
    name = 'two\nlines \\" end'
    components = [component("c", ["mit"], "weights", "fine_tune", name=name)]
    assessment, lineage = assess_lineage(components)
    dot = graph_dot(lineage_graph(lineage, assessment))
    line = next(ln for ln in dot.splitlines() if ln.startswith('  "c:c"'))
    assert 'tooltip="two lines \\\\\\" end"' in line


def test_the_dot_text_draws_every_node_and_edge_bottom_up(assess_lineage):
    assessment, lineage = assess_lineage(nested(), {"llama-3.1": LLAMA_ANSWERS})
    dot = graph_dot(lineage_graph(lineage, assessment))
    assert dot.startswith('digraph "lineage of Acme Reasoner" {') and dot.rstrip().endswith("}")
    assert "rankdir=BT;" in dot
    assert re.findall(r'^  ("[^"]+") \[label=', dot, flags=re.M) == [
        '"model"',
        '"c:base"',
        '"c:pretrained"',
        '"c:teacher"',
        '"c:nc"',
        '"c:trainer"',
    ]
    assert '"c:pretrained" -> "c:base" [label="weights · fine tune", style=solid];' in dot
    assert '"c:teacher" -> "model" [label="outputs · distillation", style=dashed];' in dot
    assert '"c:nc" -> "model" [label="dataset · fine tuning", style=dotted];' in dot
    assert "rating: high" in dot and "rating: license unknown" in dot


@pytest.mark.parametrize("count", [10, MAX_COMPONENTS])
def test_a_wide_lineage_wraps_into_rows_and_stays_well_formed(assess_lineage, count):
    components = [component(f"d{i}", ["mit"], "dataset", "training", name=f"dataset {i}") for i in range(count)]
    assessment, lineage = assess_lineage(components[:1])
    lineage = Lineage(model_name="Wide", components=components)
    svg = graph_svg(lineage_graph(lineage, assessment))
    root = ET.fromstring(svg)
    assert len(svg_nodes(svg)) == count + 1
    width = float(root.get("width"))
    assert width <= 6 * 210 + 5 * 24 + 32  # wrapped: never wider than six boxes
    rects = [(float(g.find(f"{SVG}rect").get("x")), float(g.find(f"{SVG}rect").get("y"))) for g in svg_nodes(svg)]
    assert len(set(rects)) == len(rects)  # no two boxes on one spot
    assert all(0 <= x <= width and 0 <= y <= float(root.get("height")) for x, y in rects)
