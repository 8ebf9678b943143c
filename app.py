"""Streamlit entry point (`make run`). The pages live in the `ui` package.

Kept tiny on purpose: Streamlit recompiles this file on every rerun, while
imported modules are compiled once per process.
"""

import streamlit as st

from ui.assessment import main

st.set_page_config(page_title="Open-model license risk", page_icon="⚖️", layout="wide")
main()
