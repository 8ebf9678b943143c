"""The memo as one self-contained HTML file: the same content as the PDF, easy to paste elsewhere.

    render_html(memo: Memo) -> str

Plain semantic HTML (headings, tables with header cells and captions, block quotes, definition
lists), a little inline CSS, no scripts, no external resources. Every string is escaped, so text
users typed (organisation, names, answers) can never become markup. The browser draws every
script with the reader's fonts, so nothing is replaced here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

from license_risk.combined.svg import graph_svg
from license_risk.content.printable import LINE_BREAKS, mark
from license_risk.i18n import N_, format_date, language, translator
from license_risk.i18n.labels import CATEGORY, SEVERITY
from license_risk.memo.facts import (
    COMBINED_HEADING,
    SOURCE_KIND,
    Memo,
    MemoFinding,
    MemoLicense,
    clause_ref,
    review_refs,
    section_ref,
)

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", "Hiragino Sans",
       "Yu Gothic", Meiryo, sans-serif; line-height: 1.5; color: #1e1e1e; max-width: 52em; margin: 2em auto;
       padding: 0 1em; }
h1 { font-size: 1.8em; margin-bottom: 0.1em; }
h2 { border-bottom: 1px solid #bbb; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dl.facts dt { font-weight: bold; color: #555; }
dl.facts dd { margin: 0; }
blockquote { background: #f3f3f0; margin: 0.3em 0 0.6em 0; padding: 0.4em 0.8em; border-left: 3px solid #bbb; }
.notice { background: #fff6de; padding: 0.6em 0.9em; border: 1px solid #e8d9a8; }
.finding { border-top: 1px solid #ccc; padding-top: 0.5em; margin-top: 1em; }
.review { background: #fff6de; padding: 0.3em 0.6em; }
.meta, .ref { color: #5f5f5f; font-size: 0.9em; }
.reason { white-space: pre-wrap; }
.sev { font-weight: bold; padding: 0 0.4em; border-radius: 2px; white-space: nowrap; }
.sev-critical { background: #780000; color: #fff; } .sev-high { background: #c42020; color: #fff; }
.sev-medium { background: #e88c14; } .sev-low { background: #f5d450; } .sev-info { background: #c8dcf0; }
.sev-none { background: #e2f0e2; }
code { font-size: 0.9em; word-break: break-all; }
"""


def _e(text: object) -> str:
    """Escape text for HTML (element content and quoted attributes); drop nothing, show controls visibly."""
    return html.escape(mark(text), quote=True)


def _multiline(text: str) -> str:
    return "<br>".join(_e(line) for line in LINE_BREAKS.split(text))


Tr = Callable[[str], str]


WORDS = (  # the memo's own words in its HTML, marked here, translated once per memo by _words
    N_("Risks under open-weight model licenses, for legal review"),
    N_("Contents"),
    N_("3. Findings by license"),
    N_("needs legal review"),
    N_("Lineage: how the model was built"),
    N_("Every duty, once"),
    N_("No duty to carry out: no naming, notice, license copy, display or pass-through term applies."),
    N_("Conflicts between the licenses"),
    N_("None found: the duties above can all be met together."),
    N_("What to do"),
    N_("Needs legal review"),
    N_("1. Executive summary"),
    N_("Findings that matter most"),
    N_("No finding of medium severity or above."),
    N_("What to do first"),
    N_("Nothing urgent: no finding of medium severity or above."),
    N_("2. Risk table"),
    N_("No finding fired for the answers given."),
    N_("NEEDS LEGAL REVIEW"),
    N_("Because"),
    N_("Clause"),
    N_("Explanation"),
    N_("Rated"),
    N_("Appendix A. Questions and answers"),
    N_("Every question asked, in asking order, with the answer given."),
    N_("No answers."),
    N_("(not answered)"),
    N_("Appendix B. Open questions"),
    N_("None recorded."),
    N_("Appendix C. Versions and hashes"),
    N_("Appendix D. Quoted clauses"),
    N_("Appendix E. Findings of low severity and notes"),
    N_("Appendix F. How the findings were rated"),
    N_("What this memo was made from, so that it can be reproduced and checked."),
    N_("Tool"),
    N_("Memo date"),
    N_("Answers"),
)


