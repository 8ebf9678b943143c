"""The lineage as a graph, as data: the assessed model and its components, each with its licenses and rating.

An edge goes from a component to what it was used to build (another component, or the assessed
model), labelled with its route and relation. Renderings: `dot.py` (Graphviz DOT text, which
Streamlit's st.graphviz_chart draws in the browser) and `svg.py` (a layered SVG with no dependency).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from license_risk.combined.words import RATING, license_note, route_label, word
from license_risk.content.model import Severity
from license_risk.i18n import ENGLISH, translator
from license_risk.lineage.model import Lineage
from scoring.rating import Assessment

MODEL_NODE = "@model"  # cannot clash with a component's id, which starts with a letter or digit


@dataclass(frozen=True)
class GraphNode:
    id: str  # MODEL_NODE, or the component's id
    name: str
    licenses: tuple[str, ...]
    rating: Severity | None  # the worst rating of its licenses; None when none of them was assessed
    depth: int  # 0: the assessed model; 1: used for it directly; 2: used for a component of depth 1; ...
    route: str | None = None  # how it reached what it was used for; None for the assessed model
    license_note: str | None = None  # what is known of a license the tool cannot assess

    @property
    def is_model(self) -> bool:
        return self.id == MODEL_NODE

    @property
    def rating_text(self) -> str:
        return self.rating_in(ENGLISH)

    def rating_in(self, lang: str) -> str:
        _ = translator(lang)
        if self.rating is None:
            return _("not assessed") if self.licenses else _("license unknown")
        return _("no finding") if self.rating is Severity.none else word(RATING, self.rating.name, lang)


@dataclass(frozen=True)
class GraphEdge:
    source: str  # the component
    target: str  # what it was used for: a component, or MODEL_NODE
    route: str
    relation: str

    @property
    def label(self) -> str:
        return self.label_in(ENGLISH)

    def label_in(self, lang: str) -> str:
        return route_label(self.route, self.relation, lang)


@dataclass(frozen=True)
class Graph:
    model_name: str
    nodes: tuple[GraphNode, ...]  # the assessed model first, then the components in lineage order
    edges: tuple[GraphEdge, ...]
    lang: str = ENGLISH  # the language its renderings write the ratings and routes in

    def node(self, node_id: str) -> GraphNode:
        return next(n for n in self.nodes if n.id == node_id)


def lineage_graph(
    lineage: Lineage, assessment: Assessment | None, lang: str = ENGLISH, model_word: Callable[[str], str] = str
) -> Graph:
    """The graph; without an assessment (before the questions) no node has a rating yet. `model_word`
    gives a model catalog note in `lang` (Catalog.model_word)."""
    ratings = {r.id: r.rating for r in assessment.results} if assessment is not None else {}

    def rating(licenses: list[str]) -> Severity | None:
        known = [ratings[lic] for lic in licenses if lic in ratings]
        return max(known) if known else None

    nodes = [GraphNode(MODEL_NODE, lineage.model_name, tuple(lineage.licenses), rating(lineage.licenses), 0)]
    edges = []
    for c in lineage.components:
        depth = len(lineage.chain(c.id))
        note = license_note(c.license_note, lang, model_word) if c.license_note else None
        nodes.append(GraphNode(c.id, c.name, tuple(c.licenses), rating(c.licenses), depth, c.route, note))
        edges.append(GraphEdge(c.id, c.into or MODEL_NODE, c.route, c.relation))
    return Graph(lineage.model_name, tuple(nodes), tuple(edges), lang)
