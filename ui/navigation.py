"""The app's pages and their titles, in the session's language, and `run_app`, what each run of the script does.

The scripts Streamlit runs (ui/script/app.py, shipped in the wheel, and app.py in a checkout) only call
`run_app`: a script is recompiled on every rerun, an imported module once per process.
"""

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


def run_app() -> None:
    """One run of the app: the page settings, then the page the address asks for."""
    st.set_page_config(page_title=page_title(), page_icon="⚖️", layout="wide")
    st.navigation(pages(), position="top").run()
