"""Paths and a compact view of a lineage, shared by the reader tests."""

from __future__ import annotations

from pathlib import Path

from license_risk.lineage.model import Lineage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CARDS = FIXTURES / "cards"
BOMS = FIXTURES / "bom"

Row = tuple[str, str | None, list[str], str, str, str | None]


def summary(lineage: Lineage) -> list[Row]:
    """Each component as (name, catalog model, licenses, route, relation, into), in order."""
    return [(c.name, c.model, c.licenses, c.route, c.relation, c.into) for c in lineage.components]
