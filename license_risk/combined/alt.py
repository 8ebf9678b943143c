"""The lineage graph in words: the text alternative of its picture (an image's `alt`), for screen readers.

The picture is an SVG drawn by `svg.py` and shown as an image, whose own <title>s a screen reader
does not reach; this says the same: each component, its licenses and rating, and what it was used
for by which route.
"""

from __future__ import annotations

from license_risk.combined.graph import MODEL_NODE, Graph
from license_risk.content.printable import LINE_BREAKS, mark
from license_risk.i18n import translator


def _plain(text: str) -> str:
    return LINE_BREAKS.sub(" ", mark(text))


def graph_alt(graph: Graph) -> str:
    _ = translator(graph.lang)
    model = graph.node(MODEL_NODE)
    licenses = ", ".join(model.licenses) or _("no license known")
    sentences = [
        _("Lineage of {model} ({licenses}; overall: {rating}).").format(
            model=_plain(model.name), licenses=licenses, rating=model.rating_in(graph.lang)
        )
    ]
    for edge in graph.edges:
        node = graph.node(edge.source)
        sentences.append(
            _("{component} ({licenses}; rating: {rating}) was used to build {target}: {route}.").format(
                component=_plain(node.name),
                licenses=", ".join(node.licenses) or _("no license known"),
                rating=node.rating_in(graph.lang),
                target=_plain(graph.node(edge.target).name),
                route=edge.label_in(graph.lang),
            )
        )
    return " ".join(sentences)
