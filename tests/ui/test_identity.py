"""Local mode and the sign-in screen, driven with AppTest (no browser); the real sign-in is in test_e2e_signin.py."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-string-for-the-test-only-0123456789",
    "client_id": "license-risk",
    "client_secret": "test-secret",
    "server_metadata_url": "http://localhost:1/.well-known/openid-configuration",
}


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_without_a_provider_the_app_opens_as_today_with_no_sign_in(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LICENSE_RISK_DB", str(tmp_path / "db.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "Start a new assessment" in labels(at)
    assert "Sign in" not in labels(at) and "Sign out" not in labels(at)
    assert not [t for t in at.sidebar.text if "Signed in as" in t.value]


def test_with_a_provider_nothing_but_the_sign_in_screen_shows_in_either_language(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LICENSE_RISK_DB", str(tmp_path / "db.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.run()
    assert not at.exception
    assert labels(at) == ["Sign in"]
    assert "sign in with your organisation's account" in at.markdown[0].value
    at.segmented_control[0].set_value("ja").run()
    assert labels(at) == ["サインイン"]
    assert at.title[0].value == "オープンモデルのライセンスリスク"


def signed_in_app(tmp_path, monkeypatch, roles: str, email: str = "bob@example.com") -> tuple[AppTest, object]:
    monkeypatch.setenv("LICENSE_RISK_DB", str(tmp_path / "db.sqlite3"))
    path = tmp_path / "roles.yaml"
    path.write_text(roles, encoding="utf-8")
    monkeypatch.setenv("LICENSE_RISK_ROLES_FILE", str(path))
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "sub": "b-1", "email": email, "name": "Bob"}
    return at.run(), path


def test_a_roles_file_broken_while_the_server_runs_stops_signed_in_people_with_its_line(tmp_path, monkeypatch) -> None:
    at, path = signed_in_app(tmp_path, monkeypatch, "bob@example.com: [legal-reviewer]\n")
    assert not at.exception and "Start a new assessment" in labels(at)
    assert [t.value for t in at.sidebar.text] == ["Signed in as Bob (bob@example.com)"]
    assert "Your roles: business user, legal reviewer" in [m.value for m in at.sidebar.markdown]

    path.write_text("bob@example.com: [legal-reviewer]\ncarol@example.com: [lawyer]\n", encoding="utf-8")
    at.run()
    assert not at.exception
    assert "Start a new assessment" not in labels(at) and "Sign out" in labels(at)
    assert "The roles file cannot be read" in at.error[0].value
    assert f"{path}:2: carol@example.com: 'lawyer' is not a role" in at.code[0].value

    path.write_text("bob@example.com: [maintainer]\n", encoding="utf-8")  # mended: read again, no restart
    at.run()
    assert "Start a new assessment" in labels(at)
    assert "Your roles: business user, maintainer" in [m.value for m in at.sidebar.markdown]