def _words(_: Tr) -> dict[str, str]:
    return {m: _e(_(m)) for m in WORDS}


def _word(table: dict[str, str], key: str, _: Tr) -> str:
    return _(table[key]) if key in table else key


def _sev(level: str, _: Tr) -> str:
    return f'<span class="sev sev-{_e(level)}">{_e(_word(SEVERITY, level, _))}</span>'


def _table(caption: str, head: Sequence[str], rows: Iterable[Sequence[str]], *, row_header: bool = True) -> list[str]:
    """A table whose cells are already-escaped HTML."""
    out = ["<table>", f"<caption>{_e(caption)}</caption>", "<thead><tr>"]
    out += [f'<th scope="col">{_e(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = [f'<th scope="row">{row[0]}</th>' if row_header else f"<td>{row[0]}</td>"]
        cells += [f"<td>{c}</td>" for c in row[1:]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def render_html(memo: Memo) -> str:
    """The memo as a complete HTML document (UTF-8 text), in the memo's language."""
    lang = language(memo.lang)
    _ = translator(lang)
    w = _words(_)
    title = f"{memo.title}: {memo.organisation}" if memo.organisation else memo.title
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f'<meta name="description" content="{_e(memo.subject)}">',
        f'<meta name="generator" content="open-model-license-risk {_e(memo.tool_version)}">',
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(memo.title)}</h1>",
        f'<p class="meta">{w["Risks under open-weight model licenses, for legal review"]}</p>',
        '<dl class="facts">',
    ]
    out += [f"<dt>{_e(k)}</dt><dd>{_multiline(v)}</dd>" for k, v in memo.facts]
    out.append("</dl>")
    out += _table(
        _("Licenses assessed"),
        [_("License"), _("Version"), _("Effective date"), _("Policies incorporated")],
        [
            [
                _e(lic.name),
                _e(lic.version),
                _e(lic.effective_date or _("none given")) + (f"<br>“{_e(lic.date_as_printed)}”" if lic.date_as_printed else ""),
                _e("; ".join(lic.policies) or _("none")),
            ]
            for lic in memo.licenses
        ],
    )
    out.append(f'<p class="notice" role="note">{_multiline(memo.notice)}</p>')
    if not memo.complete:
        incomplete = _(
            "Incomplete assessment: {answered} question(s) answered, {to_ask} still to ask. "
            "Findings that depend on the questions still open are not shown; they are listed per license."
        ).format(answered=memo.answered, to_ask=memo.to_ask)
        out.append(f'<p class="notice" role="alert">{_e(incomplete)}</p>')
    out.append("</header>")
    contents = [
        ("summary", _("1. Executive summary")),
        ("risk-table", _("2. Risk table")),
        ("findings", _("3. Findings by license")),
        *([("combined", _(COMBINED_HEADING))] if memo.combined else []),
        ("answers", _("Appendix A. Questions and answers")),
        ("open-questions", _("Appendix B. Open questions")),
        ("versions", _("Appendix C. Versions and hashes")),
        ("clauses", _("Appendix D. Quoted clauses")),
        *([("other-findings", _("Appendix E. Findings of low severity and notes"))] if _has_others(memo) else []),
        *([("rating-rules", _("Appendix F. How the findings were rated"))] if memo.rating_rules else []),
        *([("background", memo.background_heading)] if _has_background(memo) else []),
        *([("history", memo.history_heading)] if memo.history else []),
    ]
    out.append(f'<nav aria-label="{w["Contents"]}"><ol>')
    # the list numbers the entries itself: the heading's own number is left out ("4. 4." otherwise)
    out += [f'<li><a href="#{anchor}">{_e(_unnumbered(text))}</a></li>' for anchor, text in contents]
    out.append("</ol></nav>")
    out.append("<main>")
    out += _summary(memo, _)
    out += _risk_table(memo, _)
    out += _version_changes(memo)
    out.append(f'<section id="findings"><h2>{w["3. Findings by license"]}</h2>')
    intro = _(
        "Per license, by category and then by severity, numbered. Each finding gives the answers it rests on, "
        "the clauses (quoted once each in Appendix D), the consequence and what to do."
    )
    out.append(f'<p class="meta">{_e(intro)}</p>')
    for n, lic in enumerate(memo.licenses, 1):
        out += _license(n, lic, memo.categories, _)
    out.append("</section>")
    out += _combined(memo, _)
    out += _appendix(memo, _)
    out += _quoted_clauses(memo, _)
    out += _other_findings(memo, _)
    out += _rating_rules(memo, _)
    out += _background(memo, _)
    out += _history(memo)
    out.append("</main>")
    footer = _("Information, not legal advice.") + f" {memo.title}, {format_date(memo.date, lang)}."
    out.append(f'<footer><p class="meta">{_e(footer)}</p></footer>')
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


