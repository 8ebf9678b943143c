"""The app's pages as Streamlit pages, apart from the navigation so that a page can send the user to another.

A page switched to is matched by its `url_path`, so each is built the same way wherever it is asked for.
"""

from __future__ import annotations

import streamlit as st

from ui.assessment import main
from ui.errors import guarded
from ui.lang import _


def assessment_page() -> st.Page:
    return st.Page(guarded(main), title=_("Assessment"), icon="⚖️", default=True)
