"""Apply a policy to an assessment: per license, allowed, review needed or denied, and why.

    apply_policy(loaded, assessment, english, model=..., today=..., decisions=()) -> PolicyResult

Each finding goes through the decisions first (the policy's exceptions and any reviewer's
decisions, one mechanism: license_risk.decisions), then through the rules with its effective
severity; a finding accepted or found not applicable weighs no more. The tool's rating of each
license and each finding is kept beside the verdict, never replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.model import Severity
from license_risk.decisions import Decision, Outcome, Reviewed, approval, fingerprint, license_fingerprint, outcome
from license_risk.lineage.model import Lineage
from license_risk.policy.load import LoadedPolicy
from license_risk.policy.model import ACTIONS, Action, Rule
from scoring.answers import Answers
from scoring.rating import Assessment, FindingResult, LicenseResult

EXIT_CODES: dict[Action, int] = {"allow": 0, "deny": 1, "review": 3}  # 2 stays for input problems


def strictest(actions: Sequence[Action]) -> Action:
    return max(actions, key=ACTIONS.index, default="allow")


@dataclass(frozen=True)
class Reason:
    """One reason a license's verdict is what it is."""

    kind: Literal["rule", "default", "approval_required", "approved", "unanswered"]
    action: Action
    findings: tuple[str, ...] = ()  # the findings it decided
    place: str = ""  # the rule's or the decision's file:line
    note: str | None = None  # the rule's reason, or the approval's
    count: int = 0  # unanswered: findings not yet determined


@dataclass(frozen=True)
class LicenseVerdict:
    license: str  # tree id
    name: str  # "Llama 3.1 Community License Agreement (3.1)"
    rating: Severity  # the tool's rating, kept beside the verdict
    verdict: Action
    reasons: tuple[Reason, ...]  # strictest first
    outcomes: tuple[Outcome, ...]  # each finding that fired, after the decisions
    fingerprints: dict[str, str]  # finding id (and '*' for the license) -> fingerprint, to write an exception
    set_aside: tuple[Reviewed, ...]  # decisions that named this license's findings but are expired or stale
    approval: Reviewed | None = None
    titles: dict[str, str] | None = None  # finding id -> its title, in the assessment's language: for readers, not scripts


@dataclass(frozen=True)
class PolicyResult:
    name: str
    file: str
    licenses: tuple[LicenseVerdict, ...]
    today: dt.date

    @property
    def verdict(self) -> Action:
        return strictest([v.verdict for v in self.licenses])

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def of(self, license_id: str) -> LicenseVerdict | None:
        return next((v for v in self.licenses if v.license == license_id), None)


def assessed_model(answers: Answers, lineage: Lineage | None) -> str | None:
    """The model assessed, for decisions that name one: the lineage's, else the intake's derived model name."""
    if lineage is not None:
        return lineage.model_name
    name = answers.get(INTAKE, {}).get("derived_model_name")
    return name.strip() if isinstance(name, str) and name.strip() else None


def matches(rule: Rule, license_id: str, f: FindingResult, severity: Severity) -> bool:
    return (
        (rule.license is None or rule.license == license_id)
        and (rule.kind is None or rule.kind == f.finding.kind)
        and (rule.category is None or rule.category == f.finding.category)
        and (rule.severity is None or severity >= Severity[rule.severity])
    )


def deciding_rule(rules: Sequence[Rule], license_id: str, f: FindingResult, severity: Severity) -> int | None:
    """The index of the rule that decides a finding (see Policy's precedence), or None for the default."""
    found = [i for i, rule in enumerate(rules) if matches(rule, license_id, f, severity)]
    if not found:
        return None
    return max(found, key=lambda i: (rules[i].specificity, ACTIONS.index(rules[i].action), -i))


def apply_policy(
    loaded: LoadedPolicy,
    assessment: Assessment,
    english: Catalog,
    *,
    model: str | None = None,
    today: dt.date,
    decisions: Sequence[tuple[Decision, str]] = (),
) -> PolicyResult:
    """The verdict per license. `english`: the shipped catalog in English, whose findings the decisions'
    fingerprints were made on (the assessment itself may be in any language). `decisions`: a reviewer's,
    beside the policy's exceptions (issue #17's workspace); `model`: the name of the model assessed."""
    every = [*loaded.exceptions(), *decisions]
    verdicts = tuple(
        _license(loaded, english, tree_id, r, every, model, today)
        for tree_id, r in zip(assessment.walk.licenses, assessment.results, strict=True)
    )
    return PolicyResult(loaded.policy.name, loaded.file, verdicts, today)


def _license(
    loaded: LoadedPolicy,
    english: Catalog,
    tree_id: str,
    r: LicenseResult,
    every: list[tuple[Decision, str]],
    model: str | None,
    today: dt.date,
) -> LicenseVerdict:
    policy = loaded.policy
    tree = english.trees[tree_id]
    outcomes: list[Outcome] = []
    decided: dict[int | None, list[str]] = {}
    for f in r.findings:
        o = outcome(tree_id, tree.findings[f.finding.id], f.severity, every, model, today)
        outcomes.append(o)
        if o.counts:
            decided.setdefault(deciding_rule(policy.rules, tree_id, f, o.effective), []).append(f.finding.id)
    reasons: list[Reason] = []
    for i, ids in decided.items():
        if i is None:
            reasons.append(Reason("default", policy.default, tuple(ids)))
        else:
            rule = policy.rules[i]
            reasons.append(Reason("rule", rule.action, tuple(ids), loaded.rule_place(i), rule.reason))
    profile = english.license_of(tree_id).model
    approved, old_approvals = approval(every, tree_id, profile, model, today)
    if tree_id in policy.approval_required:
        if approved is None:
            reasons.append(Reason("approval_required", "review"))
        else:
            reasons.append(Reason("approved", "allow", place=approved.source, note=approved.decision.reason))
    if r.undetermined:
        reasons.append(Reason("unanswered", "review", count=len(r.undetermined)))
    reasons.sort(key=lambda reason: -ACTIONS.index(reason.action))
    m = r.license.model
    prints = {f.finding.id: fingerprint(tree.findings[f.finding.id]) for f in r.findings}
    prints["*"] = license_fingerprint(profile)
    return LicenseVerdict(
        tree_id,
        f"{m.name} ({m.version})",
        r.rating,
        strictest([reason.action for reason in reasons]),
        tuple(reasons),
        tuple(outcomes),
        prints,
        tuple(old for o in outcomes for old in o.set_aside) + old_approvals,
        approved,
        {f.finding.id: " ".join(f.finding.title.split()) for f in r.findings},
    )