def _has_others(memo: Memo) -> bool:
    return any(lic.other_findings for lic in memo.licenses)


def _has_background(memo: Memo) -> bool:
    return bool(memo.background or any(lic.open_source for lic in memo.licenses))


def _finding_anchor(f: MemoFinding) -> str:
    return f"finding-{f.license_id}-{f.id}"


def _quoted_clauses(memo: Memo, _: Tr) -> list[str]:
    w = _words(_)
    intro = _(
        "Every clause this memo cites, quoted once, word for word from the official text (markup of the source "
        "shown as plain text), by license or policy. The findings and open questions refer to them by number."
    )
    out = [f'<section id="clauses"><h2>{w["Appendix D. Quoted clauses"]}</h2>', f'<p class="meta">{_e(intro)}</p>']
    notes = {lic.id: lic.text_notes for lic in memo.licenses}
    note = _("Note on the text")
    for group in memo.clauses:
        out.append(f"<h3>{_e(group.number)} {_e(group.document)}</h3>")
        out += [f'<p class="meta"><strong>{_e(note)}:</strong> {_e(n)}</p>' for n in notes.get(group.document_id, ())]
        for q in group.clauses:
            out.append(
                f'<p id="{_e(q.anchor)}"><strong>{_e(q.number)} {_e(section_ref(q.section, memo.lang))}, {_e(q.title)}</strong></p>'
            )
            out.append(f'<blockquote lang="en"><p>“{_e(q.shown)}”</p></blockquote>')
    out.append("</section>")
    return out


def _other_findings(memo: Memo, _: Tr) -> list[str]:
    if not _has_others(memo):
        return []
    w = _words(_)
    intro = _("The findings of low severity and the notes, in full, listed by title in section 3.")
    out = [
        f'<section id="other-findings"><h2>{w["Appendix E. Findings of low severity and notes"]}</h2>',
        f'<p class="meta">{_e(intro)}</p>',
    ]
    for n, lic in enumerate(memo.licenses, 1):
        if lic.other_findings:
            out.append(f"<h3>E.{n} {_e(lic.name)} ({_e(lic.version)})</h3>")
            for f in lic.other_findings:
                out += _finding(f, _)
    out.append("</section>")
    return out


def _rating_rules(memo: Memo, _: Tr) -> list[str]:
    if not memo.rating_rules:
        return []
    w = _words(_)
    intro = _("Each kind of risk the findings were rated as, with the rubric's rule, once.")
    out = [
        f'<section id="rating-rules"><h2>{w["Appendix F. How the findings were rated"]}</h2>',
        f'<p class="meta">{_e(intro)}</p>',
    ]
    out.append('<dl class="facts">')
    out += [f"<dt>{_e(kind)}</dt><dd>{_e(rule)}</dd>" for kind, rule in memo.rating_rules]
    out.append("</dl></section>")
    return out


def _unnumbered(heading: str) -> str:
    return re.sub(r"^\d+\.\s+", "", heading)


