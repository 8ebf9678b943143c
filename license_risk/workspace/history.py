"""An assessment's answer history in words: each change as the History page lists it, and as the memo sums it up.

Times are stored in UTC; they are shown in the reader's time zone (the browser's), to the minute,
dated as the page's language writes dates. Values are shown as the user gave them: an option by
its label, a typed text or number as typed (a yen answer with the yen as entered).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from license_risk.content.catalog import Catalog
from license_risk.i18n import N_, format_datetime, listed, translator
from license_risk.i18n.labels import LOCAL_USER
from license_risk.memo.facts import AnswerChange
from license_risk.store.history import CHOICES, Event
from scoring.rating import answer_text

CHOICE_SUBJECTS = {
    "licenses": N_("The licenses chosen"),
    "models": N_("The models chosen"),
    "lineage": N_("How your model was built"),
}


@dataclass(frozen=True)
class HistoryRow:
    """One change as the History page shows it: every field plain text, in the page's language."""

    when: str
    who: str
    question: str
    old: str
    new: str
    tree_version: str  # "" for the assessment's own choices (licenses, models, lineage)


def moment(at: str, zone: dt.tzinfo) -> dt.datetime:
    """A stored time (ISO 8601, UTC) in the reader's time zone."""
    stamp = dt.datetime.fromisoformat(at)
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)).astimezone(zone)


def author_name(author: str, lang: str) -> str:
    """Who made a change, as shown: the local user in the page's language, anyone else as the sign-in names them."""
    return translator(lang)(LOCAL_USER) if author == LOCAL_USER else author


def history_rows(catalog: Catalog, events: Sequence[Event], lang: str, zone: dt.tzinfo) -> list[HistoryRow]:
    """Every change, the newest first (`catalog` in the page's language: its questions' texts are shown)."""
    return [
        HistoryRow(
            format_datetime(moment(e.at, zone), lang),
            author_name(e.author, lang),
            subject(catalog, e.tree_id, e.question_id, lang),
            value_text(catalog, e.tree_id, e.question_id, e.old_value, lang),
            value_text(catalog, e.tree_id, e.question_id, e.new_value, lang),
            e.tree_version or "",
        )
        for e in sorted(events, key=lambda e: e.seq, reverse=True)
    ]


def subject(catalog: Catalog, tree_id: str, question_id: str, lang: str) -> str:
    """What was changed: the question's text, or which of the assessment's own choices."""
    _ = translator(lang)
    if tree_id == CHOICES:
        return _(CHOICE_SUBJECTS[question_id]) if question_id in CHOICE_SUBJECTS else question_id
    found = catalog.question(tree_id, question_id)
    # a question the current trees no longer have: named by its ids, the only words left for it
    return found[1].text.strip() if found is not None else f"{tree_id}/{question_id}"


def value_text(catalog: Catalog, tree_id: str, question_id: str, value: Any, lang: str) -> str:
    """A value in words, as the user gave it."""
    _ = translator(lang)
    if value is None:
        return _("(no answer)")
    if tree_id == CHOICES:
        if question_id == "licenses" and isinstance(value, list):
            return listed([catalog.license_of(v).model.name if v in catalog.license_ids else str(v) for v in value], lang)
        if question_id == "lineage":
            components = value.get("components", []) if isinstance(value, dict) else []
            return _("{n} component(s)").format(n=len(components))
        return listed([str(v) for v in value], lang) if isinstance(value, list) else str(value)
    if isinstance(value, dict) and "yen" in value:  # a yen answer, as the answers file keeps it
        return _("{yen} at {rate} yen to the dollar ({date})").format(
            yen=value["yen"], rate=value.get("rate"), date=value.get("rate_date")
        )
    found = catalog.question(tree_id, question_id)
    if found is None:
        return str(value)
    try:
        return answer_text(found[1], value, lang)
    except (TypeError, ValueError, KeyError):  # a value the question no longer offers: shown as stored
        return str(value)


def memo_changes(events: Sequence[Event], zone: dt.tzinfo) -> list[AnswerChange]:
    """The changes as the memo's history appendix takes them: who, and when in the reader's time zone."""
    return [AnswerChange(e.author, moment(e.at, zone)) for e in events]
