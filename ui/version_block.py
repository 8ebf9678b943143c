"""'What changed between versions' on the results page: one folded HTML block (one element per rerun).

Lays out `license_risk.memo.versions.VersionsSection` (the words, shared with the memo); no Streamlit.
"""

from __future__ import annotations

from license_risk.i18n import ENGLISH, translator
from license_risk.memo.versions import ClauseDelta, VersionsSection
from ui.blocks import CSS, FindingLink, _e, _lines, finding_a, severity_badge


def _quotes(c: ClauseDelta, before: str, after: str) -> str:
    out = [f"<p><strong>{_e(c.place)}</strong> · {_e(c.change)}</p>"]
    if c.before:
        out.append(f'<p class="lr-meta">{_e(before)}</p><blockquote>{_lines(c.before)}</blockquote>')
    if c.after:
        out.append(f'<p class="lr-meta">{_e(after)}</p><blockquote>{_lines(c.after)}</blockquote>')
    return "".join(out)


def versions_block(section: VersionsSection, *, lang: str = ENGLISH, link: FindingLink | None = None) -> str:
    """Folded: per pair of versions, the findings that differ (before → after, linked to their card) and their causes."""
    _ = translator(lang)
    out = [f'{CSS}<div class="lr" id="lr-versions"><details><summary>{_e(section.heading)}</summary>']
    out.append(f'<p class="lr-meta">{_e(section.intro)}</p>')
    for pair in section.pairs:
        out.append(f'<div class="lr-card"><h4>{_e(pair.heading)}</h4>')
        if pair.no_findings:
            out.append(f"<p>{_e(pair.no_findings)}</p>")
        for f in pair.findings:
            levels = " → ".join(
                severity_badge(level, _) if level != "none" else _e(words)
                for level, words in ((f.before_level, f.before), (f.after_level, f.after))
            )
            out.append(f"<p>{levels} {finding_a(f.license, f.finding, link)}<strong>{_e(f.title)}</strong></a></p>")
            out += [_quotes(c, pair.before_label, pair.after_label) for c in f.causes]
            if f.no_cause:
                out.append(f'<p class="lr-meta">{_e(f.no_cause)}</p>')
        if pair.clauses:
            out.append(f"<details><summary>{_e(pair.clauses_heading)}</summary>")
            out += [_quotes(c, pair.before_label, pair.after_label) for c in pair.clauses]
            out.append("</details>")
        out.append("</div>")
    out.append("</details></div>")
    return "".join(out)
