"""Assessments saved on the server as they are answered, under unguessable ids, with every change kept.

The store is SQLite by default (data/assessments.sqlite3, or LICENSE_RISK_DB), or
PostgreSQL through LICENSE_RISK_DATABASE_URL; its schema is migrated on open. Each
answer change is appended to `answer_events`; the `assessments` row keeps the
navigation and a snapshot of the answers (the events' sum) so loading reads one row.

Two sessions on one assessment never overwrite each other silently: a save names the
version the session last saw (`Seen`), writes only what this session changed, takes in
what others changed meanwhile, and reports a value both changed as a `Conflict`.

Every storage fault (busy, read-only, full disk, corrupt file, unreachable server)
becomes a StoreError whose message says what happened without server paths; the caller
keeps the user's answers and saves them on the next try.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection

from license_risk.content.catalog import Catalog
from license_risk.content.problems import InputError, Problem
from license_risk.decisions import Decision
from license_risk.i18n import Message, language
from license_risk.review import Recorded, SignOff, carried_data, current
from license_risk.store.database import (
    BUSY_SECONDS,
    StoreError,
    default_location,
    default_path,
    fault,
    migrate,
    server_engine,
    shown,
    sqlite_engine,
    url_of,
)
from license_risk.store.history import (
    CHOICES,
    LOCAL_USER,
    Conflict,
    Event,
    Key,
    Seen,
    decode,
    encode,
    reconcile,
    values_of,
)
from license_risk.store.listing import REVIEW_STATUSES, REVIEWED, SIGNED_OFF, Summary, add_share, seen_by, set_archived
from license_risk.store.schema import answer_events, decision_events, sign_offs
from scoring.answers import FORMAT, PLAIN_VERSION, YEN_VERSION, dump_answers, parse_answers
from scoring.interview import Interview

__all__ = [
    "BUSY_SECONDS",
    "ID_PATTERN",
    "Conflict",
    "Glance",
    "Loaded",
    "Saved",
    "Seen",
    "Store",
    "StoreError",
    "Summary",
    "default_path",
]

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)
# The statements of each click as plain SQL, the same on SQLite and PostgreSQL: building them with
# SQLAlchemy's expression language cost about 2 ms per save in statement construction alone.
_NEW_ROW = sa.text(
    "INSERT INTO assessments (id, created, updated, answers, step, version, owner)"
    " VALUES (:id, :now, :now, :empty, 'start', 0, :author) ON CONFLICT (id) DO NOTHING"
)
_ROW = "SELECT answers, models, version FROM assessments WHERE id = :id"
_ROW_FOR_UPDATE = {"postgresql": sa.text(_ROW + " FOR UPDATE"), "sqlite": sa.text(_ROW)}  # SQLite: the write lock
_UPDATE_ROW = sa.text(
    "UPDATE assessments SET updated = :updated, answers = :answers, models = :models, step = :step,"
    " cursor = :cursor, lang = :lang, version = :version WHERE id = :id"
)
_VERSION = sa.text("SELECT version FROM assessments WHERE id = :id")
# What a rerun needs to know has changed, in one statement: the answers' version, and the last decision and
# sign-off (both tables are append-only, numbered per assessment, so their last numbers name the review's state).
_GLANCE = sa.text(
    "SELECT version,"
    " (SELECT max(seq) FROM decision_events WHERE assessment_id = :id) AS decided,"
    " (SELECT max(seq) FROM sign_offs WHERE assessment_id = :id) AS signed"
    " FROM assessments WHERE id = :id"
)
_NEW_EVENT = sa.text(
    "INSERT INTO answer_events (assessment_id, seq, author, at, tree_id, question_id, old_value, new_value, tree_version)"
    " VALUES (:assessment_id, :seq, :author, :at, :tree_id, :question_id, :old_value, :new_value, :tree_version)"
)
_EMPTY = {"format": FORMAT, "format_version": PLAIN_VERSION, "licenses": [], "answered_against": {}, "answers": {}}


@dataclass
class Loaded:
    interview: Interview
    problems: list[Problem]  # stored answers the current trees no longer accept
    notes: list[Message | Problem]  # what changed in the trees since the answers were saved
    seen: Seen = field(default_factory=Seen)  # hand it to the next save


@dataclass(frozen=True)
class Glance:
    """A stored assessment's state in one small read: compared with what a session saw, it says whether to read more."""

    version: int | None  # of the answers; None: not stored
    review: tuple[int, int] = (0, 0)  # the last decision's and the last sign-off's numbers; 0: none yet


