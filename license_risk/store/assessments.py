"""Assessments saved on the server as they are answered, in SQLite, under unguessable ids.

The database file is created on first use. Its location is the environment
variable LICENSE_RISK_DB, or data/assessments.sqlite3 in the project folder.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from license_risk.content.catalog import Catalog
from license_risk.content.problems import InputError, Problem
from license_risk.shipped import ROOT
from scoring.answers import dump_answers, parse_answers
from scoring.interview import Interview

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)


def default_path() -> Path:
    return Path(os.environ.get("LICENSE_RISK_DB") or ROOT / "data" / "assessments.sqlite3")


@dataclass
class Loaded:
    interview: Interview
    problems: list[Problem]  # stored answers the current trees no longer accept
    notes: list[str]


class Store:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path or default_path())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by the sessions' threads, used under a lock: opening one per
        # answer cost more than the write itself.
        self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=wal")
            # With WAL, NORMAL commits without waiting for the disk: a crash of the app loses
            # nothing, a power cut may lose the last answers. Waiting made each click ~20 ms slower.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS assessments ("
                " id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL,"
                " answers TEXT NOT NULL, step TEXT NOT NULL, cursor TEXT, models TEXT)"
            )
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(assessments)")}
            if "models" not in columns:  # a database made before models were saved
                self._db.execute("ALTER TABLE assessments ADD COLUMN models TEXT")

    def new_id(self) -> str:
        return secrets.token_urlsafe(16)

    def save(self, catalog: Catalog, iv: Interview) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        answers = dump_answers(catalog, iv.licenses, iv.answers, as_json=True, keep_all=True)
        cursor = json.dumps(list(iv.cursor)) if iv.cursor else None
        models = json.dumps(iv.models, ensure_ascii=False)
        with self._lock:
            self._db.execute(
                "INSERT INTO assessments (id, created, updated, answers, step, cursor, models) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET updated=excluded.updated, answers=excluded.answers,"
                " step=excluded.step, cursor=excluded.cursor, models=excluded.models",
                (iv.id, now, now, answers, iv.step, cursor, models),
            )

    def load(self, catalog: Catalog, assessment_id: str) -> Loaded:
        """Load an assessment; raise InputError if the id is malformed or unknown."""
        if not ID_PATTERN.match(assessment_id or ""):
            raise InputError(
                Problem(
                    "link",
                    None,
                    "",
                    "this assessment link is not valid (it may be cut short); check it or start a new assessment",
                )
            )
        with self._lock:
            row = self._db.execute(
                "SELECT answers, step, cursor, models FROM assessments WHERE id = ?", (assessment_id,)
            ).fetchone()
        if row is None:
            raise InputError(Problem("link", None, "", "no assessment has this link; it may have been made on another server"))
        answers_json, step, cursor, models = row
        loaded = parse_answers(answers_json.encode("utf-8"), "saved.json", catalog)
        # Keep answers for licenses no longer chosen: they are the user's work too.
        iv = Interview(
            assessment_id,
            loaded.licenses,
            loaded.answers,
            step,
            tuple(json.loads(cursor)) if cursor else None,
            json.loads(models or "[]"),
        )  # type: ignore[arg-type]
        return Loaded(iv, loaded.problems, loaded.notes)
