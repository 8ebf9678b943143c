"""The lineage graph as a standalone SVG string, laid out by hand (layout.py): no Graphviz needed.

Every text is marked (hidden characters as [U+XXXX]) and XML-escaped; the full name
is in each node's <title> (a tooltip), the box shows it cut to fit.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape, quoteattr

from license_risk.combined.graph import Graph, GraphNode
from license_risk.combined.layout import NODE_H, NODE_W, layout
from license_risk.combined.style import ROUTE_DASHES, fill, shorten
from license_risk.i18n import translator

FONT = "Helvetica, Arial, sans-serif"


def _text(x: float, y: float, text: str, *, size: int = 11, weight: str = "normal", anchor: str = "middle") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">{escape(text)}</text>'


def _node(node: GraphNode, x: float, y: float, lang: str) -> str:
    _ = translator(lang)
    cx = x + NODE_W / 2
    licenses = ", ".join(node.licenses) or _("no license known")
    rating = (_("overall: ") if node.is_model else _("rating: ")) + node.rating_in(lang)
    title = f"{shorten(node.name, 300)} | {shorten(licenses, 2000)} | {rating}"
    if node.license_note:
        title += f" | {shorten(node.license_note, 300)}"
    dash = ' stroke-dasharray="4 3"' if node.rating is None else ""
    kind = "model" if node.is_model else "component"
    return "".join(
        [
            f'<g class="node" data-kind="{kind}" data-id={quoteattr(node.id)}>',
            f"<title>{escape(title)}</title>",
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{NODE_W}" height="{NODE_H}" rx="8" fill="{fill(node.rating)}" '
            f'stroke="#333333" stroke-width="{2 if node.is_model else 1}"{dash}/>',
            _text(cx, y + 18, shorten(node.name, 30), weight="bold"),
            _text(cx, y + 35, shorten(licenses, 34), size=10),
            _text(cx, y + 51, rating, size=10),
            "</g>",
        ]
    )


def _width(text: str) -> float:
    """About how wide a label of size 10 is: a wide (CJK) character takes about twice a Latin one."""
    return sum(10.0 if unicodedata.east_asian_width(ch) in "WF" else 6.2 for ch in text)


def graph_svg(graph: Graph) -> str:
    _ = translator(graph.lang)
    pos, width, height = layout(graph)
    title = _("Lineage of {model}").format(model=shorten(graph.model_name, 300))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" font-family="{FONT}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="lineage-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555555"/></marker></defs>',
    ]
    # Arrows into one node spread along its lower side, in the order of their sources, left to right.
    into: dict[str, list[str]] = {}
    for edge in sorted(graph.edges, key=lambda e: pos[e.source]):
        into.setdefault(edge.target, []).append(edge.source)
    # Edges first, so that boxes are drawn over any line that passes behind them.
    for edge in graph.edges:
        (sx, sy), (tx, ty) = pos[edge.source], pos[edge.target]
        siblings = into[edge.target]
        x1, y1 = sx + NODE_W / 2, sy
        x2, y2 = tx + NODE_W * (siblings.index(edge.source) + 1) / (len(siblings) + 1), ty + NODE_H
        dash = ROUTE_DASHES[edge.route][0]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<g class="edge" data-route="{edge.route}"><line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#555555" stroke-width="1.2"{dash_attr} marker-end="url(#lineage-arrow)"/></g>'
        )
    for node in graph.nodes:
        out.append(_node(node, *pos[node.id], graph.lang))
    # Route labels last, just above each component, on a white ground so that crossing lines do not hide them.
    for edge in graph.edges:
        sx, sy = pos[edge.source]
        label = edge.label_in(graph.lang)
        w = _width(label) + 8
        out.append(
            f'<g class="edge-label"><rect x="{sx + NODE_W / 2 - w / 2:.1f}" y="{sy - 17:.1f}" width="{w:.1f}" height="14" '
            f'fill="#ffffff" fill-opacity="0.85"/>{_text(sx + NODE_W / 2, sy - 6, label, size=10)}</g>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
