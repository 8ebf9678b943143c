"""Which decision covers a finding, whether it still holds, and the outcome beside the tool's rating."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from license_risk.content.model import Finding, LicenseProfile, Severity
from license_risk.decisions.fingerprint import fingerprint, license_fingerprint
from license_risk.decisions.model import WHOLE_LICENSE, Decision


class Status(StrEnum):
    active = "active"
    expired = "expired"  # its expiry date has passed: it no longer applies
    stale = "stale"  # the finding changed since: it no longer applies until someone looks again


@dataclass(frozen=True)
class Reviewed:
    """A decision that names a finding, with its status on a day and where it was written."""

    decision: Decision
    status: Status
    source: str  # "policy.yaml:42", "reviewer": for the messages that name it


@dataclass(frozen=True)
class Outcome:
    """One finding after the decisions: the tool's severity is kept beside the effective one."""

    license: str
    finding: str
    tool: Severity  # the tool's own rating of the finding, never replaced
    effective: Severity  # the severity decided by an active change_severity, else the tool's
    applies: bool  # False when an active decision found it not applicable
    accepted: bool  # True when an active decision accepted it
    decision: Reviewed | None  # the active decision applied, if any
    set_aside: tuple[Reviewed, ...] = ()  # decisions that named it but are expired or stale

    @property
    def counts(self) -> bool:
        """Whether the finding still weighs in a verdict: it applies and nobody accepted it."""
        return self.applies and not self.accepted


def status(decision: Decision, current: str, today: dt.date) -> Status:
    """Expired after its last day; stale when it was made on another fingerprint; active otherwise."""
    if decision.expires is not None and decision.expires < today:
        return Status.expired
    if decision.fingerprint is not None and decision.fingerprint != current:
        return Status.stale
    return Status.active


def names(decision: Decision, license_id: str, finding_id: str, model: str | None) -> bool:
    """Whether a decision is about this finding of this license, for this model (a named model must match)."""
    if decision.license != license_id or decision.finding != finding_id:
        return False
    return decision.model is None or (model is not None and decision.model.casefold() == model.strip().casefold())


def review(
    decisions: Sequence[tuple[Decision, str]], license_id: str, finding: Finding, model: str | None, today: dt.date
) -> list[Reviewed]:
    """The decisions about one finding (the English one: see `fingerprint`), most specific first: one
    naming the model before one for any model, then the latest decided."""
    return _found(decisions, license_id, finding.id, fingerprint(finding), model, today)


def approval(
    decisions: Sequence[tuple[Decision, str]], license_id: str, profile: LicenseProfile, model: str | None, today: dt.date
) -> tuple[Reviewed | None, tuple[Reviewed, ...]]:
    """The active approval of a whole license (finding '*'), if any, and the approvals that no longer hold."""
    found = _found(decisions, license_id, WHOLE_LICENSE, license_fingerprint(profile), model, today)
    active = next((r for r in found if r.status is Status.active), None)
    return active, tuple(r for r in found if r.status is not Status.active)


def _found(
    decisions: Sequence[tuple[Decision, str]], license_id: str, subject: str, current: str, model: str | None, today: dt.date
) -> list[Reviewed]:
    found = [Reviewed(d, status(d, current, today), source) for d, source in decisions if names(d, license_id, subject, model)]
    return sorted(found, key=lambda r: (r.decision.model is None, -r.decision.date.toordinal()))


def outcome(
    license_id: str,
    finding: Finding,
    tool: Severity,
    decisions: Sequence[tuple[Decision, str]],
    model: str | None,
    today: dt.date,
) -> Outcome:
    """The finding as decided: the most specific active decision applies; the others that named it and no
    longer hold are kept to be reported, so an expired or stale decision is said, not silently dropped."""
    found = review(decisions, license_id, finding, model, today)
    active = next((r for r in found if r.status is Status.active), None)
    set_aside = tuple(r for r in found if r.status is not Status.active)
    if active is None:
        return Outcome(license_id, finding.id, tool, tool, True, False, None, set_aside)
    d = active.decision
    effective = Severity[d.severity] if d.verdict == "change_severity" and d.severity else tool
    return Outcome(
        license_id, finding.id, tool, effective, d.verdict != "not_applicable", d.verdict == "accept", active, set_aside
    )
