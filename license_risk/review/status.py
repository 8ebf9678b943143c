"""What the workspace shows: each finding's review beside the tool's rating, and the assessment's review status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from license_risk.content.catalog import Catalog
from license_risk.content.model import Finding, Severity
from license_risk.decisions import Decision, Status, review
from license_risk.review.record import SignOff, reviewer_decisions
from scoring.rating import Assessment


class ReviewStatus(StrEnum):
    in_progress = "in_progress"  # questions are still unanswered
    answered = "answered"  # every question answered; findings still without a reviewer's decision
    reviewed = "reviewed"  # every finding has a reviewer's decision that still holds
    signed_off = "signed_off"  # signed off, and nothing changed since


@dataclass(frozen=True)
class FindingReview:
    """One finding as shown: the tool's rating, and beside it (never in its place) the reviewer's decision."""

    tool: Severity
    decision: Decision | None  # the reviewer's latest decision on this finding, if any
    stale: bool  # the finding's text or clauses changed since: for another look, and it does not apply

    @property
    def effective(self) -> Severity:
        """The severity the decision sets (change_severity, while it holds), else the tool's."""
        d = self.decision
        if d is not None and not self.stale and d.verdict == "change_severity" and d.severity is not None:
            return Severity[d.severity]
        return self.tool


def finding_review(
    license_id: str, finding: Finding, tool: Severity, decisions: Sequence[Decision], today: dt.date
) -> FindingReview:
    """The review of one finding; give the English finding (the one decisions' fingerprints are made on)."""
    found = review(reviewer_decisions(decisions), license_id, finding, None, today)
    if not found:
        return FindingReview(tool, None, False)
    return FindingReview(tool, found[0].decision, found[0].status is Status.stale)


def sign_off_outdated(sign_off: SignOff, state: str) -> bool:
    """Whether answers or decisions changed after the sign-off (`state`: `state_of` the assessment now)."""
    return sign_off.state != state


def review_status(
    assessment: Assessment,
    english: Catalog,
    decisions: Sequence[Decision],
    sign_off: SignOff | None,
    state: str,
    today: dt.date,
) -> ReviewStatus:
    """In progress, answered, reviewed or signed off: for the assessments list and the results page.

    `state` is `state_of` the assessment now; a sign-off given on another state no longer counts."""
    if sign_off is not None and not sign_off_outdated(sign_off, state):
        return ReviewStatus.signed_off
    if not assessment.walk.complete:
        return ReviewStatus.in_progress
    found = [(tree_id, f) for tree_id, r in zip(assessment.walk.licenses, assessment.results, strict=True) for f in r.findings]
    if found and all(
        (fr := finding_review(t, english.trees[t].findings[f.finding.id], f.severity, decisions, today)).decision is not None
        and not fr.stale
        for t, f in found
    ):
        return ReviewStatus.reviewed
    return ReviewStatus.answered
