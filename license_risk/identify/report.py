"""An identification as plain data (for JSON) and as text for a person."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from license_risk.identify.match import Candidate, Difference, Identification

SHOWN_CHARS = 1200  # of one passage in the text view; the JSON has all of it


def identification_data(result: Identification, file: str) -> dict[str, Any]:
    """Everything the identification found, as JSON-ready data."""
    return {
        "file": file,
        "verdict": result.verdict,
        "license": _candidate(result.asserted),
        "closest_not_asserted": _candidate(result.best) if result.verdict == "unknown" else None,
        "runner_up": _candidate(result.runner_up),
        "needs_legal_review": result.needs_legal_review,
        "review_reason": result.review_reason,
        "differences": [asdict(d) for d in result.differences],
        "notes": list(result.notes),
    }


def _candidate(c: Candidate | None) -> dict[str, Any] | None:
    if c is None:
        return None
    data = asdict(c)
    data["text"] = f"licenses/texts/{c.file}"
    del data["file"]
    return data


def _name(c: Candidate) -> str:
    return f"{c.name} ({', '.join(c.profiles)}), version {c.version}"


def identification_text(result: Identification, file: str) -> str:
    """The identification as a person reads it: verdict, license, score, runner-up, differences."""
    lines = [f"{file}:"]
    best, runner = result.best, result.runner_up
    if result.verdict == "unknown":
        lines.append("  verdict: unknown (not close enough to any license text held here)")
        if best is not None:
            lines.append(f"  closest, not asserted: {_name(best)}, similarity {best.score:.3f}")
    elif best is not None:  # identical and modified always name the license
        lines.append(f"  verdict: {result.verdict}: {_name(best)}")
        lines.append(
            f"  similarity: {best.score:.3f} ({best.held_coverage:.0%} of the official text found in the file, "
            f"{best.file_coverage:.0%} of the file found in it)"
        )
    if runner is not None:
        lines.append(f"  runner-up: {_name(runner)}, similarity {runner.score:.3f}")
    for note in result.notes:
        lines.append(f"  note: {note}")
    if result.needs_legal_review:
        lines.append(f"  NEEDS LEGAL REVIEW: {result.review_reason}")
    if result.differences and best is not None:
        n = len(result.differences)
        lines.append(f"  {n} difference{'s' if n != 1 else ''} from the official text (licenses/texts/{best.file}):")
        for k, d in enumerate(result.differences, 1):
            lines.extend(_difference(k, d))
    return "\n".join(lines) + "\n"


def _difference(k: int, d: Difference) -> list[str]:
    where = (
        f"paragraph {d.paragraph}" if d.kind != "added" else (f"after paragraph {d.paragraph}" if d.paragraph else "at the start")
    )
    if d.context:
        where += f' ("{d.context}")'
    clauses = "; ".join(
        f"{'unnumbered paragraph' if c.section == 'unnumbered' else '§' + c.section} {c.title}" for c in d.clauses
    )
    head = f"  {k}. {d.kind} {where}"
    lines = [
        head
        + (
            f", {'after' if d.kind == 'added' else 'in'} the clause{'s' if len(d.clauses) > 1 else ''} {clauses}"
            if clauses
            else ""
        )
    ]
    if d.kind == "added":
        lines.append(f"       + {_cut(d.new)}")
    elif d.kind == "removed":
        lines.append(f"       - {_cut(d.old)}")
    else:
        for e in d.edits:
            lines.append(f"       - {_cut(e.old) or '(nothing)'}")
            lines.append(f"       + {_cut(e.new) or '(nothing)'}")
    return lines


def _cut(text: str) -> str:
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{text[:SHOWN_CHARS]} … ({len(text) - SHOWN_CHARS:,} more characters; --json has them all)"
