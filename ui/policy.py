"""The results page's organisation policy: upload a policy file, keep it for the session, show its problems.

Reading and applying the policy is license_risk.policy's; this only collects the file and says what
is wrong with it (each problem with its file and line), in the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from license_risk.content.catalog import Catalog
from license_risk.content.printable import mark
from license_risk.policy import MAX_POLICY_BYTES, LoadedPolicy, PolicyRefused, read_policy
from ui.lang import _
from ui.uploader import file_uploader

KEY = "org_policy"  # session state: the policy in use, kept when the uploader is not drawn (Back, other pages)
UPLOADS = "policy_uploads"  # a new uploader (key) after "Stop using": Streamlit cannot empty one


@dataclass(frozen=True)
class Kept:
    """The policy read from one upload: the file's id (the results' cache key) and the policy, or why it cannot be used."""

    file_id: str
    loaded: LoadedPolicy | None
    refused: PolicyRefused | None = None


def in_use() -> Kept | None:
    """The policy the results are shown against, if one was uploaded and can be used."""
    kept = st.session_state.get(KEY)
    return kept if isinstance(kept, Kept) and kept.loaded is not None else None


PANEL = "policy_panel"


def policy_panel(english: Catalog) -> None:
    """The uploader, folded under the results' top; what the file says is wrong, or which policy is in use."""
    kept: Kept | None = st.session_state.get(KEY)
    # Lazy (on_change="rerun"): closed, its uploader is not drawn, which every rerun of the results page paid for.
    panel = st.expander(
        _("Organisation policy"), expanded=kept is not None and kept.refused is not None, key=PANEL, on_change="rerun"
    )
    if not panel.open:
        return
    with panel:
        st.caption(
            _(
                "Upload your organisation's policy file (YAML or JSON; see examples/policy.yaml) to see, for each "
                "license, whether the policy allows it, needs a review or denies it, beside the tool's rating. "
                "The memo then includes the verdicts."
            )
        )
        key = f"policy_upload_{st.session_state.get(UPLOADS, 0)}"
        upload = file_uploader(_("Policy file"), key=key, limit=MAX_POLICY_BYTES, types=["yaml", "yml", "json"])
        if upload is not None and (kept is None or kept.file_id != upload.file_id):
            try:
                kept = Kept(upload.file_id, read_policy(upload.getvalue(), upload.name, english, dt.date.today()))
            except PolicyRefused as exc:
                kept = Kept(upload.file_id, None, exc)
            st.session_state[KEY] = kept
        if kept is None:
            return
        if kept.refused is not None:
            st.error(_("This policy file cannot be used; the results are shown without a policy."))
            st.text("\n".join("• " + mark(str(p)) for p in kept.refused.problems))
        elif kept.loaded is not None:
            # The name and file name are the user's text: never Markdown (see ui/plain.py).
            st.success(_("This policy is in use; each license's verdict shows under its rating above:"))
            st.text(mark(f"{kept.loaded.policy.name} ({kept.loaded.file})"))
            if kept.loaded.warnings:
                st.warning(_("Exceptions in this policy that no longer apply:"))
                st.text("\n".join("• " + mark(str(p)) for p in kept.loaded.warnings))

        def remove() -> None:
            st.session_state.pop(KEY, None)
            st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1

        st.button(_("Stop using this policy"), on_click=remove, key="policy_remove")
