"""Sign-in through a real OpenID Connect provider (oidc-provider-mock on loopback), in headless Chromium.

The app is started as `make run` starts it, with an `[auth]` section in its secrets pointing at the
mock provider; people sign in through the provider's own form. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import SHOTS, app_on_own_database, idle, needs_chromium

from license_risk.store.assessments import Store

# The mock provider (in this process) uses Authlib APIs that Authlib 1.9 marks deprecated: its code, not the app's.
pytestmark = [needs_chromium, pytest.mark.filterwarnings("ignore:get_jwt_config.*is deprecated:DeprecationWarning")]
ALICE = "alice@example.com"  # a maintainer, by the ID token's "roles" claim
BOB = "bob@example.com"  # no role claim and not in the roles file: a business user
CAROL = "carol@example.com"  # a legal reviewer, by the roles file


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    # Its import warns that authlib.jose is deprecated; Authlib sets that warning to "always", so it shows once.
    from oidc_provider_mock import User, run_server_in_thread

    users = [
        User(sub=ALICE, claims={"email": ALICE, "name": "Alice Maintainer", "roles": ["maintainer", "other-app-admin"]}),
        User(sub=BOB, claims={"email": BOB, "name": "Bob Business"}),
        User(sub=CAROL, claims={"email": CAROL, "name": "Carol Counsel"}),
    ]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def app(provider: str, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("signin")
    db = folder / "assessments.sqlite3"
    roles = folder / "roles.yaml"
    roles.write_text(f"{CAROL}: [legal-reviewer]\n", encoding="utf-8")

    def secrets(port: int) -> str:
        return (
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "a-long-random-string-for-the-test-only-0123456789"\n'
            'client_id = "license-risk"\n'
            'client_secret = "test-secret"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        )

    env = {"LICENSE_RISK_DB": str(db), "LICENSE_RISK_ROLES_FILE": str(roles)}
    with app_on_own_database(tmp_path_factory, secrets=secrets, env=env) as url:
        yield url, db


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, animations="disabled")


def sign_in(
    page: Any, url: str, sub: str, screenshot: str | None = None, *, button: str = "Sign in", done: str = "Signed in as"
) -> None:
    """From the app's sign-in screen through the provider's form (typing the subject) and back."""
    page.goto(url)
    page.get_by_role("button", name=button).click()
    page.get_by_placeholder("sub").wait_for(timeout=20_000)
    if screenshot:
        shot(page, screenshot)
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=20_000)
    page.get_by_text(done).wait_for(timeout=30_000)
    idle(page)


def sidebar(page: Any) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def test_sign_in_required_then_a_maintainer_sees_the_maintainers_page_and_is_the_author(app, browser) -> None:
    url, db = app
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.goto(url)
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    shot(page, "signin-01-sign-in-screen")
    assert page.get_by_role("button", name="Start a new assessment").count() == 0
    page.goto(f"{url}/maintainers")  # nothing behind the sign-in screen, whatever the address
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    assert "Maintainers: question trees" not in page.locator('[data-testid="stMain"]').inner_text()

    sign_in(page, url, ALICE, screenshot="signin-02-provider-form")
    assert "Signed in as Alice Maintainer (alice@example.com)" in sidebar(page)
    assert "Your roles: business user, maintainer" in sidebar(page)
    page.get_by_role("button", name="Start a new assessment").wait_for(timeout=20_000)
    shot(page, "signin-03-signed-in-maintainer")
    page.get_by_role("link", name="Maintainers").click()
    page.get_by_role("heading", name="Maintainers: question trees").wait_for(timeout=60_000)
    page.get_by_role("tab", name="Graph").wait_for(timeout=120_000)  # the report is built: the page's run is over
    idle(page)

    # an answer saved now records her address as its author
    page.get_by_role("link", name="Assessment", exact=True).click()
    idle(page)
    page.get_by_role("button", name="Start a new assessment").click()
    idle(page)
    box = page.get_by_label("Search models by name")
    box.fill("gemma-3")
    box.press("Enter")
    idle(page)
    page.get_by_role("button", name="Add").first.click()
    idle(page)
    page.get_by_role("button", name="Continue").click()
    field = (
        page.locator('[data-testid="stMain"] [data-testid="stTextInput"]').filter(has_text="Organisation name").locator("input")
    )
    field.wait_for(timeout=20_000)
    field.fill("Alpha KK")
    field.press("Enter")
    idle(page)
    page.get_by_role("button", name="Next").click()
    idle(page)
    assessment_id = page.url.split("a=")[1].split("&")[0]
    store = Store(str(db))
    try:
        events = store.history(assessment_id)
    finally:
        store.close()
    organisation = [e for e in events if e.question_id == "organisation"]
    assert [(e.author, e.new_value) for e in organisation] == [(ALICE, "Alpha KK")]
    assert {e.author for e in events} == {ALICE}

    # signing out ends the session at the provider too (its end-session page), then comes back signed out
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click(timeout=30_000)
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    assert page.get_by_text("Signed in as").count() == 0
    page.context.close()


def test_a_business_user_has_no_maintainers_page_and_its_address_says_not_allowed(app, browser) -> None:
    url, _db = app
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    sign_in(page, url, BOB)
    assert "Signed in as Bob Business (bob@example.com)" in sidebar(page)
    assert "Your roles: business user" in sidebar(page) and "maintainer" not in sidebar(page)
    page.get_by_role("button", name="Start a new assessment").wait_for(timeout=20_000)
    assert page.get_by_role("link", name="Maintainers").count() == 0
    shot(page, "signin-04-signed-in-business-user")
    page.goto(f"{url}/maintainers")
    page.get_by_text("You are not allowed to open this page").wait_for(timeout=30_000)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "it is for the maintainer role" in main and "Maintainers: question trees" not in main
    shot(page, "signin-05-maintainers-not-allowed")
    page.get_by_role("link", name="Go to the assessment").click()
    page.get_by_role("button", name="Start a new assessment").wait_for(timeout=20_000)
    page.context.close()


def test_roles_file_makes_a_legal_reviewer_shown_in_japanese(app, browser) -> None:
    url, _db = app
    page = browser.new_context(viewport={"width": 1300, "height": 900}, locale="ja-JP").new_page()
    page.goto(url)
    page.get_by_role("button", name="サインイン").wait_for(timeout=30_000)
    assert "組織のアカウントでサインインしてください" in page.locator('[data-testid="stMain"]').inner_text()
    shot(page, "signin-06-sign-in-screen-ja")
    sign_in(page, url, CAROL, button="サインイン", done="としてサインインしています")
    panel = sidebar(page)
    assert "Carol Counsel (carol@example.com) としてサインインしています" in panel
    assert "あなたのロール：事業部門の担当者、法務担当者" in panel
    assert page.get_by_role("link", name="メンテナー").count() == 0
    page.get_by_role("button", name="新しい評価を始める").wait_for(timeout=20_000)
    shot(page, "signin-07-legal-reviewer-ja")
    page.goto(f"{url}/maintainers")
    page.get_by_text("このページを開く権限がありません").wait_for(timeout=30_000)
    page.context.close()
