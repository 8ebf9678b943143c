"""Where the store is and how it is reached: the URL, the engine, migrations on start, faults in plain words.

SQLite (a file, the default) or PostgreSQL (`LICENSE_RISK_DATABASE_URL=postgresql+psycopg://...`).
No session waits on another for long: SQLite's busy timeout and PostgreSQL's lock timeout are
BUSY_SECONDS, and an unreachable server is given up on after CONNECT_SECONDS.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url

from license_risk.shipped import INSTALLED, ROOT

BUSY_SECONDS = 2.0  # how long a write waits for another one before it gives up
CONNECT_SECONDS = 3  # how long to wait for a database server that does not answer (libpq's minimum is 2)
URL_VARIABLE = "LICENSE_RISK_DATABASE_URL"
MIGRATIONS = "license_risk.store:migrations"  # inside the package, so a wheel carries them


class StoreError(Exception):
    """Saving or reading failed. `message` is for the user; `detail` (with paths) is for the server's log."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message


def default_path() -> Path:
    """LICENSE_RISK_DB, else data/assessments.sqlite3 in a checkout; an installed package keeps it in the user's data
    folder (~/.local/share/license-risk on Linux), not in site-packages, which an upgrade replaces."""
    given = os.environ.get("LICENSE_RISK_DB")
    if given:
        return Path(given)
    if INSTALLED:
        import platformdirs

        return Path(platformdirs.user_data_dir("license-risk")) / "assessments.sqlite3"
    return ROOT / "data" / "assessments.sqlite3"


def default_location() -> str:
    """The database URL if one is set, else the SQLite file's path."""
    return os.environ.get(URL_VARIABLE) or str(default_path())


def url_of(location: str | Path) -> URL:
    """A URL as given, or a SQLite file's path."""
    text = str(location)
    if "://" in text:
        try:
            return make_url(text)
        except sa.exc.ArgumentError as exc:
            raise StoreError("the database address set on the server is not valid", str(exc)) from None
    return URL.create("sqlite", database=text)


def shown(url: URL) -> str:
    """The URL for the server's log: never the password."""
    return url.database or "" if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def fault(exc: BaseException, where: str) -> StoreError:
    """What a database error means for the person whose answer it concerns."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    code = getattr(orig, "sqlstate", None) or ""
    if isinstance(exc, CommandError) and "can't locate revision" in text:
        message = "the database was made by a newer version of this tool"
    elif "locked" in text or "busy" in text or code == "55P03" or "lock timeout" in text:
        message = "the database is busy with other people's answers right now"
    elif "readonly" in text or "read-only" in text or code == "25006":
        message = "the database on the server is read-only"
    elif "disk is full" in text or "disk full" in text or code == "53100" or "no space left" in text:
        message = "the server's disk is full"
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = "the database file on the server is damaged"
    elif "unable to open" in text:
        message = "the database file on the server cannot be opened"
    elif code.startswith("08") or "connection" in text or "could not connect" in text or "timeout expired" in text:
        message = "the database server cannot be reached"
    else:
        message = "the database on the server reported an error"
    return StoreError(message, f"{where}: {orig}")


def sqlite_engine(path: Path, *, read_only: bool = False) -> Engine:
    def connect() -> sqlite3.Connection:
        if read_only:
            # immutable: a WAL database in a read-only place cannot create its shared-memory file
            return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False, isolation_level=None)
        db = sqlite3.connect(path, timeout=BUSY_SECONDS, check_same_thread=False, isolation_level=None)
        # With WAL, NORMAL commits without waiting for the disk: a crash of the app loses
        # nothing, a power cut may lose the last answers. Waiting made each click ~20 ms slower.
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    # Many sessions at once: keep up to 10 connections, open more when needed (a SQLite connection is cheap).
    engine = sa.create_engine(
        "sqlite://", creator=connect, poolclass=sa.QueuePool, pool_size=10, max_overflow=-1, pool_use_lifo=True
    )

    @event.listens_for(engine, "begin")
    def begin(conn: Connection) -> None:
        # pysqlite's own BEGIN is off (isolation_level=None): a write takes the lock when it starts, so
        # the busy timeout applies there; a read never waits for a writer (WAL).
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def server_engine(url: URL) -> Engine:
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        ms = int(BUSY_SECONDS * 1000)
        connect_args = {"connect_timeout": CONNECT_SECONDS, "options": f"-c lock_timeout={ms}"}
    # pre_ping: a restarted server's dead connections are replaced instead of failing a save
    return sa.create_engine(
        url, connect_args=connect_args, pool_size=10, max_overflow=20, pool_timeout=BUSY_SECONDS, pool_pre_ping=True
    )


def migrate(conn: Connection) -> None:
    """Bring the schema to the newest revision, in the caller's transaction."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7238401)")  # two servers starting at once migrate in turn
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
