"""The list of assessments a person sees, in words: title, models, status, last change, owner and sharing.

The title is the organisation answered in the first questions (the memo's subject), else the
person it was prepared for, else "Untitled assessment". The status is a reviewer's decision once there
is one (reviewed, signed off); before that it is read from the answers: answered when every
question of the licenses assessed is answered, else in progress.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.problems import InputError, Problem
from license_risk.i18n import N_, format_datetime, listed, translator
from license_risk.store.listing import REVIEWED, SIGNED_OFF, Summary
from license_risk.workspace.history import author_name, moment
from scoring.answers import LoadedAnswers, parse_answers
from scoring.engine import walk

IN_PROGRESS, ANSWERED = "in_progress", "answered"
STATUSES: Final = (IN_PROGRESS, ANSWERED, REVIEWED, SIGNED_OFF)
STATUS_LABELS: Final = {
    IN_PROGRESS: N_("In progress"),
    ANSWERED: N_("Answered"),
    REVIEWED: N_("Reviewed"),
    SIGNED_OFF: N_("Signed off"),
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
MAX_EMAIL = 254  # RFC 5321's limit on an address


@dataclass(frozen=True)
class ListedAssessment:
    """One line of the list: every text plain, in the page's language."""

    id: str
    title: str
    models: str  # the models picked, else the licenses assessed
    status: str  # one of STATUSES
    status_label: str
    last_change: str
    owner: str
    shared_with: tuple[str, ...]
    mine: bool  # owned by the person looking (else shared with them)
    archived: bool
    duplicated_from: str | None  # the id of the assessment it was started from
    duplicated_from_title: str = ""  # that one's title, if this person sees it; else its id


def _read(catalog: Catalog, summary: Summary) -> LoadedAnswers | None:
    try:
        return parse_answers(summary.answers.encode("utf-8"), "saved.json", catalog)
    except InputError:
        return None  # answers the current trees cannot read: opening it says what to do


def status_of(catalog: Catalog, summary: Summary, loaded: LoadedAnswers | None = None) -> str:
    """The reviewer's decision if there is one, else whether every question is answered."""
    if summary.review_status in (REVIEWED, SIGNED_OFF):
        return summary.review_status
    loaded = loaded or _read(catalog, summary)
    if loaded is None:
        return IN_PROGRESS
    licenses = list(loaded.licenses)
    if not licenses and (loaded.lineage is None or not loaded.lineage.licenses):
        return IN_PROGRESS  # nothing chosen to assess yet
    return ANSWERED if walk(catalog, licenses, loaded.answers, loaded.lineage).complete else IN_PROGRESS


def title_of(summary: Summary, lang: str) -> str:
    intake = (json.loads(summary.answers).get("answers") or {}).get(INTAKE) or {}
    for key in ("organisation", "prepared_for"):
        value = intake.get(key)
        if isinstance(value, str) and value.strip():
            return value  # as typed
    _ = translator(lang)
    return _("Untitled assessment")


def models_of(catalog: Catalog, summary: Summary, lang: str, loaded: LoadedAnswers | None = None) -> str:
    """The models picked; else the model a lineage describes; else the licenses chosen."""
    _ = translator(lang)
    if summary.models:
        return listed(list(summary.models), lang)
    if loaded is not None and loaded.lineage is not None:
        return loaded.lineage.model_name
    licenses = json.loads(summary.answers).get("licenses") or []
    names = [f"{catalog.license_of(lic).model.name}" if lic in catalog.license_ids else str(lic) for lic in licenses]
    return listed(names, lang) if names else _("(none chosen yet)")


def listed_assessments(
    catalog: Catalog, summaries: Sequence[Summary], user: str, lang: str, zone: dt.tzinfo
) -> list[ListedAssessment]:
    """The list's lines, in the store's order (the last changed first)."""
    _ = translator(lang)
    titles = {s.id: title_of(s, lang) for s in summaries}
    out = []
    for s in summaries:
        loaded = _read(catalog, s)
        status = status_of(catalog, s, loaded)
        out.append(
            ListedAssessment(
                s.id,
                title_of(s, lang),
                models_of(catalog, s, lang, loaded),
                status,
                _(STATUS_LABELS[status]),
                format_datetime(moment(s.updated, zone), lang),
                author_name(s.owner, lang),
                s.shared_with,
                s.owner == user,
                s.archived is not None,
                s.duplicated_from,
                titles.get(s.duplicated_from, s.duplicated_from) if s.duplicated_from else "",
            )
        )
    return out


def checked_email(text: str, lang: str) -> str:
    """A reviewer's email as typed, without the spaces around it; InputError saying, in `lang`, what is wrong."""
    _ = translator(lang)
    email = text.strip()
    if not email:
        raise InputError(Problem("email", None, "", _("Give the reviewer's email address.")))
    if len(email) > MAX_EMAIL or not EMAIL.match(email) or not email.isprintable():
        raise InputError(
            Problem("email", None, "", _("“{text}” is not an email address (like name@example.com).").format(text=email))
        )
    return email
