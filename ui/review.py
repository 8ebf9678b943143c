"""The results page's review: a Review control on each finding, the status, and the sign-off with its confirmation.

What a decision is, when it is stale and what the status is are license_risk.review's; this module
collects the reviewer's input, hands it to the store, and says what happened.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from license_risk.content.model import Finding
from license_risk.content.printable import mark
from license_risk.decisions import Decision
from license_risk.review import Recorded, ReviewRefused, ReviewStatus, SignOff, make_decision, sign_off_outdated
from license_risk.review.words import outdated_line, sign_off_line, status_line, verdict_text, who
from license_risk.store.assessments import Store, StoreError
from ui import identity
from ui.labels import SEVERITY
from ui.lang import _, per_language
from ui.lang import current as session_lang

log = logging.getLogger(__name__)
VERDICTS = ["accept", "change_severity", "not_applicable", "withdraw"]
SEVERITIES = ["info", "low", "medium", "high", "critical"]


REVIEW_MODE = "review_mode"
SIGN_OFF_PANEL = "sign_off_panel"


def reviewing() -> bool:
    """Whether the findings are drawn with their Review controls: a reviewer who turned them on."""
    return reviewer_allowed() and bool(st.session_state.get(REVIEW_MODE, False))


def reviewer_allowed() -> bool:
    """Whether the current user may record decisions and sign off: a legal reviewer (`ui.identity`;
    in local mode the one user holds every role)."""
    return identity.can_review()


def reviewer_name() -> str:
    """The name decisions are recorded under: the signed-in e-mail address, or "local user" (as the answers' author)."""
    return identity.author()


@dataclass(frozen=True)
class Review:
    """The assessment's review as read from the store: every record, the decisions that count, the sign-off."""

    records: list[Recorded]
    decisions: list[Decision]
    signed: SignOff | None
    problem: str | None = None  # the store could not be read: said on the page


READ = "review_read"  # the last review read: (assessment id, its review state, Review)


def read_review(store: Store, assessment_id: str, state: tuple[int, int] | None = None) -> Review:
    """The decisions and the sign-off. With `state` (this run's `Glance.review`), read again only when it
    changed: a colleague's decision still shows on the next rerun, and a rerun without one reads nothing."""
    from license_risk.review import current

    kept = st.session_state.get(READ)
    if state is not None and kept is not None and kept[:2] == (assessment_id, state):
        return kept[2]
    try:
        records, signed = store.review(assessment_id)
    except StoreError as exc:
        log.warning("review of %s not read: %s", assessment_id, exc.detail)
        return Review([], [], None, exc.message)
    review = Review(records, current(records), signed)
    if state is not None:  # a concurrent write since the glance only makes the next run read again
        st.session_state[READ] = (assessment_id, state, review)
    return review


def _verdict_labels() -> dict[str, str]:
    return {
        "accept": _("Accept the risk"),
        "change_severity": _("Change the severity to …"),
        "not_applicable": _("Not applicable"),
        "withdraw": _("Withdraw my decision"),
    }


def review_control(
    store: Store, assessment_id: str, license_id: str, finding: Finding, decided: Decision | None, on_saved: Callable[[], None]
) -> None:
    """A small Review control under one finding: accept / change severity / not applicable, with a required reason."""
    key = f"rv:{license_id}:{finding.id}"
    error_key, saved_key = f"{key}:error", f"{key}:saved"
    with st.expander(_("Review this finding"), expanded=bool(st.session_state.get(error_key))):
        with st.form(key=f"{key}:form", clear_on_submit=False, border=False):
            options = VERDICTS if decided is not None else VERDICTS[:-1]
            # labels made now, not when formatted: a language switch must not meet labels of the other language
            labels = _verdict_labels()
            st.radio(_("Decision"), options, format_func=labels.__getitem__, key=f"{key}:verdict", horizontal=True)
            st.selectbox(
                _("New severity (with “Change the severity to …”)"),
                SEVERITIES,
                index=None,
                placeholder=_("Choose a severity"),
                format_func={level: _(SEVERITY[level]) for level in SEVERITIES}.__getitem__,
                key=per_language(f"{key}:severity"),
            )
            st.text_area(
                _("Reason (required)"),
                key=f"{key}:reason",
                max_chars=5_000,
                help=_("Why you decide so: kept exactly as written, with your name and the date."),
            )
            submitted = st.form_submit_button(_("Save the decision"))
        if submitted:
            _save(store, assessment_id, license_id, finding, key, on_saved)
        problem = st.session_state.get(error_key)
        if problem:
            st.error(problem)
        elif st.session_state.get(saved_key):
            st.success(st.session_state[saved_key])


def _save(store: Store, assessment_id: str, license_id: str, finding: Finding, key: str, on_saved: Callable[[], None]) -> None:
    verdict = st.session_state.get(f"{key}:verdict") or "accept"
    reason = st.session_state.get(f"{key}:reason") or ""
    severity = st.session_state.get(per_language(f"{key}:severity"))
    st.session_state[f"{key}:saved"] = None
    now = dt.datetime.now(dt.UTC)
    by = reviewer_name()
    decision: Decision | None = None
    if verdict != "withdraw":
        try:
            decision = make_decision(license_id, finding, verdict, reason, by, now.date(), severity=severity)
        except ReviewRefused as exc:
            st.session_state[f"{key}:error"] = {
                "blank_reason": _("Write a reason: a decision is kept with why it was made. Nothing was saved."),
                "no_severity": _("Choose the new severity for “Change the severity to …”. Nothing was saved."),
                "too_long": _("The reason is longer than 5,000 characters. Nothing was saved."),
            }.get(exc.code, _("This decision cannot be saved. Nothing was saved."))
            return
    try:
        store.decide(assessment_id, [Recorded(license_id, finding.id, by, now, decision)])
    except StoreError as exc:
        log.warning("decision on %s not saved: %s", assessment_id, exc.detail)
        st.session_state[f"{key}:error"] = _("The decision was not saved: {why}. Your reason is kept here; try again.").format(
            why=exc.message
        )
        return
    st.session_state[f"{key}:error"] = None
    st.session_state[f"{key}:saved"] = (
        _("Decision saved: {verdict}.").format(verdict=verdict_text(decision, session_lang()))
        if decision is not None
        else _("Your decision was withdrawn.")
    )
    on_saved()


def sign_off_panel(store: Store, assessment_id: str, review: Review, status: ReviewStatus, state: str) -> None:
    """The review status and the sign-off: who and when, outdated if something changed since; sign off with a confirmation."""
    lang = session_lang()
    st.markdown(f"**{mark(status_line(status, lang))}**")
    if review.problem:
        st.warning(_("The reviewer decisions cannot be read right now: {why}.").format(why=review.problem))
    signed = review.signed
    if signed is not None:
        text = sign_off_line(signed, lang) + (" " + _("Note: {note}").format(note=signed.note) if signed.note else "")
        if sign_off_outdated(signed, state):
            st.warning(mark(text + " " + outdated_line(lang)))
        else:
            st.success(mark(text))
    if not reviewer_allowed():
        return
    # Off until asked for: a control under every finding costs each rerun of the results page about
    # three times its time, and business users reading the findings do not need them.
    st.toggle(_("Review the findings (a decision control under each finding)"), key=REVIEW_MODE)
    panel = st.expander(_("Sign off this assessment"), key=SIGN_OFF_PANEL, on_change="rerun")  # lazy, as the policy panel
    if not panel.open:
        return
    with panel:
        st.caption(
            _(
                "Signing off records your name and the date with the assessment as it is now: its answers and the "
                "reviewer decisions. A later change shows the sign-off as outdated."
            )
        )
        st.text_input(_("Note (optional)"), key="so_note", max_chars=1_000)
        confirmed = st.checkbox(_("I have reviewed the findings and the decisions, and I sign off this assessment."), key="so_ok")
        st.button(
            _("Sign off"), key="so_go", disabled=not confirmed, type="primary", on_click=_sign, args=(store, assessment_id, state)
        )
        if st.session_state.get("so_error"):
            st.error(st.session_state.so_error)


def _sign(store: Store, assessment_id: str, state: str) -> None:
    note = st.session_state.get("so_note") or None
    try:
        store.sign_off(assessment_id, SignOff(reviewer_name(), dt.datetime.now(dt.UTC), state, note))
    except StoreError as exc:
        log.warning("sign-off of %s not saved: %s", assessment_id, exc.detail)
        st.session_state.so_error = _("The sign-off was not saved: {why}.").format(why=exc.message)
        return
    st.session_state.so_error = None
    st.session_state.so_ok = False  # the next sign-off is confirmed anew


__all__ = ["Review", "read_review", "review_control", "reviewer_allowed", "sign_off_panel", "who"]
