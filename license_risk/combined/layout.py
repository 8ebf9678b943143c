"""Where each node of the lineage graph goes: shared by the SVG (app, HTML memo) and the PDF memo.

Layers by depth: the assessed model at the top, what built it below, and so on. A layer wider than
MAX_PER_ROW nodes wraps onto further rows, so 200 components stay a tall picture rather than one
too wide to read; within a layer nodes follow the order of what they were used for, which keeps
edges short. Units are SVG pixels; the PDF scales them.
"""

from __future__ import annotations

from license_risk.combined.graph import Graph, GraphNode

NODE_W, NODE_H = 210, 62
GAP_X, GAP_Y, ROW_GAP = 24, 56, 26
MARGIN = 16
MAX_PER_ROW = 6


def _layers(graph: Graph) -> list[list[GraphNode]]:
    """Nodes by depth; each layer ordered by the position of what its nodes were used for."""
    target = {e.source: e.target for e in graph.edges}
    depth_max = max(n.depth for n in graph.nodes)
    layers: list[list[GraphNode]] = [[] for _ in range(depth_max + 1)]
    for n in graph.nodes:
        layers[n.depth].append(n)
    for d in range(1, depth_max + 1):
        above = {n.id: i for i, n in enumerate(layers[d - 1])}
        layers[d].sort(key=lambda n: above[target[n.id]])  # stable: lineage order among siblings
    return layers


def _positions(layers: list[list[GraphNode]]) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Each node's top-left corner, and the picture's width and height."""
    widest = max(min(len(layer), MAX_PER_ROW) for layer in layers)
    width = 2 * MARGIN + widest * NODE_W + (widest - 1) * GAP_X
    pos: dict[str, tuple[float, float]] = {}
    y = float(MARGIN)
    for layer in layers:
        rows = [layer[i : i + MAX_PER_ROW] for i in range(0, len(layer), MAX_PER_ROW)]
        for r, row in enumerate(rows):
            row_w = len(row) * NODE_W + (len(row) - 1) * GAP_X
            x0 = (width - row_w) / 2
            for i, node in enumerate(row):
                pos[node.id] = (x0 + i * (NODE_W + GAP_X), y)
            y += NODE_H + (ROW_GAP if r < len(rows) - 1 else GAP_Y)
    return pos, width, y - GAP_Y + MARGIN


def layout(graph: Graph) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Each node's top-left corner, and the picture's width and height."""
    return _positions(_layers(graph))
