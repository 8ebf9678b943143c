"""The memo's reviewer decisions: each finding's decision beside the tool's rating, and a section with them all
and the sign-off. Plain data in the memo's language, so the PDF, the HTML and the Word memo lay it out alike."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from license_risk.content.catalog import Catalog
from license_risk.decisions import Decision
from license_risk.i18n import format_date, translator
from license_risk.i18n.labels import SEVERITY
from license_risk.lineage.model import Lineage
from license_risk.review import (
    FindingReview,
    ReviewStatus,
    SignOff,
    finding_review,
    review_status,
    sign_off_outdated,
    state_of,
)
from license_risk.review.words import HEADING, outdated_line, sign_off_line, stale_line, status_line, verdict_text, who
from scoring.answers import Answers
from scoring.rating import Assessment


@dataclass(frozen=True)
class Reviewed:
    """What the memo is given: each finding's review by (tree id, finding id), the sign-off and the status."""

    findings: Mapping[tuple[str, str], FindingReview]
    sign_off: SignOff | None
    outdated: bool  # the sign-off was given on another state of the assessment
    status: ReviewStatus


@dataclass(frozen=True)
class ReviewRow:
    number: str  # the finding's number in the memo
    title: str
    license: str
    tool: str  # the tool's severity: info ... critical
    decision: str  # "not applicable, by 山田 花子 on 2026年12月5日"
    reason: str  # as the reviewer wrote it
    stale: str | None  # for another look: why


@dataclass(frozen=True)
class ReviewSection:
    heading: str
    status: str
    sign_off: str  # who and when, or that nobody signed off
    outdated: str | None
    rows: tuple[ReviewRow, ...]
    intro: str


def decision_words(fr: FindingReview, lang: str) -> str | None:
    d = fr.decision
    if d is None:
        return None
    _ = translator(lang)
    return _("{verdict}, by {who} on {date}").format(
        verdict=verdict_text(d, lang), who=who(d.by, lang), date=format_date(d.date, lang)
    )


def with_reviews(findings: tuple, tree_id: str, reviewed: Reviewed, lang: str) -> tuple:
    """The license's MemoFindings with the reviewer's decision set beside the tool's rating."""
    out = []
    for f in findings:
        fr = reviewed.findings.get((tree_id, f.id))
        if fr is None or fr.decision is None:
            out.append(f)
            continue
        out.append(
            dataclasses.replace(
                f,
                reviewer=decision_words(fr, lang),
                reviewer_reason=fr.decision.reason,
                reviewer_stale=stale_line(lang) if fr.stale else None,
            )
        )
    return tuple(out)


def review_section(reviewed: Reviewed, licenses: tuple, lang: str) -> ReviewSection:
    _ = translator(lang)
    rows = tuple(
        ReviewRow(
            f.number, f.title, f"{lic.name} {lic.version}", f.severity, f.reviewer, f.reviewer_reason or "", f.reviewer_stale
        )
        for lic in licenses
        for f in lic.shown
        if f.reviewer
    )
    s = reviewed.sign_off
    signed = sign_off_line(s, lang) if s is not None else _("Not signed off.")
    if s is not None and s.note:
        signed += " " + _("Note: {note}").format(note=s.note)
    intro = _(
        "A reviewer's decisions about the findings, each with who decided, when and why. They are shown beside "
        "the tool's ratings and do not replace them."
    )
    if not rows:
        intro += " " + _("No reviewer decision was recorded.")
    return ReviewSection(
        _(HEADING),
        status_line(reviewed.status, lang),
        signed,
        outdated_line(lang) if s is not None and reviewed.outdated else None,
        rows,
        intro,
    )


def tool_rating(severity: str, lang: str) -> str:
    return translator(lang)(SEVERITY[severity])


def reviewed_of(
    english: Catalog,
    assessment: Assessment,
    licenses: Sequence[str],
    answers: Answers,
    lineage: Lineage | None,
    decisions: Sequence[Decision],
    sign_off: SignOff | None,
    today: dt.date,
) -> Reviewed | None:
    """What the memo shows of a review (None when there is none); `english`: the catalog decisions are made on."""
    if not decisions and sign_off is None:
        return None
    state = state_of(licenses, answers, lineage, decisions)
    findings = {
        (t, f.finding.id): finding_review(t, english.trees[t].findings[f.finding.id], f.severity, decisions, today)
        for t, r in zip(assessment.walk.licenses, assessment.results, strict=True)
        for f in r.findings
    }
    outdated = sign_off is not None and sign_off_outdated(sign_off, state)
    return Reviewed(findings, sign_off, outdated, review_status(assessment, english, decisions, sign_off, state, today))