@dataclass(frozen=True)
class Saved:
    """What a save did: `seen` goes to the next save; `merged` are others' changes now in the interview."""

    seen: Seen
    merged: list[Key] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # kept as this session has them, not written


class Store:
    def __init__(self, location: str | Path | None = None) -> None:
        """Open (or create) the database and migrate it; raise StoreError when it cannot be used at all.

        A SQLite file that can be read but not written (a read-only file, folder or mount)
        opens read-only: saved assessments can be resumed, and saving says why it fails.
        """
        self.url = url_of(location if location is not None else default_location())
        self.sqlite = self.url.get_backend_name() == "sqlite"
        self.path = Path(self.url.database or "") if self.sqlite else None
        self.where = shown(self.url)
        self.read_only = False
        self.read_only_reason = ""
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                if not _exists(self.path):
                    raise StoreError("the database folder on the server cannot be created", f"{self.path}: {exc}") from None
            self.engine = sqlite_engine(self.path)
        else:
            try:
                self.engine = server_engine(self.url)
            except (sa.exc.ArgumentError, ImportError) as exc:
                raise StoreError("the database address set on the server is not valid", f"{self.where}: {exc}") from None
        try:
            if self.sqlite:
                self._write_ahead_log()
            with self._transaction(write=True) as db:
                migrate(db)
        except StoreError as exc:
            if self.path is not None and _exists(self.path) and _cannot_write(exc.detail):
                self._open_read_only(exc.detail)
            else:
                self.engine.dispose()
                raise

    # ------------------------------------------------------------ connections

    @contextlib.contextmanager
    def _transaction(self, *, write: bool = False) -> Iterator[Connection]:
        """One transaction on a pooled connection; any database error becomes a StoreError, and the
        connection it happened on is dropped (it may be in any state)."""
        try:
            with self.engine.connect() as conn:
                try:
                    with conn.execution_options(write=write).begin():
                        yield conn
                except (sa.exc.SQLAlchemyError, CommandError):
                    conn.invalidate()
                    raise
        except (sa.exc.SQLAlchemyError, CommandError, OSError) as exc:
            raise fault(exc, self.where) from None

    def _write_ahead_log(self) -> None:
        """WAL (readers beside the one writer); set outside a transaction, before the first write."""
        try:
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA journal_mode=wal")  # type: ignore[union-attr]
            finally:
                raw.close()
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
            raise fault(exc, self.where) from None

    def _open_read_only(self, why: str) -> None:
        self.engine.dispose()
        self.read_only = True
        assert self.path is not None
        self.engine = sqlite_engine(self.path, read_only=True)
        with self._transaction() as db:
            db.execute(sa.text("SELECT count(*) FROM assessments")).scalar()
        self.read_only_reason = why

    def close(self) -> None:
        """Close the pooled connections (for SQLite the last one to close folds the WAL back into the file)."""
        self.engine.dispose()

    # ------------------------------------------------------------ assessments

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(16)

    def save(self, catalog: Catalog, iv: Interview, seen: Seen | None = None, author: str = LOCAL_USER) -> Saved:
        """Write what this session changed since `seen` (None: a session that has seen nothing stored) as
        events, take in what others changed meanwhile, and report what both changed; raise StoreError.

        A save after a failed one catches up: everything changed since `seen` is written."""
        if self.read_only:
            raise StoreError("the database on the server is read-only", self.read_only_reason)
        seen = seen or Seen()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        doc = json.loads(_document(catalog, iv))
        mine = values_of(doc, iv.models)
        with self._transaction(write=True) as db:
            db.execute(_NEW_ROW, {"id": iv.id, "now": now, "empty": json.dumps(_EMPTY), "author": author})
            # PostgreSQL: the saves of one assessment in turn, on its row's lock
            row = db.execute(_ROW_FOR_UPDATE[db.dialect.name], {"id": iv.id}).one()
            stored_doc, stored = _stored(row.answers, row.models)
            plan = reconcile(mine, seen, stored)
            version = row.version
            events = []
            for key, value in plan.writes.items():
                version += 1
                events.append(_event(iv.id, version, author, now, key, stored.get(key), value, catalog))
                stored[key] = value
            if events:
                db.execute(_NEW_EVENT, events)
            new_doc = _patched(stored_doc, plan.writes, doc)
            db.execute(
                _UPDATE_ROW,
                {
                    "id": iv.id,
                    "updated": now,
                    "answers": json.dumps(new_doc, ensure_ascii=False),
                    "models": json.dumps(stored.get((CHOICES, "models"), []), ensure_ascii=False),
                    "step": iv.step,
                    "cursor": json.dumps(list(iv.cursor)) if iv.cursor else None,
                    "lang": language(iv.lang),
                    "version": version,
                },
            )
            conflicts = [self._conflict(db, iv.id, key, mine.get(key), stored.get(key)) for key in plan.conflicts]
        if plan.merged:
            _take(catalog, iv, new_doc, stored, {k: mine.get(k) for k in plan.conflicts})
        # A conflict stays against what this session saw, so it is reported until the user settles it.
        values = {**stored, **{k: seen.values[k] for k in plan.conflicts if k in seen.values}}
        for k in plan.conflicts:
            if k not in seen.values:
                values.pop(k, None)
        return Saved(Seen(version, values), plan.merged, conflicts)

    def glance(self, assessment_id: str) -> Glance:
        """The assessment's answers version and review state (`Glance`), in one statement."""
        with self._transaction() as db:
            row = db.execute(_GLANCE, {"id": assessment_id}).first()
        return Glance(None) if row is None else Glance(row.version, (row.decided or 0, row.signed or 0))

    def sync(self, catalog: Catalog, iv: Interview, seen: Seen, glance: Glance | None = None) -> Saved | None:
        """Take in what others saved since `seen`, without writing; None when nothing changed (one small read,
        or none when the caller has just taken a `glance`)."""
        if glance is not None and glance.version in (None, seen.version):
            return None
        with self._transaction() as db:
            version = db.execute(_VERSION, {"id": iv.id}).scalar()
            if version is None or version == seen.version:
                return None
            row = db.execute(sa.text(_ROW), {"id": iv.id}).one()
        stored_doc, stored = _stored(row.answers, row.models)
        mine = values_of(json.loads(_document(catalog, iv)), iv.models)
        plan = reconcile(mine, seen, stored)
        if plan.merged:
            _take(
                catalog,
                iv,
                stored_doc,
                stored,
                {k: mine.get(k) for k in mine.keys() | seen.values.keys() if mine.get(k) != seen.values.get(k)},
            )
        # This session's own unsaved changes stay against what it saw: the next save writes or reports them.
        values = dict(stored)
        for k in mine.keys() | seen.values.keys():
            if mine.get(k) != seen.values.get(k):
                if k in seen.values:
                    values[k] = seen.values[k]
                else:
                    values.pop(k, None)
        return Saved(Seen(version, values), plan.merged, [])

    def history(self, assessment_id: str) -> list[Event]:
        """Every change of the assessment's values, oldest first."""
        with self._transaction() as db:
            rows = db.execute(
                sa.select(answer_events).where(answer_events.c.assessment_id == assessment_id).order_by(answer_events.c.seq)
            ).all()
        return [
            Event(r.seq, r.author, r.at, r.tree_id, r.question_id, decode(r.old_value), decode(r.new_value), r.tree_version)
            for r in rows
        ]

    # ------------------------------------------------------------ reviewer decisions and sign-off

    def decide(self, assessment_id: str, records: list[Recorded]) -> None:
        """Append decisions (or withdrawals) about findings; nothing recorded before is changed."""
        if self.read_only:
            raise StoreError("the database on the server is read-only", self.read_only_reason)
        with self._transaction(write=True) as db:
            seq = self._next(db, decision_events, assessment_id)
            rows = []
            for i, r in enumerate(records):
                d = r.decision
                rows.append(
                    {
                        "assessment_id": assessment_id,
                        "seq": seq + i,
                        "author": r.by,
                        "at": r.at.isoformat(timespec="seconds"),
                        "license_id": r.license,
                        "finding_id": r.finding,
                        "verdict": d.verdict if d else None,
                        "severity": d.severity if d else None,
                        "decided_on": d.date.isoformat() if d else None,
                        "reason": d.reason if d else None,
                        "fingerprint": d.fingerprint if d else None,
                    }
                )
            if rows:
                db.execute(decision_events.insert(), rows)
                # the list of assessments shows "reviewed" once a reviewer decided something (a sign-off outranks it)
                db.execute(
                    sa.text("UPDATE assessments SET review_status = :s WHERE id = :id AND review_status IS NULL"),
                    {"s": REVIEWED, "id": assessment_id},
                )

    def decisions(self, assessment_id: str) -> list[Recorded]:
        """Every decision and withdrawal recorded on the assessment, oldest first (`license_risk.review.current`: those that count)."""
        with self._transaction() as db:
            return self._decisions(db, assessment_id)

    def review(self, assessment_id: str) -> tuple[list[Recorded], SignOff | None]:
        """The decisions and the latest sign-off, read in one transaction (the results page reads both on every rerun)."""
        with self._transaction() as db:
            return self._decisions(db, assessment_id), self._signed(db, assessment_id)

    @staticmethod
    def _decisions(db: Connection, assessment_id: str) -> list[Recorded]:
        rows = db.execute(
            sa.select(decision_events).where(decision_events.c.assessment_id == assessment_id).order_by(decision_events.c.seq)
        ).all()
        return [_recorded(r) for r in rows]

    def sign_off(self, assessment_id: str, signed: SignOff) -> None:
        """Append a sign-off; the latest is the one shown."""
        if self.read_only:
            raise StoreError("the database on the server is read-only", self.read_only_reason)
        with self._transaction(write=True) as db:
            db.execute(
                sign_offs.insert(),
                {
                    "assessment_id": assessment_id,
                    "seq": self._next(db, sign_offs, assessment_id),
                    "author": signed.by,
                    "at": signed.at.isoformat(timespec="seconds"),
                    "state": signed.state,
                    "note": signed.note,
                },
            )
            db.execute(
                sa.text("UPDATE assessments SET review_status = :s WHERE id = :id"), {"s": SIGNED_OFF, "id": assessment_id}
            )

    def signed(self, assessment_id: str) -> SignOff | None:
        """The latest sign-off of the assessment, if any."""
        with self._transaction() as db:
            return self._signed(db, assessment_id)

    @staticmethod
    def _signed(db: Connection, assessment_id: str) -> SignOff | None:
        row = db.execute(
            sa.select(sign_offs).where(sign_offs.c.assessment_id == assessment_id).order_by(sign_offs.c.seq.desc()).limit(1)
        ).first()
        if row is None:
            return None
        return SignOff(row.author, datetime.fromisoformat(row.at), row.state, row.note)

    def export(self, catalog: Catalog, assessment_id: str, *, as_json: bool = False) -> str:
        """The assessment as an answers file, with its reviewer decisions that count and its sign-off (format version 4
        when it has any): what a download carries and an upload restores."""
        loaded = self.load(catalog, assessment_id)
        iv = loaded.interview
        decisions, signed = self.review(assessment_id)
        review = carried_data(current(decisions), signed)
        return dump_answers(
            catalog, iv.licenses, iv.answers, as_json=as_json, lineage=iv.lineage, conversions=iv.conversions, review=review
        )

    @staticmethod
    def _next(db: Connection, table: sa.Table, assessment_id: str) -> int:
        if db.dialect.name == "postgresql":  # two reviewers at once take their numbers in turn, on the row's lock
            db.execute(sa.text("SELECT id FROM assessments WHERE id = :id FOR UPDATE"), {"id": assessment_id})
        last = db.execute(sa.select(sa.func.max(table.c.seq)).where(table.c.assessment_id == assessment_id)).scalar()
        return (last or 0) + 1

    def load(self, catalog: Catalog, assessment_id: str) -> Loaded:
        """Load an assessment; raise InputError if the id is malformed or unknown, StoreError if it cannot be read."""
        if not ID_PATTERN.match(assessment_id or ""):
            raise InputError(
                Problem(
                    "link",
                    None,
                    "",
                    "this assessment link is not valid (it may be cut short); check it or start a new assessment",
                )
            )
        with self._transaction() as db:
            # every column there is: a read-only database may predate the newer ones
            row = db.execute(sa.text("SELECT * FROM assessments WHERE id = :id"), {"id": assessment_id}).mappings().first()
        if row is None:
            raise InputError(Problem("link", None, "", "no assessment has this link; it may have been made on another server"))
        loaded = parse_answers(row["answers"].encode("utf-8"), "saved.json", catalog)
        # Keep answers for licenses no longer chosen: they are the user's work too.
        iv = Interview(
            assessment_id,
            loaded.licenses,
            loaded.answers,
            row["step"],
            tuple(json.loads(row["cursor"])) if row["cursor"] else None,
            json.loads(row.get("models") or "[]"),
            loaded.lineage,
            language(row.get("lang")),  # NULL in a row saved before the language was: English
            loaded.conversions,  # yen answers with their rate, kept in the answers as the file format keeps them
        )  # type: ignore[arg-type]
        _, stored = _stored(row["answers"], row.get("models"))
        return Loaded(iv, loaded.problems, loaded.notes, Seen(row.get("version", 0), stored))

    # ------------------------------------------------------------ the list of assessments

    def assessments(self, user: str) -> list[Summary]:
        """The assessments `user` owns or that are shared with them, archived ones too, the last changed first."""
        with self._transaction() as db:
            return seen_by(db, user)

    def summary(self, assessment_id: str, user: str) -> Summary | None:
        """One assessment as the list shows it; None if `user` may not see it (or there is none)."""
        with self._transaction() as db:
            found = seen_by(db, user, [assessment_id])
        return found[0] if found else None

    def duplicate(self, catalog: Catalog, assessment_id: str, author: str = LOCAL_USER) -> str:
        """A new assessment with the answers, licenses, models and lineage of one `author` may see, as a starting
        point: a new id, owned by `author`, its history starting afresh. Returns the new id; InputError if unknown."""
        if self.summary(assessment_id, author) is None:
            raise InputError(Problem("link", None, "", "no assessment has this link; it may have been made on another server"))
        source = self.load(catalog, assessment_id).interview
        copy = Interview(
            Store.new_id(),
            list(source.licenses),
            json.loads(json.dumps(source.answers)),
            "questions" if source.step in ("questions", "results") else source.step,
            None,
            list(source.models),
            source.lineage,
            source.lang,
            dict(source.conversions),
        )  # type: ignore[arg-type]
        self.save(catalog, copy, author=author)
        with self._transaction(write=True) as db:
            db.execute(
                sa.text("UPDATE assessments SET duplicated_from = :source WHERE id = :id"),
                {"source": assessment_id, "id": copy.id},
            )
        return copy.id

    def archive(self, assessment_id: str, user: str) -> bool:
        """Hide an assessment its owner `user` has from the list (nothing is deleted); False if not theirs."""
        return self._archived(assessment_id, user, datetime.now(UTC).isoformat(timespec="seconds"))

    def restore(self, assessment_id: str, user: str) -> bool:
        """Bring an archived assessment back into the list; False if not theirs."""
        return self._archived(assessment_id, user, None)

    def _archived(self, assessment_id: str, user: str, when: str | None) -> bool:
        self._writable()
        with self._transaction(write=True) as db:
            return set_archived(db, assessment_id, user, when)

    def share(self, assessment_id: str, email: str, by: str) -> bool:
        """Let the person with `email` see an assessment `by` owns (check the address first); False if not theirs."""
        self._writable()
        with self._transaction(write=True) as db:
            return add_share(db, assessment_id, email, by, datetime.now(UTC).isoformat(timespec="seconds"))

    def set_review_status(self, assessment_id: str, status: str | None) -> None:
        """Record a reviewer's decision ("reviewed", "signed_off"), or None to take it back."""
        if status is not None and status not in REVIEW_STATUSES:
            raise ValueError(f"unknown review status {status!r}; expected one of {', '.join(REVIEW_STATUSES)}")
        self._writable()
        with self._transaction(write=True) as db:
            db.execute(sa.text("UPDATE assessments SET review_status = :s WHERE id = :id"), {"s": status, "id": assessment_id})

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the database on the server is read-only", self.read_only_reason)

    # ------------------------------------------------------------ helpers

    def _conflict(self, db: Connection, assessment_id: str, key: Key, yours: Any, theirs: Any) -> Conflict:
        last = db.execute(
            sa.select(answer_events.c.author, answer_events.c.at)
            .where(
                answer_events.c.assessment_id == assessment_id,
                answer_events.c.tree_id == key[0],
                answer_events.c.question_id == key[1],
            )
            .order_by(answer_events.c.seq.desc())
            .limit(1)
        ).first()
        return Conflict(key[0], key[1], yours, theirs, last.author if last else LOCAL_USER, last.at if last else "")


