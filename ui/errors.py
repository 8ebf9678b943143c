"""What a user sees when the app itself fails: a short message with an error id, never a traceback.

The details, with the id, go to the server's log (logger "license_risk.ui"), so an
operator can find them from what the user reports. `client.showErrorDetails` is off
in .streamlit/config.toml for anything that escapes this (an exception in a callback).
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Callable

import streamlit as st

from ui.lang import _

log = logging.getLogger("license_risk.ui")


def guarded(render: Callable[[], None]) -> Callable[[], None]:
    """The page function, with any exception shown as a short message and logged with its id."""

    @functools.wraps(render)
    def run() -> None:
        try:
            render()
        except Exception:  # st.rerun and st.stop are BaseExceptions and pass through
            error_id = secrets.token_hex(4)
            log.exception("error %s on page %s", error_id, render.__name__)
            st.error(
                _(
                    "Something went wrong on our side (error {error_id}). Your answers in this page are kept: "
                    "reload the page to go on, and give this error id to whoever runs this server."
                ).format(error_id=error_id)
            )

    return run
