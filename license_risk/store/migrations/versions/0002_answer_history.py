"""Answer history: every change of an answer is an event; the row keeps a snapshot and its version.

Each assessment saved before this gets one event per value it holds (author "local user",
at its last update, the tree version it was answered against), so its events add up to
exactly what it shows. Self-contained on purpose: a migration must read the same forever.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="0"))
    events = op.create_table(
        "answer_events",
        sa.Column("assessment_id", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("tree_id", sa.Text, nullable=False),
        sa.Column("question_id", sa.Text, nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("tree_version", sa.Text),
        sa.PrimaryKeyConstraint("assessment_id", "seq"),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, updated, answers, models FROM assessments")).all()
    for assessment_id, updated, answers, models in rows:
        made = _events(assessment_id, updated, json.loads(answers), json.loads(models or "[]"))
        if made:
            op.bulk_insert(events, made)
        bind.execute(sa.text("UPDATE assessments SET version = :v WHERE id = :id"), {"v": len(made), "id": assessment_id})


def _events(assessment_id: str, at: str, doc: dict[str, Any], models: list[str]) -> list[dict[str, Any]]:
    stamps = doc.get("answered_against") or {}
    values: list[tuple[str, str, Any, str | None]] = [
        (tree, q, value, (stamps.get(tree) or {}).get("tree_version"))
        for tree, answers in (doc.get("answers") or {}).items()
        for q, value in answers.items()
    ]
    if doc.get("licenses"):
        values.append(("", "licenses", doc["licenses"], None))
    if models:
        values.append(("", "models", models, None))
    if doc.get("lineage") is not None:
        values.append(("", "lineage", doc["lineage"], None))
    return [
        {
            "assessment_id": assessment_id,
            "seq": seq,
            "author": "local user",
            "at": at,
            "tree_id": tree,
            "question_id": q,
            "old_value": None,
            "new_value": json.dumps(value, ensure_ascii=False, sort_keys=True),
            "tree_version": version,
        }
        for seq, (tree, q, value, version) in enumerate(values, start=1)
    ]
