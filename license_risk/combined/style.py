"""How the lineage graph looks in both renderings: a fill per rating (the rating is always written too) and a line per route."""

from __future__ import annotations

from license_risk.content.model import Severity
from license_risk.content.printable import LINE_BREAKS, mark

RATING_FILLS = {
    Severity.critical: "#f4a6a6",
    Severity.high: "#f8c99b",
    Severity.medium: "#fbe7a1",
    Severity.low: "#cfe8c4",
    Severity.info: "#e4e4e4",
    Severity.none: "#ffffff",
}
UNRATED_FILL = "#f2f2f2"
# route -> (SVG stroke-dasharray, DOT style): weights solid, outputs dashed, data dotted, code dash-dot
ROUTE_DASHES = {
    "weights": ("", "solid"),
    "outputs": ("6 4", "dashed"),
    "dataset": ("2 3", "dotted"),
    "code": ("8 3 2 3", "bold"),
}


def fill(rating: Severity | None) -> str:
    return UNRATED_FILL if rating is None else RATING_FILLS[rating]


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, hidden characters marked, cut with an ellipsis."""
    shown = " ".join(LINE_BREAKS.sub(" ", mark(text)).split())
    return shown if len(shown) <= width else shown[: width - 1] + "…"
