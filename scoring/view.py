"""Plain data for the app's tables, built here so the UI layer only displays it."""

from __future__ import annotations

from .catalog import Catalog


def license_rows(catalog: Catalog) -> list[dict[str, str]]:
    rows = []
    for license_id in catalog.license_ids:
        profile = catalog.license_of(license_id).model
        tree = catalog.trees[license_id].model
        policies = ", ".join(p.model.name for p in catalog.policies_of(profile.id))
        rows.append(
            {
                "License": profile.name,
                "Version": profile.version,
                "Effective date": profile.effective_date.isoformat() if profile.effective_date else "not stated",
                "Licensor": profile.licensor,
                "Incorporates": policies or "-",
                "Governing law": profile.governing_law.law if profile.governing_law else "-",
                "Open Source Definition": "meets it"
                if profile.open_source and profile.open_source.osd_compliant
                else "does not meet it",
                "Questions": f"{len(tree.questions)} (tree v{tree.version})",
                "Notes on the text": " ".join(profile.text.caveats) or "-",
            }
        )
    return rows
