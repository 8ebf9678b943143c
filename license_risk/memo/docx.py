"""The memo as a Word document (DOCX), with python-docx: for legal teams who edit it with track changes.

    render_docx(memo: Memo) -> bytes
    render_docx_both(first: Memo, second: Memo) -> bytes   # one memo, then the other, each complete

The same content in the same order as the PDF (pdf.py), one method per section of it, in Word's own
structure: the built-in Title and Heading 1-4 styles (Word's navigation pane and table of contents
read them), real tables in one table style ("Memo Table", its header row repeated on each page),
List Bullet and List Number paragraphs, the verbatim license quotes in the built-in Quote style
(marked as English), and the memo's own named styles ("Memo Notice", "Memo Field", "Memo Label", ...)
so that a reviewer restyles the whole memo at once. Headings keep their numbers as text, as the PDF
prints them, so that an edit never renumbers what counsel has cited.

Japanese: Word draws Japanese with the font in the East Asian slot (w:eastAsia), which python-docx never
sets, and the template's theme slot (w:eastAsiaTheme) would win over it. So every style's East Asian
font is IPAexGothic, the Japanese font the PDF embeds, listed in the font table with Yu Gothic as its
alternative and the Shift JIS character set (Word substitutes a Japanese font where neither is
installed); and each run holding CJK text carries that font and the East Asian hint itself, so that
it keeps them when pasted into another document. The language is en-US, with ja-JP for East Asian text.

"Both languages" is as the PDF does it: the first memo, then the second in a new section with its own
header, footer and page numbers (Page n of the section's pages).

The lineage graph is a PNG picture (Word shows an SVG only beside a PNG fallback), drawn by graph_png.py
with the same layout and fonts, at the PDF's scale, with the graph's text alternative as its alt text;
the table under it gives the same components and routes.

The same memo always gives the same bytes: the document's dates and the zip entries' are the memo's date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from collections.abc import Callable, Sequence
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from license_risk.combined.alt import graph_alt
from license_risk.combined.graph import Graph
from license_risk.combined.layout import layout
from license_risk.content.printable import LINE_BREAKS, mark
from license_risk.i18n import format_date, language, translator
from license_risk.i18n.labels import CATEGORY, SEVERITY
from license_risk.memo.colours import (
    HEAD_FILL,
    INK,
    MUTED,
    NOTICE_FILL,
    QUOTE_FILL,
    RULE,
    SEVERITY_FILL,
    SEVERITY_INK,
)
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
from license_risk.memo.graph_png import graph_png

LATIN_FONT = "Arial"  # on every Word; LibreOffice draws it with a metric-compatible sans serif
EAST_ASIA_FONT = "IPAexGothic"  # the PDF's Japanese font (fonts/ipaexg.ttf)
EAST_ASIA_ALTERNATIVE = "Yu Gothic"  # on every current Word for Windows and Mac
CJK = re.compile("[\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
A4 = (Mm(210), Mm(297))
MARGIN, TOP, BOTTOM = 18, 22, 20  # mm, as the PDF
TEXT_WIDTH_MM = 210 - 2 * MARGIN
TWIPS_PER_MM = 1440 / 25.4
GRAPH_MM_PER_PX = 0.3  # the lineage picture's size, as the PDF draws it (never wider than the text)
LABEL_MM = 35  # the label column of a "Memo Field" paragraph (the PDF's 27 mm wraps its labels; a tab cannot)

# The schema's order of a few property elements: Word refuses a file whose children are out of order.
_ORDER = {
    "rPr": (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
        "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
        "lang eastAsianLayout specVanish oMath"
    ).split(),
    "pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
        "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
        "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
        "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ).split(),
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark".split(),
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden".split(),
    "tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
        "tblBorders shd tblLayout tblCellMar tblLook"
    ).split(),
    "sectPr": (
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType "
        "cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings"
    ).split(),
}


def _put(parent: Any, tag: str, **attrs: str) -> Any:
    """Set `parent`'s child w:`tag` (replacing any) with these w: attributes, at its place in the schema's order."""
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    child = OxmlElement(f"w:{tag}", {qn(f"w:{k}"): v for k, v in attrs.items()})
    order = _ORDER[parent.tag.split("}")[1]]
    later = {qn(f"w:{t}") for t in order[order.index(tag) + 1 :]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            break
    else:
        parent.append(child)
    return child


def _hex(rgb: tuple[int, int, int]) -> str:
    return "{:02X}{:02X}{:02X}".format(*rgb)


def _shade(parent: Any, rgb: tuple[int, int, int]) -> None:
    _put(parent, "shd", val="clear", color="auto", fill=_hex(rgb))


def _fonts(rfonts: Any) -> None:
    """The fonts named, never the theme's (a theme slot wins over a named font): sans serif, as the PDF."""
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme"):
        rfonts.attrib.pop(qn(f"w:{theme}"), None)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)


