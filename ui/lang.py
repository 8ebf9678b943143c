"""The language of this browser session, its `_` for the pages, and the switch that changes it.

The language lives in the session (`st.session_state.lang`) and in the assessment
(`Interview.lang`, saved with it), never in the process: one server serves many sessions. On a
session's first page it comes from the browser's locale (`st.context.locale`: ja-* is Japanese),
unless the assessment opened from a link brings its own.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from license_risk.i18n import LANGUAGES, NAMES, language, language_of_locale, translations

SWITCH = "lang_switch"


def current() -> str:
    """This session's language; on its first run, the browser's."""
    lang = st.session_state.get("lang")
    if lang is None:
        lang = language_of_locale(st.context.locale)
        st.session_state.lang = lang
    return lang


def per_language(key: str) -> str:
    """The key of a selectbox whose option labels are in the page's language: one widget per language.

    Streamlit's selectbox keeps the label it was sent as its value, so after a switch it went on
    showing the other language's label ("Memo in English" on a Japanese page).
    """
    return f"{key}:{current()}"


def set_current(lang: str) -> None:
    st.session_state.lang = language(lang)


def _(message: str) -> str:
    """The session's translation of one of the app's own strings (marked for `make i18n`)."""
    return translations(current()).gettext(message)


def language_switch(on_change: Callable[[str], None]) -> None:
    """One element at the top of the page: English / 日本語. `on_change` gets the language chosen."""
    st.session_state[SWITCH] = current()  # also brings the switch back after a click that deselected it

    def changed() -> None:
        chosen = st.session_state.get(SWITCH)
        if chosen in LANGUAGES and chosen != current():
            set_current(chosen)
            on_change(chosen)

    st.segmented_control(
        "Language / 言語",
        LANGUAGES,
        format_func=NAMES.__getitem__,
        key=SWITCH,
        on_change=changed,
        label_visibility="collapsed",
    )
