"""An assessment as plain text (the CLI's output) and as JSON-ready data."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from license_risk.content.catalog import Catalog
from license_risk.content.model import CATEGORIES
from license_risk.i18n import ENGLISH, translator
from license_risk.i18n.labels import CATEGORY, SEVERITY
from license_risk.memo.linebreak import wrap
from license_risk.numbers import Conversion
from scoring.rating import Assessment, FindingResult, LicenseResult, answer_text, compare, rating_meaning

if TYPE_CHECKING:  # `assess` without --policy does not import the policy's models
    from license_risk.policy import PolicyResult


def _wrap(text: str, indent: int) -> str:
    if text.isascii():
        pad = " " * indent
        return textwrap.fill(" ".join(text.split()), width=100, initial_indent=pad, subsequent_indent=pad)
    return wrap(text, 100, indent)  # Japanese: two columns a character, kinsoku kept


def because_text(result: FindingResult, lang: str = ENGLISH) -> str:
    """ "Because you answered “…” → …": the answers (and lineage routes) a finding rests on, in `lang`."""
    _ = translator(lang)
    if not result.because:
        return _("This applies whatever you answered.")
    # A fact the model's lineage gave is stated as the route it comes from, not as an answer.
    routes = list(dict.fromkeys(b.route for b in result.because if b.route))
    parts = [
        _("“{question}” → {answer}").format(question=b.question.text.strip(), answer=answer_text(b.question, b.value, lang))
        for b in result.because
        if not b.route
    ]
    answers = _("; ").join(parts)
    if not routes:
        return _("Because you answered {answers}.").format(answers=answers)
    if not parts:
        return _("Because {routes}.").format(routes=_("; ").join(routes))
    return _("Because {routes}; and you answered {answers}.").format(routes=_("; ").join(routes), answers=answers)


def assessment_text(catalog: Catalog, assessment: Assessment) -> str:
    """The CLI's human output, in the catalog's language (`localized(catalog, "ja")` for Japanese)."""
    lang = catalog.lang
    _ = translator(lang)
    w = assessment.walk
    p = w.progress
    lines = [
        _("Assessment of {n} license(s): {answered} question(s) answered, {to_ask} still to ask.").format(
            n=len(assessment.results), answered=p.answered, to_ask=p.to_ask
        )
    ]
    if not w.complete:
        lines.append(_("Incomplete: findings that depend on unanswered questions are not shown as fired."))
    for r in assessment.results:
        lines += ["", *_license_text(catalog, r)]
    if len(assessment.results) > 1:
        lines += [
            "",
            _("COMPARISON (worst first)"),
            "  " + "license".ljust(28) + "rating".ljust(10) + "".join(c[:11].ljust(12) for c in CATEGORIES),
        ]
        for row in compare(assessment):
            lines.append(
                "  "
                + row.license.ljust(28)
                + row.rating.name.ljust(10)
                + "".join(row.levels[c].name.ljust(12) for c in CATEGORIES)
            )
    if catalog.rubric is not None:
        lines += ["", _("SEVERITY SCALE (the same for every license)")]
        word = str.upper if catalog.lang == ENGLISH else lambda level: _(SEVERITY[level])
        lines += [_wrap(f"{word(level)}: {meaning}", 2) for level, meaning in catalog.rubric.scale.items()]
    if w.set_aside:
        lines += ["", _("ANSWERS SET ASIDE (their questions no longer apply; not scored)")]
        for s in w.set_aside:
            lines.append(_wrap(f"- {s.tree}/{s.question.id}: {answer_text(s.question, s.value, lang)}", 2))
    return "\n".join(lines) + "\n"


def _license_text(catalog: Catalog, r: LicenseResult) -> list[str]:
    _ = translator(catalog.lang)
    m = r.license.model
    lines = [
        _("{name} ({version}) — rating: {rating}").format(
            name=m.name,
            version=m.version,
            rating=r.rating.name.upper() if catalog.lang == ENGLISH else _(SEVERITY[r.rating.name]),
        ),
        _wrap(rating_meaning(catalog, r.rating), 2),
    ]
    for caveat in m.text.caveats:
        lines.append(_wrap(_("Note on the text: {note}").format(note=caveat), 2))
    for c in CATEGORIES:
        lv = r.levels[c]
        because = f" ({', '.join(lv.findings)})" if lv.findings else ""
        if catalog.lang == ENGLISH:  # the ids, as scripts written against this output read them
            lines.append(f"  {c:<12} {lv.level.name}{because}")
        else:
            lines.append(f"  {_(CATEGORY[c])}：{_(SEVERITY[lv.level.name])}{because}")
    for f in r.findings:
        review = "  [" + _("NEEDS LEGAL REVIEW") + "]" if f.finding.needs_legal_review else ""
        lines.append("")
        if catalog.lang == ENGLISH:
            lines.append(f"  [{f.finding.severity.upper()}] {f.finding.category}: {f.finding.title} ({f.finding.id}){review}")
        else:
            level, category = _(SEVERITY[f.finding.severity]), _(CATEGORY[f.finding.category])
            lines.append(f"  [{level}] {category}：{f.finding.title} ({f.finding.id}){review}")
        lines.append(_wrap(because_text(f, catalog.lang), 4))
        for cc in f.clauses:
            lines.append(_wrap(f"{cc.profile.model.name} §{cc.clause.section} ({cc.clause.title}): “{cc.clause.quote}”", 4))
        lines.append(_wrap(f.finding.explanation, 4))
        if f.finding.action:
            lines.append(_wrap(_("What to do: {action}").format(action=f.finding.action), 4))
        for oq in f.open_questions:
            lines.append(_wrap(_("Needs legal review: {why}").format(why=oq.text), 4))
        if f.finding.review_note:
            lines.append(_wrap(_("Why review: {why}").format(why=f.finding.review_note), 4))
        if f.rated:
            lines.append(_wrap(_("Rated by the rubric: {how}").format(how=f.rated), 4))
    if r.undetermined:
        undetermined = _("Not yet determined (answer the remaining questions): ") + ", ".join(f.id for f in r.undetermined)
        lines.append(_wrap(undetermined, 2))
    return lines


def policy_text(result: PolicyResult, lang: str = ENGLISH) -> str:
    """The CLI's text for a policy applied: each license's verdict beside the tool's rating, with the reasons."""
    from license_risk.policy.report import headline, license_lines, verdict_word

    _ = translator(lang)

    def fill(text: str, indent: int) -> str:  # ids and file paths are never split at their hyphens: scripts grep them
        if not text.isascii():
            return _wrap(text, indent)
        pad = " " * indent
        return textwrap.fill(
            " ".join(text.split()), 100, initial_indent=pad, subsequent_indent=pad, break_on_hyphens=False, break_long_words=False
        )

    lines = ["", _("ORGANISATION POLICY: {name} ({file})").format(name=result.name, file=result.file)]
    for v in result.licenses:
        lines.append(fill(headline(v, lang), 2))
        lines += [fill(f"- {line}", 4) for line in license_lines(v, lang)]
    lines.append(_("Policy verdict: {verdict}").format(verdict=verdict_word(result.verdict, lang)))
    return "\n".join(lines) + "\n"


