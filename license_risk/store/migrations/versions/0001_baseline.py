"""Baseline: the one table the store had before Alembic, made or completed.

A database written before migrations has this table, perhaps without `models`
(added when models were saved) or `lang` (added when the language was): both are
added as the old code did, so its rows load unchanged. A new database gets it whole.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("assessments"):
        op.create_table(
            "assessments",
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("created", sa.Text, nullable=False),
            sa.Column("updated", sa.Text, nullable=False),
            sa.Column("answers", sa.Text, nullable=False),
            sa.Column("step", sa.Text, nullable=False),
            sa.Column("cursor", sa.Text),
            sa.Column("models", sa.Text),
            sa.Column("lang", sa.Text),
        )
        return
    columns = {c["name"] for c in inspector.get_columns("assessments")}
    for name in ("models", "lang"):  # NULL in old rows: no models named, English
        if name not in columns:
            op.add_column("assessments", sa.Column(name, sa.Text))
