"""The lineage graph as Graphviz DOT text: for `dot -Tsvg`, or st.graphviz_chart (drawn in the browser, no install)."""

from __future__ import annotations

from license_risk.combined.graph import MODEL_NODE, Graph, GraphNode
from license_risk.combined.style import ROUTE_DASHES, fill, shorten
from license_risk.content.printable import LINE_BREAKS, mark
from license_risk.i18n import translator


def _q(text: str) -> str:
    """A DOT double-quoted string, with what would act instead of show marked."""
    shown = LINE_BREAKS.sub(" ", mark(text))
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label(node: GraphNode, lang: str) -> str:
    # Built from marked parts, joined with DOT's escaped line break, so no part can add a line.
    _ = translator(lang)
    parts = [shorten(node.name, 40), shorten(", ".join(node.licenses) or _("no license known"), 48)]
    parts.append((_("overall: ") if node.is_model else _("rating: ")) + node.rating_in(lang))
    return "\\n".join(_q(p)[1:-1] for p in parts)


def graph_dot(graph: Graph) -> str:
    lines = [
        f"digraph {_q('lineage of ' + graph.model_name)} {{",
        "  rankdir=BT;",  # components below, the assessed model at the top
        '  graph [fontname="Helvetica", fontsize=10, nodesep=0.3, ranksep=0.6];',
        '  node [fontname="Helvetica", fontsize=10, shape=box, style="rounded,filled"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
    ]
    for node in graph.nodes:
        node_id = _node_id(node.id)
        extra = ", penwidth=2" if node.is_model else ""
        tooltip = node.name + (f" ({node.license_note})" if node.license_note else "")
        lines.append(
            f'  {node_id} [label="{_label(node, graph.lang)}", tooltip={_q(tooltip)}, fillcolor="{fill(node.rating)}"{extra}];'
        )
    for edge in graph.edges:
        style = ROUTE_DASHES[edge.route][1]
        lines.append(
            f"  {_node_id(edge.source)} -> {_node_id(edge.target)} [label={_q(edge.label_in(graph.lang))}, style={style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_id(node_id: str) -> str:
    return _q("model" if node_id == MODEL_NODE else f"c:{node_id}")
