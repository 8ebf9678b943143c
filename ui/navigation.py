"""The app's pages and their titles, in the session's language, and `run_app`, what each run of the script does.

The scripts Streamlit runs (ui/script/app.py, shipped in the wheel, and app.py in a checkout) only call
`run_app`: a script is recompiled on every rerun, an imported module once per process.

The pages are built per run for the person using the session (`ui.identity`): before sign-in only
the sign-in screen; after it, the Maintainers page only for maintainers. Its address answers
everyone else with a refusal rather than "page not found" or, worse, the page.
"""

from __future__ import annotations

import streamlit as st

from license_risk.access.roles import Role
from ui import assessment_list, history, identity, maintainer
from ui.errors import guarded
from ui.lang import _
from ui.routes import assessment_page

MAINTAINERS = "maintainers"


def page_title() -> str:
    return _("Open-model license risk")


def pages() -> list[st.Page]:
    if identity.provider_configured() and not identity.signed_in():
        # Both addresses lead to the sign-in screen; the provider brings the person back to the start.
        return [
            st.Page(identity.sign_in_screen, title=_("Sign in"), default=True),
            st.Page(identity.sign_in_screen, title=_("Sign in"), url_path=MAINTAINERS, visibility="hidden"),
        ]
    try:
        person = identity.current_person()
    except identity.RolesFileProblem as exc:
        broken = exc  # `exc` is unbound after the except clause; the page runs later

        def roles_file_broken() -> None:
            identity.roles_file_broken(broken)

        return [st.Page(roles_file_broken, title=_("Sign in"), default=True)]
    if person.signed_in:
        identity.account_panel(person)
    home = assessment_page()
    workspace = [
        home,
        st.Page(guarded(history.render), title=_("History"), icon="🕘", url_path="history"),
        st.Page(guarded(assessment_list.render), title=_("Assessments"), icon="🗂️", url_path="assessments"),
    ]
    if person.can_maintain:
        return [*workspace, st.Page(guarded(maintainer.render), title=_("Maintainers"), icon="🛠️", url_path=MAINTAINERS)]

    def maintainers_not_allowed() -> None:
        identity.not_allowed(_("Maintainers"), Role.MAINTAINER, home)

    return [*workspace, st.Page(maintainers_not_allowed, title=_("Maintainers"), url_path=MAINTAINERS, visibility="hidden")]


def run_app() -> None:
    """One run of the app: the page settings, then the page the address asks for."""
    st.set_page_config(page_title=page_title(), page_icon="⚖️", layout="wide")
    st.navigation(pages(), position="top").run()