def clean(text: str) -> str:
    """Text as Word may hold it: line breaks as breaks, tabs as spaces, hidden characters shown as [U+XXXX]."""
    return mark(LINE_BREAKS.sub("\n", text).replace("\t", " "))


# ---------------------------------------------------------------- the document and its styles


def _styles(doc: WordDocument) -> None:
    """The memo's styles: the built-in ones adjusted, and its own, each with the East Asian font set."""
    styles = doc.styles
    root = styles.element
    defaults = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(defaults.find(qn("w:rFonts")))
    _put(defaults, "lang", val="en-US", eastAsia="ja-JP", bidi="ar-SA")
    for rfonts in root.iter(qn("w:rFonts")):
        if qn("w:eastAsiaTheme") in rfonts.attrib or qn("w:asciiTheme") in rfonts.attrib:
            _fonts(rfonts)

    def paragraph(
        name: str, base: str = "Normal", *, size: float | None = None, colour: tuple[int, int, int] | None = None
    ) -> Any:
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if style.base_style is None and name != "Normal":
            style.base_style = styles[base]
        if size is not None:
            style.font.size = Pt(size)
        if colour is not None:
            style.font.color.rgb = RGBColor(*colour)
        return style

    normal = paragraph("Normal", size=10, colour=INK)
    normal.paragraph_format.space_after = Pt(4)
    for name, size, before in (("Title", 20, 0), ("Heading 1", 15, 16), ("Heading 2", 12.5, 12), ("Heading 3", 10.5, 9)):
        style = paragraph(name, size=size, colour=INK)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
    title = styles["Title"].element.get_or_add_pPr()
    _put(title, "pBdr")  # the template's blue rule under the title: the Heading 1 rule below instead
    h1 = styles["Heading 1"].element.get_or_add_pPr()
    border = _put(h1, "pBdr")
    border.append(
        OxmlElement("w:bottom", {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "1", qn("w:color"): _hex(RULE)})
    )
    h4 = paragraph("Heading 4", size=10, colour=INK)
    h4.font.italic = False
    h4.paragraph_format.space_before = Pt(8)
    h4.paragraph_format.space_after = Pt(2)
    paragraph("Subtitle", size=11, colour=MUTED).font.italic = False
    caption = paragraph("Caption", size=10.5, colour=INK)
    caption.font.bold = True
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)

    quote = paragraph("Quote", size=9.5, colour=INK)
    quote.font.italic = False
    quote.paragraph_format.left_indent = Mm(LABEL_MM)
    quote.paragraph_format.space_after = Pt(5)
    _shade(quote.element.get_or_add_pPr(), QUOTE_FILL)
    _put(quote.element.get_or_add_rPr(), "lang", val="en-US")  # the licenses bind in English, in a memo of any language

    meta = paragraph("Memo Meta", size=8.5, colour=MUTED)
    meta.paragraph_format.space_after = Pt(3)
    notice = paragraph("Memo Notice", size=8.5)
    _shade(notice.element.get_or_add_pPr(), NOTICE_FILL)
    notice.paragraph_format.space_before = Pt(4)
    notice.paragraph_format.space_after = Pt(6)
    warning = paragraph("Memo Warning", "Memo Notice", size=9)
    warning.font.bold = True
    _shade(warning.element.get_or_add_pPr(), SEVERITY_FILL["medium"])
    field = paragraph("Memo Field")
    field.paragraph_format.left_indent = Mm(LABEL_MM)
    field.paragraph_format.first_line_indent = Mm(-LABEL_MM)
    field.paragraph_format.tab_stops.add_tab_stop(Mm(LABEL_MM))
    review = paragraph("Memo Review", "Memo Field")
    _shade(review.element.get_or_add_pPr(), NOTICE_FILL)
    paragraph("Memo Rated", "Memo Field", size=8.5, colour=MUTED)
    mono = paragraph("Memo Hash", "Memo Field", size=8)
    mono.font.name = "Consolas"  # hashes read character by character

    for name in ("Header", "Footer"):  # the template's tabs are for Letter paper: one right tab at A4's text width
        ppr = styles[name].element.get_or_add_pPr()
        tabs = _put(ppr, "tabs")
        tabs.append(OxmlElement("w:tab", {qn("w:val"): "right", qn("w:pos"): str(round(TEXT_WIDTH_MM * TWIPS_PER_MM))}))
        styles[name].font.size = Pt(7.5)
        styles[name].font.color.rgb = RGBColor(*MUTED)

    label = styles.add_style("Memo Label", WD_STYLE_TYPE.CHARACTER)
    label.font.bold = True
    label.font.size = Pt(7.5)
    label.font.color.rgb = RGBColor(*MUTED)
    badge = styles.add_style("Memo Severity", WD_STYLE_TYPE.CHARACTER)  # its fill is the severity's, per run
    badge.font.bold = True
    badge.font.size = Pt(8)
    _table_style(doc)


