"""Shared pieces for the real-browser tests: the server as `make run` starts it, and Chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium); .ci/run installs it"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"the app exited with {proc.returncode}:\n{out[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not become healthy in {timeout} s")


@contextmanager
def running_app(cmd: list[str], port: int, env: dict[str, str] | None = None) -> Iterator[str]:
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ | (env or {}), start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def loaded_libraries(url: str) -> set[str]:
    """The shared libraries mapped by the app server process that serves `url` (found by its port)."""
    port = url.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"ui.serve" in cmd and port.encode() in cmd:
            return {
                line.split()[-1] for line in (proc / "maps").read_text().splitlines() if line.endswith(".so") or ".so." in line
            }
    raise LookupError(f"no app server process for {url}")


def make_run(port: int, db: Path, args: str = "") -> list[str]:
    """The README's command, on a chosen port and database (and Streamlit options in `args`)."""
    del db  # passed through the environment
    return ["make", "-s", "run", f"PORT={port}", *([f"ARGS={args}"] if args else [])]


@contextmanager
def app_on_own_database(
    tmp_path_factory: pytest.TempPathFactory,
    secrets: Callable[[int], str] | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """The app as `make run` starts it, on a free port and a database of its own; yields its URL.

    `secrets(port)` gives the text of a Streamlit secrets.toml for the app on that port (its
    `[auth]` section configures sign-in); it is written beside the database and is the only secrets
    file the app reads, so a developer's own ~/.streamlit/secrets.toml does not change the test.
    """
    folder = tmp_path_factory.mktemp("db")
    db = folder / "assessments.sqlite3"
    port = free_port()
    args = ""
    if secrets is not None:
        (folder / "secrets.toml").write_text(secrets(port), encoding="utf-8")
        args = f"--secrets.files {folder / 'secrets.toml'}"
    with running_app(make_run(port, db, args), port, {"LICENSE_RISK_DB": str(db), **(env or {})}) as url:
        yield url


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (never a browser Playwright downloads)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The app root's run state, set by Streamlit's frontend: "rerunRequested" as soon as a widget asks for a
# rerun, before the server has answered, so a slow server cannot be taken for an idle one.
RUN_STATE_IDLE = '[data-testid="stApp"]:not([data-test-script-state="running"]):not([data-test-script-state="rerunRequested"])'


def idle(page: Any, settle_ms: int = 150) -> None:
    """Wait until Streamlit has finished rerunning the script."""
    page.wait_for_timeout(settle_ms)
    page.locator(RUN_STATE_IDLE).wait_for(timeout=20_000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=20_000)


# Fixtures for the browser tests (registered by tests/conftest.py): one app server and one Chromium per test module.


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as `make run` starts it, on a database of its own, for the tests of one module."""
    with app_on_own_database(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def add_model(page: Any, url: str, model: str) -> None:
    """From the start page, a new assessment with the model first found by this name added (still on the model step)."""
    page.goto(url)
    page.get_by_role("button", name="Start a new assessment").click()
    idle(page)
    box = page.get_by_label("Search models by name")
    box.fill(model)
    box.press("Enter")
    idle(page)
    page.get_by_role("button", name="Add").first.click()
    idle(page)


def open_downloads(page: Any, label: str = "Download the memo and answers") -> None:
    """Open the results page's download panel: lazy, its buttons exist only while it is open."""
    page.locator('[data-testid="stExpander"] summary').filter(has_text=label).click()
    idle(page)
    page.locator('[data-testid="stDownloadButton"]').first.wait_for(timeout=20_000)


def start_assessment(page: Any, url: str, model: str = "Llama-3.1-8B-Instruct") -> str:
    """From the start page, an assessment of the model first found by this name; returns its id (the link's `a`)."""
    add_model(page, url, model)
    page.get_by_role("button", name="Continue").click()
    idle(page)
    return page.url.split("a=", 1)[1].split("&", 1)[0]
