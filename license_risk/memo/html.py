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
from collections.abc import Iterable, Sequence

from license_risk.combined.svg import graph_svg
from license_risk.content.printable import LINE_BREAKS, mark
from license_risk.memo.facts import COMBINED_HEADING, Memo, MemoFinding, MemoLicense

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


def _sev(level: str) -> str:
    return f'<span class="sev sev-{_e(level)}">{_e(level.upper())}</span>'


def _section(section: str) -> str:
    return "unnumbered paragraph" if section == "unnumbered" else f"§{section}"


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
    """The memo as a complete HTML document (UTF-8 text)."""
    title = f"{memo.title}: {memo.organisation}" if memo.organisation else memo.title
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
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
        '<p class="meta">Risks under open-weight model licenses, for legal review</p>',
        '<dl class="facts">',
    ]
    out += [f"<dt>{_e(k)}</dt><dd>{_multiline(v)}</dd>" for k, v in memo.facts]
    out.append("</dl>")
    out += _table(
        "Licenses assessed",
        ["License", "Version", "Effective date", "Policies incorporated"],
        [
            [
                _e(lic.name),
                _e(lic.version),
                _e(lic.effective_date or "none given") + (f"<br>“{_e(lic.date_as_printed)}”" if lic.date_as_printed else ""),
                _e("; ".join(lic.policies) or "none"),
            ]
            for lic in memo.licenses
        ],
    )
    out.append(f'<p class="notice" role="note">{_e(memo.notice)}</p>')
    if not memo.complete:
        out.append(
            f'<p class="notice" role="alert">Incomplete assessment: {memo.answered} question(s) answered, '
            f"{memo.to_ask} still to ask. Findings that depend on the questions still open are not shown.</p>"
        )
    out.append("</header>")
    out.append('<nav aria-label="Contents"><ol>')
    out += [
        '<li><a href="#summary">Executive summary</a></li>',
        '<li><a href="#risk-table">Risk table</a></li>',
        '<li><a href="#findings">Findings by license</a></li>',
        *(
            ['<li><a href="#combined">Duties across the lineage, conflicts between its licenses</a></li>']
            if memo.combined
            else []
        ),
        # the list numbers the entries itself: the heading's own number is left out ("4. 4." otherwise)
        *([f'<li><a href="#background">{_e(_unnumbered(memo.background_heading))}</a></li>'] if memo.background else []),
        '<li><a href="#answers">Appendix A. Questions and answers</a></li>',
        '<li><a href="#open-questions">Appendix B. Open questions</a></li>',
        '<li><a href="#versions">Appendix C. Versions and hashes</a></li>',
    ]
    out.append("</ol></nav>")
    out.append("<main>")
    out += _summary(memo)
    out += _risk_table(memo)
    out.append('<section id="findings"><h2>3. Findings by license</h2>')
    out.append(
        '<p class="meta">Per license, by category and then by severity. Each finding gives the answers it rests on, '
        "the clause with its verbatim quote, the consequence and what to do.</p>"
    )
    for n, lic in enumerate(memo.licenses, 1):
        out += _license(n, lic, memo.categories)
    out.append("</section>")
    out += _combined(memo)
    out += _background(memo)
    out += _appendix(memo)
    out.append("</main>")
    out.append(f'<footer><p class="meta">Information, not legal advice. {_e(memo.title)}, {memo.date.isoformat()}.</p></footer>')
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


def _unnumbered(heading: str) -> str:
    return re.sub(r"^\d+\.\s+", "", heading)


def _combined(memo: Memo) -> list[str]:
    c = memo.combined
    if c is None:
        return []
    out = [f'<section id="combined"><h2>{_e(COMBINED_HEADING)}</h2>']
    if c.graph is not None:
        out += [
            "<h3>Lineage: how the model was built</h3>",
            '<p class="meta">Each box is a component with its licenses and rating; an arrow points to what it was used '
            "to build, labelled with the route (weights, outputs, dataset, code) and how.</p>",
            f'<figure class="lineage">{graph_svg(c.graph)}</figure>',
        ]
        out += _table(
            "The components",
            ["Component", "Route", "Used to build", "Licenses"],
            [[_e(r.component), _e(r.route), _e(r.into), _e(r.licenses)] for r in c.lineage],
        )
    out.append("<h3>Every duty, once</h3>")
    if not c.duties:
        out.append("<p>No duty to carry out: no naming, notice, license copy, display or pass-through term applies.</p>")
    else:
        rows = [
            [
                _e(d.title) + (' <span class="review">needs legal review</span>' if d.needs_legal_review else ""),
                f"{_e(d.kind)}<br>{_e(d.clause)}" + (f"<br>Brought by: {_e(d.brought_by)}" if d.brought_by else ""),
                "<br>".join(_e(a) for a in d.actions),
                _e(d.status),
            ]
            for d in c.duties
        ]
        out += _table(
            "Every naming rule, notice, license copy, display and pass-through term",
            ["Duty", "Kind and clause", "What to do", "Status"],
            rows,
        )
    out.append("<h3>Conflicts between the licenses</h3>")
    if not c.conflicts:
        out.append("<p>None found: the duties above can all be met together.</p>")
    for k in c.conflicts:
        review = ' <span class="review">needs legal review</span>' if k.needs_legal_review else ""
        out += [
            f"<h4>{_e(k.title)}{review}</h4>",
            "<ul>",
            *(f"<li>{_e(side)}</li>" for side in k.sides),
            "</ul>",
            f"<p>{_e(k.explanation)}</p>",
            f"<p><strong>What to do:</strong> {_e(k.action)}</p>",
            *(f'<p class="notice">Needs legal review: {_e(q)}</p>' for q in k.open_questions),
        ]
    out.append("</section>")
    return out