def _combined(memo: Memo, _: Tr) -> list[str]:
    w = _words(_)
    c = memo.combined
    if c is None:
        return []
    review_badge = f' <span class="review">{w["needs legal review"]}</span>'
    out = [f'<section id="combined"><h2>{_e(_(COMBINED_HEADING))}</h2>']
    if c.graph is not None:
        legend = _(
            "Each box is a component with its licenses and rating; an arrow points to what it was used to build, "
            "labelled with the route (weights, outputs, dataset, code) and how."
        )
        out += [
            f"<h3>{w['Lineage: how the model was built']}</h3>",
            f'<p class="meta">{_e(legend)}</p>',
            f'<figure class="lineage">{graph_svg(c.graph)}</figure>',
        ]
        out += _table(
            _("The components"),
            [_("Component"), _("Route"), _("Used to build"), _("Licenses")],
            [[_e(r.component), _e(r.route), _e(r.into), _e(r.licenses)] for r in c.lineage],
        )
    out.append(f"<h3>{w['Every duty, once']}</h3>")
    if not c.duties:
        out.append(f"<p>{w['No duty to carry out: no naming, notice, license copy, display or pass-through term applies.']}</p>")
    else:
        rows = [
            [
                _e(d.title) + (review_badge if d.needs_legal_review else ""),
                f"{_e(d.kind)}<br>{_e(d.clause)}"
                + ("<br>" + _e(_("Brought by: {who}").format(who=d.brought_by)) if d.brought_by else ""),
                "<br>".join(_e(a) for a in d.actions),
                _e(d.status),
            ]
            for d in c.duties
        ]
        out += _table(
            _("Every naming rule, notice, license copy, display and pass-through term"),
            [_("Duty"), _("Kind and clause"), _("What to do"), _("Status")],
            rows,
        )
    out.append(f"<h3>{w['Conflicts between the licenses']}</h3>")
    if not c.conflicts:
        out.append(f"<p>{w['None found: the duties above can all be met together.']}</p>")
    for k in c.conflicts:
        out += [
            f"<h4>{_e(k.title)}{review_badge if k.needs_legal_review else ''}</h4>",
            "<ul>",
            *(f"<li>{_e(side)}</li>" for side in k.sides),
            "</ul>",
            f"<p>{_e(k.explanation)}</p>",
            f"<p><strong>{w['What to do']}:</strong> {_e(k.action)}</p>",
            *(f'<p class="notice">{w["Needs legal review"]}: {_e(q)}</p>' for q in k.open_questions),
        ]
    out.append("</section>")
    return out


def _background(memo: Memo, _: Tr) -> list[str]:
    if not _has_background(memo):
        return []
    out = [
        f'<section id="background"><h2>{_e(memo.background_heading)}</h2>',
        f'<p class="notice">{_e(memo.background_intro)}</p>',
    ]
    verdicts = [(_("Open Source Definition: {name}").format(name=lic.name), lic.open_source) for lic in memo.licenses]
    for label, text in [*memo.background, *((k, v) for k, v in verdicts if v)]:
        out += [f"<h3>{_e(label)}</h3>", f"<p>{_e(text)}</p>"]
    out.append("</section>")
    return out


def _history(memo: Memo) -> list[str]:
    if memo.history is None:
        return []
    intro, rows = memo.history_lines
    out = [f'<section id="history"><h2>{_e(memo.history_heading)}</h2>', f'<p class="meta">{_e(intro)}</p>', '<dl class="facts">']
    out += [f"<dt>{_e(who)}</dt><dd>{_e(what)}</dd>" for who, what in rows]
    out.append("</dl></section>")
    return out


def _summary(memo: Memo, _: Tr) -> list[str]:
    w = _words(_)
    by_id = {lic.id: lic for lic in memo.licenses}
    ranked = [by_id[i] for i in memo.ranking if i in by_id] or list(memo.licenses)
    out = [f'<section id="summary"><h2>{w["1. Executive summary"]}</h2>']
    out += _table(
        _("Overall rating per license (its worst category level), worst first"),
        [_("License"), _("Rating"), _("What it means"), _("Findings")],
        [
            [
                _e(lic.name),
                _sev(lic.rating, _),
                _e(lic.rating_meaning),
                _e(_("{n} ({review} for legal review)").format(n=len(lic.findings), review=lic.needs_review)),
            ]
            for lic in ranked
        ],
    )
    out.append(f"<h3>{w['Findings that matter most']}</h3>")
    out.append(f'<p class="meta">{_e(memo.key_findings_rule)}</p>')
    if memo.key_findings:
        out.append("<ul>")
        for f in memo.key_findings:
            sections = ", ".join(dict.fromkeys(section_ref(q.section, memo.lang) for q in f.quotes))
            review = _(" · needs legal review") if f.needs_legal_review else ""
            out.append(
                f'<li>{_sev(f.severity, _)} <a href="#{_e(_finding_anchor(f))}">{_e(f.number)}</a> '
                f"{_e(f.title)} — {_e(f.license_name)} ({_e(sections)}){_e(review)}</li>"
            )
        out.append("</ul>")
    else:
        out.append(f"<p>{w['No finding of medium severity or above.']}</p>")
    out.append(f"<h3>{w['What to do first']}</h3>")
    if memo.first_actions:
        out.append("<ol>" + "".join(f"<li>{_e(a)}</li>" for a in memo.first_actions) + "</ol>")
    else:
        out.append(f"<p>{w['Nothing urgent: no finding of medium severity or above.']}</p>")
    out += _policy(memo, _)
    out += _review(memo, _)
    out.append("</section>")
    return out


