"""Who is using this session, and what they may do: the one place pages ask (`current_person`, `author`,
`can_review`, `can_maintain`).

With no identity provider in Streamlit's secrets (`[auth]` in `.streamlit/secrets.toml`), the local
default, the app is a single-user tool: the person is `LOCAL_PERSON`, holding every role, recorded
as "local user", and nothing here is drawn. With one, nobody sees a page before signing in
(`st.login`), and a signed-in person's roles are decided by `license_risk.access` from their ID
token's claims and the roles file; this module only reads `st.user` and draws the sign-in screen,
the account panel and the "not allowed" page.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from license_risk.access.person import LOCAL_PERSON, AccessSettings, Person, signed_in_person
from license_risk.access.roles import Role, RolesFile, read_roles_file
from license_risk.content.printable import mark
from license_risk.content.problems import ContentError, InputError, Problem
from license_risk.i18n import N_
from ui.lang import _, language_switch

log = logging.getLogger("license_risk.ui")

ROLE_LABELS = {
    Role.BUSINESS_USER: N_("business user"),
    Role.LEGAL_REVIEWER: N_("legal reviewer"),
    Role.MAINTAINER: N_("maintainer"),
}
_LOGGED_IGNORED = "identity_logged_ignored"


class NotSignedIn(RuntimeError):
    """Asked for the person before the sign-in screen let anyone through (a page ran too early)."""


def provider_configured() -> bool:
    """True when Streamlit's secrets hold an `[auth]` section: sign-in is then required.

    Read once per browser session: without a secrets file, Streamlit's check opens each secrets path
    again on every call, a tenth of a click's time. A provider configured while the server runs
    applies to the sessions opened after it (the README asks for a restart anyway).
    """
    known: bool | None = st.session_state.get(_PROVIDER)
    if known is None:
        known = st.session_state[_PROVIDER] = bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    return known


_PROVIDER = "identity_provider_configured"


class RolesFileProblem(Exception):
    """The roles file cannot be used: every problem, each with its file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def roles_file(settings: AccessSettings) -> RolesFile | None:
    """The roles file, read again when it changes on disk; RolesFileProblem if it cannot be used."""
    if settings.roles_file is None:
        return None
    try:
        stat = settings.roles_file.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)  # read_roles_file names the reason
    return _read(str(settings.roles_file), stamp)


@functools.lru_cache(maxsize=4)
def _cached(path: str, stamp: tuple[int, int]) -> RolesFile | list[Problem]:
    del stamp  # part of the key only: a changed file is read again
    try:
        return read_roles_file(Path(path))
    except ContentError as exc:
        return exc.problems
    except InputError as exc:
        return [exc.problem]


def _read(path: str, stamp: tuple[int, int]) -> RolesFile:
    got = _cached(path, stamp)
    if isinstance(got, list):
        raise RolesFileProblem(got)
    return got


def signed_in() -> bool:
    # `.get`: st.user has no is_logged_in key outside a real server session (AppTest), which means "not signed in"
    return bool(st.user.get("is_logged_in", False))


def current_person() -> Person:
    """The person using this session. Local mode: the local user with every role."""
    if not provider_configured():
        return LOCAL_PERSON
    if not signed_in():
        raise NotSignedIn("no page runs before sign-in")
    settings = AccessSettings.from_environ()
    decision = signed_in_person(st.user.to_dict(), settings, roles_file(settings))
    if decision.ignored_claim_values and not st.session_state.get(_LOGGED_IGNORED):
        st.session_state[_LOGGED_IGNORED] = True
        log.info(
            "claim %r of %s: values that are not this app's roles, ignored: %s",
            settings.claim,
            decision.person.author,
            ", ".join(decision.ignored_claim_values),
        )
    return decision.person


def author() -> str:
    """What the history records as the author of this session's saves: the e-mail address, or "local user"."""
    return current_person().author


def can_review() -> bool:
    """May take a legal reviewer's actions."""
    return current_person().can_review


def can_maintain() -> bool:
    """May open the Maintainers page."""
    return current_person().can_maintain


def role_names(person: Person) -> str:
    return _(", ").join(_(ROLE_LABELS[r]) for r in Role if r in person.roles)


def sign_in_screen() -> None:
    """The only page before sign-in: what this is, and the button that goes to the organisation's provider."""
    language_switch(lambda _lang: None)
    st.title(_("Open-model license risk"))
    st.markdown(
        _(
            "This server asks you to sign in with your organisation's account first. Your e-mail address is "
            "recorded with the answers you save, and your roles decide what you can open."
        )
    )
    st.button(_("Sign in"), type="primary", on_click=st.login)


def roles_file_broken(exc: RolesFileProblem) -> None:
    """Signed in, but the roles file cannot be read: no page opens (roles would be guessed)."""
    st.error(_("The roles file cannot be read, so this server cannot tell what you may do. Tell whoever runs this server:"))
    st.code("\n".join(str(p) for p in exc.problems), language=None)
    st.button(_("Sign out"), on_click=st.logout)


def account_panel(person: Person) -> None:
    """In the sidebar, for a signed-in person: who they are, their roles, and signing out."""
    with st.sidebar:
        shown = person.name if person.email in (None, person.name) else f"{person.name} ({person.email})"
        st.text(_("Signed in as {who}").format(who=mark(shown)))  # the provider's text: never Markdown (ui/plain.py)
        st.markdown(_("Your roles: {roles}").format(roles=role_names(person)))
        st.button(_("Sign out"), key="identity_sign_out", on_click=st.logout)


def not_allowed(page: str, role: Role, home: StreamlitPage) -> None:
    """What a person without the role sees at a page's address: a clear refusal, not the page."""
    st.title(page)
    st.error(
        _(
            "You are not allowed to open this page: it is for the {role} role. Your roles: {roles}. "
            "Ask whoever runs this server if you need it."
        ).format(role=_(ROLE_LABELS[role]), roles=role_names(current_person()))
    )
    st.page_link(home, label=_("Go to the assessment"), icon="⚖️")
