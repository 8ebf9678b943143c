"""The organisation policy file, as a compliance officer writes it (see examples/policy.yaml).

Rules say, per license, kind of risk, category or severity, whether a finding is allowed, needs
review or is denied; `approval_required` lists licenses that need a recorded approval; `exceptions`
are reasoned decisions (license_risk.decisions) with who, why and an expiry date.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from license_risk.content.model import Category, Id, SeverityName, Strict, Text
from license_risk.decisions import Decision

Action = Literal["allow", "review", "deny"]
ACTIONS: tuple[Action, ...] = ("allow", "review", "deny")  # mildest first: a license's verdict is its worst


class Rule(Strict):
    """Findings that match every key given get `action`; see `Policy` for which rule wins."""

    license: Id | None = Field(default=None, description="A license (question tree) id, e.g. llama-3.1.")
    kind: Id | None = Field(default=None, description="A kind of risk in licenses/rubric.yaml, e.g. aup-prohibited-use.")
    category: Category | None = Field(default=None, description="termination, propagation, obligation, restriction or openness.")
    severity: SeverityName | None = Field(
        default=None, description="This severity or above (info < low < medium < high < critical)."
    )
    action: Action = Field(description="allow, review (someone must look before going ahead) or deny.")
    reason: Text | None = Field(default=None, description="Why the organisation has this rule: shown with the verdict.")

    @model_validator(mode="after")
    def _names_something(self) -> Rule:
        if self.license is None and self.kind is None and self.category is None and self.severity is None:
            raise ValueError("a rule needs at least one of license, kind, category, severity (use 'default' for the rest)")
        return self

    @property
    def specificity(self) -> tuple[int, int, int, int]:
        """Higher wins: a rule naming the license, then the kind, then the category, then a higher severity floor."""
        floor = ("info", "low", "medium", "high", "critical").index(self.severity) + 1 if self.severity else 0
        return (int(self.license is not None), int(self.kind is not None), int(self.category is not None), floor)


class Policy(Strict):
    """An organisation's policy for open-weight model licenses.

    Precedence, for each finding of a license: among the rules that match it, the most specific
    wins: one naming the license beats one that does not; then one naming the kind; then the
    category; then the higher severity floor. Rules equally specific that disagree: the strictest
    action wins (deny, then review, then allow), so the order of the file never relaxes a verdict.
    A finding no rule matches gets `default`. A license's verdict is the strictest over its findings,
    and at least review when it is in `approval_required` (unless an exception approves it) or when
    questions are still unanswered.
    """

    format: Literal["open-model-license-risk/policy"] = Field(description="Always open-model-license-risk/policy.")
    format_version: Literal[1] = Field(description="1")
    name: Text = Field(description="The policy's name, shown with every verdict, e.g. 'ACME AI license policy 2026'.")
    default: Action = Field(default="allow", description="The action for a finding no rule matches.")
    rules: list[Rule] = Field(default_factory=list)
    approval_required: list[Id] = Field(
        default_factory=list,
        description="Licenses that need an approval: review, unless an exception with verdict accept and "
        "finding '*' approves the license (its fingerprint: `assess --json --policy`).",
    )
    exceptions: list[Decision] = Field(
        default_factory=list, description="Reasoned decisions about findings: accepted, re-rated or not applicable."
    )
