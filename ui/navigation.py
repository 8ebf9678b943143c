"""The app's pages and their titles, in the session's language (app.py stays tiny: it is recompiled on every rerun)."""

from __future__ import annotations

import streamlit as st

from ui import assessment_list, history, maintainer
from ui.errors import guarded
from ui.lang import _
from ui.routes import assessment_page


def page_title() -> str:
    return _("Open-model license risk")


def pages() -> list[st.Page]:
    return [
        assessment_page(),
        st.Page(guarded(history.render), title=_("History"), icon="🕘", url_path="history"),
        st.Page(guarded(assessment_list.render), title=_("Assessments"), icon="🗂️", url_path="assessments"),
        st.Page(guarded(maintainer.render), title=_("Maintainers"), icon="🛠️", url_path="maintainers"),
    ]
