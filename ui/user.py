"""The person using this page: who they are, and the time zone their browser reads times in.

`current_user()` is the one place the app asks who is signed in. Until sign-in exists every
person is the local user (license_risk.i18n.labels.LOCAL_USER); the sign-in work returns the
signed-in person's email here, and the store, the history and the list follow.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from license_risk.store.history import LOCAL_USER


def current_user() -> str:
    """Who is using this page, as answer events and the list of assessments name them."""
    return LOCAL_USER


def reader_zone() -> dt.tzinfo:
    """The browser's time zone (times are stored in UTC); UTC when the browser does not say or names an unknown one."""
    name = st.context.timezone
    try:
        return ZoneInfo(name) if name else dt.UTC
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC
