"""Fixtures of the store's tests (registered by tests/conftest.py as a plugin: a second conftest.py would shadow that one). The store's tests run on SQLite and on a throwaway PostgreSQL server (skipped, with the reason, without one).

The server is Debian's `postgresql` (initdb + pg_ctl) on a free loopback port, started once per
run in a temporary folder (as the `postgres` user when the tests run as root); every test gets a
database of its own.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

_COUNT = itertools.count()


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))  # Debian keeps them off PATH
    return versions[-1] if versions else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, folder: Path, port: int, as_user: list[str]) -> None:
        self.folder, self.port, self.as_user = folder, port, as_user

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [*self.as_user, str(_pg_bin("pg_ctl")), "-D", str(self.folder / "data"), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        done = self.pg_ctl("-l", str(self.folder / "server.log"), "-w", "-o", options, "start")
        assert done.returncode == 0, done.stderr + (self.folder / "server.log").read_text()

    def stop(self) -> None:
        self.pg_ctl("-m", "immediate", "-w", "stop")

    def new_database(self) -> str:
        import psycopg

        name = f"store_test_{os.getpid()}_{next(_COUNT)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


class PostgresMissing(RuntimeError):
    """PostgreSQL cannot be started here; the message says why."""


@contextmanager
def throwaway_postgres() -> Iterator[PostgresServer]:
    """A new PostgreSQL server on a free loopback port, in a temporary folder, removed afterwards."""
    initdb = _pg_bin("initdb")
    if initdb is None or _pg_bin("pg_ctl") is None:
        raise PostgresMissing("PostgreSQL is not installed (Debian package postgresql: initdb, pg_ctl)")
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        if shutil.which("runuser") is None:
            raise PostgresMissing("running as root without runuser (util-linux) to start PostgreSQL as another user")
        as_user = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="license-risk-pg-"))
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    done = subprocess.run(
        [*as_user, initdb, "-D", str(folder / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    server = PostgresServer(folder, free_port(), as_user)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        with throwaway_postgres() as server:
            yield server
    except PostgresMissing as missing:
        pytest.skip(f"{missing}; its store tests are skipped")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store's location: a SQLite file's path, or a PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "db.sqlite3")
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture
def new_location(request: pytest.FixtureRequest, tmp_path: Path, location: str) -> Callable[[], str]:
    """More empty stores of the same kind as `location`."""

    def make() -> str:
        if "://" not in location:
            return str(tmp_path / f"db{next(_COUNT)}.sqlite3")
        return request.getfixturevalue("postgres").new_database()

    return make