def _background(memo: Memo) -> list[str]:
    if not memo.background:
        return []
    out = [
        f'<section id="background"><h2>{_e(memo.background_heading)}</h2>',
        f'<p class="notice">{_e(memo.background_intro)}</p>',
    ]
    for label, text in memo.background:
        out += [f"<h3>{_e(label)}</h3>", f"<p>{_e(text)}</p>"]
    out.append("</section>")
    return out


def _summary(memo: Memo) -> list[str]:
    by_id = {lic.id: lic for lic in memo.licenses}
    ranked = [by_id[i] for i in memo.ranking if i in by_id] or list(memo.licenses)
    out = ['<section id="summary"><h2>1. Executive summary</h2>']
    out += _table(
        "Overall rating per license (its worst category level), worst first",
        ["License", "Rating", "What it means", "Findings"],
        [
            [
                _e(lic.name),
                _sev(lic.rating),
                _e(lic.rating_meaning),
                _e(f"{len(lic.findings)} ({lic.needs_review} for legal review)"),
            ]
            for lic in ranked
        ],
    )
    out.append("<h3>Findings that matter most</h3>")
    out.append(f'<p class="meta">{_e(memo.key_findings_rule)}</p>')
    if memo.key_findings:
        out.append("<ul>")
        for f in memo.key_findings:
            sections = ", ".join(dict.fromkeys(_section(q.section) for q in f.quotes))
            review = " · needs legal review" if f.needs_legal_review else ""
            out.append(f"<li>{_sev(f.severity)} {_e(f.title)} — {_e(f.license_name)} ({_e(sections)}){_e(review)}</li>")
        out.append("</ul>")
    else:
        out.append("<p>No finding of medium severity or above.</p>")
    out.append("<h3>What to do first</h3>")
    if memo.first_actions:
        out.append("<ol>" + "".join(f"<li>{_e(a)}</li>" for a in memo.first_actions) + "</ol>")
    else:
        out.append("<p>Nothing urgent: no finding of medium severity or above.</p>")
    out.append("</section>")
    return out


def _risk_table(memo: Memo) -> list[str]:
    out = ['<section id="risk-table"><h2>2. Risk table</h2>']
    out.append(
        '<p class="meta">Each cell is the severity of the worst finding in that category (none if none fired). '
        "The scale is the same for every license; one rubric rates every finding by its kind of risk:</p>"
    )
    out.append('<dl class="facts">')
    out += [f"<dt>{_sev(level)}</dt><dd>{_e(meaning)}</dd>" for level, meaning in memo.severity_scale]
    out.append("</dl>")
    out += _table(
        "Risk by license and category",
        ["License", *(c.capitalize() for c in memo.categories), "Overall"],
        [[_e(lic.name), *(_sev(lv.level) for lv in lic.levels), _sev(lic.rating)] for lic in memo.licenses],
    )
    out.append("</section>")
    return out


def _license(n: int, lic: MemoLicense, categories: Sequence[str]) -> list[str]:
    out = [
        f'<section id="license-{n}"><h3>3.{n} {_e(lic.name)} ({_e(lic.version)}) — {_sev(lic.rating)}</h3>',
        '<dl class="facts">',
    ]
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in lic.facts]
    out.append("</dl>")
    if not lic.findings:
        out.append("<p>No finding fired for the answers given.</p>")
    for category in categories:
        found = lic.findings_in(category)
        if not found:
            continue
        level = next((lv.level for lv in lic.levels if lv.category == category), "none")
        out.append(f"<h4>{_e(category.capitalize())} — {_sev(level)}</h4>")
        for f in found:
            out += _finding(f)
    if lic.undetermined:
        out.append(
            f"<p><strong>Not yet determined</strong> (depend on questions not answered yet): {_e('; '.join(lic.undetermined))}</p>"
        )
    out.append("</section>")
    return out


