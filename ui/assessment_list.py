"""The Assessments page: the assessments the user owns or that are shared with them; open, duplicate, archive, restore.

Display and collect only: the lines come from `license_risk.workspace.listing`, the changes go
to the store. Archiving asks first and deletes nothing: archived assessments are listed under
"Archived", each with Restore. Titles and emails are what people typed: shown as plain text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from license_risk.content.printable import mark
from license_risk.content.problems import ContentError, InputError
from license_risk.store.assessments import StoreError
from license_risk.workspace.listing import ListedAssessment, checked_email, listed_assessments
from ui.assessment import content, flash, in_language, show_flash, store, switch_to
from ui.lang import _, language_switch
from ui.lang import current as session_lang
from ui.plain import md
from ui.routes import assessment_page
from ui.user import current_user, reader_zone

log = logging.getLogger("license_risk.ui")
CONFIRM = "archive_confirm"  # the id of the assessment whose archiving waits for a second click


def render() -> None:
    language_switch(lambda lang: None)
    st.header(_("Assessments"))
    try:
        catalog = in_language(content()[0], session_lang())
    except ContentError:
        st.error(_("The license content has problems; the assessment page lists them."))
        return
    show_flash()
    try:
        lines = listed_assessments(catalog, store().assessments(current_user()), current_user(), session_lang(), reader_zone())
    except StoreError as exc:
        log.warning("list of assessments not read: %s", exc.detail)
        st.error(md(_("The list cannot be read right now: {}."), exc.message))
        return
    listed = [line for line in lines if not line.archived]
    archived = [line for line in lines if line.archived]
    st.caption(_("Yours and those shared with you, the last changed first."))
    if not listed:
        st.info(_("No assessment yet. Start one on the Assessment page."))
    for line in listed:
        _line(line)
    if archived:
        with st.expander(_("Archived ({n})").format(n=len(archived))):
            st.caption(_("Hidden from the list, not deleted. Restore one to list it again."))
            for line in archived:
                _line(line)


def _line(line: ListedAssessment) -> None:
    with st.container(border=True, key=f"assessment_{line.id}"):
        st.text(mark(line.title))
        details = [
            _("Models: {models}").format(models=line.models),
            _("Status: {status}").format(status=line.status_label),
            _("Last change: {when}").format(when=line.last_change),
            _("Owner: {owner}").format(owner=line.owner) if not line.mine else _("Owner: you"),
        ]
        if line.duplicated_from:
            details.append(_("Duplicated from “{title}”").format(title=line.duplicated_from_title))
        if line.shared_with:
            details.append(_("Shared with: {emails}").format(emails=", ".join(line.shared_with)))
        st.text(mark(" · ".join(details)))
        if line.archived:
            st.button(_("Restore"), key=f"restore:{line.id}", on_click=_restore, args=(line,))
            return
        if st.session_state.get(CONFIRM) == line.id:
            st.warning(_("Archive this assessment? It is hidden from the list, not deleted: restore it under Archived."))
            with st.container(horizontal=True):
                st.button(_("Yes, archive it"), key=f"archive_yes:{line.id}", type="primary", on_click=_archive, args=(line,))
                st.button(_("Cancel"), key=f"archive_no:{line.id}", on_click=st.session_state.pop, args=(CONFIRM, None))
            return
        with st.container(horizontal=True):
            opened = st.button(_("Open"), key=f"open:{line.id}", type="primary")
            st.button(_("Duplicate as a starting point"), key=f"duplicate:{line.id}", on_click=_duplicate, args=(line,))
            if line.mine:
                st.button(_("Archive…"), key=f"archive:{line.id}", on_click=st.session_state.update, args=({CONFIRM: line.id},))
        if line.mine:
            with st.container(horizontal=True, vertical_alignment="bottom"):
                st.text_input(
                    _("Share with a reviewer: their email"),
                    key=f"share_email:{line.id}",
                    max_chars=300,
                    placeholder="name@example.com",
                    width=360,
                )
                st.button(_("Share"), key=f"share:{line.id}", on_click=_share, args=(line,))
            problem = st.session_state.get(f"share_problem:{line.id}")
            if problem:  # beside the field, which keeps what was typed; it may quote it: plain text
                st.error(_("Not shared:"))
                st.text(mark(problem))
        if opened:
            _open(line)


def _open(line: ListedAssessment) -> None:
    catalog = in_language(content()[0], session_lang())
    try:
        loaded = store().load(catalog, line.id)
    except (InputError, StoreError) as exc:
        st.error(md(_("Cannot open this assessment: {}."), _reason(exc)))
        return
    st.session_state.pop("chosen_licenses", None)  # the model step's picker shows this assessment's licenses
    switch_to(catalog, loaded.interview, loaded.seen)
    st.switch_page(assessment_page(), query_params={"a": line.id})


def _duplicate(line: ListedAssessment) -> None:
    try:
        new_id = store().duplicate(content()[0], line.id, current_user())
    except (InputError, StoreError) as exc:
        flash("error", md(_("Cannot duplicate this assessment: {}."), _reason(exc)))
        return
    flash("success", md(_("Duplicated as a new assessment ({}), listed first. Its history starts afresh."), new_id))


def _archive(line: ListedAssessment) -> None:
    st.session_state.pop(CONFIRM, None)
    _done(store().archive, line, _("Archived. Restore it under Archived."))


def _restore(line: ListedAssessment) -> None:
    _done(store().restore, line, _("Restored to the list."))


def _done(action: Callable[[str, str], bool], line: ListedAssessment, said: str) -> None:
    try:
        ok = action(line.id, current_user())
    except StoreError as exc:
        flash("error", md(_("Not changed: {}."), exc.message))
        return
    flash("success" if ok else "error", said if ok else _("Only its owner can archive or restore an assessment."))


def _share(line: ListedAssessment) -> None:
    typed = st.session_state.get(f"share_email:{line.id}") or ""
    st.session_state.pop(f"share_problem:{line.id}", None)
    try:
        email = checked_email(typed, session_lang())
        ok = store().share(line.id, email, current_user())
    except InputError as exc:
        st.session_state[f"share_problem:{line.id}"] = exc.problem.message
        return
    except StoreError as exc:
        flash("error", md(_("Not shared: {}."), exc.message))
        return
    st.session_state[f"share_email:{line.id}"] = ""
    if ok:
        flash("success", _("Shared. They see it in their list once they sign in."))
    else:
        flash("error", _("Only its owner can share an assessment."))


def _reason(exc: InputError | StoreError) -> str:
    return exc.problem.message if isinstance(exc, InputError) else exc.message
