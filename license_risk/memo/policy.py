"""The memo's "Organisation policy" section: each license's policy verdict beside the tool's rating.

Plain data, in the memo's language, so the PDF, the HTML and the Word memo lay it out alike; only
when a policy was applied (`assess --policy`, or a policy uploaded on the results page).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from license_risk.i18n import format_date, translator
from license_risk.policy import PolicyResult
from license_risk.policy.report import HEADING, license_lines, verdict_word
from scoring.rating import Assessment


@dataclass(frozen=True)
class PolicyRow:
    license: str  # the license's name and version
    rating: str  # the tool's rating: none, info, ... critical
    verdict: str  # allow, review, deny
    verdict_words: str  # "review needed", in the memo's language
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PolicySection:
    heading: str
    intro: str
    rows: tuple[PolicyRow, ...]
    overall: str  # "Policy verdict: review needed"


def policy_section(result: PolicyResult, lang: str, assessment: Assessment) -> PolicySection:
    """The section in `lang`; `assessment` is the memo's, in that language: the findings' titles are taken from it
    (the policy may have been applied to an assessment in another language: the page's, or the CLI's --lang)."""
    _ = translator(lang)
    titles = {
        tree_id: {f.finding.id: " ".join(f.finding.title.split()) for f in r.findings}
        for tree_id, r in zip(assessment.walk.licenses, assessment.results, strict=True)
    }
    verdicts = [dataclasses.replace(v, titles=titles.get(v.license, v.titles)) for v in result.licenses]
    intro = _(
        "The organisation's policy “{name}” ({file}), applied on {date}: its verdict for each license, beside "
        "the tool's rating. The policy does not change the tool's ratings and findings in this memo."
    ).format(name=result.name, file=result.file, date=format_date(result.today, lang))
    rows = tuple(
        PolicyRow(v.name, v.rating.name, v.verdict, verdict_word(v.verdict, lang), tuple(license_lines(v, lang, titles=True)))
        for v in verdicts
    )
    overall = _("Policy verdict: {verdict}").format(verdict=verdict_word(result.verdict, lang))
    return PolicySection(_(HEADING), intro, rows, overall)
