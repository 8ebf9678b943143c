"""Streamlit entry point (`make run`). The pages live in `ui/`.

Kept tiny on purpose: Streamlit recompiles this file on every rerun, while
imported modules are compiled once per process.
"""

import streamlit as st

from ui import maintainer
from ui.assessment import main
from ui.errors import guarded

st.set_page_config(page_title="Open-model license risk", page_icon="⚖️", layout="wide")
page = st.navigation(
    [
        st.Page(guarded(main), title="Assessment", icon="⚖️", default=True),
        st.Page(guarded(maintainer.render), title="Maintainers", icon="🛠️", url_path="maintainers"),
    ],
    position="top",
)
page.run()
