"""The decision in brief, per license: its rating in words, what the plan may not do, and what to do first.

    decisions(catalog, assessment) -> list[Decision]

Plain data for the top of the results page (and the memo's summary): a reader who stops
here knows whether the plan is licensed and the few actions that remove the worst risks.
Each item names the finding it comes from, so a page can link to it. No Streamlit, no fpdf.
"""

from __future__ import annotations

from dataclasses import dataclass

from license_risk.content.catalog import Catalog
from license_risk.content.model import Severity
from scoring.rating import Assessment, FindingResult, LicenseResult, rating_meaning

FIRST_ACTIONS = 5  # "what to do first": at most this many per license, worst first


@dataclass(frozen=True)
class Item:
    """One line of the decision, and the finding it comes from."""

    finding: str  # the finding's id within its license
    severity: str
    title: str
    text: str  # the action to take, or the finding's title where the item is a prohibition


@dataclass(frozen=True)
class Decision:
    license: str  # tree id
    name: str  # "Llama 3.1 Community License Agreement (3.1)"
    rating: str
    meaning: str  # the rubric's words for the rating
    may_not: tuple[Item, ...]  # critical findings: the plan as it stands is not licensed, or the rights are gone
    first: tuple[Item, ...]  # the actions that remove the worst risks
    to_review: int  # findings resting on unclear text


def decisions(catalog: Catalog, assessment: Assessment) -> list[Decision]:
    return [_decision(catalog, t, r) for t, r in zip(assessment.walk.licenses, assessment.results, strict=True)]


def _decision(catalog: Catalog, tree_id: str, r: LicenseResult) -> Decision:
    m = r.license.model
    worst_first = sorted(r.findings, key=lambda f: -f.severity)  # stable: the tree's order within a level
    may_not = tuple(_item(f, f.finding.title) for f in worst_first if f.severity is Severity.critical)
    first: list[Item] = []
    seen: set[str] = set()
    for f in worst_first:
        action = " ".join((f.finding.action or "").split())
        if f.severity < Severity.medium or not action or action in seen:
            continue  # the same action for two findings is one step
        seen.add(action)
        first.append(_item(f, action))
        if len(first) == FIRST_ACTIONS:
            break
    return Decision(
        tree_id,
        f"{m.name} ({m.version})",
        r.rating.name,
        rating_meaning(catalog, r.rating),
        may_not,
        tuple(first),
        len(r.needs_review),
    )


def _item(f: FindingResult, text: str) -> Item:
    return Item(f.finding.id, f.severity.name, f.finding.title, text)
