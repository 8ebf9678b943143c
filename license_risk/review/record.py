"""Reviewer decisions as recorded: appended, never changed; the latest per finding counts.

A changed decision is a new record; withdrawing one is a record too (without a decision). The
sign-off records the state of the assessment it was given on (`state_of`), so a later change of an
answer or a decision shows it as outdated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from license_risk.content.model import Finding
from license_risk.decisions import Decision, Verdict, fingerprint
from license_risk.lineage.model import Lineage

REVIEWER = "reviewer"  # the source a reviewer's decision is named by, beside a policy's "file:line"


class ReviewRefused(ValueError):
    """A decision that cannot be recorded; `code` says which, for the app's words."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code  # "blank_reason", "no_severity", "too_long", "invalid"


@dataclass(frozen=True)
class Recorded:
    """One record of the decisions' log: a decision about one finding, or its withdrawal (`decision` None)."""

    license: str
    finding: str
    by: str
    at: dt.datetime  # when it was recorded, in UTC
    decision: Decision | None


@dataclass(frozen=True)
class SignOff:
    """Who signed the assessment off, when, with an optional note, on which state of it."""

    by: str
    at: dt.datetime
    state: str  # state_of(...) when it was signed: another state now means it is outdated
    note: str | None = None


def make_decision(
    license_id: str,
    finding: Finding,
    verdict: Verdict,
    reason: str,
    by: str,
    today: dt.date,
    severity: str | None = None,
) -> Decision:
    """A reviewer's decision on one finding (give the English one: its fingerprint is what it is made on).

    The reason is kept exactly as typed; a blank one is refused, never filled in."""
    if not reason.strip():
        raise ReviewRefused("blank_reason")
    if verdict == "change_severity" and severity is None:
        raise ReviewRefused("no_severity")
    if len(reason) > 5_000:
        raise ReviewRefused("too_long")
    try:
        return Decision(
            finding=finding.id,
            license=license_id,
            verdict=verdict,
            severity=severity if verdict == "change_severity" else None,
            by=by,
            date=today,
            reason=reason,
            fingerprint=fingerprint(finding),
        )
    except ValidationError as exc:
        raise ReviewRefused("invalid", str(exc)) from None


def current(records: Iterable[Recorded]) -> list[Decision]:
    """The decisions that count: the latest record per finding, unless it withdrew the decision."""
    latest: dict[tuple[str, str], Recorded] = {}
    for r in sorted(records, key=lambda r: r.at):
        latest[r.license, r.finding] = r
    return [r.decision for r in latest.values() if r.decision is not None]


def reviewer_decisions(decisions: Sequence[Decision]) -> list[tuple[Decision, str]]:
    """As `license_risk.decisions` and `apply_policy(decisions=...)` take them: each with its source."""
    return [(d, REVIEWER) for d in decisions]


def state_of(licenses: Sequence[str], answers: dict[str, Any], lineage: Lineage | None, decisions: Sequence[Decision]) -> str:
    """16 hex digits over the assessment's licenses, answers, lineage and decisions: what a sign-off is given on."""
    words = {
        "licenses": list(licenses),
        "answers": answers,
        "lineage": lineage.model_dump(mode="json", exclude_none=True) if lineage is not None else None,
        "decisions": sorted(
            (d.model_dump(mode="json", exclude_none=True) for d in decisions), key=lambda d: (d["license"], d["finding"])
        ),
    }
    text = json.dumps(words, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
