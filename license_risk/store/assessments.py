"""Assessments saved on the server as they are answered, in SQLite, under unguessable ids.

The database file is created on first use. Its location is the environment
variable LICENSE_RISK_DB, or data/assessments.sqlite3 in the project folder.

Sessions do not wait on each other here: each operation borrows a connection of
its own from a pool, and SQLite (in WAL mode) lets readers run beside the one
writer. A write that cannot get the database within BUSY_SECONDS fails instead of
queueing everyone. Every storage fault (busy, read-only, full disk, corrupt file)
becomes a StoreError whose message says what happened without server paths; the
caller keeps the user's answers and saves them on the next try.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from license_risk.content.catalog import Catalog
from license_risk.content.problems import InputError, Problem
from license_risk.i18n import language
from license_risk.shipped import ROOT
from scoring.answers import dump_answers, parse_answers
from scoring.interview import Interview

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)
BUSY_SECONDS = 2.0  # how long a write waits for another one before it gives up


def default_path() -> Path:
    return Path(os.environ.get("LICENSE_RISK_DB") or ROOT / "data" / "assessments.sqlite3")


class StoreError(Exception):
    """Saving or reading failed. `message` is for the user; `detail` (with paths) is for the server's log."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message


@dataclass
class Loaded:
    interview: Interview
    problems: list[Problem]  # stored answers the current trees no longer accept
    notes: list[str]


def _fault(exc: sqlite3.Error, path: Path) -> StoreError:
    """What a SQLite error means for the person whose answer it concerns."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        message = "the database is busy with other people's answers right now"
    elif "readonly" in text or "read-only" in text:
        message = "the database on the server is read-only"
    elif "disk is full" in text or "disk full" in text:
        message = "the server's disk is full"
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = "the database file on the server is damaged"
    elif "unable to open" in text:
        message = "the database file on the server cannot be opened"
    else:
        message = "the database on the server reported an error"
    return StoreError(message, f"{path}: {exc}")


class Store:
    def __init__(self, path: Path | None = None) -> None:
        """Open (or create) the database; raise StoreError when it cannot be used at all.

        A database that can be read but not written (a read-only file, folder or mount)
        opens read-only: saved assessments can be resumed, and saving says why it fails.
        """
        self.path = Path(path or default_path())
        self.read_only = False
        self.read_only_reason = ""
        self._pool: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connection() as db:
                self._create(db)
                self._check_writable(db)
        except (OSError, sqlite3.Error) as exc:
            if _exists(self.path) and _cannot_write(exc):
                self._open_read_only(exc)
            elif isinstance(exc, sqlite3.Error):
                raise _fault(exc, self.path) from None
            else:
                raise StoreError("the database folder on the server cannot be created", f"{self.path}: {exc}") from None

    # ------------------------------------------------------------ connections

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            # immutable: a WAL database in a read-only place cannot create its shared-memory file
            uri = f"file:{self.path}?mode=ro&immutable=1"
            return sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False, isolation_level=None)
        # With WAL, NORMAL commits without waiting for the disk: a crash of the app loses
        # nothing, a power cut may lose the last answers. Waiting made each click ~20 ms slower.
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for this operation alone; returned to the pool unless it failed."""
        try:
            db = self._pool.get_nowait()
        except queue.Empty:
            db = self._connect()
        try:
            yield db
        except BaseException:
            db.close()  # a connection that failed may be in any state: do not reuse it
            raise
        self._pool.put(db)

    def _create(self, db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode=wal")
        db.execute(
            "CREATE TABLE IF NOT EXISTS assessments ("
            " id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL,"
            " answers TEXT NOT NULL, step TEXT NOT NULL, cursor TEXT, models TEXT)"
        )
        columns = {row[1] for row in db.execute("PRAGMA table_info(assessments)")}
        if "models" not in columns:  # a database made before models were saved
            db.execute("ALTER TABLE assessments ADD COLUMN models TEXT")
        if "lang" not in columns:  # made before the language was saved: its rows read as English
            db.execute("ALTER TABLE assessments ADD COLUMN lang TEXT")

    def _check_writable(self, db: sqlite3.Connection) -> None:
        """SQLite opens a file it may not write read-only without a word: take a write lock to find out."""
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower():  # another writer at this moment is no fault of ours
                raise

    def _open_read_only(self, why: BaseException) -> None:
        self.read_only = True
        try:
            with self._connection() as db:
                db.execute("SELECT count(*) FROM assessments").fetchone()
        except sqlite3.Error as exc:
            raise _fault(exc, self.path) from None
        self.read_only_reason = f"{self.path}: {why}"

    def close(self) -> None:
        """Close the pooled connections (the last one to close folds the WAL back into the file)."""
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    # ------------------------------------------------------------ assessments

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(16)

    def save(self, catalog: Catalog, iv: Interview) -> None:
        """Save the whole assessment (so a save after a failed one catches up); raise StoreError."""
        if self.read_only:
            raise StoreError("the database on the server is read-only", self.read_only_reason)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        answers = dump_answers(
            catalog, iv.licenses, iv.answers, as_json=True, keep_all=True, lineage=iv.lineage, conversions=iv.conversions
        )
        cursor = json.dumps(list(iv.cursor)) if iv.cursor else None
        models = json.dumps(iv.models, ensure_ascii=False)
        try:
            with self._connection() as db:
                db.execute(
                    "INSERT INTO assessments (id, created, updated, answers, step, cursor, models, lang)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(id) DO UPDATE SET updated=excluded.updated, answers=excluded.answers,"
                    " step=excluded.step, cursor=excluded.cursor, models=excluded.models, lang=excluded.lang",
                    (iv.id, now, now, answers, iv.step, cursor, models, language(iv.lang)),
                )
        except sqlite3.Error as exc:
            raise _fault(exc, self.path) from None

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
        try:
            with self._connection() as db:
                row = db.execute(
                    "SELECT answers, step, cursor, models, lang FROM assessments WHERE id = ?", (assessment_id,)
                ).fetchone()
        except sqlite3.Error as exc:
            raise _fault(exc, self.path) from None
        if row is None:
            raise InputError(Problem("link", None, "", "no assessment has this link; it may have been made on another server"))
        answers_json, step, cursor, models, lang = row
        loaded = parse_answers(answers_json.encode("utf-8"), "saved.json", catalog)
        # Keep answers for licenses no longer chosen: they are the user's work too.
        iv = Interview(
            assessment_id,
            loaded.licenses,
            loaded.answers,
            step,
            tuple(json.loads(cursor)) if cursor else None,
            json.loads(models or "[]"),
            loaded.lineage,
            language(lang),  # NULL in a row saved before the language was: English
            loaded.conversions,  # yen answers with their rate, kept in the answers as the file format keeps them
        )  # type: ignore[arg-type]
        return Loaded(iv, loaded.problems, loaded.notes)


def _cannot_write(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text or "unable to open" in text


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder we may not even look into
        return False
