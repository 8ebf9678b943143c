"""The tables, as SQLAlchemy Core sees them (the migrations in `migrations/` make them).

`answer_events` is the truth: every change of an answer, appended and never updated.
`assessments` holds one row per assessment: the navigation (step, cursor, language),
and a snapshot of the answers after its last event (`version`), so loading reads one row,
with its owner, review status and archiving; `assessment_shares` whom it is shared with.
`decision_events` and `sign_offs` are the reviewer's decisions and sign-offs, appended likewise.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, PrimaryKeyConstraint, Table, Text

metadata = MetaData()

assessments = Table(
    "assessments",
    metadata,
    Column("id", Text, primary_key=True),
    Column("created", Text, nullable=False),  # ISO 8601 in UTC, as the first version wrote them
    Column("updated", Text, nullable=False),
    Column("answers", Text, nullable=False),  # the answers file (JSON) the events add up to
    Column("step", Text, nullable=False),
    Column("cursor", Text),
    Column("models", Text),
    Column("lang", Text),
    Column("version", Integer, nullable=False, server_default="0"),  # the sequence number of the last event
    Column("owner", Text, nullable=False, server_default="local user"),  # the author of its first event
    Column("review_status", Text),  # NULL, or what a reviewer decided: "reviewed", "signed_off"
    Column("archived", Text),  # when it was archived (ISO 8601, UTC); NULL: listed. Nothing is deleted.
    Column("duplicated_from", Text),  # the id of the assessment it was started from
)

assessment_shares = Table(
    "assessment_shares",
    metadata,
    Column("assessment_id", Text, nullable=False),
    Column("email", Text, nullable=False),  # a reviewer it is shared with, as the sign-in names them
    Column("added_by", Text, nullable=False),
    Column("added_at", Text, nullable=False),
    PrimaryKeyConstraint("assessment_id", "email"),
)

answer_events = Table(
    "answer_events",
    metadata,
    Column("assessment_id", Text, nullable=False),
    Column("seq", Integer, nullable=False),  # 1, 2, 3... per assessment: the version it makes
    Column("author", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("tree_id", Text, nullable=False),  # "" for the assessment's own choices (licenses, models, lineage)
    Column("question_id", Text, nullable=False),
    Column("old_value", Text),  # JSON as the answers file writes the answer; NULL: not answered
    Column("new_value", Text),
    Column("tree_version", Text),
    PrimaryKeyConstraint("assessment_id", "seq"),
)

decision_events = Table(
    "decision_events",
    metadata,
    Column("assessment_id", Text, nullable=False),
    Column("seq", Integer, nullable=False),  # 1, 2, 3... per assessment
    Column("author", Text, nullable=False),  # the reviewer
    Column("at", Text, nullable=False),  # ISO 8601 in UTC
    Column("license_id", Text, nullable=False),
    Column("finding_id", Text, nullable=False),
    Column("verdict", Text),  # NULL: the decision on this finding was withdrawn
    Column("severity", Text),  # with change_severity
    Column("decided_on", Text),  # YYYY-MM-DD
    Column("reason", Text),  # exactly as typed
    Column("fingerprint", Text),  # of the finding when decided: a change since makes it stale
    PrimaryKeyConstraint("assessment_id", "seq"),
)

sign_offs = Table(
    "sign_offs",
    metadata,
    Column("assessment_id", Text, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("author", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("state", Text, nullable=False),  # license_risk.review.state_of when signed
    Column("note", Text),
    PrimaryKeyConstraint("assessment_id", "seq"),
)
