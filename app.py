"""Streamlit entry point (`make run`). The pages live in `ui/`.

Kept tiny on purpose: Streamlit recompiles this file on every rerun, while
imported modules are compiled once per process.
"""

import streamlit as st

from ui.navigation import page_title, pages

st.set_page_config(page_title=page_title(), page_icon="⚖️", layout="wide")
st.navigation(pages(), position="top").run()
