"""A policy's verdicts in words (for the CLI's text, the memo's section, the results page) and as JSON data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from license_risk.decisions import WHOLE_LICENSE, Outcome, Reviewed, Status
from license_risk.i18n import N_, format_date, listed, translator
from license_risk.i18n.labels import SEVERITY
from license_risk.policy.verdict import LicenseVerdict, PolicyResult, Reason

VERDICT = {"allow": N_("allowed"), "review": N_("review needed"), "deny": N_("denied")}
HEADING = N_("Organisation policy")


def verdict_word(action: str, lang: str) -> str:
    return translator(lang)(VERDICT[action])


def _severity(level: str, lang: str) -> str:
    return translator(lang)(SEVERITY[level])


Named = Callable[[str], str]  # a finding's id -> how it is shown: the id (CLI) or its title (app, memo)


def _as_is(finding: str) -> str:
    return finding


def reason_text(reason: Reason, lang: str, named: Named = _as_is) -> str:
    _ = translator(lang)
    # Ids are listed as ids are ("a, b"); titles, which hold commas, are set apart with "; ".
    shown = [named(f) for f in reason.findings]
    findings = listed(shown, lang) if named is _as_is else _("; ").join(shown)
    word = verdict_word(reason.action, lang)
    if reason.kind == "rule":
        text = _("{verdict} by the rule at {place}: {findings}").format(verdict=word, place=reason.place, findings=findings)
        return text + (" " + _("(why: {reason})").format(reason=" ".join(reason.note.split())) if reason.note else "")
    if reason.kind == "default":
        return _("{verdict} by the policy's default (no rule matches): {findings}").format(verdict=word, findings=findings)
    if reason.kind == "approval_required":
        return _("Review needed: the policy requires an approval of this license, and no exception gives one.")
    if reason.kind == "approved":
        return _("Approved at {place}: {reason}").format(place=reason.place, reason=" ".join((reason.note or "").split()))
    return _("Review needed: {n} finding(s) not yet determined (questions still unanswered).").format(n=reason.count)


def _by(r: Reviewed, lang: str) -> str:
    _ = translator(lang)
    d = r.decision
    text = _("by {who} on {date} ({place})").format(who=d.by, date=format_date(d.date, lang), place=r.source)
    if d.expires is not None:
        text += _(", until {date}").format(date=format_date(d.expires, lang))
    return text


def outcome_text(o: Outcome, lang: str, named: Named = _as_is) -> str | None:
    """What a decision did to a finding, beside the tool's severity; None when no decision applies."""
    if o.decision is None:
        return None
    _ = translator(lang)
    d = o.decision.decision
    tool = _severity(o.tool.name, lang)
    why = " ".join(d.reason.split())
    if d.verdict == "accept":
        return _("{finding} (tool: {tool}): accepted {by}. Why: {why}").format(
            finding=named(o.finding), tool=tool, by=_by(o.decision, lang), why=why
        )
    if d.verdict == "not_applicable":
        return _("{finding} (tool: {tool}): not applicable, decided {by}. Why: {why}").format(
            finding=named(o.finding), tool=tool, by=_by(o.decision, lang), why=why
        )
    return _("{finding} (tool: {tool}): rated {severity} instead, decided {by}. Why: {why}").format(
        finding=named(o.finding), tool=tool, severity=_severity(o.effective.name, lang), by=_by(o.decision, lang), why=why
    )


def set_aside_text(r: Reviewed, lang: str, named: Named = _as_is) -> str:
    _ = translator(lang)
    d = r.decision
    if d.finding == WHOLE_LICENSE:
        if r.status is Status.expired and d.expires is not None:
            return _("The approval at {place} expired on {date}; it no longer applies.").format(
                place=r.source, date=format_date(d.expires, lang)
            )
        return _("The license changed since the approval at {place}; it no longer applies until someone looks again.").format(
            place=r.source
        )
    if r.status is Status.expired and d.expires is not None:
        return _("{finding}: the decision at {place} expired on {date}; it no longer applies.").format(
            finding=named(d.finding), place=r.source, date=format_date(d.expires, lang)
        )
    return _(
        "{finding}: the finding changed since the decision at {place}; it no longer applies until someone looks at it again."
    ).format(finding=named(d.finding), place=r.source)


def license_lines(v: LicenseVerdict, lang: str, *, titles: bool = False) -> list[str]:
    """The reasons for one license's verdict, then what the decisions did, then the decisions that no longer hold.
    Findings are named by id (what scripts and policy files use) or, with `titles`, by title (for readers)."""
    _ = translator(lang)
    shown = v.titles or {}
    named: Named = (lambda f: shown.get(f, f)) if titles else _as_is
    lines = [reason_text(reason, lang, named) for reason in v.reasons]
    if not v.reasons:
        lines.append(_("No finding weighs against the policy."))
    lines += [t for o in v.outcomes if (t := outcome_text(o, lang, named))]
    lines += [set_aside_text(r, lang, named) for r in v.set_aside]
    return lines


def headline(v: LicenseVerdict, lang: str) -> str:
    """ "Llama 3.1 … (3.1): policy: denied · tool's rating: HIGH" """
    _ = translator(lang)
    return _("{name}: policy: {verdict} · tool's rating: {rating}").format(
        name=v.name, verdict=verdict_word(v.verdict, lang), rating=_severity(v.rating.name, lang)
    )


def _reviewed_data(r: Reviewed) -> dict[str, Any]:
    return {"status": r.status.value, "source": r.source, **r.decision.model_dump(mode="json", exclude_none=True)}


def policy_data(result: PolicyResult) -> dict[str, Any]:
    """JSON-ready: the verdict, and per license the tool's rating, the verdict, its reasons and each finding's outcome."""
    return {
        "name": result.name,
        "file": result.file,
        "date": result.today.isoformat(),
        "verdict": result.verdict,
        "exit_code": result.exit_code,
        "licenses": [
            {
                "license": v.license,
                "rating": v.rating.name,
                "verdict": v.verdict,
                "reasons": [
                    {
                        "kind": r.kind,
                        "action": r.action,
                        "findings": list(r.findings),
                        **({"place": r.place} if r.place else {}),
                        **({"note": r.note} if r.note else {}),
                        **({"count": r.count} if r.kind == "unanswered" else {}),
                    }
                    for r in v.reasons
                ],
                "findings": [
                    {
                        "id": o.finding,
                        "tool_severity": o.tool.name,
                        "effective_severity": o.effective.name,
                        "applies": o.applies,
                        "accepted": o.accepted,
                        "fingerprint": v.fingerprints[o.finding],
                        **({"decision": _reviewed_data(o.decision)} if o.decision else {}),
                    }
                    for o in v.outcomes
                ],
                "license_fingerprint": v.fingerprints["*"],
                "approval": _reviewed_data(v.approval) if v.approval else None,
                "no_longer_apply": [_reviewed_data(r) for r in v.set_aside],
            }
            for v in result.licenses
        ],
    }
