"""A reviewer's decisions on an assessment's findings, and the sign-off (issue #17's workspace).

A reviewer accepts a finding, changes its severity or finds it not applicable, always with a written
reason; then signs the assessment off. The decisions themselves are `license_risk.decisions`'
(the same mechanism as a policy's exceptions); this package owns what the workspace adds: the
append-only record of them (`record.py`: who, when, withdrawn), the sign-off and when it is outdated,
the review status of an assessment (`status.py`), what each finding shows beside the tool's rating
(`status.py`), and carrying them in an answers file (`carried.py`). Plain data, no I/O.

May import `license_risk.decisions`, `scoring`, `license_risk.lineage`, `license_risk.content` and
`license_risk.i18n`; nothing above them (the store, the memo, the CLI and the app import this).
"""

from license_risk.review.carried import REVIEW_KEY, carried_data, read_carried
from license_risk.review.record import (
    Recorded,
    ReviewRefused,
    SignOff,
    current,
    make_decision,
    reviewer_decisions,
    state_of,
)
from license_risk.review.status import FindingReview, ReviewStatus, finding_review, review_status, sign_off_outdated

__all__ = [
    "REVIEW_KEY",
    "FindingReview",
    "Recorded",
    "ReviewRefused",
    "ReviewStatus",
    "SignOff",
    "carried_data",
    "current",
    "finding_review",
    "make_decision",
    "read_carried",
    "review_status",
    "reviewer_decisions",
    "sign_off_outdated",
    "state_of",
]
