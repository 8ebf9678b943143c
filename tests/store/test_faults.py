"""Storage faults on a real SQLite file: each is a clear StoreError, no session waits on another, nothing typed is lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from license_risk.store.assessments import BUSY_SECONDS, Store, StoreError
from scoring.interview import Interview

ROOT = Path(__file__).resolve().parents[2]


def interview(**intake: object) -> Interview:
    return Interview(Store.new_id(), [], {"intake": dict(intake)})


def test_a_locked_database_fails_one_save_quickly_and_blocks_no_reader(catalog, tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    saved = interview(organisation="Saved KK")
    store.save(catalog, saved)
    blocker = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database
    try:
        started = time.monotonic()
        with pytest.raises(StoreError) as info:
            store.save(catalog, interview(organisation="Waiting KK"))
        assert time.monotonic() - started < BUSY_SECONDS + 1.5
        assert info.value.message == "the database is busy with other people's answers right now"
        assert str(tmp_path) not in info.value.message and str(tmp_path) in info.value.detail
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
        blocker.execute("ROLLBACK")
        blocker.close()
    store.save(catalog, interview(organisation="Later KK"))  # works again once the writer is gone


def test_a_damaged_file_is_refused_when_the_store_opens(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database " * 100)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.message == "the database file on the server is damaged"


def test_a_full_disk_is_a_message_and_the_next_save_works(catalog, tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    # SQLite's own limit on the file's size gives the real "database or disk is full" error.
    db = store._pool.get_nowait()
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    store._pool.put(db)
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