def _decided(tool: str, decision: str, reason: str, stale: str | None, _: Tr) -> list[str]:
    tool_word, decision_word, reason_word = _("Tool's rating"), _("Reviewer's decision"), _("Reason")
    out = [
        f"<p><strong>{_e(tool_word)}:</strong> {_e(tool)} · <strong>{_e(decision_word)}:</strong> {_e(decision)}</p>",
        f'<p class="reason"><strong>{_e(reason_word)}:</strong> {_e(reason)}</p>',
    ]
    if stale:
        look = _("For another look")
        out.append(f'<p class="review"><strong>{_e(look)}:</strong> {_e(stale)}</p>')
    return out


def _review(memo: Memo, _: Tr) -> list[str]:
    """The reviewer's decisions, each beside the tool's rating, and the sign-off."""
    r = memo.review
    if r is None:
        return []
    out = [f'<section id="review"><h3>{_e(r.heading)}</h3>', f'<p class="meta">{_e(r.intro)}</p>']
    out += [f"<p><strong>{_e(r.status)}</strong></p>", f"<p>{_e(r.sign_off)}</p>"]
    if r.outdated:
        out.append(f'<p class="review"><strong>{_e(r.outdated)}</strong></p>')
    for row in r.rows:
        out.append(f"<h4>{_e(row.number)} {_e(row.title)} — {_e(row.license)}</h4>")
        out += _decided(_word(SEVERITY, row.tool, _), row.decision, row.reason, row.stale, _)
    out.append("</section>")
    return out


def _policy(memo: Memo, _: Tr) -> list[str]:
    """The organisation policy's verdict beside each license's rating, at the end of the summary."""
    p = memo.policy
    if p is None:
        return []
    out = [f'<section id="policy"><h3>{_e(p.heading)}</h3>', f'<p class="meta">{_e(p.intro)}</p>']
    out += _table(
        p.heading,
        [_("License"), _("Rating"), _("Policy verdict")],
        [[_e(row.license), _sev(row.rating, _), f"<strong>{_e(row.verdict_words)}</strong>"] for row in p.rows],
    )
    for row in p.rows:
        out.append(f"<p><strong>{_e(row.license)}: {_e(row.verdict_words)}</strong></p><ul>")
        out += [f"<li>{_e(reason)}</li>" for reason in row.reasons]
        out.append("</ul>")
    out.append(f"<p><strong>{_e(p.overall)}</strong></p></section>")
    return out


def _risk_table(memo: Memo, _: Tr) -> list[str]:
    w = _words(_)
    out = [f'<section id="risk-table"><h2>{w["2. Risk table"]}</h2>']
    intro = _(
        "Each cell is the severity of the worst finding in that category (none if none fired). "
        "The scale is the same for every license; one rubric rates every finding by its kind of risk:"
    )
    out.append(f'<p class="meta">{_e(intro)}</p>')
    out.append('<dl class="facts">')
    out += [f"<dt>{_sev(level, _)}</dt><dd>{_e(meaning)}</dd>" for level, meaning in memo.severity_scale]
    out.append("</dl>")
    out += _table(
        _("Risk by license and category"),
        [_("License"), *(_word(CATEGORY, c, _) for c in memo.categories), _("Overall")],
        [[_e(lic.name), *(_sev(lv.level, _) for lv in lic.levels), _sev(lic.rating, _)] for lic in memo.licenses],
    )
    out.append("</section>")
    return out


