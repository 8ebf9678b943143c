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
from collections.abc import Callable, Iterable, Mapping, Sequence

from license_risk.content.model import CATEGORIES
from license_risk.content.plainquote import plain_quote
from license_risk.content.printable import LINE_BREAKS, mark
from license_risk.i18n import ENGLISH, format_date, translator
from license_risk.memo.decision import Decision
from license_risk.memo.duties import Combined
from license_risk.memo.report import because_text
from license_risk.numbers.money import conversion_text
from license_risk.policy import LicenseVerdict
from license_risk.policy.report import license_lines, verdict_word
from license_risk.review import FindingReview
from license_risk.review.words import STALE, verdict_text, who
from license_risk.review.words import stale_line as stale_text
from scoring.answers import Conversions
from scoring.engine import Step
from scoring.rating import FindingResult, LicenseResult, answer_text
from ui.heat_map import SEVERITY_HEX
from ui.labels import CATEGORY, SEVERITY

CSS = (
    "<style>"
    ".lr p{margin:.35rem 0}"
    ".lr-card{border:1px solid rgba(128,128,128,.35);border-radius:.5rem;padding:.6rem .9rem;margin:0 0 .8rem 0}"
    ".lr-sev,.lr-flag{display:inline-block;font-weight:600;font-size:.8em;padding:0 .45em;border-radius:.3em;color:#1e1e1e}"
    ".lr-flag{background:#ffd8a8}"
    + "".join(f".lr-s-{level}{{background:{colour}}}" for level, colour in SEVERITY_HEX.items())  # badges by class: fewer bytes
    + ".lr-because{white-space:pre-wrap;opacity:.85}"
    ".lr blockquote{margin:.3rem 0 .5rem 0;padding:.3rem .8rem;border-left:3px solid rgba(128,128,128,.6);"
    "background:rgba(128,128,128,.08)}"
    ".lr-review{background:rgba(255,170,0,.14);padding:.3rem .6rem;border-radius:.3rem}"
    ".lr-meta{opacity:.75;font-size:.88em}"
    ".lr table{border-collapse:collapse;margin:.4rem 0 .8rem 0}"
    ".lr th,.lr td{border:1px solid rgba(128,128,128,.35);padding:.25rem .6rem;text-align:left;vertical-align:top}"
    ".lr summary{cursor:pointer;font-weight:600}"
    "details.lr-card>summary{font-weight:400}"
    ".lr-card[open]>summary{margin-bottom:.4rem}"
    ".lr ol,.lr ul{margin:.2rem 0 .5rem 0;padding-left:1.4rem}"
    ".lr-wide{overflow-x:auto}"
    ".lr-wide:focus-visible{outline:2px solid currentColor;outline-offset:2px}"
    ".lr-answers p{margin:.1rem 0 .5rem 0;white-space:pre-wrap}"
    ".lr-v-allow{background:#b2f2bb}.lr-v-review{background:#ffd8a8}.lr-v-deny{background:#ffa8a8}"
    ".lr-rev{display:inline-block;font-size:.8em;padding:0 .45em;border-radius:.3em;border:1px solid currentColor}"
    ".lr-reason{white-space:pre-wrap}"
    "</style>"
)


class Built(str):
    """HTML built here, every text escaped, with no indentation: st.html takes an object with
    `_repr_html_` as it is, where a plain str goes through textwrap.dedent, about a tenth of the
    results page's rerun for its 60 KB that dedent can only leave unchanged."""

    def _repr_html_(self) -> str:
        return str(self)


def _e(text: object) -> str:
    return html.escape(mark(text), quote=True)


def _wide(table_html: str, label: str = "") -> str:
    """A table that scrolls sideways on a narrow page: focusable, so that a keyboard can scroll it
    too (axe: scrollable-region-focusable), and named, so a screen reader says what it holds."""
    named = f' role="region" aria-label="{_e(label)}"' if label else ""
    return f'<div class="lr-wide" tabindex="0"{named}>{table_html}</div>'


def _lines(text: str) -> str:
    """Line breaks kept, as the text was written."""
    return "<br>".join(_e(line) for line in LINE_BREAKS.split(text.strip()))


