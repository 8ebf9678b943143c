"""The History page: every change of the open assessment's answers, the newest first.

Display only: the rows come from `license_risk.workspace.history`, the events from the store.
"""

from __future__ import annotations

import logging

import streamlit as st

from license_risk.content.printable import mark
from license_risk.content.problems import ContentError
from license_risk.store.assessments import StoreError
from license_risk.workspace.history import history_rows
from license_risk.workspace.listing import title_of
from ui.assessment import content, in_language, show_html, store
from ui.blocks import table
from ui.lang import _, language_switch
from ui.lang import current as session_lang
from ui.plain import md
from ui.user import current_user, reader_zone

log = logging.getLogger("license_risk.ui")


def render() -> None:
    language_switch(lambda lang: None)  # the assessment keeps its language until it is next saved
    st.header(_("Answer history"))
    iv = st.session_state.get("iv")
    try:
        catalog = in_language(content()[0], session_lang())
    except ContentError:
        st.error(_("The license content has problems; the assessment page lists them."))
        return
    if iv is None:
        st.info(_("No assessment is open. Open one from Assessments, or start one on the Assessment page."))
        return
    try:
        events = store().history(iv.id)
        summary = store().summary(iv.id, current_user())
        source = store().summary(summary.duplicated_from, current_user()) if summary and summary.duplicated_from else None
    except StoreError as exc:
        log.warning("history of %s not read: %s", iv.id, exc.detail)
        st.error(md(_("The history cannot be read right now: {}."), exc.message))
        return
    if summary is not None:
        st.text(mark(_("Assessment: {title}").format(title=title_of(summary, session_lang()))))
    if summary is not None and summary.duplicated_from:
        # the source's title is user text: shown as plain text
        named = title_of(source, session_lang()) if source is not None else summary.duplicated_from
        st.text(
            mark(_("Duplicated from “{title}” ({id}); its history starts here.").format(title=named, id=summary.duplicated_from))
        )
    if not events:
        st.info(_("No answer has been saved yet."))
        return
    zone = reader_zone()
    st.caption(md(_("{} change(s), the newest first. Times are in {}."), len(events), str(zone)))
    rows = history_rows(catalog, events, session_lang(), zone)
    show_html(
        table(
            [
                {
                    _("When"): r.when,
                    _("Who"): r.who,
                    _("Question"): r.question,
                    _("Before"): r.old,
                    _("After"): r.new,
                    _("Question tree version"): r.tree_version,
                }
                for r in rows
            ],
            label=_("Answer history"),
        )
    )