def _version_changes(memo: Memo) -> list[str]:
    """What changed between versions of one license: the findings that differ and the clauses behind them."""
    v = memo.versions
    if v is None:
        return []
    _ = translator(language(memo.lang))
    out = [f'<section id="version-changes"><h3>{_e(v.heading)}</h3>', f'<p class="meta">{_e(v.intro)}</p>']
    for pair in v.pairs:
        out.append(f"<h4>{_e(pair.heading)}</h4>")
        if pair.no_findings:
            out.append(f"<p>{_e(pair.no_findings)}</p>")
        for f in pair.findings:
            out.append(f"<p><strong>{_e(f.title)}</strong>: {_e(f.before)} → {_e(f.after)}</p>")
            for c in f.causes:
                out.append(f"<p>{_e(c.place)} · {_e(c.change)}</p>")
                for label, quote in ((pair.before_label, c.before), (pair.after_label, c.after)):
                    if quote:
                        out.append(f'<p class="meta">{_e(label)}</p><blockquote lang="en"><p>“{_e(quote)}”</p></blockquote>')
            if f.no_cause:
                out.append(f'<p class="meta">{_e(f.no_cause)}</p>')
        if pair.clauses:
            out.append(f"<p><strong>{_e(pair.clauses_heading)}</strong></p><ul>")
            out += [f"<li>{_e(c.place)} · {_e(c.change)}</li>" for c in pair.clauses]
            out.append("</ul>")
    out.append("</section>")
    return out


def _license(n: int, lic: MemoLicense, categories: Sequence[str], _: Tr) -> list[str]:
    w = _words(_)
    out = [
        f'<section id="license-{n}"><h3>3.{n} {_e(lic.name)} ({_e(lic.version)}) — {_sev(lic.rating, _)}</h3>',
        '<dl class="facts">',
    ]
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in lic.body_facts]
    out.append("</dl>")
    if not lic.findings:
        out.append(f"<p>{w['No finding fired for the answers given.']}</p>")
    for f in lic.body_findings:
        out += _finding(f, _)
    if lic.other_findings:
        listed = _("Findings of low severity and notes (set out in full in Appendix E):")
        out.append(f"<p><strong>{_e(listed)}</strong></p><ul>")
        for f in lic.other_findings:
            category = _word(CATEGORY, f.category, _)
            out.append(
                f'<li>{_sev(f.severity, _)} <a href="#{_e(_finding_anchor(f))}">{_e(f.number)}</a> {_e(f.title)} ({_e(category)})</li>'
            )
        out.append("</ul>")
    if lic.undetermined:
        label, text = _("Not yet determined"), _("Depend on questions not answered yet: ") + "; ".join(lic.undetermined)
        out.append(f"<p><strong>{_e(label)}</strong>: {_e(text)}</p>")
    out.append("</section>")
    return out


def _finding(f: MemoFinding, _: Tr) -> list[str]:
    w = _words(_)
    review = f" <strong>[{w['NEEDS LEGAL REVIEW']}]</strong>" if f.needs_legal_review else ""
    category = _word(CATEGORY, f.category, _)
    out = [
        f'<article class="finding" id="{_e(_finding_anchor(f))}">',
        f"<h5>{_sev(f.severity, _)} {_e(f.number)} {_e(f.title)} ({_e(category)}){review}</h5>",
    ]
    if f.reviewer:  # the reviewer's decision beside the tool's rating, never in its place
        out += _decided(_word(SEVERITY, f.severity, _), f.reviewer, f.reviewer_reason or "", f.reviewer_stale, _)
    out.append(f"<p><strong>{w['Because']}:</strong> {_e(f.because)}</p>")
    refs = "<br>".join(f'<a href="#{_e(q.anchor)}">{_e(clause_ref(q, f.license_id, f.lang))}</a>' for q in f.quotes)
    if refs:
        out.append(f"<p><strong>{w['Clause']}:</strong> {refs}</p>")
    out.append(f"<p><strong>{w['Explanation']}:</strong> {_e(f.explanation)}</p>")
    if f.action:
        out.append(f"<p><strong>{w['What to do']}:</strong> {_e(f.action)}</p>")
    if f.needs_legal_review:
        label = w["Needs legal review"]
        for reason, anchor in review_refs(f):
            shown = f'<a href="#{_e(anchor)}">{_e(reason)}</a>' if anchor else _e(reason)
            out.append(f'<p class="review"><strong>{label}:</strong> {shown}</p>')
    if f.rated_kind:
        out.append(f'<p class="meta">{w["Rated"]}: {_e(f.rated_kind)}</p>')
    out.append("</article>")
    return out


