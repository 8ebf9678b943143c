"""The review in words, for the results page and the memo: the decision beside the tool's rating, the sign-off."""

from __future__ import annotations

from license_risk.decisions import Decision
from license_risk.i18n import N_, format_date, translator
from license_risk.i18n.labels import SEVERITY
from license_risk.review.record import SignOff
from license_risk.review.status import FindingReview, ReviewStatus

VERDICT = {
    "accept": N_("accepted"),
    "change_severity": N_("severity changed to {severity}"),
    "not_applicable": N_("not applicable"),
}
STATUS = {
    ReviewStatus.in_progress: N_("in progress"),
    ReviewStatus.answered: N_("answered, not yet reviewed"),
    ReviewStatus.reviewed: N_("reviewed"),
    ReviewStatus.signed_off: N_("signed off"),
}
HEADING = N_("Reviewer decisions and sign-off")
STALE = N_("For another look")
LOCAL_USER = "local user"  # the store's author in local mode, shown in the reader's language


def who(name: str, lang: str) -> str:
    _ = translator(lang)
    return _("local user") if name == LOCAL_USER else name


def verdict_text(d: Decision, lang: str) -> str:
    """accepted / severity changed to LOW / not applicable."""
    _ = translator(lang)
    severity = _(SEVERITY[d.severity]) if d.severity else ""
    return _(VERDICT[d.verdict]).format(severity=severity)


def decision_line(fr: FindingReview, lang: str) -> str | None:
    """ "Reviewer's decision: not applicable, by 山田 花子 on 2026-12-05" — None when nobody decided."""
    d = fr.decision
    if d is None:
        return None
    _ = translator(lang)
    return _("Reviewer's decision: {verdict}, by {who} on {date}").format(
        verdict=verdict_text(d, lang), who=who(d.by, lang), date=format_date(d.date, lang)
    )


def tool_line(fr: FindingReview, lang: str) -> str:
    _ = translator(lang)
    return _("Tool's rating: {severity}").format(severity=_(SEVERITY[fr.tool.name]))


def stale_line(lang: str) -> str:
    _ = translator(lang)
    return _("The finding's text or clauses changed since this decision: it does not apply until a reviewer looks again.")


def status_line(status: ReviewStatus, lang: str) -> str:
    _ = translator(lang)
    return _("Review status: {status}").format(status=_(STATUS[status]))


def sign_off_line(s: SignOff, lang: str) -> str:
    _ = translator(lang)
    return _("Signed off by {who} on {date}.").format(who=who(s.by, lang), date=format_date(s.at.date(), lang))


def outdated_line(lang: str) -> str:
    _ = translator(lang)
    return _("Outdated: answers or decisions changed after this sign-off. Sign off again after checking them.")