def severity_badge(level: str, _: Callable[[str], str] | None = None) -> str:
    _ = _ or translator(ENGLISH)
    label = _(SEVERITY[level]) if level in SEVERITY else level.upper()
    return f'<span class="lr-sev lr-s-{_e(level)}">{_e(label)}</span>'


def severity_scale(scale: dict[str, str], *, lang: str = ENGLISH) -> str:
    """The rubric's scale, folded: the same for every license."""
    _ = translator(lang)
    rows = "".join(f"<p>{severity_badge(level, _)} {_e(meaning)}</p>" for level, meaning in scale.items())
    title = _e(_("Severity scale: the same for every license"))  # never _() inside an f-string: Babel cannot see it there
    return f'<div class="lr"><details><summary>{title}</summary>{rows}</details></div>'


def finding_anchor(license_id: str, finding_id: str) -> str:
    """The id of a finding's card on the page, for links from the decision at the top."""
    return f"lr-{license_id}-{finding_id}"


# (license, finding) -> the address of a page that shows that finding's card, whatever is filtered
FindingLink = Callable[[str, str], str]


def finding_a(license_id: str, finding_id: str, link: FindingLink | None, css: str = "") -> str:
    """The opening <a> of a link to a finding: to the page that opens its card, or (without `link`) its card's anchor.

    Only one license's findings, filtered, are on the page at a time: an anchor to another card
    would lead nowhere, so the page links through `link` and, reloaded, shows and opens the card
    (in this tab: `target="_self"`)."""
    cls = f' class="{css}"' if css else ""
    if link is None:
        return f'<a href="#{_e(finding_anchor(license_id, finding_id))}"{cls}>'
    return f'<a href="{_e(link(license_id, finding_id))}" target="_self"{cls}>'


def finding_card(f: FindingResult, *, lang: str = ENGLISH, review: FindingReview | None = None) -> str:
    """One line (level, title, category) that opens on: why it applies, the clauses quoted, what to do, review notes.

    With a reviewer's decision (`review`), the line shows it beside the tool's level, and the card opens on
    the two side by side: the decision never takes the tool's rating's place."""
    _ = translator(lang)
    needs = _("NEEDS LEGAL REVIEW")
    flag = f' <span class="lr-flag">{_e(needs)}</span>' if f.finding.needs_legal_review else ""
    what, review_label, why, rated = _("What to do:"), _("Needs legal review:"), _("Why legal review:"), _("Rated:")
    decided = ""
    if review is not None and review.decision is not None:
        reviewer = _("Reviewer:")
        decided = f' <span class="lr-rev">{_e(reviewer)} {_e(verdict_text(review.decision, lang))}</span>'
        if review.stale:
            decided += f' <span class="lr-flag">{_e(_(STALE))}</span>'
    out = [
        f'<details class="lr-card" id="{_e(finding_anchor(f.license, f.finding.id))}">',
        f"<summary>{severity_badge(f.severity.name, _)}{flag}{decided} <strong>{_e(f.finding.title)}</strong> · "
        f"{_e(_(CATEGORY[f.finding.category]))}</summary>",
    ]
    if review is not None and review.decision is not None:
        out.append(review_table(review, lang))
    out += [
        f'<p class="lr-because">{_e(because_text(f, lang))}</p>',
        f"<p>{_lines(f.finding.explanation)}</p>",
    ]
    for cc in f.clauses:
        out.append(
            f"<p><strong>{_e(cc.profile.model.name)} §{_e(cc.clause.section)}</strong> ({_e(cc.clause.title)})</p>"
            f"<blockquote>{_lines(plain_quote(cc.clause.quote))}</blockquote>"
        )
    if f.finding.action:
        out.append(f"<p><strong>{_e(what)}</strong> {_lines(f.finding.action)}</p>")
    out += [f'<p class="lr-review">{_e(review_label)} {_lines(oq.text)}</p>' for oq in f.open_questions]
    if f.finding.review_note:
        out.append(f'<p class="lr-review">{_e(why)} {_lines(f.finding.review_note)}</p>')
    if f.rated:
        out.append(f'<p class="lr-meta">{_e(rated)} {_e(f.rated)}</p>')
    out.append("</details>")
    return "".join(out)


