"""Readable renderings of trees and assessments (plain text and JSON-ready data)."""

from __future__ import annotations

import textwrap
from typing import Any

from .catalog import Catalog
from .model import CATEGORIES, AllOf, AnyOf, Comparison, Condition, FindingRef, Not
from .rating import RATING_MEANING, Assessment, FindingResult, LicenseResult, answer_text, compare

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


def because_text(result: FindingResult) -> str:
    if not result.because:
        return "This applies whatever you answered."
    parts = [f"“{b.question.text.strip()}” → {b.answer_text}" for b in result.because]
    return "Because you answered " + "; ".join(parts) + "."


def assessment_text(catalog: Catalog, assessment: Assessment) -> str:
    w = assessment.walk
    p = w.progress
    lines = [f"Assessment of {len(assessment.results)} license(s): {p.answered} question(s) answered, {p.to_ask} still to ask."]
    if not w.complete:
        lines.append("Incomplete: findings that depend on unanswered questions are not shown as fired.")
    for r in assessment.results:
        lines += ["", *_license_text(r)]
    if len(assessment.results) > 1:
        lines += [
            "",
            "COMPARISON (worst first)",
            "  " + "license".ljust(28) + "rating".ljust(10) + "".join(c[:11].ljust(12) for c in CATEGORIES),
        ]
        for row in compare(assessment):
            lines.append(
                "  "
                + row.license.ljust(28)
                + row.rating.name.ljust(10)
                + "".join(row.levels[c].name.ljust(12) for c in CATEGORIES)
            )
    if w.set_aside:
        lines += ["", "ANSWERS SET ASIDE (their questions no longer apply; not scored)"]
        for s in w.set_aside:
            lines.append(_wrap(f"- {s.tree}/{s.question.id}: {answer_text(s.question, s.value)}", 2))
    return "\n".join(lines) + "\n"


def _license_text(r: LicenseResult) -> list[str]:
    m = r.license.model
    lines = [f"{m.name} ({m.version}) — rating: {r.rating.name.upper()}", _wrap(RATING_MEANING[r.rating], 2)]
    for caveat in m.text.caveats:
        lines.append(_wrap(f"Note on the text: {caveat}", 2))
    for c in CATEGORIES:
        lv = r.levels[c]
        because = f" ({', '.join(lv.findings)})" if lv.findings else ""
        lines.append(f"  {c:<12} {lv.level.name}{because}")
    for f in r.findings:
        review = "  [NEEDS LEGAL REVIEW]" if f.finding.needs_legal_review else ""
        lines.append("")
        lines.append(f"  [{f.finding.severity.upper()}] {f.finding.category}: {f.finding.title} ({f.finding.id}){review}")
        lines.append(_wrap(because_text(f), 4))
        for cc in f.clauses:
            lines.append(_wrap(f"{cc.profile.model.name} §{cc.clause.section} ({cc.clause.title}): “{cc.clause.quote}”", 4))
        lines.append(_wrap(f.finding.explanation, 4))
        if f.finding.action:
            lines.append(_wrap(f"What to do: {f.finding.action}", 4))
        if f.finding.review_note:
            lines.append(_wrap(f"Why review: {f.finding.review_note}", 4))
    if r.undetermined:
        lines.append(_wrap("Not yet determined (answer the remaining questions): " + ", ".join(f.id for f in r.undetermined), 2))
    return lines


def assessment_data(catalog: Catalog, assessment: Assessment) -> dict[str, Any]:
    """JSON-ready results: per license its rating, levels and findings with clause ids."""
    w = assessment.walk
    return {
        "complete": w.complete,
        "progress": {"answered": w.progress.answered, "to_ask": w.progress.to_ask},
        "licenses": [_license_data(r) for r in assessment.results],
        "comparison": [
            {"license": row.license, "rating": row.rating.name, "levels": {c: v.name for c, v in row.levels.items()}}
            for row in compare(assessment)
        ],
        "set_aside": [{"tree": s.tree, "question": s.question.id, "answer": s.value} for s in w.set_aside],
        "unanswered": [{"tree": t, "question": q.id} for t, q in w.pending + w.undetermined],
    }


def _license_data(r: LicenseResult) -> dict[str, Any]:
    m = r.license.model
    return {
        "id": r.id,
        "name": m.name,
        "version": m.version,
        "effective_date": m.effective_date.isoformat() if m.effective_date else None,
        "tree_version": r.tree_version,
        "rating": r.rating.name,
        "levels": {c: {"level": lv.level.name, "findings": list(lv.findings)} for c, lv in r.levels.items()},
        "findings": [
            {
                "id": f.finding.id,
                "title": f.finding.title,
                "category": f.finding.category,
                "severity": f.finding.severity,
                "needs_legal_review": f.finding.needs_legal_review,
                "clauses": [cc.ref for cc in f.clauses],
                "sections": [f"{cc.profile.model.id} §{cc.clause.section}" for cc in f.clauses],
                "because": [{"tree": b.tree, "question": b.question.id, "answer": b.value} for b in f.because],
                "explanation": f.finding.explanation,
                "action": f.finding.action,
                "review_note": f.finding.review_note,
            }
            for f in r.findings
        ],
        "undetermined": [f.id for f in r.undetermined],
    }
