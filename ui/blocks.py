"""The results page and the answers summary as blocks of HTML: plain Python, no Streamlit.

Every Streamlit element costs the server time on every rerun, and a page of findings drawn
element by element took six to ten a finding (some 180 for two licenses). Drawn as HTML,
a license's whole section is one element. Every string is escaped here (`html.escape`
after `mark`), so text from the content or from a user's answers shows as written: HTML
does not turn bare URLs into links, as Markdown does. Backgrounds are translucent and text
inherits its colour, so the blocks read in the light and the dark theme.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

from license_risk.content.model import CATEGORIES
from license_risk.content.printable import LINE_BREAKS, mark
from license_risk.memo.report import because_text
from scoring.engine import Step
from scoring.rating import FindingResult, LicenseResult, answer_text
from ui.heat_map import SEVERITY_HEX

CSS = (
    "<style>"
    ".lr p{margin:.35rem 0}"
    ".lr-card{border:1px solid rgba(128,128,128,.35);border-radius:.5rem;padding:.6rem .9rem;margin:0 0 .8rem 0}"
    ".lr-sev,.lr-flag{display:inline-block;font-weight:600;font-size:.8em;padding:0 .45em;border-radius:.3em;color:#1e1e1e}"
    ".lr-flag{background:#ffd8a8}"
    ".lr-because{white-space:pre-wrap;opacity:.85}"
    ".lr blockquote{margin:.3rem 0 .5rem 0;padding:.3rem .8rem;border-left:3px solid rgba(128,128,128,.6);"
    "background:rgba(128,128,128,.08)}"
    ".lr-review{background:rgba(255,170,0,.14);padding:.3rem .6rem;border-radius:.3rem}"
    ".lr-meta{opacity:.75;font-size:.88em}"
    ".lr table{border-collapse:collapse;margin:.4rem 0 .8rem 0}"
    ".lr th,.lr td{border:1px solid rgba(128,128,128,.35);padding:.25rem .6rem;text-align:left;vertical-align:top}"
    ".lr summary{cursor:pointer;font-weight:600}"
    ".lr-wide{overflow-x:auto}"
    ".lr-answers p{margin:.1rem 0 .5rem 0;white-space:pre-wrap}"
    "</style>"
)


def _e(text: object) -> str:
    return html.escape(mark(text), quote=True)


def _lines(text: str) -> str:
    """Line breaks kept, as the text was written."""
    return "<br>".join(_e(line) for line in LINE_BREAKS.split(text.strip()))


def severity_badge(level: str) -> str:
    return f'<span class="lr-sev" style="background:{SEVERITY_HEX[level]}">{_e(level.upper())}</span>'


def severity_scale(scale: dict[str, str]) -> str:
    """The rubric's scale, folded: the same for every license."""
    rows = "".join(f"<p>{severity_badge(level)} {_e(meaning)}</p>" for level, meaning in scale.items())
    return f'<div class="lr"><details><summary>Severity scale: the same for every license</summary>{rows}</details></div>'


def finding_card(f: FindingResult) -> str:
    """Level, title and category; why it applies (from the answers); the clauses quoted; what to do; review notes."""
    flag = ' <span class="lr-flag">NEEDS LEGAL REVIEW</span>' if f.finding.needs_legal_review else ""
    out = [
        '<div class="lr-card">',
        f"<p>{severity_badge(f.severity.name)}{flag} <strong>{_e(f.finding.title)}</strong> · {_e(f.finding.category.capitalize())}</p>",
        f'<p class="lr-because">{_e(because_text(f))}</p>',
        f"<p>{_lines(f.finding.explanation)}</p>",
    ]
    for cc in f.clauses:
        out.append(
            f"<p><strong>{_e(cc.profile.model.name)} §{_e(cc.clause.section)}</strong> ({_e(cc.clause.title)})</p>"
            f"<blockquote>{_lines(cc.clause.quote)}</blockquote>"
        )
    if f.finding.action:
        out.append(f"<p><strong>What to do:</strong> {_lines(f.finding.action)}</p>")
    out += [f'<p class="lr-review">Needs legal review: {_lines(oq.text)}</p>' for oq in f.open_questions]
    if f.finding.review_note:
        out.append(f'<p class="lr-review">Why legal review: {_lines(f.finding.review_note)}</p>')
    if f.rated:
        out.append(f'<p class="lr-meta">Rated: {_e(f.rated)}</p>')
    out.append("</div>")
    return "".join(out)


def license_section(r: LicenseResult, rating_meaning: str, cards: Sequence[str], hidden: int) -> str:
    """One license: its rating, the level of each category and what set it, then the findings' cards given."""
    m = r.license.model
    rows = "".join(
        f"<tr><th scope='row'>{_e(c.capitalize())}</th><td>{severity_badge(r.levels[c].level.name)}</td>"
        f"<td>{_e(', '.join(r.levels[c].findings) or '-')}</td></tr>"
        for c in CATEGORIES
    )
    out = [
        f'{CSS}<div class="lr"><h3>{_e(m.name)} ({_e(m.version)})</h3>',
        f"<p>Overall rating: {severity_badge(r.rating.name)} {_e(rating_meaning)}</p>",
        f"<table><thead><tr><th scope='col'>Category</th><th scope='col'>Level</th><th scope='col'>Set by</th></tr></thead><tbody>{rows}</tbody></table>",
    ]
    if r.needs_review:
        out.append(f'<p class="lr-review">{len(r.needs_review)} finding(s) need legal review: the text is unclear on them.</p>')
    if hidden:
        out.append(f'<p class="lr-meta">{len(cards)} of {len(cards) + hidden} findings shown (filters above).</p>')
    out += [*cards, "</div>"]
    return "".join(out)


def table(rows: Sequence[Mapping[str, str]], notes: Iterable[str] = ()) -> str:
    """A table with a header row (the first row's keys), then notes under it."""
    if not rows:
        return ""
    head = "".join(f"<th scope='col'>{_e(k)}</th>" for k in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row.values()) + "</tr>" for row in rows)
    after = "".join(f'<p class="lr-meta">{_e(note)}</p>' for note in notes)
    return f'{CSS}<div class="lr"><div class="lr-wide"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{after}</div>'


def notes_section(title: str, intro: str, notes: Iterable[tuple[str, str]]) -> str:
    """Labelled notes, folded under a title."""
    body = "".join(f"<p><strong>{_e(label)}</strong></p><p>{_lines(text)}</p>" for label, text in notes)
    return (
        f'{CSS}<div class="lr"><details><summary>{_e(title)}</summary><p class="lr-review">{_e(intro)}</p>{body}</details></div>'
    )


def answers_heading(title: str, note: str, summary: str | None) -> str:
    """The side panel's heading, its note, and the answers summary (or that there is none yet)."""
    body = summary if summary is not None else '<p class="lr-meta">No answers yet.</p>'
    note_html = f'<p class="lr-meta">{_e(note)}</p>' if note else ""
    return f'{CSS}<div class="lr"><h2>{_e(title)}</h2>{note_html}</div>{body}'


def answers_summary(groups: Iterable[tuple[str, list[Step]]]) -> str:
    """The answers so far, per section (the company, then each license): question, then the answer."""
    out = [f'{CSS}<div class="lr lr-answers">']
    for heading, steps in groups:
        out.append(f"<p><strong>{_e(heading)}</strong></p>")
        out += [f"<p>{_e(s.question.text.strip())}<br>→ {_e(answer_text(s.question, s.value))}</p>" for s in steps]
    out.append("</div>")
    return "".join(out)
