"""The person using this page: who they are, and the time zone their browser reads times in.

`current_user()` is what the history and the list of assessments name the person by: the signed-in
e-mail address (`ui.identity`), or the local user (license_risk.i18n.labels.LOCAL_USER) when no
identity provider is configured.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from ui import identity


def current_user() -> str:
    """Who is using this page, as answer events and the list of assessments name them."""
    return identity.author()


def reader_zone() -> dt.tzinfo:
    """The browser's time zone (times are stored in UTC); UTC when the browser does not say or names an unknown one."""
    name = st.context.timezone
    try:
        return ZoneInfo(name) if name else dt.UTC
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC
