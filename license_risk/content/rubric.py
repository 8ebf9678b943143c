"""The shared risk rubric (licenses/rubric.yaml): one judgement of severity and category across all licenses.

Every finding declares the kind of risk it reports and its exposure (how the user's
plan meets the clause). The rubric turns kind, exposure and the license's facts
(`facts:` in its profile) into a category and a severity, so the same mechanism gets
the same rating in every license. A finding may depart from its kind only with an
`override` that gives a reason; `validate` lists every override for reviewers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from license_risk.content.model import (
    EXPOSURES,
    Category,
    Exposure,
    Finding,
    Id,
    LicenseFacts,
    SeverityName,
    Strict,
    Text,
)
from license_risk.content.schema_errors import load_validated
from license_risk.shipped import ROOT

FILE = "rubric.yaml"
FACT_NAMES = tuple(LicenseFacts.model_fields)


class SeverityRule(Strict):
    """One line of a kind's severity table: when the exposure and the facts match, the severity is `is`."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    exposure: list[Exposure] | None = None
    grant: list[Literal["revocable", "irrevocable"]] | None = None
    breach_termination: list[Literal["discretionary", "automatic", "none"]] | None = None
    update_right: list[Literal["express", "none"]] | None = None
    safety_clause: list[Literal["automatic", "breach", "none"]] | None = None
    is_: SeverityName = Field(alias="is")
    category: Category | None = Field(default=None, description="Only for a kind whose category follows the text.")

    def matches(self, exposure: str, facts: dict[str, str]) -> bool:
        if self.exposure is not None and exposure not in self.exposure:
            return False
        return all(getattr(self, name) is None or facts.get(name) in getattr(self, name) for name in FACT_NAMES)


class Kind(Strict):
    id: Id
    title: Text
    categories: list[Category] = Field(
        min_length=1, description="The category; where several are listed, each finding names the one its text gives."
    )
    rule: Text = Field(description="The severity rule in plain words, as shown to users and reviewers.")
    severity: list[SeverityRule] = Field(min_length=1, description="Checked in order; the first that matches applies.")
    roll_up: Literal["clear", "summary"] | None = Field(
        default=None,
        description="clear: a roll-up saying nothing is wrong now, which must never fire beside a high or critical finding; "
        "summary: a roll-up that gathers duties.",
    )
    needs_legal_review: bool = Field(default=False, description="Findings of this kind always rest on an open question.")

    @model_validator(mode="after")
    def _categories_by_text(self) -> Kind:
        for rule in self.severity:
            if rule.category is not None and rule.category not in self.categories:
                raise ValueError(f"rule category '{rule.category}' is not one of the kind's categories")
        return self


class Rubric(Strict):
    version: Text
    date: dt.date
    scale: dict[SeverityName, Text] = Field(description="What each severity means, shown to users.")
    exposures: dict[Exposure, Text] = Field(description="What each exposure means, for authors.")
    categories: dict[Category, Text] = Field(description="The category conventions, for authors.")
    kinds: list[Kind] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Rubric:
        missing = [e for e in EXPOSURES if e not in self.exposures]
        if missing:
            raise ValueError(f"exposures: no meaning given for {', '.join(missing)}")
        ids = [k.id for k in self.kinds]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"kinds listed twice: {', '.join(twice)}")
        return self

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)


class Judgement(Strict):
    """What the rubric says of one finding: its category and severity, and the rule that gave them."""

    category: Category
    severity: SeverityName
    rule: Text


def judge(kind: Kind, finding: Finding, facts: dict[str, str]) -> Judgement | str:
    """The rubric's category and severity for the finding, or why none applies."""
    assert finding.exposure is not None
    rule = next((r for r in kind.severity if r.matches(finding.exposure, facts)), None)
    if rule is None:
        shown = ", ".join(f"{k} {v}" for k, v in facts.items())
        return f"kind '{kind.id}' has no severity for exposure '{finding.exposure}' ({shown}); its rule: {kind.rule}"
    if finding.category is not None and finding.category not in kind.categories:
        return (
            f"kind '{kind.id}' is filed under {' or '.join(kind.categories)}, not {finding.category}: "
            "remove category, or give an override with a reason"
        )
    if rule.category is not None:
        category = rule.category
    elif len(kind.categories) == 1:
        category = kind.categories[0]
    elif finding.category in kind.categories:
        category = finding.category
    else:
        return f"kind '{kind.id}' is filed under one of {', '.join(kind.categories)}: say which in category"
    return Judgement(category=category, severity=rule.is_, rule=kind.rule)


def load_rubric(root: Path) -> Rubric | None:
    """The content folder's rubric, or the shipped one: a folder of other content is judged by the same rubric."""
    path = root / "licenses" / FILE
    if not path.is_file():
        root = ROOT
        path = ROOT / "licenses" / FILE
        if not path.is_file():
            return None
    name = path.relative_to(root).as_posix()
    _, rubric = load_validated(path, name, Rubric)
    return rubric


def unknown_kind(rubric: Rubric, kind_id: str) -> str:
    import difflib

    close = difflib.get_close_matches(kind_id, [k.id for k in rubric.kinds], n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"no kind '{kind_id}' in licenses/{FILE}{hint}"