def review_table(review: FindingReview, lang: str) -> str:
    """The tool's rating and the reviewer's decision side by side: who, when, what, and the reason as written."""
    _ = translator(lang)
    d = review.decision
    assert d is not None
    head = "".join(f"<th scope='col'>{_e(h)}</th>" for h in (_("Tool's rating"), _("Reviewer's decision")))
    by = _("by {who} on {date}").format(who=who(d.by, lang), date=format_date(d.date, lang))
    reason = _("Reason:")
    decided = (
        f"<p><strong>{_e(verdict_text(d, lang))}</strong></p>"
        f'<p class="lr-meta">{_e(by)}</p>'
        f'<p class="lr-reason"><strong>{_e(reason)}</strong> {_e(mark(d.reason))}</p>'
    )
    if review.stale:
        decided += f'<p class="lr-review"><strong>{_e(_(STALE))}:</strong> {_e(stale_text(lang))}</p>'
    cells = f"<td>{severity_badge(review.tool.name, _)}</td><td>{decided}</td>"
    return _wide(f"<table><thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table>", _("Review"))


def card_block(card: str) -> str:
    """One finding's card on its own (a reviewer's page draws a Review control under each)."""
    return f'{CSS}<div class="lr">{card}</div>'


def license_section(
    tree_id: str,
    r: LicenseResult,
    rating_meaning: str,
    cards: Sequence[str],
    hidden: int,
    *,
    lang: str = ENGLISH,
    shown: Iterable[str] | None = None,
    link: FindingLink | None = None,
    drawn: bool = True,
) -> str:
    """One license: its rating, the level of each category and the findings that set it, then the findings' cards given
    (unless `drawn` is False: the caller draws them, each with its Review control).

    `shown`: the findings whose cards are given (default: all); a link to another goes through `link`."""
    _ = translator(lang)
    m = r.license.model
    titles = {f.finding.id: f.finding.title for f in r.findings}
    on_page = {f.finding.id for f in r.findings} if shown is None else set(shown)

    def set_by(ids: Iterable[str]) -> str:
        links = [f"{finding_a(tree_id, i, None if i in on_page else link)}{_e(titles.get(i, i))}</a>" for i in ids]
        return "; ".join(links) or "-"

    rows = "".join(
        f"<tr><th scope='row'>{_e(_(CATEGORY[c]))}</th><td>{severity_badge(r.levels[c].level.name, _)}</td>"
        f"<td>{set_by(r.levels[c].findings)}</td></tr>"
        for c in CATEGORIES
    )
    overall = _("Overall rating:")
    head = "".join(f"<th scope='col'>{_e(h)}</th>" for h in (_("Category"), _("Level"), _("Set by")))
    out = [
        f'{CSS}<div class="lr"><h3>{_e(m.name)} ({_e(m.version)})</h3>',
        f"<p>{_e(overall)} {severity_badge(r.rating.name, _)} {_e(rating_meaning)}</p>",
        _wide(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>", f"{m.name} ({m.version})"),
    ]
    if r.needs_review:
        unclear = _("{n} finding(s) need legal review: the text is unclear on them.").format(n=len(r.needs_review))
        out.append(f'<p class="lr-review">{_e(unclear)}</p>')
    if hidden:
        shown = _("{shown} of {total} findings shown (filters above); each opens on a click.").format(
            shown=len(cards), total=len(cards) + hidden
        )
    else:
        shown = _("{n} findings; each opens on a click.").format(n=len(cards))
    out.append(f'<p class="lr-meta">{_e(shown)}</p>')
    out += [*(cards if drawn else ()), "</div>"]
    return "".join(out)


def verdict_badge(action: str, lang: str) -> str:
    """An organisation policy's verdict as a badge: its words, never colour alone."""
    return f'<span class="lr-sev lr-v-{_e(action)}">{_e(verdict_word(action, lang))}</span>'


def verdict_line(v: LicenseVerdict, policy_name: str, lang: str) -> str:
    """The policy's verdict under a license's rating, with its reasons folded."""
    _ = translator(lang)
    label = _("Organisation policy ({name}):").format(name=policy_name)
    why = _("Why")
    reasons = "".join(f"<li>{_e(line)}</li>" for line in license_lines(v, lang, titles=True))
    return (
        f"<p><strong>{_e(label)}</strong> {verdict_badge(v.verdict, lang)}</p>"
        f'<details><summary class="lr-meta">{_e(why)}</summary><ul>{reasons}</ul></details>'
    )


def decision_block(
    title: str,
    prepared_for: str,
    unanswered: int,
    decisions: Sequence[Decision],
    *,
    lang: str = ENGLISH,
    link: FindingLink | None = None,
    verdicts: Mapping[str, LicenseVerdict] | None = None,
    policy_name: str = "",
) -> str:
    """The top of the results page: per license, the rating in words (and, with an organisation policy, its
    verdict beside it), what the plan may not do, what to do first.

    Each item links to its finding (through `link`: the card may be of a license not shown below)."""
    _ = translator(lang)
    out = [f'{CSS}<div class="lr"><h1>{_e(title)}</h1>']
    if prepared_for:
        prepared = _("Prepared for {who}").format(who=prepared_for)
        out.append(f"<p>{_e(prepared)}</p>")
    if unanswered:
        still = _("{n} question(s) are still unanswered; findings that depend on them are not shown.").format(n=unanswered)
        out.append(f'<p class="lr-review">{_e(still)}</p>')
    brief = _("The decision in brief")
    may_not, first = _("Not licensed as planned:"), _("What to do first:")
    nothing = _("Nothing to do before going ahead: no finding of medium severity or above.")
    out.append(f"<h3>{_e(brief)}</h3>")
    if len(decisions) > 1:
        below = _("Each license's findings are listed below, one license at a time (Findings of).")
        out.append(f'<p class="lr-meta">{_e(below)}</p>')
    for d in decisions:
        out += [
            '<div class="lr-card">',
            f"<p><strong>{_e(d.name)}</strong>: {severity_badge(d.rating, _)} {_e(d.meaning)}</p>",
        ]
        if verdicts and d.license in verdicts:
            out.append(verdict_line(verdicts[d.license], policy_name, lang))
        if d.may_not:
            out.append(f"<p><strong>{_e(may_not)}</strong></p><ul>")
            out += [f"<li>{finding_a(d.license, i.finding, link)}{_e(i.text)}</a></li>" for i in d.may_not]
            out.append("</ul>")
        if d.first:
            out.append(f"<p><strong>{_e(first)}</strong></p><ol>")
            out += [
                f"<li>{severity_badge(i.severity, _)} {_e(i.text)} "
                f"{finding_a(d.license, i.finding, link, 'lr-meta')}({_e(i.title)})</a></li>"
                for i in d.first
            ]
            out.append("</ol>")
        elif not d.may_not:
            out.append(f"<p>{_e(nothing)}</p>")
        if d.to_review:
            unclear = _("{n} finding(s) rest on unclear text: have counsel review them.").format(n=d.to_review)
            out.append(f'<p class="lr-review">{_e(unclear)}</p>')
        out.append("</div>")
    out.append("</div>")
    return "".join(out)


def table(rows: Sequence[Mapping[str, str]], notes: Iterable[str] = (), *, label: str = "") -> str:
    """A table with a header row (the first row's keys), then notes under it; `label` names it for screen readers."""
    if not rows:
        return ""
    head = "".join(f"<th scope='col'>{_e(k)}</th>" for k in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row.values()) + "</tr>" for row in rows)
    after = "".join(f'<p class="lr-meta">{_e(note)}</p>' for note in notes)
    wide = _wide(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", label)
    return f'{CSS}<div class="lr">{wide}{after}</div>'


def notes_section(title: str, intro: str, notes: Iterable[tuple[str, str]]) -> str:
    """Labelled notes, folded under a title."""
    body = "".join(f"<p><strong>{_e(label)}</strong></p><p>{_lines(text)}</p>" for label, text in notes)
    return (
        f'{CSS}<div class="lr"><details><summary>{_e(title)}</summary><p class="lr-review">{_e(intro)}</p>{body}</details></div>'
    )


def lineage_block(c: Combined, *, lang: str = ENGLISH) -> str:
    """A model built from several components: every duty across its licenses once, the conflicts.

    The graph is drawn by the page with st.image: st.html's sanitizer drops inline SVG."""
    _ = translator(lang)
    summary = _(
        "How the model was built: {components} component(s), {duties} duty(ies) across its licenses, "
        "{conflicts} conflict(s) between them"
    ).format(components=len(c.lineage), duties=len(c.duties), conflicts=len(c.conflicts))
    out = [f'{CSS}<div class="lr"><details{" open" if c.conflicts else ""}><summary>{_e(summary)}</summary>']
    needs = _("NEEDS LEGAL REVIEW")
    flag = f' <span class="lr-flag">{_e(needs)}</span>'
    what, review = _("What to do:"), _("Needs legal review:")
    for k in c.conflicts:
        conflict = _("Conflict: {title}").format(title=k.title)
        out.append(f'<div class="lr-card"><p><strong>{_e(conflict)}</strong>{flag if k.needs_legal_review else ""}</p>')
        out += [f"<p>• {_e(side)}</p>" for side in k.sides]
        out.append(f"<p>{_e(k.explanation)}</p><p><strong>{_e(what)}</strong> {_e(k.action)}</p>")
        out += [f'<p class="lr-review">{_e(review)} {_e(q)}</p>' for q in k.open_questions]
        out.append("</div>")
    if c.duties:
        brought = _e(_("Brought by:"))
        rows = "".join(
            f"<tr><td>{_e(d.title)}</td><td>{_e(d.kind)}<br>{_e(d.clause)}"
            + (f"<br>{brought} {_e(d.brought_by)}" if d.brought_by else "")
            + f"</td><td>{'<br>'.join(_e(a) for a in d.actions)}</td><td>{_e(d.status)}</td></tr>"
            for d in c.duties
        )
        head = "".join(f"<th scope='col'>{_e(h)}</th>" for h in (_("Duty"), _("Kind and clause"), _("What to do"), _("Status")))
        duties = _("Duties across the licenses")
        out.append(_wide(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>", duties))
    out.append("</details></div>")
    return "".join(out)


def caution(text: str) -> str:
    """A short warning that may quote what the user typed (escaped, as typed), visible without a hover."""
    return f'{CSS}<div class="lr"><p class="lr-review">⚠ {_e(text)}</p></div>'


def folded_lines(title: str, lines: Iterable[str]) -> str:
    """Lines of text (from answers: escaped, as typed), folded under a title."""
    body = "".join(f"<p>{_e(line)}</p>" for line in lines)
    return f'{CSS}<div class="lr lr-answers"><details><summary>{_e(title)}</summary>{body}</details></div>'


def answers_heading(title: str, note: str, summary: str | None, *, lang: str = ENGLISH) -> str:
    """The side panel's heading, its note, and the answers summary (or that there is none yet)."""
    _ = translator(lang)
    none_yet = _("No answers yet.")
    body = summary if summary is not None else f'<p class="lr-meta">{_e(none_yet)}</p>'
    note_html = f'<p class="lr-meta">{_e(note)}</p>' if note else ""
    return f'{CSS}<div class="lr"><h2>{_e(title)}</h2>{note_html}</div>{body}'


def answers_summary(
    groups: Iterable[tuple[str, list[Step]]],
    *,
    lang: str = ENGLISH,
    conversions: Conversions | None = None,
    notes: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """The answers so far, per section (the company, then each license): question, then the answer (a dollar
    amount entered in yen with what was entered and the rate, as the memo gives it), then what `notes` says
    of it (by tree and question: e.g. that it came from the model catalog)."""
    out = [f'{CSS}<div class="lr lr-answers">']
    notes = notes or {}

    def shown(s: Step) -> str:
        c = (conversions or {}).get((s.tree, s.question.id))
        if c is not None and c.usd == s.value:
            return conversion_text(c, lang)
        return answer_text(s.question, s.value, lang)

    for heading, steps in groups:
        out.append(f"<p><strong>{_e(heading)}</strong></p>")
        out += [
            f"<p>{_e(s.question.text.strip())}<br>→ {_e(shown(s))}"
            + (f" <em>({_e(notes[s.tree, s.question.id])})</em>" if (s.tree, s.question.id) in notes else "")
            + "</p>"
            for s in steps
        ]
    out.append("</div>")
    return "".join(out)
