"""The app's pages and their titles, in the session's language (app.py stays tiny: it is recompiled on every rerun)."""

from __future__ import annotations

import streamlit as st

from ui import maintainer
from ui.assessment import main
from ui.errors import guarded
from ui.lang import _


def page_title() -> str:
    return _("Open-model license risk")


def pages() -> list[st.Page]:
    return [
        st.Page(guarded(main), title=_("Assessment"), icon="⚖️", default=True),
        st.Page(guarded(maintainer.render), title=_("Maintainers"), icon="🛠️", url_path="maintainers"),
    ]
