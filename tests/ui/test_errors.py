"""A failure of the app itself: a short message with an error id in the page, the details in the server's log."""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def _page() -> None:
    from ui.errors import guarded

    def broken() -> None:
        raise RuntimeError("cannot read /srv/license-risk/secret.db")

    guarded(broken)()


def test_an_exception_shows_an_error_id_and_logs_the_details(caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="license_risk.ui"):
        at = AppTest.from_function(_page).run()
    assert not at.exception  # no traceback reaches the page
    (message,) = [e.value for e in at.error]
    error_id = re.search(r"\(error ([0-9a-f]{8})\)", message).group(1)
    assert "/srv" not in message and "RuntimeError" not in message
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and "/srv/license-risk/secret.db" in str(logged[0].exc_info[1])


def test_streamlit_shows_no_error_details_to_users() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
