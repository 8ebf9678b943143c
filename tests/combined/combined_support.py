"""Lineages built in code, assessed with the engine: `assess(catalog, lineage.licenses, answers)`.

A helper module, not a conftest.py: a second conftest module would shadow the top-level one.
The `assess_lineage` fixture (tests/conftest.py) wraps `assess_lineage_with`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from license_risk.content.catalog import Catalog
from license_risk.content.quotes import normalise
from license_risk.lineage.model import Component, Lineage
from scoring.rating import Assessment, assess

# A company that fine-tunes, distills and ships a model commercially, under its own name.
PLAN: dict[str, Any] = {
    "establishment": "japan",
    "part_of_group": False,
    "group_monthly_active_users": 1000,
    "group_annual_revenue_usd": 1_000_000,
    "distributes_model": True,
    "hosted_service": True,
    "modifies_model": True,
    "trains_on_outputs": True,
    "derived_model_shared": True,
    "derived_model_name": "Acme Reasoner",
    "ip_claims": "none",
    "removes_safety_measures": False,
    "sensitive_uses": ["none"],
    "claims_open_source": False,
    "commercial_use": True,
    "capabilities_used": ["text"],
}
LLAMA_ANSWERS = {
    "llama_claim_against_others": "none",
    "attribution_steps": ["agreement_copy"],
    "derived_name_starts_llama": False,
    "presents_as_human": False,
}


def component(
    cid: str, licenses: list[str], route: str, relation: str, *, name: str | None = None, into: str | None = None
) -> Component:
    return Component(id=cid, name=name or cid, licenses=licenses, route=route, relation=relation, into=into)  # type: ignore[arg-type]


def assess_lineage_with(catalog: Catalog) -> Callable[..., tuple[Assessment, Lineage]]:
    """Assess a lineage's licenses with the plan (changed by `intake`) and each license's answers."""

    def go(
        components: list[Component], answers: dict[str, dict[str, Any]] | None = None, **intake: Any
    ) -> tuple[Assessment, Lineage]:
        lineage = Lineage(model_name="Acme Reasoner", components=components)
        given = {"intake": PLAN | intake, **(answers or {})}
        return assess(catalog, lineage.licenses, given), lineage

    return go


def in_official_text(catalog: Catalog, license_id: str, quote: str) -> bool:
    """The quote is word for word in the license's official text (the one normalisation `validate` allows)."""
    profile = catalog.profiles[license_id]
    return normalise(quote) in normalise(catalog.texts[profile.model.text.file])
