"""Streamlit front end. It only displays and collects; the engine lives in `scoring`.

For now it shows the licenses the tool covers; the guided assessment comes next.
"""

from __future__ import annotations

import streamlit as st

from scoring.catalog import Catalog, load_catalog
from scoring.problems import ContentError
from scoring.view import license_rows

st.set_page_config(page_title="Open-model license risk", page_icon="⚖️", layout="wide")


@st.cache_resource
def catalog() -> Catalog:
    return load_catalog()


st.title("Open-model license risk assessment")
st.write(
    "Before you build on an open-weight model, find out what its license lets the licensor do to you: "
    "end your rights, reach into your derived models, or bind your users. Each finding cites the clause it rests on."
)
st.info("This tool gives information, not legal advice. Have counsel review the findings before you rely on them.")

try:
    content = catalog()
except ContentError as exc:
    st.error(f"The license content has {len(exc.problems)} problem(s); fix them and reload the page.")
    st.code("\n".join(str(p) for p in exc.problems), language=None)
    st.stop()

st.subheader("Licenses covered")
rows = license_rows(content)
st.table([{k: v for k, v in row.items() if k != "Notes on the text"} for row in rows])
with st.expander("Notes on the official texts used"):
    for row in rows:
        st.caption(f"{row['License']}: {row['Notes on the text']}")
