"""A legal team's workspace: who owns each assessment, whom it is shared with, its review status, archiving.

Each assessment gets an owner (the author of its first event, else "local user": every
event so far was written before people signed in), a review status a reviewer sets later
(NULL until then: in progress or answered is read from the answers), when it was archived
(NULL: not archived; nothing is ever deleted) and the assessment it was duplicated from.
`assessment_shares` lists the people (by email) an assessment is shared with.
Self-contained on purpose: a migration must read the same forever.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("owner", sa.Text, nullable=False, server_default="local user"))
        batch.add_column(sa.Column("review_status", sa.Text))
        batch.add_column(sa.Column("archived", sa.Text))
        batch.add_column(sa.Column("duplicated_from", sa.Text))
    op.create_index("assessments_owner", "assessments", ["owner"])
    op.create_table(
        "assessment_shares",
        sa.Column("assessment_id", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("added_by", sa.Text, nullable=False),
        sa.Column("added_at", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("assessment_id", "email"),
    )
    op.create_index("assessment_shares_email", "assessment_shares", ["email"])
    op.get_bind().execute(
        sa.text(
            "UPDATE assessments SET owner = (SELECT e.author FROM answer_events e"
            " WHERE e.assessment_id = assessments.id AND e.seq = 1)"
            " WHERE EXISTS (SELECT 1 FROM answer_events e WHERE e.assessment_id = assessments.id AND e.seq = 1)"
        )
    )
