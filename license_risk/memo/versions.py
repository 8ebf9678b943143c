"""'What changed between versions' in words: the memo's section and the results page's block read it.

From `license_risk.versions` (the comparison as data) to labelled text in the catalog's language;
quotes stay in the official English. Plain data, so the PDF, the HTML and the app lay it out alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from license_risk.content.catalog import Catalog
from license_risk.content.model import Severity
from license_risk.i18n import N_, translator
from license_risk.i18n.labels import SEVERITY
from license_risk.versions import ClauseChange, FindingChange, VersionStep, version_steps
from scoring.rating import Assessment

HEADING = N_("What changed between versions")
INTRO = N_(
    "Several versions of one license are assessed with the same answers. For each version and the next, "
    "the findings that differ for your answers, and the clauses that cause the difference: a clause in one "
    "version only, or whose words changed (line wrapping, case, quote marks and formatting aside). "
    "Quotes are the official English."
)


@dataclass(frozen=True)
class ClauseDelta:
    place: str  # "Gemma Terms of Use §4.1 (Google may update Gemma)"
    change: str  # "Words changed", "Only in 2024-02-21", ...
    before: str | None  # the older version's quote; None where it has none
    after: str | None


@dataclass(frozen=True)
class FindingDelta:
    finding: str  # the finding's id, for links to its card (never shown)
    license: str  # the version under which it fires (the newer one when both do)
    title: str
    before: str  # severity in words under the older version, or "does not apply"
    after: str
    before_level: str  # "none" where it does not apply: the colour of the badge
    after_level: str
    causes: tuple[ClauseDelta, ...]
    no_cause: str | None  # why no clause is named, when none is


@dataclass(frozen=True)
class VersionPair:
    older: str  # license ids
    newer: str
    heading: str  # "Gemma Terms of Use: 2024-02-21 → 2025-03-24"
    before_label: str  # "In 2024-02-21:", over the older version's quote
    after_label: str
    findings: tuple[FindingDelta, ...]
    no_findings: str | None  # said when no finding differs
    clauses_heading: str
    clauses: tuple[ClauseDelta, ...]


@dataclass(frozen=True)
class VersionsSection:
    heading: str
    intro: str
    pairs: tuple[VersionPair, ...]


def versions_section(catalog: Catalog, assessment: Assessment) -> VersionsSection | None:
    """The section, or None when no two versions of one license are assessed."""
    steps = version_steps(catalog, assessment)
    if not steps:
        return None
    _ = translator(catalog.lang)
    return VersionsSection(_(HEADING), _(INTRO), tuple(_pair(catalog, step) for step in steps))


def _version(catalog: Catalog, license_id: str) -> str:
    return catalog.profiles[license_id].model.version


def _pair(catalog: Catalog, step: VersionStep) -> VersionPair:
    _ = translator(catalog.lang)
    old, new = catalog.profiles[step.older].model, catalog.profiles[step.newer].model
    name = old.name if old.name == new.name else f"{old.name} / {new.name}"
    heading = _("{name}: {older} → {newer}").format(name=name, older=old.version, newer=new.version)
    return VersionPair(
        step.older,
        step.newer,
        heading,
        _("In {version}:").format(version=old.version),
        _("In {version}:").format(version=new.version),
        tuple(_finding(catalog, step, f) for f in step.findings),
        None if step.findings else _("No finding differs for your answers."),
        _("Clauses whose text differs ({n})").format(n=len(step.clauses)),
        tuple(_clause(catalog, step, c) for c in step.clauses),
    )


def _level(catalog: Catalog, level: Severity | None) -> str:
    _ = translator(catalog.lang)
    return _("does not apply") if level is None else _(SEVERITY[level.name])


def _finding(catalog: Catalog, step: VersionStep, f: FindingChange) -> FindingDelta:
    _ = translator(catalog.lang)
    no_cause = (
        None
        if f.causes
        else _(
            "None of the clauses it cites differs: it follows from another difference listed here, or from a "
            "question asked under one version only."
        )
    )
    return FindingDelta(
        f.finding,
        step.newer if f.after is not None else step.older,
        f.title,
        _level(catalog, f.before),
        _level(catalog, f.after),
        f.before.name if f.before is not None else "none",
        f.after.name if f.after is not None else "none",
        tuple(_clause(catalog, step, c) for c in f.causes),
        no_cause,
    )


def _clause(catalog: Catalog, step: VersionStep, c: ClauseChange) -> ClauseDelta:
    _ = translator(catalog.lang)
    document = c.policy or catalog.profiles[step.newer if c.change != "removed" else step.older].model.name
    section = _("unnumbered paragraph") if c.section == "unnumbered" else f"§{c.section}"
    place = _("{document} {section} ({title})").format(document=document, section=section, title=c.title)
    change = {
        "changed": _("Words changed"),
        "added": _("Only in {version}").format(version=_version(catalog, step.newer)),
        "removed": _("Only in {version}").format(version=_version(catalog, step.older)),
    }[c.change]
    return ClauseDelta(place, change, c.before, c.after)