def take_theirs(catalog: Catalog, iv: Interview, seen: Seen, conflict: Conflict) -> Seen:
    """Settle a conflict with the stored value: it replaces this session's, and nothing is written."""
    key = (conflict.tree_id, conflict.question_id)
    doc = json.loads(_document(catalog, iv))
    values = values_of(doc, iv.models)
    _set(values, key, conflict.theirs)
    _take(catalog, iv, _patched(doc, {key: conflict.theirs}, doc), values, {})
    return _seeing(seen, key, conflict.theirs)


def keep_mine(seen: Seen, conflict: Conflict) -> Seen:
    """Settle a conflict with this session's value: the next save writes it over theirs (unless theirs changes again)."""
    return _seeing(seen, (conflict.tree_id, conflict.question_id), conflict.theirs)


def _seeing(seen: Seen, key: Key, value: Any) -> Seen:
    values = dict(seen.values)
    _set(values, key, value)
    return Seen(seen.version, values)


def _set(values: dict[Key, Any], key: Key, value: Any) -> None:
    if value is None:
        values.pop(key, None)
    else:
        values[key] = value


def _document(catalog: Catalog, iv: Interview) -> str:
    return dump_answers(
        catalog, iv.licenses, iv.answers, as_json=True, keep_all=True, lineage=iv.lineage, conversions=iv.conversions
    )


