"""Which assessments a person sees, and what the list does to them: duplicate, archive, restore, share.

Each person sees the assessments they own (they wrote its first answer) and those shared with
them (by email, as the sign-in names people). Archiving hides an assessment from the list and
restoring brings it back: nothing is ever deleted. Plain SQL on a connection the Store hands
over, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

REVIEWED, SIGNED_OFF = "reviewed", "signed_off"  # what a reviewer decides; before that the answers say the status
REVIEW_STATUSES = (REVIEWED, SIGNED_OFF)

_SEEN_BY = (
    "SELECT a.id, a.owner, a.created, a.updated, a.answers, a.models, a.lang, a.review_status, a.archived,"
    " a.duplicated_from FROM assessments a"
    " WHERE (a.owner = :user OR EXISTS (SELECT 1 FROM assessment_shares s"
    " WHERE s.assessment_id = a.id AND lower(s.email) = lower(:user)))"
)
_SHARES = sa.text(
    "SELECT assessment_id, email FROM assessment_shares WHERE assessment_id IN :ids ORDER BY added_at, email"
).bindparams(sa.bindparam("ids", expanding=True))


@dataclass(frozen=True)
class Summary:
    """One assessment as the list shows it (the answers as stored: the caller reads title and status from them)."""

    id: str
    owner: str
    shared_with: tuple[str, ...]
    created: str  # ISO 8601, UTC
    updated: str
    answers: str  # the answers document (JSON)
    models: tuple[str, ...]
    lang: str | None
    review_status: str | None  # REVIEWED, SIGNED_OFF or None
    archived: str | None  # when it was archived; None: listed
    duplicated_from: str | None


def seen_by(db: Connection, user: str, ids: list[str] | None = None) -> list[Summary]:
    """The assessments `user` owns or that are shared with them, the last changed first (`ids`: only those)."""
    sql = _SEEN_BY + (" AND a.id IN :ids" if ids is not None else "") + " ORDER BY a.updated DESC, a.id"
    statement = sa.text(sql)
    params: dict[str, object] = {"user": user}
    if ids is not None:
        statement = statement.bindparams(sa.bindparam("ids", expanding=True))
        params["ids"] = ids
    rows = db.execute(statement, params).all()
    shared: dict[str, list[str]] = {}
    if rows:
        for r in db.execute(_SHARES, {"ids": [r.id for r in rows]}):
            shared.setdefault(r.assessment_id, []).append(r.email)
    return [
        Summary(
            r.id,
            r.owner,
            tuple(shared.get(r.id, ())),
            r.created,
            r.updated,
            r.answers,
            tuple(json.loads(r.models or "[]")),
            r.lang,
            r.review_status,
            r.archived,
            r.duplicated_from,
        )
        for r in rows
    ]


def set_archived(db: Connection, assessment_id: str, user: str, when: str | None) -> bool:
    """Archive (`when` given) or restore (None) an assessment its owner has; False if `user` does not own it."""
    done = db.execute(
        sa.text("UPDATE assessments SET archived = :when WHERE id = :id AND owner = :user"),
        {"when": when, "id": assessment_id, "user": user},
    )
    return done.rowcount == 1


def add_share(db: Connection, assessment_id: str, email: str, by: str, at: str) -> bool:
    """Share an assessment `by` owns with `email`; False if `by` does not own it. Sharing twice changes nothing."""
    owned = db.execute(
        sa.text("SELECT 1 FROM assessments WHERE id = :id AND owner = :user"), {"id": assessment_id, "user": by}
    ).first()
    if owned is None:
        return False
    db.execute(
        sa.text(
            "INSERT INTO assessment_shares (assessment_id, email, added_by, added_at) VALUES (:id, :email, :by, :at)"
            " ON CONFLICT (assessment_id, email) DO NOTHING"
        ),
        {"id": assessment_id, "email": email, "by": by, "at": at},
    )
    return True
