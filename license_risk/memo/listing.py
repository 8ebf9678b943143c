"""Plain data for the app's tables, built here so the UI layer only displays it."""

from __future__ import annotations

from license_risk.content.catalog import Catalog
from license_risk.content.model import LicenseProfile
from license_risk.i18n import ENGLISH, translator


def license_rows(catalog: Catalog) -> tuple[list[dict[str, str]], list[str]]:
    """The covered licenses as table rows (headers in the catalog's language), and each one's notes on its text."""
    _ = translator(catalog.lang)
    rows, notes = [], []
    for license_id in catalog.license_ids:
        profile = catalog.license_of(license_id).model
        tree = catalog.trees[license_id].model
        policies = ", ".join(p.model.name for p in catalog.policies_of(profile.id))
        effective = profile.effective_date.isoformat() if profile.effective_date else _("not stated")
        rows.append(
            {
                _("License"): profile.name,
                _("Version"): profile.version,
                _("Effective date"): effective,
                _("Licensor"): profile.licensor,
                _("Incorporates"): policies or "-",
                _("Governing law"): profile.governing_law.law if profile.governing_law else "-",
                _("Open Source Definition"): osd_verdict(profile, catalog.lang),
                _("Questions"): _("{n} (tree v{version})").format(n=len(tree.questions), version=tree.version),
            }
        )
        if profile.text.caveats:
            notes.append(f"{profile.name}: {' '.join(profile.text.caveats)}")
    return rows, notes


def osd_verdict(profile: LicenseProfile, lang: str = ENGLISH) -> str:
    """The Open Source Definition verdict in a few words, marked where it is contested."""
    _ = translator(lang)
    o = profile.open_source
    verdict = _("meets it") if o and o.osd_compliant else _("does not meet it")
    return _("{verdict} (contested)").format(verdict=verdict) if o and o.contested else verdict


def readme_licenses(catalog: Catalog) -> str:
    """The README's "Licenses covered" table, generated so that it cannot drift from the content."""

    def dated(p: LicenseProfile) -> str:
        return " ".join(p.date_as_printed.split()) if p.date_as_printed else "no date in text"

    lines = [
        f"{len(catalog.license_ids)} license versions, each with its question tree and scenario tests "
        "(`python -m scoring questions <id>` prints one):",
        "",
        "| License | Version | Date as printed | Incorporated policy |",
        "| --- | --- | --- | --- |",
    ]
    for license_id in catalog.license_ids:
        p = catalog.license_of(license_id).model
        policies = "; ".join(f"{q.model.name} ({dated(q.model)})" for q in catalog.policies_of(p.id)) or "-"
        lines.append(f"| {p.name} (`{p.id}`) | {p.version} | {dated(p)} | {policies} |")
    not_held = [m for m in catalog.models if not m.license]
    lines += [
        "",
        f"The model catalog (`licenses/models.yaml`) maps {len(catalog.models)} well-known checkpoints (or groups of sizes) "
        "to the license versions above, with the source of each mapping; a model built on another one (a distillation, "
        "a fine-tune) lists its base model's license too. "
        f"{len(not_held)} of them are listed although their license text is not held yet, "
        "so that users learn that rather than guess: " + "; ".join(f"{m.name} ({m.not_held})" for m in not_held) + ".",
    ]
    return "\n".join(lines) + "\n"
