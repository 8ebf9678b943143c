"""Background beside the license terms (licenses/background.yaml): notes per place of
establishment, and what openness means beyond the Open Source Definition.

None of it comes from a license text, so the memo shows it marked for counsel's review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from pydantic import Field

from license_risk.content.model import Id, Question, Strict, Text
from license_risk.content.problems import ContentError, Problem
from license_risk.content.schema_errors import load_validated
from license_risk.i18n import ENGLISH, format_date, translator

FILE = "background.yaml"


class JurisdictionNote(Strict):
    name: Text = Field(description="The place as the intake names it.")
    note: Text


class OpennessNotes(Strict):
    osaid: Text = Field(description="What the Open Source AI Definition turns on, and why no verdict is given.")
    eu_ai_act: Text = Field(description="The EU AI Act's open-source relief, and why it is contested.")


class Background(Strict):
    version: Text
    date: dt.date
    jurisdictions: dict[Id, JurisdictionNote] = Field(
        description="One note per option of the intake question `establishment`, keyed by the option's value."
    )
    openness: OpennessNotes


ESTABLISHMENT = "establishment"


def load_background(root: Path, intake_questions: Iterable[Question]) -> Background | None:
    """Read the notes and check their keys against the intake's answers for the place of establishment."""
    path = root / "licenses" / FILE
    if not path.is_file():
        return None
    name = path.relative_to(root).as_posix()
    doc, background = load_validated(path, name, Background)
    question = next((q for q in intake_questions if q.id == ESTABLISHMENT), None)
    if question is not None:
        wanted = [o.value for o in question.options]
        missing = [v for v in wanted if v not in background.jurisdictions]
        extra = [k for k in background.jurisdictions if k not in wanted]
        problems = [
            Problem(
                name,
                doc.line_of(("jurisdictions",)),
                "jurisdictions",
                f"no note for '{v}', an answer to the intake question '{ESTABLISHMENT}'",
            )
            for v in missing
        ] + [
            Problem(
                name,
                doc.line_of(("jurisdictions", k)),
                f"jurisdictions.{k}",
                f"'{k}' is not an answer to the intake question '{ESTABLISHMENT}' ({', '.join(wanted)})",
            )
            for k in extra
        ]
        if problems:
            raise ContentError(problems)
    return background


def background_intro(b: Background | None, lang: str = ENGLISH) -> str:
    """What the background is and is not, for the memo and the app."""
    _ = translator(lang)
    intro = _(
        "General background, not taken from any license text: what each license's governing law and open-source "
        "verdict can mean for you. It needs counsel's review before it is relied on"
    )
    if b is None:
        return intro + "."
    return intro + _(" (background notes {version}, {date}).").format(version=b.version, date=format_date(b.date, lang))


def background_notes(b: Background | None, establishment: object, lang: str = ENGLISH) -> tuple[tuple[str, str], ...]:
    """Labelled notes: the one for the user's place of establishment (intake answer), then openness."""
    if b is None:
        return ()
    _ = translator(lang)
    place = b.jurisdictions.get(establishment) if isinstance(establishment, str) else None
    if place is None:
        where = (
            _("Your place of establishment"),
            _("Not answered: answer the intake question on where your company is established."),
        )
    else:
        where = (_("Your place of establishment: {place}").format(place=place.name), " ".join(place.note.split()))
    return (
        where,
        (_("Open Source AI Definition"), " ".join(b.openness.osaid.split())),
        (_("EU AI Act open-source exemption"), " ".join(b.openness.eu_ai_act.split())),
    )
