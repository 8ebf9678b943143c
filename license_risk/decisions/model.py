"""A reasoned decision as data: what a compliance officer writes in a policy, what a reviewer records."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from license_risk.content.model import Id, SeverityName, Strict

FORMAT = 1  # of DecisionFile: raised when a field changes meaning, so an older export is read knowingly

WHOLE_LICENSE = "*"  # a decision about the license as a whole: an approval
Verdict = Literal["accept", "change_severity", "not_applicable"]
Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=5_000)]


class Decision(Strict):
    """One decision about one finding of one license (and, if named, one model)."""

    finding: Id | Literal["*"] = Field(
        description="The finding's id in the license's question tree (as `assess` prints it), or * for the "
        "license as a whole: an approval (verdict accept only)."
    )
    license: Id = Field(description="The license (question tree) id, e.g. llama-3.1.")
    model: Name | None = Field(default=None, description="Only for this model (its name as assessed); any model if absent.")
    verdict: Verdict = Field(
        description="accept: the risk is known and accepted; change_severity: rate it `severity` instead; "
        "not_applicable: the finding does not apply to this use."
    )
    severity: SeverityName | None = Field(default=None, description="With change_severity: the severity decided.")
    by: Name = Field(description="Who decided: a name, or a role and a name.")
    date: dt.date = Field(description="The day it was decided (YYYY-MM-DD).")
    reason: Reason = Field(description="Why: required, so a later reader can judge the decision.")
    expires: dt.date | None = Field(default=None, description="The last day it applies; it applies with no end if absent.")
    fingerprint: Fingerprint | None = Field(
        default=None,
        description="The finding's fingerprint when decided (`assess --json --policy` prints it): a later change of "
        "the finding's text or clauses makes the decision stale, for another look.",
    )

    @field_validator("reason", "by", "model")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be blank: write who decided and why")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Decision:
        if self.verdict == "change_severity" and self.severity is None:
            raise ValueError("verdict change_severity needs 'severity': the severity decided")
        if self.verdict != "change_severity" and self.severity is not None:
            raise ValueError(f"'severity' is only for verdict change_severity, not {self.verdict}")
        if self.finding == WHOLE_LICENSE and self.verdict != "accept":
            raise ValueError(f"finding '*' approves the whole license: its verdict is accept, not {self.verdict}")
        if self.expires is not None and self.expires < self.date:
            raise ValueError(f"expires ({self.expires}) is before the day it was decided ({self.date})")
        return self


class DecisionFile(Strict):
    """Decisions exported on their own or beside the answers (issue #17's reviewer decisions)."""

    format: Literal["open-model-license-risk/decisions"] = "open-model-license-risk/decisions"
    format_version: Literal[1] = FORMAT
    decisions: list[Decision] = Field(default_factory=list)
