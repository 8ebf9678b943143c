"""Storage faults on a real SQLite file and a real PostgreSQL server: each is a clear StoreError, no session
waits on another, nothing typed is lost."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from license_risk.store.assessments import BUSY_SECONDS, Store, StoreError
from scoring.interview import Interview

ROOT = Path(__file__).resolve().parents[2]


def interview(**intake: object) -> Interview:
    return Interview(Store.new_id(), [], {"intake": dict(intake)})


def hold_the_write_lock(location: str) -> Callable[[], None]:
    """Another writer holds the database (SQLite) or the assessments table (PostgreSQL); returns its release."""
    if "://" in location:
        import psycopg

        blocker = psycopg.connect(location.replace("postgresql+psycopg", "postgresql"))
        blocker.execute("LOCK TABLE assessments IN EXCLUSIVE MODE")  # readers go on, writers wait
    else:
        blocker = sqlite3.connect(location, isolation_level=None)  # type: ignore[assignment]
        blocker.execute("BEGIN IMMEDIATE")

    def release() -> None:
        blocker.rollback()
        blocker.close()

    return release


def test_a_locked_database_fails_one_save_quickly_and_blocks_no_reader(catalog, location: str) -> None:
    store = Store(location)
    saved = interview(organisation="Saved KK")
    store.save(catalog, saved)
    release = hold_the_write_lock(location)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError) as info:
            store.save(catalog, interview(organisation="Waiting KK"))
        assert time.monotonic() - started < BUSY_SECONDS + 1.5
        assert info.value.message == "the database is busy with other people's answers right now"
        assert store.where not in info.value.message and store.where in info.value.detail
        # meanwhile other sessions read at once: no lock shared across sessions
        reads: list[float] = []

        def read() -> None:
            t = time.monotonic()
            store.load(catalog, saved.id)
            reads.append(time.monotonic() - t)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(reads) == 4 and max(reads) < 1.0
    finally:
        release()
    store.save(catalog, interview(organisation="Later KK"))  # works again once the writer is gone


def test_a_damaged_file_is_refused_when_the_store_opens(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database " * 100)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.message == "the database file on the server is damaged"


def test_a_full_disk_is_a_message_and_the_next_save_works(catalog, tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    # SQLite's own limit on the file's size gives the real "database or disk is full" error; the pool
    # hands out the connection used last, so the next save gets this one.
    with store.engine.connect() as db:
        pages = db.exec_driver_sql("PRAGMA page_count").scalar()
        db.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
    big = interview(organisation="x" * 2000, prepared_for="y" * 2000)
    with pytest.raises(StoreError) as info:
        store.save(catalog, big)
    assert info.value.message == "the server's disk is full"
    store.save(catalog, big)  # the failed connection was dropped; a fresh one has room again
    assert store.load(catalog, big.id).interview.answers == big.answers


READ_ONLY_CHECK = """
import sys
from license_risk.content.load import load_catalog
from license_risk.store.assessments import Store, StoreError
from scoring.interview import Interview
catalog = load_catalog()
store = Store(sys.argv[1])
print("read_only", store.read_only)
print("loaded", store.load(catalog, sys.argv[2]).interview.answers["intake"]["organisation"])
try:
    store.save(catalog, Interview(store.new_id(), [], {}))
except StoreError as exc:
    print("refused", exc.message)
"""


def test_a_read_only_database_can_still_be_read(catalog, tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="license-risk-ro-"))  # in /tmp, where another user can reach it
    folder.chmod(0o755)
    store = Store(folder / "db.sqlite3")
    saved = interview(organisation="Saved KK")
    store.save(catalog, saved)
    store.close()
    for p in folder.iterdir():
        p.chmod(0o444)
    folder.chmod(0o555)
    # As root, permissions are not enforced: run the check as an unprivileged user instead.
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    if drop and not Path("/usr/bin/setpriv").exists():
        pytest.skip("running as root without setpriv (util-linux) to drop privileges")
    try:
        done = subprocess.run(
            [*drop, sys.executable, "-c", READ_ONLY_CHECK, str(folder / "db.sqlite3"), saved.id],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
        )
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "read_only True",
        "loaded Saved KK",
        "refused the database on the server is read-only",
    ]


def test_the_server_refuses_to_start_on_a_damaged_store(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    done = subprocess.run(
        [sys.executable, "-m", "ui.serve", "--server.headless", "true", "--server.port", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LICENSE_RISK_DB": str(path)},
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Cannot start: the assessment store cannot be opened:"), done.stderr
    assert "Traceback" not in done.stderr


def test_an_unreachable_database_server_is_a_message_and_the_answers_stay(catalog, postgres) -> None:
    location = postgres.new_database()
    store = Store(location)
    iv = interview(organisation="Kept KK")
    saved = store.save(catalog, iv)
    postgres.stop()
    try:
        iv.answers["intake"]["prepared_for"] = "Legal"
        started = time.monotonic()
        with pytest.raises(StoreError) as info:
            store.save(catalog, iv, saved.seen)
        assert time.monotonic() - started < 10
        assert info.value.message == "the database server cannot be reached"
        assert "Traceback" not in info.value.detail and store.where in info.value.detail
        assert iv.answers["intake"] == {"organisation": "Kept KK", "prepared_for": "Legal"}  # still in the session
        with pytest.raises(StoreError) as opening:
            Store(location)  # a server that is down when the app starts: one clear line, not a traceback
        assert opening.value.message == "the database server cannot be reached"
    finally:
        postgres.start()
    store.save(catalog, iv, saved.seen)  # the server is back: the same session saves what it kept
    assert Store(location).load(catalog, iv.id).interview.answers == iv.answers


def test_a_closed_port_is_a_message_when_the_store_opens() -> None:
    with socket.socket() as s:  # a port nothing listens on once this is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(StoreError) as info:
        Store(f"postgresql+psycopg://nobody:secret@127.0.0.1:{port}/assessments")
    assert time.monotonic() - started < 10
    assert info.value.message == "the database server cannot be reached"
    assert f"127.0.0.1:{port}" in info.value.detail and "secret" not in info.value.detail  # never the password