def _table_style(doc: WordDocument) -> None:
    """'Memo Table': thin grey rules, a bold shaded header row, compact cells."""
    style = doc.styles.add_style("Memo Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Table Grid"]
    style.font.size = Pt(8.5)
    rule = _hex(RULE)
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{rule}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    el = style.element
    for old in el.findall(qn("w:tblPr")):
        el.remove(old)
    el.append(
        parse_xml(
            f'<w:tblPr {w}><w:tblBorders>{sides}</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/>'
            '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
        )
    )
    el.append(
        parse_xml(
            f'<w:tblStylePr {w} w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tblPr/>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{_hex(HEAD_FILL)}"/></w:tcPr></w:tblStylePr>'
        )
    )


def _font_table(doc: WordDocument) -> None:
    """IPAexGothic in the font table, with its alternative and the Japanese character set for Word's substitution."""
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = parse_xml(part.blob)
    root.append(
        parse_xml(
            '<w:font xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            f'w:name="{EAST_ASIA_FONT}"><w:altName w:val="{EAST_ASIA_ALTERNATIVE}"/>'
            '<w:charset w:val="80"/><w:family w:val="modern"/><w:pitch w:val="variable"/></w:font>'
        )
    )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # a plain Part holds bytes


def _new_document(memos: Sequence[Memo]) -> WordDocument:
    doc = Document()
    _styles(doc)
    _font_table(doc)
    package = doc.part.package
    for r_id, rel in list(package.rels.items()):  # the template's thumbnail would show python-docx's sample page
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(r_id)
    first = memos[0]
    props = doc.core_properties
    org = f": {first.organisation}" if first.organisation else ""
    props.title = clean(" / ".join(m.title for m in memos) + org).replace("\n", " ")
    props.subject = clean(first.subject).replace("\n", " ")
    props.author = props.last_modified_by = f"open-model-license-risk {first.tool_version}"
    props.keywords = "open-weight model license; risk assessment; not legal advice"
    props.comments = ""
    props.category = ""
    props.language = language(first.lang)
    props.revision = 1
    when = dt.datetime.combine(first.date, dt.time(0, 0))
    props.created = props.modified = props.last_printed = when
    return doc


def _page(section: Section) -> None:
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = Mm(MARGIN)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.header_distance, section.footer_distance = Mm(10), Mm(9)
    section.different_first_page_header_footer = True  # page 1 has the title, no running head


def _save(doc: WordDocument, date: dt.date) -> bytes:
    """The file's bytes, with every zip entry dated the memo's date (the same memo gives the same bytes)."""
    raw = BytesIO()
    doc.save(raw)
    out = BytesIO()
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info))
    return out.getvalue()


# ---------------------------------------------------------------- the memo


