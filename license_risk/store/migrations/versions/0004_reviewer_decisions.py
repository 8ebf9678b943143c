"""Reviewer decisions and sign-offs: two append-only logs beside the answers' events.

`decision_events`: each decision about one finding (accept, change_severity, not_applicable) or its
withdrawal (verdict NULL), with who, when, the day decided, the reason as typed and the finding's
fingerprint. `sign_offs`: who signed the assessment off, when, the note, and the state signed.
Nothing to carry over: no assessment had decisions before this. Self-contained on purpose.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision_events",
        sa.Column("assessment_id", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("license_id", sa.Text, nullable=False),
        sa.Column("finding_id", sa.Text, nullable=False),
        sa.Column("verdict", sa.Text),
        sa.Column("severity", sa.Text),
        sa.Column("decided_on", sa.Text),
        sa.Column("reason", sa.Text),
        sa.Column("fingerprint", sa.Text),
        sa.PrimaryKeyConstraint("assessment_id", "seq"),
    )
    op.create_table(
        "sign_offs",
        sa.Column("assessment_id", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
        sa.PrimaryKeyConstraint("assessment_id", "seq"),
    )


def downgrade() -> None:
    op.drop_table("sign_offs")
    op.drop_table("decision_events")