def _stored(answers: str, models: str | None) -> tuple[dict[str, Any], dict[Key, Any]]:
    doc = json.loads(answers)
    return doc, values_of(doc, json.loads(models or "[]"))


def _patched(doc: Mapping[str, Any], changes: Mapping[Key, Any], source: Mapping[str, Any]) -> dict[str, Any]:
    """`doc` with `changes` made; a tree answered anew takes its stamp (the version answered against) from `source`."""
    out: dict[str, Any] = json.loads(json.dumps(doc))
    answers = out.setdefault("answers", {})
    stamps = out.setdefault("answered_against", {})
    for (tree, q), value in changes.items():
        if tree == CHOICES:
            if q == "licenses":
                out["licenses"] = value or []
            elif q == "lineage":
                if value is None:
                    out.pop("lineage", None)
                else:
                    out["lineage"] = value
            continue  # models live in their own column
        if value is None:
            answers.get(tree, {}).pop(q, None)
        else:
            answers.setdefault(tree, {})[q] = value
        if tree in (source.get("answered_against") or {}):
            stamps[tree] = source["answered_against"][tree]
    for lic in out.get("licenses", []):  # every assessed license is stamped, as dump_answers does
        if lic not in stamps and lic in (source.get("answered_against") or {}):
            stamps[lic] = source["answered_against"][lic]
    yen = any(isinstance(v, dict) for qs in answers.values() for v in qs.values())
    out["format_version"] = YEN_VERSION if yen else PLAIN_VERSION
    return out


