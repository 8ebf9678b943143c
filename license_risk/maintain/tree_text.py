"""A question tree as text for review (`python -m scoring questions`), and conditions in words."""

from __future__ import annotations

import textwrap
from typing import Any

from license_risk.content.catalog import Catalog
from license_risk.content.model import AllOf, AnyOf, Comparison, Condition, FindingRef, Not

_OPS = {
    "equals": "is",
    "not_equals": "is not",
    "in": "is one of",
    "contains": "includes",
    "greater_than": ">",
    "at_least": ">=",
    "less_than": "<",
    "at_most": "<=",
}


def condition_text(cond: Condition | None) -> str:
    if cond is None:
        return "always"
    if isinstance(cond, AllOf):
        return "all of (" + "; ".join(condition_text(c) for c in cond.all) + ")"
    if isinstance(cond, AnyOf):
        return "any of (" + "; ".join(condition_text(c) for c in cond.any) + ")"
    if isinstance(cond, Not):
        return "not (" + condition_text(cond.not_) + ")"
    if isinstance(cond, FindingRef):
        return f"finding '{cond.finding}' fires"
    assert isinstance(cond, Comparison)
    if cond.operator == "answered":
        return f"{cond.question} is {'answered' if cond.value else 'not answered'}"
    return f"{cond.question} {_OPS[cond.operator]} {_value(cond.value)}"


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, (int, float)):
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
    return repr(v)


def _wrap(text: str, indent: int) -> str:
    pad = " " * indent
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=pad, subsequent_indent=pad)


def tree_text(catalog: Catalog, tree_id: str) -> str:
    tree = catalog.trees[tree_id]
    lines: list[str] = []
    if tree.model.kind == "license":
        profile = catalog.license_of(tree_id).model
        lines.append(f"{profile.name} ({profile.version})")
        lines.append(f"Question tree {tree.id} version {tree.model.version}, {tree.model.date}; file {tree.file}")
        lines.append(
            f"Official text: licenses/texts/{profile.text.file}"
            + (f" ({profile.date_as_printed})" if profile.date_as_printed else "")
        )
        for caveat in profile.text.caveats:
            lines.append(_wrap(f"Caveat: {caveat}", 0))
        lines.append(
            f"Governing law: {profile.governing_law.law if profile.governing_law else '-'}; venue: {profile.governing_law.venue if profile.governing_law else '-'}"
        )
        lines.append("")
        lines.append(
            f"Shared intake (asked first, version {catalog.intake.model.version}): "
            + ", ".join(q.id for q in catalog.intake.order)
        )
    else:
        lines.append(f"{tree.model.title}: tree {tree.id} version {tree.model.version}, {tree.model.date}; file {tree.file}")
    lines.append("")
    lines.append("QUESTIONS (in asking order)")
    for n, q in enumerate(tree.order, 1):
        lines.append(f"{n:3}. {q.id} [{q.kind}]")
        lines.append(_wrap(q.text, 7))
        if q.help:
            lines.append(_wrap(f"Help: {q.help}", 7))
        for o in q.options or []:
            lines.append(_wrap(f"- {o.value}: {o.label}", 9))
        if q.kind == "number" and (q.minimum is not None or q.maximum is not None or q.unit):
            lines.append(
                f"       Range: {q.minimum if q.minimum is not None else '-'} to {q.maximum if q.maximum is not None else '-'} {q.unit or ''}".rstrip()
            )
        lines.append(_wrap(f"Asked when: {condition_text(q.when)}", 7))
        for ref in q.probes:
            lines.append(_wrap(f"Probes: {_clause_line(catalog, tree_id, ref)}", 7))
    if tree.model.findings:
        lines.append("")
        lines.append("FINDINGS")
        for f in tree.model.findings:
            review = " · NEEDS LEGAL REVIEW" if f.needs_legal_review else ""
            lines.append(f"  - {f.id} [{f.severity} {f.category}{review}]: {f.title}")
            lines.append(_wrap(f"When: {condition_text(f.when)}", 6))
            for ref in f.clauses:
                lines.append(_wrap(f"Rests on: {_clause_line(catalog, tree_id, ref)}", 6))
            lines.append(_wrap(f"Explanation: {f.explanation}", 6))
            if f.action:
                lines.append(_wrap(f"Action: {f.action}", 6))
            if f.review_note:
                lines.append(_wrap(f"Review note: {f.review_note}", 6))
    if tree.model.open_questions:
        lines.append("")
        lines.append("OPEN QUESTIONS")
        for oq in tree.model.open_questions:
            lines.append(_wrap(f"- {oq.id}: {oq.text}", 2))
    return "\n".join(lines) + "\n"


def _clause_line(catalog: Catalog, owner: str, ref: str) -> str:
    resolved = catalog.clause(owner, ref)
    if resolved is None:
        return ref
    profile, clause = resolved
    return f"{profile.model.name} §{clause.section} {clause.title}: “{clause.quote}”"
