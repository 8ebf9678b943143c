"""One memo in two languages, for forwarding to foreign counsel: Japanese and English together.

    render_pdf_both(memo_ja, memo_en) -> bytes   # the two memos one after the other, each complete
    render_html_both(memo_ja, memo_en) -> str    # the two side by side, section by section scrollable

Both memos come from the same answers, assessed with the catalog in each language, so they hold the
same findings in other words (license_risk.content.localized). The PDF keeps each memo whole, with
its own page numbers and bookmarks, because a reviewer forwards or prints one language or both; the
HTML, read on a screen, puts them in two columns. Imports the renderers of this package only.
"""

from __future__ import annotations

import html
import io
import re

from license_risk.content.printable import mark
from license_risk.i18n import language
from license_risk.memo.facts import Memo
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf

_BODY = re.compile(r"<body>(.*)</body>", re.S)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_ANCHOR = re.compile(r'(id="|href="#)([^"]+)"|(url\(#)([^)]+)\)')


def render_pdf_both(first: Memo, second: Memo) -> bytes:
    """The first memo, then the second, in one PDF (pypdf joins them, outlines kept)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for memo in (first, second):
        writer.append(PdfReader(io.BytesIO(render_pdf(memo))), outline_item=memo.title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_html_both(first: Memo, second: Memo) -> str:
    """The two memos side by side; each column keeps its language and its own anchors."""
    columns = []
    style = ""
    for memo in (first, second):
        doc = render_html(memo)
        style = style or _STYLE.search(doc).group(1)  # type: ignore[union-attr]
        body = _BODY.search(doc).group(1)  # type: ignore[union-attr]
        # Anchors made unique per column (ja-summary, en-summary): ids are the renderer's own, never user text.
        lang = language(memo.lang)
        body = _ANCHOR.sub(lambda m, lang=lang: _prefixed(m, lang), body)
        columns.append(f'<div class="column" lang="{lang}">{body}</div>')
    title = f"{first.title} / {second.title}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language(first.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_escape(title)}</title>\n"
        f"<style>{style}\nbody {{ max-width: none; }}\n"
        ".both { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2.5em; align-items: start; }\n"
        ".both table { width: 100%; table-layout: fixed; overflow-wrap: anywhere; }\n"
        "@media (max-width: 60em) { .both { grid-template-columns: 1fr; } }\n</style>\n</head>\n<body>\n"
        f'<div class="both">{"".join(columns)}</div>\n</body>\n</html>\n'
    )


def _prefixed(m: re.Match[str], lang: str) -> str:
    """An id, a link to it, or an SVG url(#...) reference, with the column's language in front."""
    if m.group(1):
        return f'{m.group(1)}{lang}-{m.group(2)}"'
    return f"{m.group(3)}{lang}-{m.group(4)})"


def _escape(text: str) -> str:
    return html.escape(mark(text), quote=True)