class _Writer:
    """Writes one memo into the document's last section, section by section as pdf.py lays it out."""

    def __init__(self, doc: WordDocument, memo: Memo, sections_counted: bool) -> None:
        self.doc = doc
        self.sections_counted = sections_counted
        self.memo = memo
        self._ = translator(memo.lang)
        # Looked up once: python-docx finds a style given by name by walking every style.
        self.style = {s.name: s for s in doc.styles}
        self.numbering = doc.part.numbering_part.element

    # ------------------------------------------------------------ text

    def label(self, table: dict[str, str], key: str) -> str:
        return self._(table[key]) if key in table else key

    def run(self, p: Paragraph, text: str, style: str | None = None, *, bold: bool = False) -> Run:
        text = clean(text)
        r = p.add_run(text, self.style[style] if style else None)
        if bold:
            r.bold = True
        if CJK.search(text):
            # Its own East Asian font and hint: kept when the paragraph is pasted into another document.
            fonts = r._r.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
            fonts.set(qn("w:hint"), "eastAsia")
        return r

    def para(self, text: str = "", style: str = "Normal", *, bold: bool = False) -> Paragraph:
        p = self.doc.add_paragraph(style=self.style[style])
        if text:
            self.run(p, text, bold=bold)
        return p

    def heading(self, text: str, level: int) -> Paragraph:
        return self.para(text, f"Heading {level}")

    def labelled(self, label: str, text: str, style: str = "Memo Field", *, bold: bool = False) -> Paragraph:
        """A label, then a tab to the text: a hanging indent, so wrapped lines stay right of the label."""
        p = self.para(style=style)
        if label:
            self.run(p, label, "Memo Label")
        p.add_run("\t")
        self.run(p, text, bold=bold)
        return p

    def badge(self, p: Paragraph, severity: str) -> None:
        """The severity as a shaded label (named in text too, never by colour alone)."""
        r = self.run(p, f"\u00a0{self.label(SEVERITY, severity)}\u00a0", "Memo Severity")
        rpr = r._r.get_or_add_rPr()
        _shade(rpr, SEVERITY_FILL[severity])
        if severity in SEVERITY_INK:
            _put(rpr, "color", val=_hex(SEVERITY_INK[severity]))
        p.add_run(" ")

    def table(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        fills: Callable[[int, int], str | None] | None = None,
        head_size: float | None = None,
    ) -> Table:
        """A table in 'Memo Table' style across the text width; `widths` are relative, as the PDF's."""
        t = self.doc.add_table(rows=1 + len(rows), cols=len(head))
        t.style = self.style["Memo Table"]
        t.autofit = False
        total = sum(widths)
        twips = [round(TEXT_WIDTH_MM * w / total * TWIPS_PER_MM) for w in widths]
        for col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
            col.set(qn("w:w"), str(width))
        _put(t._tbl.tblPr, "tblW", w=str(sum(twips)), type="dxa")
        _put(t._tbl.tblPr, "tblLayout", type="fixed")
        for r, (row, values) in enumerate(zip(t.rows, [head, *rows], strict=True)):
            if r == 0:
                _put(row._tr.get_or_add_trPr(), "tblHeader")  # repeated at the top of each page
            for c, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
                tc_pr = cell._tc.get_or_add_tcPr()
                _put(tc_pr, "tcW", w=str(twips[c]), type="dxa")
                p = cell.paragraphs[0]
                r_ = self.run(p, value)
                if r == 0 and head_size:
                    r_.font.size = Pt(head_size)
                fill = fills(r - 1, c) if fills and r else None
                if fill:
                    _shade(tc_pr, SEVERITY_FILL[fill])
                    if fill in SEVERITY_INK:
                        r_.font.color.rgb = RGBColor(*SEVERITY_INK[fill])
        self.para().paragraph_format.space_after = Pt(2)  # Word joins two tables that touch
        return t

    def numbered(self, items: Sequence[str]) -> None:
        """A List Number list that starts at 1 (the second memo of a document does not go on counting)."""
        style_num = self.style["List Number"].element.pPr.numPr.numId.val
        abstract = self.numbering.num_having_numId(style_num).abstractNumId.val
        num = self.numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        for item in items:
            p = self.para(item, "List Number")
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num.numId

    # ------------------------------------------------------------ the sections, in the PDF's order

    def write(self) -> None:
        self.front()
        self.summary()
        self.policy()
        self.review()
        self.risk_table()
        self.version_changes()
        self.findings()
        self.combined()
        self.appendix()
        self.running_heads(self.doc.sections[-1])

    def front(self) -> None:
        memo, _ = self.memo, self._
        self.para(memo.title, "Title")
        self.para(_("Risks under open-weight model licenses, for legal review"), "Subtitle")
        for label, value in memo.facts:
            self.labelled(label, value)
        self.para(_("Licenses assessed"), "Caption")
        rows = [
            [
                lic.name,
                lic.version,
                (lic.effective_date or _("none given")) + (f"\n“{lic.date_as_printed}”" if lic.date_as_printed else ""),
                "; ".join(lic.policies) or _("none"),
            ]
            for lic in memo.licenses
        ]
        self.table([_("License"), _("Version"), _("Effective date"), _("Policies incorporated")], rows, (34, 12, 26, 28))
        for part in memo.notice.split("\n\n"):
            self.para(part, "Memo Notice")
        if not memo.complete:
            self.para(
                _(
                    "Incomplete assessment: {answered} question(s) answered, {to_ask} still to ask. "
                    "Findings that depend on the questions still open are not shown; they are listed per license."
                ).format(answered=memo.answered, to_ask=memo.to_ask),
                "Memo Warning",
            )

    def summary(self) -> None:
        memo, _ = self.memo, self._
        self.heading(_("1. Executive summary"), 1)
        self.para(_("Overall rating per license (its worst category level), worst first"), "Caption")
        by_id = {lic.id: lic for lic in memo.licenses}
        ranked = [by_id[i] for i in memo.ranking if i in by_id] or list(memo.licenses)
        rows = [
            [
                lic.name,
                self.label(SEVERITY, lic.rating),
                lic.rating_meaning,
                _("{n} ({review} for legal review)").format(n=len(lic.findings), review=lic.needs_review),
            ]
            for lic in ranked
        ]
        self.table(
            [_("License"), _("Rating"), _("What it means"), _("Findings")],
            rows,
            (32, 13, 38, 17),
            lambda r, c: ranked[r].rating if c == 1 else None,
        )
        self.heading(_("Findings that matter most"), 2)
        self.para(memo.key_findings_rule, "Memo Meta")
        if not memo.key_findings:
            self.para(_("No finding of medium severity or above."))
        for f in memo.key_findings:
            p = self.para(style="List Bullet")
            self.badge(p, f.severity)
            sections = ", ".join(dict.fromkeys(section_ref(q.section, memo.lang) for q in f.quotes))
            review = _(" · needs legal review") if f.needs_legal_review else ""
            self.run(p, f"{f.title} — {f.license_name} ({sections}){review}")
        self.heading(_("What to do first"), 2)
        if not memo.first_actions:
            self.para(_("Nothing urgent: no finding of medium severity or above."))
        self.numbered(memo.first_actions)

    def policy(self) -> None:
        """The organisation policy's verdict beside each license's rating, as the PDF sets it."""
        p, _ = self.memo.policy, self._
        if p is None:
            return
        self.heading(p.heading, 2)
        self.para(p.intro, "Memo Meta")
        self.table(
            [_("License"), _("Rating"), _("Policy verdict")],
            [[row.license, self.label(SEVERITY, row.rating), row.verdict_words] for row in p.rows],
            (50, 20, 30),
            lambda r, c: p.rows[r].rating if c == 1 else None,
        )
        for row in p.rows:
            self.para(f"{row.license}: {row.verdict_words}", bold=True)
            for reason in row.reasons:
                self.para(reason, "List Bullet")
        self.para(p.overall, bold=True)

    def review(self) -> None:
        """The reviewer's decisions, each beside the tool's rating, and the sign-off, as the PDF sets them."""
        r, _ = self.memo.review, self._
        if r is None:
            return
        self.heading(r.heading, 2)
        self.para(r.intro, "Memo Meta")
        self.para(r.status, bold=True)
        self.para(r.sign_off)
        if r.outdated:
            self.para(r.outdated, bold=True)
        for row in r.rows:
            self.para(f"{row.number}  {row.title} — {row.license}", bold=True)
            self.labelled(_("Tool's rating"), self.label(SEVERITY, row.tool))
            self.labelled(_("Reviewer's decision"), row.decision)
            self.labelled(_("Reason"), row.reason)
            if row.stale:
                self.labelled(_("For another look"), row.stale, "Memo Review")

    def risk_table(self) -> None:
        memo, _ = self.memo, self._
        self.heading(_("2. Risk table"), 1)
        self.para(
            _(
                "Each cell is the severity of the worst finding in that category (none if none fired). "
                "The scale is the same for every license; one rubric rates every finding by its kind of risk:"
            ),
            "Memo Meta",
        )
        for level, meaning in memo.severity_scale:
            p = self.para(style="Memo Field")
            self.badge(p, level)
            p.add_run("\t")
            self.run(p, meaning)
        cats = list(memo.categories)
        rows = [
            [lic.name, *(self.label(SEVERITY, lv.level) for lv in lic.levels), self.label(SEVERITY, lic.rating)]
            for lic in memo.licenses
        ]
        levels = [[lv.level for lv in lic.levels] + [lic.rating] for lic in memo.licenses]
        self.table(
            [_("License"), *(self.label(CATEGORY, c) for c in cats), _("Overall")],
            rows,
            (38, *([22.5] * (len(cats) + 1))),
            lambda r, c: levels[r][c - 1] if c >= 1 else None,
            head_size=7.5,
        )

    def findings(self) -> None:
        memo, _ = self.memo, self._
        self.heading(_("3. Findings by license"), 1)
        self.para(
            _(
                "Per license, by category and then by severity, numbered. Each finding gives the answers it rests on, "
                "the clauses (quoted once each in Appendix D), the consequence and what to do."
            ),
            "Memo Meta",
        )
        for n, lic in enumerate(memo.licenses, 1):
            self.license_findings(n, lic)

    def license_findings(self, n: int, lic: MemoLicense) -> None:
        _ = self._
        self.heading(f"3.{n} {lic.name} ({lic.version}) — {self.label(SEVERITY, lic.rating)}", 2)
        for label, value in lic.body_facts:
            self.labelled(label, value)
        if not lic.findings:
            self.para(_("No finding fired for the answers given."))
        for f in lic.body_findings:
            self.finding(f)
        if lic.other_findings:
            self.para(_("Findings of low severity and notes (set out in full in Appendix E):"), bold=True)
            for f in lic.other_findings:
                self.para(f"{f.number}  {f.title} ({self.label(CATEGORY, f.category)})", "List Bullet")
        if lic.undetermined:
            self.labelled(_("Not yet determined"), _("Depend on questions not answered yet: ") + "; ".join(lic.undetermined))

    def finding(self, f: MemoFinding) -> None:
        _ = self._
        p = self.para(style="Heading 4")
        self.badge(p, f.severity)
        review = "  [" + _("NEEDS LEGAL REVIEW") + "]" if f.needs_legal_review else ""
        self.run(p, f"{f.number}  {f.title} ({self.label(CATEGORY, f.category)}){review}")
        p.paragraph_format.keep_with_next = True
        if f.reviewer:  # the reviewer's decision beside the tool's rating, never in its place
            self.labelled(_("Tool's rating"), self.label(SEVERITY, f.severity))
            self.labelled(_("Reviewer's decision"), f.reviewer, "Memo Review")
            self.labelled(_("Reason"), f.reviewer_reason or "")
            if f.reviewer_stale:
                self.labelled(_("For another look"), f.reviewer_stale, "Memo Review")
        self.labelled(_("Because"), f.because)
        for i, q in enumerate(f.quotes):  # each clause is quoted once, in Appendix D: here, where to find it
            self.labelled(_("Clause") if i == 0 else "", clause_ref(q, f.license_id, self.memo.lang))
        self.labelled(_("Explanation"), f.explanation)
        if f.action:
            self.labelled(_("What to do"), f.action)
        if f.needs_legal_review:
            for reason, _anchor in review_refs(f):
                self.labelled(_("Needs legal review"), reason, "Memo Review")
        if f.rated_kind:
            self.labelled(_("Rated"), f.rated_kind, "Memo Rated")

    def version_changes(self) -> None:
        """What changed between versions of one license, as the PDF sets it under the risk table."""
        v = self.memo.versions
        if v is None:
            return
        self.heading(v.heading, 2)
        self.para(v.intro, "Memo Meta")
        for pair in v.pairs:
            self.heading(pair.heading, 3)
            if pair.no_findings:
                self.para(pair.no_findings)
            for f in pair.findings:
                self.para(f"{f.title}: {f.before} → {f.after}", bold=True)
                for c in f.causes:
                    self.para(f"{c.place} · {c.change}")
                    for label, quote in ((pair.before_label, c.before), (pair.after_label, c.after)):
                        if quote:
                            self.para(label, "Memo Meta")
                            self.para(f"“{quote}”", "Quote")
                if f.no_cause:
                    self.para(f.no_cause, "Memo Meta")
            if pair.clauses:
                self.para(pair.clauses_heading, bold=True)
                for c in pair.clauses:
                    self.para(f"{c.place} · {c.change}", "List Bullet")

    def combined(self) -> None:
        c, _ = self.memo.combined, self._
        if c is None:
            return
        self.heading(_(COMBINED_HEADING), 1)
        if c.graph is not None:
            self.heading(_("Lineage: how the model was built"), 2).paragraph_format.keep_with_next = True
            self.para(
                _(
                    "Each box is a component with its licenses and rating; an arrow points to what it was used to build, "
                    "labelled with the route (weights, outputs, dataset, code) and how."
                ),
                "Memo Meta",
            ).paragraph_format.keep_with_next = True
            self.lineage_graph(c.graph)
            self.table(
                [_("Component"), _("Route"), _("Used to build"), _("Licenses")],
                [list(dataclasses.astuple(r)) for r in c.lineage],
                (30, 20, 25, 25),
            )
        self.heading(_("Every duty, once"), 2)
        if not c.duties:
            self.para(_("No duty to carry out: no naming, notice, license copy, display or pass-through term applies."))
        else:
            self.para(
                _(
                    "Every naming rule, notice, license copy, display and pass-through term of the licenses assessed, once "
                    "each, with the clause it rests on. Status: what the answers say about meeting it."
                ),
                "Memo Meta",
            )
            rows = [
                [
                    f"{d.title}" + (" [" + _("needs legal review") + "]" if d.needs_legal_review else ""),
                    f"{d.kind}\n{d.clause}" + ("\n" + _("Brought by: {who}").format(who=d.brought_by) if d.brought_by else ""),
                    " ".join(d.actions),
                    d.status,
                ]
                for d in c.duties
            ]
            self.table([_("Duty"), _("Kind and clause"), _("What to do"), _("Status")], rows, (26, 30, 32, 12))
        self.heading(_("Conflicts between the licenses"), 2)
        if not c.conflicts:
            self.para(_("None found: the duties above can all be met together."))
        for k in c.conflicts:
            review = "  [" + _("NEEDS LEGAL REVIEW") + "]" if k.needs_legal_review else ""
            self.heading(f"{k.title}{review}", 3)
            self.labelled(_("One side"), k.sides[0])
            self.labelled(_("Other side"), k.sides[1])
            self.labelled(_("Explanation"), k.explanation)
            self.labelled(_("What to do"), k.action)
            for q in k.open_questions:
                self.labelled(_("Needs legal review"), q, "Memo Review")

    def background(self) -> None:
        memo = self.memo
        if not memo.background:
            return
        self.heading(memo.background_heading, 1)
        self.para(memo.background_intro, "Memo Notice")
        for label, text in memo.background:
            self.heading(label, 3)
            self.para(text)

    def appendix(self) -> None:
        memo, _ = self.memo, self._
        self.heading(_("Appendix A. Questions and answers"), 1).paragraph_format.page_break_before = True
        self.para(_("Every question asked, in asking order, with the answer given."), "Memo Meta")
        head = [_("Question"), _("Answer")]
        for group in memo.answers:
            self.heading(group.title, 2)
            if not group.rows:
                self.para(_("No answers."), "Memo Meta")
            else:
                self.table(head, [self.qa(row.question, row.answer, row.question_id) for row in group.rows], (55, 45))
        if memo.set_aside:
            self.heading(_("Answers set aside (no longer applicable; not scored)"), 2)
            self.table(head, [self.qa(r.question, r.answer, f"{r.tree}/{r.question_id}") for r in memo.set_aside], (55, 45))
        if memo.unanswered:
            self.heading(_("Questions not answered yet"), 2)
            rows = [self.qa(r.question, _("(not answered)"), f"{r.tree}/{r.question_id}") for r in memo.unanswered]
            self.table(head, rows, (55, 45))

        self.heading(_("Appendix B. Open questions"), 1)
        self.para(
            _("What the license texts leave unclear or do not contain; findings that rest on them need legal review."),
            "Memo Meta",
        )
        if not memo.open_questions:
            self.para(_("None recorded."))
        for oq in memo.open_questions:
            self.para(f"{oq.number} · {oq.source}", "Memo Meta", bold=True).paragraph_format.keep_with_next = True
            self.para(oq.text)
            cited = {f"{q.document} {section_ref(q.section, memo.lang)}": q for q in oq.cited}
            for ref in oq.clauses:
                q = cited.get(ref)
                shown = _("Clause: {ref} (Appendix {number})").format(ref=ref, number=q.number) if q else _("Clause: ") + ref
                self.para(shown, "Memo Meta")

        self.heading(_("Appendix C. Versions and hashes"), 1)
        self.para(_("What this memo was made from, so that it can be reproduced and checked."), "Memo Meta")
        self.labelled(_("Tool"), f"open-model-license-risk {memo.tool_version}")
        self.labelled(_("Memo date"), format_date(memo.date, memo.lang))
        self.labelled(
            _("Answers"), _("The answers used (intake and the licenses assessed), as canonical JSON: keys sorted, UTF-8")
        )
        self.labelled("", f"SHA-256 {memo.answers_sha256}", "Memo Hash")
        for s in memo.sources:
            self.para(
                _("{kind}: {name}, version {version}").format(
                    kind=self.label(SOURCE_KIND, s.kind), name=s.name, version=s.version
                ),
                bold=True,
            ).paragraph_format.keep_with_next = True
            self.para(s.file + (_(" · from {origin}").format(origin=s.origin) if s.origin else ""), "Memo Meta")
            self.para(f"SHA-256 {s.sha256}", "Memo Hash").paragraph_format.first_line_indent = Mm(0)
        self.quoted_clauses()
        self.other_findings()
        self.rating_rules()
        self.background()
        self.history()

    def quoted_clauses(self) -> None:
        memo, _ = self.memo, self._
        self.heading(_("Appendix D. Quoted clauses"), 1)
        self.para(
            _(
                "Every clause this memo cites, quoted once, word for word from the official text (markup of the source "
                "shown as plain text), by license or policy. The findings and open questions refer to them by number."
            ),
            "Memo Meta",
        )
        notes = {lic.id: lic.text_notes for lic in memo.licenses}
        for group in memo.clauses:
            self.heading(f"{group.number} {group.document}", 2)
            for note in notes.get(group.document_id, ()):
                self.labelled(_("Note on the text"), note)
            for q in group.clauses:
                p = self.para(f"{q.number}  {section_ref(q.section, memo.lang)}, {q.title}", bold=True)
                p.paragraph_format.keep_with_next = True
                self.para(f"“{q.shown}”", "Quote")

    def other_findings(self) -> None:
        memo, _ = self.memo, self._
        if not any(lic.other_findings for lic in memo.licenses):
            return
        self.heading(_("Appendix E. Findings of low severity and notes"), 1)
        self.para(_("The findings of low severity and the notes, in full, listed by title in section 3."), "Memo Meta")
        for n, lic in enumerate(memo.licenses, 1):
            if lic.other_findings:
                self.heading(f"E.{n} {lic.name} ({lic.version})", 2)
                for f in lic.other_findings:
                    self.finding(f)

    def rating_rules(self) -> None:
        memo, _ = self.memo, self._
        if not memo.rating_rules:
            return
        self.heading(_("Appendix F. How the findings were rated"), 1)
        self.para(_("Each kind of risk the findings were rated as, with the rubric's rule, once."), "Memo Meta")
        for kind, rule in memo.rating_rules:
            self.para(kind, bold=True).paragraph_format.keep_with_next = True
            self.para(rule)

    def lineage_graph(self, graph: Graph) -> None:
        """The graph as a picture (PNG: Word shows an SVG only beside one) at the PDF's scale, its text alternative as alt text."""
        width_mm = min(GRAPH_MM_PER_PX * layout(graph)[1], TEXT_WIDTH_MM)
        p = self.para()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shape = p.add_run().add_picture(BytesIO(graph_png(graph)), width=Mm(width_mm))
        doc_pr = shape._inline.docPr  # python-docx has no API for the picture's alt text (Word's "Description")
        doc_pr.set("descr", graph_alt(graph))
        doc_pr.set("title", self._("Lineage of {model}").format(model=graph.model_name))

    def history(self) -> None:
        memo = self.memo
        if memo.history is None:
            return
        intro, rows = memo.history_lines
        self.heading(memo.history_heading, 1)
        self.para(intro, "Memo Meta")
        for who, what in rows:
            self.para(who, bold=True).paragraph_format.keep_with_next = True
            self.para(what)

    @staticmethod
    def qa(question: str, answer: str, ref: str) -> list[str]:
        return [f"{question}  [{ref}]", answer]

    def running_heads(self, section: Section) -> None:
        """From page 2 the title and date at the top; on every page the disclaimer and 'Page n of N' at the foot."""
        memo, _ = self.memo, self._
        header = section.header
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        org = memo.organisation
        self.run(p, (f"{memo.title} — {org}" if org else memo.title).replace("\n", " "))
        p.add_run("\t")
        self.run(p, format_date(memo.date, memo.lang))
        section.first_page_header.is_linked_to_previous = False
        for footer in (section.footer, section.first_page_footer):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            self.run(p, _("Information, not legal advice."))
            p.add_run("\t")
            # "Page {page} of {total}" in the memo's words, the numbers as Word fields; with two memos in one
            # document, each counts its own pages (SECTIONPAGES; LibreOffice shows it as 1 until Word updates it).
            for piece in re.split(r"(\{page\}|\{total\})", _("Page {page} of {total}")):
                if piece == "{page}":
                    _field(p, "PAGE")
                elif piece == "{total}":
                    _field(p, "SECTIONPAGES" if self.sections_counted else "NUMPAGES")
                elif piece:
                    self.run(p, piece)


def _field(p: Paragraph, code: str) -> None:
    """A Word field (PAGE, SECTIONPAGES), with "1" shown until Word updates it."""
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        r = p.add_run()
        if kind:
            r._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
        elif text == "1":
            r.text = text
        else:
            instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
            instr.text = text
            r._r.append(instr)


def _render(memos: Sequence[Memo]) -> bytes:
    doc = _new_document(memos)
    _page(doc.sections[0])
    for i, memo in enumerate(memos):
        if i:
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            _put(section._sectPr, "pgNumType", start="1")  # each memo numbers its own pages, as in the PDF
        _Writer(doc, memo, len(memos) > 1).write()
    return _save(doc, memos[0].date)


def render_docx(memo: Memo) -> bytes:
    """The memo as DOCX bytes."""
    return _render([memo])


def render_docx_both(first: Memo, second: Memo) -> bytes:
    """The first memo, then the second, in one document: each complete, with its own running heads and page numbers."""
    return _render([first, second])
