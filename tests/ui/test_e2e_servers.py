"""The store under real app servers, in headless Chromium: two servers on one PostgreSQL database
serve one assessment to two browsers, and a server killed with SIGKILL loses no answer the page
had confirmed (the page moves to the next question only after the answer is saved)."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from e2e_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    SHOTS,
    free_port,
    idle,
    make_run,
    needs_chromium,
    running_app,
    start_assessment,
    wait_healthy,
)

from license_risk.store.assessments import Store

pytestmark = needs_chromium


def type_answer(page: Any, label: str, text: str) -> None:
    """Type into the question's field and go on; the next question shows once the answer is saved."""
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(label, exact=False).first.wait_for(timeout=20_000)
    main.locator('[data-testid="stTextInput"] input').first.fill(text)
    page.get_by_role("button", name="Next").click()
    idle(page)
    main.get_by_text(label, exact=False).first.wait_for(state="detached", timeout=20_000)


def sidebar(page: Any) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def stored(location: str, catalog: Any, assessment_id: str) -> dict[str, object]:
    store = Store(location)
    try:
        return store.load(catalog, assessment_id).interview.answers.get("intake", {})
    finally:
        store.close()


def test_two_servers_on_one_postgresql_database_serve_one_assessment(postgres, catalog, tmp_path_factory) -> None:
    database = postgres.new_database()
    env = {"LICENSE_RISK_DATABASE_URL": database}
    one, two = free_port(), free_port()
    with (
        running_app(make_run(one, Path()), one, env) as first_url,
        running_app(make_run(two, Path()), two, env) as second_url,
    ):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            alice = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
            assessment_id = start_assessment(alice, first_url)
            type_answer(alice, "Organisation name", "Alpha KK")

            bob = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
            bob.goto(f"{second_url}/?a={assessment_id}")  # the link, opened on the other server
            bob.get_by_text("Alpha KK").first.wait_for(timeout=30_000)
            type_answer(bob, "Prepared for", "Legal team B")

            alice.get_by_role("button", name="Back").click()  # any step reads what others saved
            idle(alice)
            alice.get_by_text("Legal team B").first.wait_for(timeout=20_000)
            SHOTS.mkdir(parents=True, exist_ok=True)
            alice.screenshot(path=str(SHOTS / "servers-two-on-postgresql.png"), animations="disabled")
            assert "Legal team B" in sidebar(alice) and "Alpha KK" in sidebar(bob)
            browser.close()
    answers = stored(database, catalog, assessment_id)
    assert answers["organisation"] == "Alpha KK" and answers["prepared_for"] == "Legal team B"


@contextmanager
def killable_app(port: int, db: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    proc = subprocess.Popen(
        make_run(port, db),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ | {"LICENSE_RISK_DB": str(db)},
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)


def test_a_server_killed_mid_assessment_loses_no_confirmed_answer(catalog, tmp_path: Path) -> None:
    db = tmp_path / "assessments.sqlite3"
    port = free_port()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
        with killable_app(port, db) as (url, proc):
            assessment_id = start_assessment(page, url)
            type_answer(page, "Organisation name", "Killed KK")
            type_answer(page, "Prepared for", "Risk office")
            os.killpg(proc.pid, signal.SIGKILL)  # no shutdown: whatever was not committed is gone
            proc.wait(timeout=15)
        answers = stored(str(db), catalog, assessment_id)
        assert (answers["organisation"], answers["prepared_for"]) == ("Killed KK", "Risk office")
        with killable_app(port, db) as (url, _proc):
            page.goto(f"{url}/?a={assessment_id}")
            page.get_by_text("Risk office").first.wait_for(timeout=30_000)
            assert "Killed KK" in sidebar(page)
        browser.close()
