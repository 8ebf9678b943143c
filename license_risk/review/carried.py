"""Decisions and the sign-off in an answers file (format version 4), written and read back.

    review:
      decisions: [{finding, license, verdict, severity?, by, date, reason, fingerprint}, ...]
      sign_off: {by, at, state, note?}

Reading never fails on a bad entry: each decision that fits is kept, each one that does not is a
problem with the file and line, and the answers are not touched.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, ValidationError

from license_risk.content.catalog import Catalog
from license_risk.content.model import Strict
from license_risk.content.problems import Problem
from license_risk.content.schema_errors import problems_from
from license_risk.content.yamlsource import Document
from license_risk.decisions import WHOLE_LICENSE, Decision
from license_risk.i18n import N_, Message
from license_risk.review.record import SignOff

REVIEW_KEY = "review"


class _SignOff(Strict):
    by: str = Field(min_length=1, max_length=300)
    at: dt.datetime
    state: str = Field(pattern=r"^[0-9a-f]{16}$")
    note: str | None = Field(default=None, max_length=5_000)


class _Review(Strict):
    decisions: list[Any] = Field(default_factory=list)  # each checked on its own: a bad one loses nothing else
    sign_off: Any = None


def carried_data(decisions: list[Decision], sign_off: SignOff | None) -> dict[str, Any] | None:
    """The `review` block of an answers file, or None when there is nothing to carry."""
    if not decisions and sign_off is None:
        return None
    data: dict[str, Any] = {"decisions": [d.model_dump(mode="json", exclude_none=True) for d in decisions]}
    if sign_off is not None:
        data["sign_off"] = {"by": sign_off.by, "at": sign_off.at.isoformat(timespec="seconds"), "state": sign_off.state}
        if sign_off.note:
            data["sign_off"]["note"] = sign_off.note
    return data


def read_carried(
    raw: Any, doc: Document | None, catalog: Catalog, problems: list[Problem]
) -> tuple[list[Decision], SignOff | None]:
    """The decisions and sign-off of a file's `review` block; what cannot be kept goes to `problems`, with its line."""
    if raw is None:
        return [], None
    name = doc.name if doc is not None else "answers"
    base: tuple[Any, ...] = (REVIEW_KEY,)

    def line(loc: tuple[Any, ...]) -> int | None:
        return doc.line_of(loc) if doc is not None else None

    if not isinstance(raw, dict):
        problems.append(
            Problem.of(name, line(base), REVIEW_KEY, Message.of(N_("expects a mapping with decisions and sign_off; not kept")))
        )
        return [], None
    try:
        block = _Review.model_validate(raw)
    except ValidationError as exc:
        problems += [_not_kept(p, Message.of(N_("review not kept"))) for p in _found(exc, doc, _Review, base, name)]
        return [], None
    decisions: list[Decision] = []
    for i, item in enumerate(block.decisions):
        at = (*base, "decisions", i)
        where = f"{REVIEW_KEY}.decisions[{i}]"
        try:
            d = Decision.model_validate(item)
        except ValidationError as exc:
            problems += [_not_kept(p, Message.of(N_("decision not kept"))) for p in _found(exc, doc, Decision, at, name)]
            continue
        if d.license not in catalog.trees or (d.finding != WHOLE_LICENSE and d.finding not in catalog.trees[d.license].findings):
            problems.append(
                Problem.of(
                    name,
                    line(at),
                    where,
                    Message.of(
                        N_("no finding '{finding}' of license '{license}' in this tool; decision not kept"),
                        finding=d.finding,
                        license=d.license,
                    ),
                )
            )
            continue
        decisions.append(d)
    sign_off = None
    if block.sign_off is not None:
        try:
            s = _SignOff.model_validate(block.sign_off)
            at_utc = s.at if s.at.tzinfo is not None else s.at.replace(tzinfo=dt.UTC)
            sign_off = SignOff(s.by, at_utc, s.state, s.note)
        except ValidationError as exc:
            problems += [
                _not_kept(p, Message.of(N_("sign-off not kept"))) for p in _found(exc, doc, _SignOff, (*base, "sign_off"), name)
            ]
    return decisions, sign_off


def _found(exc: ValidationError, doc: Document | None, root: type[Strict], base: tuple[Any, ...], name: str) -> list[Problem]:
    if doc is not None:
        return problems_from(exc, doc, root, base=base, limit=3)
    where = ".".join(str(p) for p in base)
    return [Problem(name, None, where, str(e["msg"])) for e in exc.errors(include_url=False)[:3]]


def _not_kept(p: Problem, what: Message) -> Problem:
    return Problem.of(p.file, p.line, p.where, Message.of(N_("{problem}; {what}"), problem=p.words or p.message, what=what))
