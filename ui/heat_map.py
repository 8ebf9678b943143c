"""The comparison heat map as an HTML table: one row per license version, one column per risk category.

A table is read by screen readers and copied into e-mails as it is, shows full license
names, and costs one element to draw; a Vega-Lite chart converted its data to Arrow on
every rerun. Every string is escaped. No Streamlit here: the page draws it with `st.html`.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from license_risk.content.model import CATEGORIES
from license_risk.content.printable import mark
from license_risk.i18n import ENGLISH, translator
from scoring.rating import ComparisonRow
from ui.labels import CATEGORY, SEVERITY

SEVERITY_HEX = {
    "none": "#e0e0e0",
    "info": "#cfe2ff",
    "low": "#c8e6c9",
    "medium": "#ffe0a3",
    "high": "#ffab91",
    "critical": "#d1a3e6",
}
CSS = (
    "<style>"
    ".lr-heat{border-collapse:collapse;margin:.3rem 0 .4rem 0}"
    ".lr-heat th,.lr-heat td{border:2px solid transparent;padding:.35rem .7rem;text-align:left}"
    ".lr-heat td{color:#1e1e1e;font-weight:600;text-align:center;min-width:6.5em}"
    # a category's name on one line: the table scrolls sideways rather than break "オープン性" after "オープン"
    ".lr-heat thead th{white-space:nowrap}"
    # the underline below the glyph: dotted through a one-character Japanese level (中, 低) it read as part of it
    ".lr-heat td a{color:inherit;display:block;text-decoration:underline dotted;text-underline-offset:.3em}"
    ".lr-legend{font-size:.85em;margin:0 0 .8rem 0}"
    ".lr-heat caption{text-align:left}"  # above the table's first column, where reading starts, not centred
    ".lr-legend span{display:inline-block;color:#1e1e1e;padding:0 .5em;margin-right:.3em;border-radius:.3em}"
    "</style>"
)


def _e(text: object) -> str:
    return html.escape(mark(text), quote=True)


def heat_map_html(
    rows: list[tuple[str, ComparisonRow]], *, lang: str = ENGLISH, link: Callable[[str, str], str] | None = None
) -> str:
    """The table for (row label, comparison row) pairs, in the order given, with a legend below it.

    With `link(license, category)`, each cell is a link to that address: the page shows the findings
    behind the cell (plain links, no widget per cell: a widget costs the server on every rerun)."""
    _ = translator(lang)
    head = "".join(f'<th scope="col">{_e(_(CATEGORY[c]))}</th>' for c in CATEGORIES)
    body = []
    for label, row in rows:
        cells = "".join(_cell(label, row, c, _, link) for c in CATEGORIES)
        body.append(f'<tr><th scope="row">{_e(label)}</th>{cells}</tr>')
    legend = " ".join(  # spaced: copied or read aloud, the levels stay words
        f'<span style="background:{colour}">{_e(_(SEVERITY[level]))}</span>' for level, colour in SEVERITY_HEX.items()
    )
    caption = _("Risk level by category (worst first)")
    if link is not None:
        caption += ("" if lang == "ja" else " ") + _("Click a cell to see the findings behind it.")  # no space in Japanese
    license_, levels = _("License"), _("Levels, lowest to highest:")
    # in a region that scrolls sideways on a narrow page (ui.blocks' "lr-wide": focusable, named)
    return (
        f'{CSS}<div class="lr-wide" tabindex="0" role="region" aria-label="{_e(caption)}">'
        f'<table class="lr-heat"><caption class="lr-legend">{_e(caption)}</caption>'
        f'<thead><tr><th scope="col">{_e(license_)}</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
        f'<p class="lr-legend">{_e(levels)} {legend}</p>'
    )


def _cell(label: str, row: ComparisonRow, category: str, _: Callable[[str], str], link: Callable[[str, str], str] | None) -> str:
    level = row.levels[category].name  # type: ignore[index]  # a category of CATEGORIES
    words = _e(_(SEVERITY[level]))
    if link is not None:
        title = _("Findings of {license} in {category}").format(license=label, category=_(CATEGORY[category]))
        words = f'<a href="{_e(link(row.license, category))}" target="_self" title="{_e(title)}">{words}</a>'
    return f'<td style="background:{SEVERITY_HEX[level]}">{words}</td>'