def _take(catalog: Catalog, iv: Interview, doc: Mapping[str, Any], values: Mapping[Key, Any], keep: Mapping[Key, Any]) -> None:
    """Put the stored state into the interview, except the values in `keep` (this session's own, unsettled)."""
    own = _patched(doc, keep, json.loads(_document(catalog, iv)))
    loaded = parse_answers(json.dumps(own, ensure_ascii=False).encode("utf-8"), "saved.json", catalog)
    iv.licenses = loaded.licenses
    iv.answers = loaded.answers
    iv.conversions = loaded.conversions
    iv.lineage = loaded.lineage
    models = keep[CHOICES, "models"] if (CHOICES, "models") in keep else values.get((CHOICES, "models"))
    iv.models = list(models or [])


def _event(assessment_id: str, seq: int, author: str, at: str, key: Key, old: Any, new: Any, catalog: Catalog) -> dict[str, Any]:
    tree = catalog.trees.get(key[0])
    return {
        "assessment_id": assessment_id,
        "seq": seq,
        "author": author,
        "at": at,
        "tree_id": key[0],
        "question_id": key[1],
        "old_value": encode(old),
        "new_value": encode(new),
        "tree_version": tree.model.version if tree is not None else None,
    }


def _recorded(row: Any) -> Recorded:
    decision = None
    if row.verdict is not None:
        decision = Decision(
            finding=row.finding_id,
            license=row.license_id,
            verdict=row.verdict,
            severity=row.severity,
            by=row.author,
            date=date.fromisoformat(row.decided_on),
            reason=row.reason,
            fingerprint=row.fingerprint,
        )
    return Recorded(row.license_id, row.finding_id, row.author, datetime.fromisoformat(row.at), decision)


def _cannot_write(detail: str) -> bool:
    text = detail.lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text or "permission denied" in text


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder we may not even look into
        return False
