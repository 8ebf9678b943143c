"""The consistency table: every kind of risk of the rubric, as each license family rates it.

Generated from the content, for docs/consistency.md and the maintainer page. `departures`
lists findings that rate the same kind, exposure and license facts differently without an
override: the rubric makes this impossible by construction, and a test keeps it so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from license_risk.content.catalog import Catalog
from license_risk.content.model import Finding, Severity

DOC = "docs/consistency.md"


@dataclass(frozen=True)
class Rating:
    family: str
    tree: str
    finding: Finding

    @property
    def label(self) -> str:
        mark = "*" if self.finding.override else ""
        return f"{self.finding.exposure} → {self.finding.severity}{mark}"


def ratings(catalog: Catalog) -> dict[str, dict[str, list[Rating]]]:
    """kind -> family -> the findings of that kind in the family's trees (including inherited ones)."""
    out: dict[str, dict[str, list[Rating]]] = defaultdict(lambda: defaultdict(list))
    for tree_id in catalog.license_ids:
        family = catalog.license_of(tree_id).model.family
        for f in catalog.trees[tree_id].model.findings:
            if f.kind:
                out[f.kind][family].append(Rating(family, tree_id, f))
    return out


def families(catalog: Catalog) -> list[str]:
    return sorted({catalog.license_of(t).model.family for t in catalog.license_ids})


def cell(found: list[Rating]) -> str:
    """One family's ratings of one kind: each exposure with its severity, worst first; * marks an override."""
    labels = {r.label: Severity[r.finding.severity or "info"] for r in found}
    return ", ".join(sorted(labels, key=lambda label: (-labels[label], label))) if labels else ""


def table_rows(catalog: Catalog, _: Callable[[str], str] = str) -> list[dict[str, str]]:
    """Kinds × families, for the maintainer page and the docs; `_` translates the two fixed column names."""
    by_kind = ratings(catalog)
    rows = []
    assert catalog.rubric is not None
    for kind in catalog.rubric.kinds:
        row = {_("Kind"): kind.id, _("Category"): " / ".join(kind.categories)}
        row |= {fam: cell(by_kind.get(kind.id, {}).get(fam, [])) for fam in families(catalog)}
        rows.append(row)
    return rows


def overrides(catalog: Catalog) -> list[tuple[str, Finding]]:
    """Every finding that departs from its kind, with the tree it is in."""
    return [(t, f) for t in catalog.license_ids for f in catalog.trees[t].model.findings if f.override is not None]


def departures(catalog: Catalog) -> list[str]:
    """Findings rating one kind, exposure and set of facts differently without an override (should be none).

    The severity is compared; the category too, except for a kind that files each finding where its text does.
    """
    assert catalog.rubric is not None
    several = {k.id for k in catalog.rubric.kinds if len(k.categories) > 1}
    groups: dict[tuple[str, str, tuple[tuple[str, str], ...]], set[tuple[str, str]]] = defaultdict(set)
    where: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[str]] = defaultdict(list)
    for tree_id in catalog.license_ids:
        facts = catalog.license_of(tree_id).model.facts
        fact_values = tuple(sorted(facts.values().items())) if facts else ()
        for f in catalog.trees[tree_id].model.findings:
            if f.kind and not f.override:
                key = (f.kind, f.exposure or "", fact_values)
                groups[key].add((f.severity or "", "" if f.kind in several else f.category or ""))
                where[key].append(f"{tree_id}/{f.id}")
    return [
        f"kind {kind}, exposure {exposure}: rated {sorted(rated)} by {', '.join(where[(kind, exposure, facts)])}"
        for (kind, exposure, facts), rated in sorted(groups.items())
        if len(rated) > 1
    ]


def markdown(catalog: Catalog) -> str:
    """docs/consistency.md, generated: `python -m scoring consistency > docs/consistency.md`."""
    fams = families(catalog)
    assert catalog.rubric is not None
    lines = [
        "# Consistency table: every kind of risk, as each license family rates it",
        "",
        "Generated from the content by `python -m scoring consistency`; a test keeps it current. Each cell lists the",
        "exposures the family's findings of that kind have, each with the severity the rubric gives it",
        "(`licenses/rubric.yaml`), worst first; `*` marks a finding that departs from its kind with an override,",
        "listed with its reason below. An empty cell: the family has no finding of that kind.",
        "",
        "| Kind | Category | Rule | " + " | ".join(fams) + " |",
        "| --- | --- | --- | " + " | ".join("---" for _ in fams) + " |",
    ]
    by_kind = ratings(catalog)
    for kind in catalog.rubric.kinds:
        cells = [cell(by_kind.get(kind.id, {}).get(fam, [])) or " " for fam in fams]
        rule = " ".join(kind.rule.split())
        lines.append(f"| {kind.id} | {' / '.join(kind.categories)} | {rule} | " + " | ".join(cells) + " |")
    lines += ["", "## Overrides", ""]
    found = overrides(catalog)
    if not found:
        lines.append("None: every finding is rated by its kind.")
    for tree_id, f in found:
        assert f.override is not None
        lines.append(
            f"- `{tree_id}` / `{f.id}` ({f.kind}, {f.exposure}): {f.severity} {f.category}. {' '.join(f.override.reason.split())}"
        )
    return "\n".join(lines) + "\n"