def conversions_data(conversions: dict[tuple[str, str], Conversion]) -> list[dict[str, Any]]:
    """Dollar answers given in yen: what was typed, the yen, the rate and its date, and the dollars scored."""
    return [
        {
            "tree": tree_id,
            "question": qid,
            "usd": c.usd,
            "entered": c.entered,
            "yen": c.yen,
            "rate": str(c.rate),  # a decimal, exactly as given: a JSON float could change it
            "rate_date": c.rate_date.isoformat(),
            "rate_source": c.source or None,
        }
        for (tree_id, qid), c in conversions.items()
    ]


def assessment_data(
    catalog: Catalog, assessment: Assessment, conversions: dict[tuple[str, str], Conversion] | None = None
) -> dict[str, Any]:
    """JSON-ready results: per license its rating, levels and findings with clause ids (and the answers given in yen)."""
    w = assessment.walk
    given = {(s.tree, s.question.id): s.value for s in w.path}
    used = {k: c for k, c in (conversions or {}).items() if given.get(k) == c.usd}
    data = {
        "complete": w.complete,
        "progress": {"answered": w.progress.answered, "to_ask": w.progress.to_ask},
        "licenses": [_license_data(r) for r in assessment.results],
        "comparison": [
            {"license": row.license, "rating": row.rating.name, "levels": {c: v.name for c, v in row.levels.items()}}
            for row in compare(assessment)
        ],
        "set_aside": [{"tree": s.tree, "question": s.question.id, "answer": s.value} for s in w.set_aside],
        "unanswered": [{"tree": t, "question": q.id} for t, q in w.pending + w.undetermined],
        "severity_scale": dict(catalog.rubric.scale) if catalog.rubric else {},
    }
    if used:  # only with yen answers: the results of every other file stay as they were
        data["conversions"] = conversions_data(used)
    return data


def _license_data(r: LicenseResult) -> dict[str, Any]:
    m = r.license.model
    return {
        "id": r.id,
        "name": m.name,
        "version": m.version,
        "effective_date": m.effective_date.isoformat() if m.effective_date else None,
        "spdx": m.spdx,  # the SPDX id, or LicenseRef-scancode-<key> where SPDX has none; null if neither has one
        "scancode": m.scancode,  # the ScanCode license key, or null
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
                "open_questions": [{"id": oq.id, "text": " ".join(oq.text.split())} for oq in f.open_questions],
                "kind": f.finding.kind,
                "exposure": f.finding.exposure,
                "override": f.finding.override.reason if f.finding.override else None,
                "clauses": [cc.ref for cc in f.clauses],
                "sections": [f"{cc.profile.model.id} §{cc.clause.section}" for cc in f.clauses],
                "because": [
                    {"tree": b.tree, "question": b.question.id, "answer": b.value, **({"route": b.route} if b.route else {})}
                    for b in f.because
                ],
                "explanation": f.finding.explanation,
                "action": f.finding.action,
                "review_note": f.finding.review_note,
            }
            for f in r.findings
        ],
        "undetermined": [f.id for f in r.undetermined],
    }