def _finding(f: MemoFinding) -> list[str]:
    review = " <strong>[NEEDS LEGAL REVIEW]</strong>" if f.needs_legal_review else ""
    out = [
        f'<article class="finding" id="finding-{_e(f.license_id)}-{_e(f.id)}">',
        f"<h5>{_sev(f.severity)} {_e(f.title)}{review}</h5>",
        f'<p class="meta">Finding {_e(f.id)} · {_e(f.category)} · {_e(f.severity)}</p>',
        f"<p><strong>Because:</strong> {_e(f.because)}</p>",
    ]
    for q in f.quotes:
        out.append(f"<p><strong>Clause:</strong> {_e(q.document)} {_e(_section(q.section))} ({_e(q.title)})</p>")
        out.append(f"<blockquote><p>“{_e(q.text)}”</p></blockquote>")
    out.append(f"<p><strong>Explanation:</strong> {_e(f.explanation)}</p>")
    if f.action:
        out.append(f"<p><strong>What to do:</strong> {_e(f.action)}</p>")
    if f.needs_legal_review:
        out += [f'<p class="review"><strong>Needs legal review:</strong> {_e(reason)}</p>' for reason in f.review_reasons]
    if f.rated:
        out.append(f'<p class="meta">Rated: {_e(f.rated)}</p>')
    out.append("</article>")
    return out


def _appendix(memo: Memo) -> list[str]:
    out = ['<section id="answers"><h2>Appendix A. Questions and answers</h2>']
    out.append('<p class="meta">Every question asked, in asking order, with the answer given.</p>')
    for group in memo.answers:
        rows = [[_e(r.question) + f' <span class="ref">[{_e(r.question_id)}]</span>', _multiline(r.answer)] for r in group.rows]
        if rows:
            out += _table(group.title, ["Question", "Answer"], rows)
        else:
            out.append(f"<h3>{_e(group.title)}</h3><p>No answers.</p>")
    if memo.set_aside:
        out += _table(
            "Answers set aside (no longer applicable; not scored)",
            ["Question", "Answer"],
            [
                [_e(r.question) + f' <span class="ref">[{_e(r.tree)}/{_e(r.question_id)}]</span>', _multiline(r.answer)]
                for r in memo.set_aside
            ],
        )
    if memo.unanswered:
        out += _table(
            "Questions not answered yet",
            ["Question", "Answer"],
            [
                [_e(r.question) + f' <span class="ref">[{_e(r.tree)}/{_e(r.question_id)}]</span>', "(not answered)"]
                for r in memo.unanswered
            ],
        )
    out.append("</section>")
    out.append('<section id="open-questions"><h2>Appendix B. Open questions</h2>')
    out.append(
        '<p class="meta">What the license texts leave unclear or do not contain; findings that rest on them need legal review.</p>'
    )
    if memo.open_questions:
        out.append("<ul>")
        for oq in memo.open_questions:
            head = _e(oq.source) + (f" · {_e(oq.id)}" if oq.id else "")
            clauses = f'<br><span class="ref">Clauses: {_e("; ".join(oq.clauses))}</span>' if oq.clauses else ""
            out.append(f"<li><strong>{head}</strong>: {_e(oq.text)}{clauses}</li>")
        out.append("</ul>")
    else:
        out.append("<p>None recorded.</p>")
    out.append("</section>")
    out.append('<section id="versions"><h2>Appendix C. Versions and hashes</h2>')
    out.append('<p class="meta">What this memo was made from, so that it can be reproduced and checked.</p>')
    out.append('<dl class="facts">')
    out.append(f"<dt>Tool</dt><dd>open-model-license-risk {_e(memo.tool_version)}</dd>")
    out.append(f"<dt>Memo date</dt><dd>{memo.date.isoformat()}</dd>")
    out.append(
        f"<dt>Answers</dt><dd>SHA-256 <code>{_e(memo.answers_sha256)}</code> (the answers used: intake and the licenses assessed, as canonical JSON: keys sorted, UTF-8)</dd>"
    )
    out.append("</dl>")
    out += _table(
        "Files used",
        ["What", "Version", "File", "SHA-256"],
        [
            [
                _e(f"{s.kind.capitalize()}: {s.name}"),
                _e(s.version),
                _e(s.file) + (f'<br><span class="ref">from {_e(s.origin)}</span>' if s.origin else ""),
                f"<code>{_e(s.sha256)}</code>",
            ]
            for s in memo.sources
        ],
    )
    out.append("</section>")
    return out