def _appendix(memo: Memo, _: Tr) -> list[str]:
    w = _words(_)
    question, answer = _("Question"), _("Answer")
    out = [f'<section id="answers"><h2>{w["Appendix A. Questions and answers"]}</h2>']
    out.append(f'<p class="meta">{w["Every question asked, in asking order, with the answer given."]}</p>')
    for g, group in enumerate(memo.answers, 1):
        rows = [
            [f'<span class="ref">A.{g}.{i}</span> ' + _e(r.question), _multiline(r.answer)] for i, r in enumerate(group.rows, 1)
        ]
        if rows:
            out += _table(f"A.{g} {group.title}", [question, answer], rows)
        else:
            out.append(f"<h3>A.{g} {_e(group.title)}</h3><p>{w['No answers.']}</p>")
    if memo.set_aside:
        out += _table(
            _("Answers set aside (no longer applicable; not scored)"),
            [question, answer],
            [[_e(r.question), _multiline(r.answer)] for r in memo.set_aside],
        )
    if memo.unanswered:
        out += _table(
            _("Questions not answered yet"),
            [question, answer],
            [[_e(r.question), w["(not answered)"]] for r in memo.unanswered],
        )
    out.append("</section>")
    out.append(f'<section id="open-questions"><h2>{w["Appendix B. Open questions"]}</h2>')
    intro = _("What the license texts leave unclear or do not contain; findings that rest on them need legal review.")
    out.append(f'<p class="meta">{_e(intro)}</p>')
    if memo.open_questions:
        out.append("<ul>")
        for oq in memo.open_questions:
            head = f"{_e(oq.number)} · {_e(oq.source)}"
            cited = {f"{q.document} {section_ref(q.section, memo.lang)}": q for q in oq.cited}
            quoted = _("Clause: {ref} (Appendix {number})")
            listed = [
                f'<a href="#{_e(cited[ref].anchor)}">{_e(quoted.format(ref=ref, number=cited[ref].number))}</a>'
                if ref in cited
                else _e(_("Clause: ") + ref)
                for ref in oq.clauses
            ]
            clauses = "".join(f'<br><span class="ref">{item}</span>' for item in listed)
            out.append(f'<li id="{_e(oq.anchor)}"><strong>{head}</strong>: {_e(oq.text)}{clauses}</li>')
        out.append("</ul>")
    else:
        out.append(f"<p>{w['None recorded.']}</p>")
    out.append("</section>")
    out.append(f'<section id="versions"><h2>{w["Appendix C. Versions and hashes"]}</h2>')
    out.append(f'<p class="meta">{w["What this memo was made from, so that it can be reproduced and checked."]}</p>')
    out.append('<dl class="facts">')
    out.append(f"<dt>{w['Tool']}</dt><dd>open-model-license-risk {_e(memo.tool_version)}</dd>")
    out.append(f"<dt>{w['Memo date']}</dt><dd>{_e(format_date(memo.date, memo.lang))}</dd>")
    used = _("The answers used (intake and the licenses assessed), as canonical JSON: keys sorted, UTF-8")
    out.append(f"<dt>{w['Answers']}</dt><dd>SHA-256 <code>{_e(memo.answers_sha256)}</code> ({_e(used)})</dd>")
    out.append("</dl>")
    origin = _(" · from {origin}")
    out += _table(
        _("Files used"),
        [_("What"), _("Version"), _("File"), "SHA-256"],
        [
            [
                _e(f"{_word(SOURCE_KIND, s.kind, _)}: {s.name}"),
                _e(s.version),
                _e(s.file)
                + ('<br><span class="ref">' + _e(origin.format(origin=s.origin).lstrip(" ·")) + "</span>" if s.origin else ""),
                f"<code>{_e(s.sha256)}</code>",
            ]
            for s in memo.sources
        ],
    )
    out.append("</section>")
    return out
