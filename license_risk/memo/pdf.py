"""The memo as a PDF, laid out with fpdf2.

    render_pdf(memo: Memo) -> bytes

The same memo (including its date) always gives byte-identical bytes.

Text in any language: the fonts in `fonts/` (see fonts/README.md) are DejaVu Sans (Latin, Greek,
Cyrillic, symbols), IPAexGothic (Japanese) and Droid Sans Fallback (Chinese and Korean), used as
fpdf2 fallback fonts. A character none of them covers (an emoji, a control character) is shown as
a visible "[U+XXXX]" instead of being dropped. Only the fonts a memo needs are embedded (subset).

Fonts are parsed once per machine: fpdf2 parses a font file again for every FPDF() (about 1.5 s for
the four fonts), so the parsed fonts are kept on disk (fontcache.py: the user's cache folder, keyed
by the font's bytes and the fpdf2, fontTools and Python versions), loaded once per process (about
0.1 s), and each document gets a light copy with its own subset state (see `_ParsedFont.install`;
written against fpdf2 2.8.9, pinned).
What remains per document is fpdf2 subsetting each font the memo uses, at output: about 50 ms more
when Japanese is present and 200 ms more for Chinese or Korean (Droid Sans Fallback has 49,000 glyphs).

`render_pdf(memo, core_fonts=True)` lays the memo out in the core Helvetica font instead (Latin-1
text only, other characters shown as "[U+XXXX]"): the baseline of the benchmark in bench/memo.py.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace, SubsetMap, TTFFont

from license_risk.combined.graph import Graph
from license_risk.combined.layout import NODE_H, NODE_W, layout
from license_risk.combined.style import fill, shorten
from license_risk.content.printable import LINE_BREAKS, mark
from license_risk.i18n import format_date, language, translator
from license_risk.i18n.labels import CATEGORY, SEVERITY
from license_risk.memo import fontcache
from license_risk.memo.colours import HEAD_FILL, INK, MUTED, NOTICE_FILL, QUOTE_FILL, RULE, SEVERITY_FILL, SEVERITY_INK, WHITE
from license_risk.memo.facts import (
    COMBINED_HEADING,
    SOURCE_KIND,
    Memo,
    MemoFinding,
    MemoLicense,
    clause_ref,
    memo_strings,
    review_refs,
    section_ref,
)
from license_risk.memo.linebreak import ZWSP, breakable
from license_risk.shipped import shipped

FONT_DIR = shipped("fonts")


@dataclass(frozen=True)
class FontFile:
    key: str  # fpdf2 font key: family + style
    family: str
    style: str
    file: str
    purpose: str


# In fallback order: a character is drawn with the first font that has it.
FONTS: tuple[FontFile, ...] = (
    FontFile("dejavu", "dejavu", "", "DejaVuSans.ttf", "Latin, Greek, Cyrillic, punctuation and symbols"),
    FontFile("dejavuB", "dejavu", "B", "DejaVuSans-Bold.ttf", "headings and labels"),
    FontFile("ipaexg", "ipaexg", "", "ipaexg.ttf", "Japanese kana and kanji (and most Han characters)"),
    FontFile("droid", "droid", "", "DroidSansFallback.ttf", "Chinese (Simplified and Traditional) and Korean Hangul"),
)
BODY = "dejavu"
CORE = "helvetica"

# Scripts drawn right to left or with joined letters (Hebrew, Arabic, Syriac, Thaana, N'Ko): shaped with
# HarfBuzz (fpdf2's text shaping, uharfbuzz) run by run, only where a paragraph has one: shaping costs time.
COMPLEX_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")

# ---------------------------------------------------------------- fonts, parsed once per machine


# Tables a PDF memo never uses (fpdf2 drops most of them when it subsets anyway): removed once, in
# memory, so that each document's subsetting does not decompile them again. The files are unchanged.
UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "FFTM", "vhea", "vmtx", "hdmx", "LTSH", "VDMX", "DSIG")


def _parse_font(spec: FontFile) -> fontcache.ParsedFont:
    """Parse a font file as FPDF.add_font does, less the tables a memo never uses (about 1.5 s for all four)."""
    font = ttLib.TTFont(FONT_DIR / spec.file, recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    for tag in UNUSED_TABLES:
        if tag in font:
            del font[tag]
    cmap = font["cmap"]
    unicode_full = [t for t in cmap.tables if (t.platformID, t.platEncID) == (3, 10)]
    if unicode_full:  # the full Unicode map makes the others redundant; fewer to decompile per document
        cmap.tables = unicode_full
    buffer = BytesIO()
    font.save(buffer)
    font.close()
    data = buffer.getvalue()
    template = TTFFont(FPDF(), BytesIO(data), spec.key, spec.style)  # type: ignore[arg-type]
    glyph_order = tuple(template.ttfont.getGlyphOrder())
    template.ttfont = None  # type: ignore[assignment]  # each document subsets its own TTFont
    return fontcache.ParsedFont(data=data, glyph_order=glyph_order, template=template)


# How _parse_font trims a font: part of the font cache's key, so that changing it never reuses old entries.
RECIPE = "trim-1: without " + " ".join(UNUSED_TABLES) + "; cmap (3, 10) only when present"


class _ParsedFont:
    """A font file parsed once per machine (kept in the font cache, see fontcache.py) and once per
    process; `install` gives a document its own copy of the per-document state."""

    def __init__(self, spec: FontFile) -> None:
        self.spec = spec
        parsed = fontcache.load(FONT_DIR / spec.file, spec.key, spec.style, RECIPE, lambda: _parse_font(spec))
        self.data = parsed.data
        self.glyph_order = parsed.glyph_order
        self.template = parsed.template
        self.codepoints = frozenset(self.template.cmap)

    def install(self, pdf: FPDF) -> None:
        """What FPDF.add_font does, without parsing the file again.

        Shared read-only with the template: cmap, glyph ids, widths. Per document: the index,
        the subset being built, the missing-glyph list, the font descriptor (output numbers it)
        and the fontTools object that output() subsets in place (opened lazily from memory,
        with the glyph order already known).
        """
        font = copy.copy(self.template)
        font.i = len(pdf.fonts) + 1
        font.ttfont = ttLib.TTFont(BytesIO(self.data), recalcTimestamp=False, lazy=True)
        font.ttfont.setGlyphOrder(list(self.glyph_order))
        font.desc = copy.copy(self.template.desc)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font._hbfont = None  # made from the untrimmed file when shaping (see _Writer.shape): it needs GSUB and GPOS
        font.color_font = None
        font.subset = SubsetMap(font)
        pdf.fonts[self.spec.key] = font


class _FontSet:
    def __init__(self) -> None:
        self.fonts = {spec.key: _ParsedFont(spec) for spec in FONTS}
        covered: set[int] = set()
        for f in self.fonts.values():
            covered |= f.codepoints
        self.uncovered = _uncovered_pattern(covered)

    def needed(self, chars: set[str]) -> list[str]:
        """The font keys a document with these characters uses, in fallback order."""
        keys = [spec.key for spec in FONTS[:2]]
        rest = {ord(c) for c in chars} - self.fonts[BODY].codepoints - self.fonts["dejavuB"].codepoints
        for spec in FONTS[2:]:
            if rest & self.fonts[spec.key].codepoints:
                keys.append(spec.key)
                rest -= self.fonts[spec.key].codepoints
        return keys


_LOCK = threading.Lock()
_FONTSET: _FontSet | None = None


def fontset() -> _FontSet:
    """The shipped fonts, parsed on first use and then kept for the life of the process."""
    global _FONTSET
    with _LOCK:
        if _FONTSET is None:
            _FONTSET = _FontSet()
        return _FONTSET


def _uncovered_pattern(covered: Iterable[int]) -> re.Pattern[str]:
    """A regex matching every character that must not reach fpdf2: not covered, or a control character."""
    allowed = sorted(c for c in set(covered) if c >= 0x20 and not 0x7F <= c <= 0x9F and not 0xD800 <= c <= 0xDFFF)
    allowed.append(ord("\n"))
    allowed.sort()
    ranges: list[tuple[int, int]] = []
    for c in allowed:
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[^{body}]")


_CORE_PATTERN = _uncovered_pattern(range(0x20, 0x100))


def _replacement(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


# ---------------------------------------------------------------- the layout


A4_MARGIN = 18.0
CONTENTS_LINE = 5.0  # mm per entry of the table of contents
TOP = 22.0
BOTTOM = 20.0


class _Writer:
    def __init__(self, memo: Memo, core_fonts: bool) -> None:
        self.memo = memo
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.alias_nb_pages(None)  # type: ignore[arg-type]  # page totals are drawn at the end; user text is never an alias
        pdf.set_margins(A4_MARGIN, TOP, A4_MARGIN)
        pdf.set_auto_page_break(True, BOTTOM)
        pdf.set_creation_date(dt.datetime.combine(memo.date, dt.time(0, 0), tzinfo=dt.UTC))
        pdf.set_lang(language(memo.lang))  # a known language only: it goes into the PDF as it is
        self._ = translator(memo.lang)
        self.core = core_fonts
        self.can_shape = False  # set when the memo has text in a complex script (and the fonts to shape it)
        if core_fonts:
            self.body, self.bold = CORE, CORE
            self.pattern = _CORE_PATTERN
        else:
            fs = fontset()
            self.pattern = fs.uncovered
            chars = set().union(*map(set, memo_strings(memo)))
            keys = fs.needed({c for c in chars if not self.pattern.match(c)})
            for key in keys:
                fs.fonts[key].install(pdf)
            pdf.set_fallback_fonts([k for k in (BODY, *keys[2:])], exact_match=False)
            self.body, self.bold = BODY, BODY
            if any(COMPLEX_SCRIPT.search(c) for c in chars):
                self._shaping_fonts(pdf, keys)
        self.shaping = False
        self.pdf = pdf
        self.width = pdf.w - 2 * A4_MARGIN
        self.links: dict[str, int] = {}
        self.contents_entries: set[int] = set()  # indexes into the outline of the headings the contents list

    def _shaping_fonts(self, pdf: FPDF, keys: list[str]) -> None:
        """HarfBuzz fonts from the shipped files themselves (the parsed copies lack the shaping tables; glyph ids
        are the same), so that fpdf2 can shape the runs in complex scripts."""
        try:
            import uharfbuzz as hb  # only for a memo with such a script
            from fpdf.fonts import HarfBuzzFont
        except ImportError:  # without it the letters are drawn unjoined, left to right, as before
            return

        for key in keys:
            spec = fontset().fonts[key].spec
            pdf.fonts[key]._hbfont = HarfBuzzFont(hb.Face(hb.Blob.from_file_path(str(FONT_DIR / spec.file))))
        self.can_shape = True

    def shape(self, text: str) -> None:
        """Turn fpdf2's text shaping on for text in a complex script (right to left, joined), off otherwise."""
        wanted = self.can_shape and COMPLEX_SCRIPT.search(text) is not None
        if wanted != self.shaping:
            self.pdf.set_text_shaping(wanted)
            self.shaping = wanted

    # ------------------------------------------------------------ text

    def clean(self, text: str, *, one_line: bool = False) -> str:
        """What fpdf2 may draw: see visible_text()."""
        text = mark(LINE_BREAKS.sub("\n", text).replace("\t", " "))
        if self.core:
            text = text.translate(_LATIN)
        if one_line:
            text = " ".join(text.split("\n"))
        return self.pattern.sub(_replacement, text)

    def label(self, table: dict[str, str], key: str) -> str:
        """A value's label (a severity, a category) in the memo's language; an unknown value as it is."""
        return self._(table[key]) if key in table else key

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(self.bold if bold else self.body, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def para(
        self,
        text: str,
        *,
        size: float = 9.5,
        bold: bool = False,
        color: tuple[int, int, int] = INK,
        indent: float = 0,
        width: float | None = None,
        fill: tuple[int, int, int] | None = None,
        gap: float = 1.2,
        line: float | None = None,
        padding: tuple[float, float] | None = None,
        link: int | None = None,
    ) -> None:
        pdf = self.pdf
        text = self.clean(text)
        self.shape(text)
        self.font(size, bold, color)
        if fill:
            pdf.set_fill_color(*fill)
        pdf.set_x(pdf.l_margin + indent)
        cell_width = width if width is not None else self.width - indent
        marked = breakable(text)
        if marked is not text:
            # Japanese breaks between characters (kinsoku kept), English at its spaces only: fpdf2 breaks
            # at the zero-width spaces marked, and the lines are drawn without them, so that a search
            # or a copy from the PDF finds the words as written.
            lines = pdf.multi_cell(
                cell_width,
                line or size * 0.48,
                marked,
                wrapmode=WrapMode.WORD,
                padding=padding or 0,
                dry_run=True,
                output="LINES",
            )
            text = "\n".join(piece.replace(ZWSP, "") for piece in lines)
        pdf.multi_cell(
            cell_width,
            line or size * 0.48,
            text,
            align="L",
            fill=fill is not None,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode=WrapMode.WORD,  # break places marked by clean()
            padding=padding or 0,
            link=link,  # type: ignore[arg-type]
        )
        pdf.ln(gap)

    def labelled(
        self,
        label: str,
        text: str,
        *,
        fill: tuple[int, int, int] | None = None,
        bold: bool = False,
        size: float = 9.5,
        color: tuple[int, int, int] = INK,
        link: int | None = None,
    ) -> None:
        """A label in the left column, its text to the right (a definition list). Labels are short and fixed."""
        pdf = self.pdf
        self.keep(10)
        y, page = pdf.y, pdf.page
        self.font(7.5, True, MUTED)
        pdf.set_xy(pdf.l_margin, y + 0.5)
        pdf.multi_cell(27, 3.5, self.clean(label), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        label_end = pdf.y
        pdf.set_xy(pdf.l_margin, y)
        self.para(text, indent=29, fill=fill, bold=bold, gap=0, size=size, color=color, link=link)
        if pdf.page == page:
            pdf.set_y(max(pdf.y, label_end))
        pdf.ln(1.6)

    def keep(self, height: float) -> None:
        """Start a new page unless `height` mm fit on this one."""
        if self.pdf.y + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def link(self, anchor: str) -> int:
        """The internal link to `anchor` (a finding, a quoted clause, an open question), made on first use."""
        if anchor not in self.links:
            self.links[anchor] = self.pdf.add_link()
        return self.links[anchor]

    def target(self, anchor: str) -> None:
        """Point the links to `anchor` here."""
        self.pdf.set_link(self.link(anchor), y=self.pdf.y, page=self.pdf.page)

    def subheading(self, text: str) -> None:
        """A heading inside a section, kept with the first lines under it."""
        self.keep(20)
        self.para(text, size=10.5, bold=True)

    def heading(self, text: str, level: int, outline: str | None = None, contents: bool | None = None) -> None:
        """A heading, in the outline; in the table of contents if `contents` (by default: a level-0 heading).
        Kept with the first lines of what follows it (room for a finding's title and first rows)."""
        pdf = self.pdf
        size = (15, 12.5, 10.5)[level]
        self.keep((40, 36, 32)[level])
        pdf.ln((4, 3, 1.5)[level])
        if contents if contents is not None else level == 0:
            self.contents_entries.add(len(pdf._outline))
        pdf.start_section(self.clean(outline or text, one_line=True), level=level)
        self.para(text, size=size, bold=True, gap=(2.5, 1.5, 1)[level])
        if level == 0:
            pdf.set_draw_color(*RULE)
            pdf.line(pdf.l_margin, pdf.y - 1.2, pdf.l_margin + self.width, pdf.y - 1.2)
            pdf.ln(1)

    def badge(self, severity: str, width: float = 19) -> None:
        """A coloured severity label at the current position (text too, never colour alone)."""
        pdf = self.pdf
        self.font(7.5, True, SEVERITY_INK.get(severity, INK))
        pdf.set_fill_color(*SEVERITY_FILL[severity])
        pdf.cell(width, 4.6, self.clean(self.label(SEVERITY, severity)), align="C", fill=True, new_x=XPos.RIGHT, new_y=YPos.TOP)

    def table(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        fills: Callable[[int, int], str | None] | None = None,
        head_size: float = 8.5,
    ) -> None:
        """A simple table; a row too tall for one page makes the whole table a list instead."""
        pdf = self.pdf
        self.font(8.5)
        heading_style = FontFace(emphasis="BOLD", fill_color=HEAD_FILL, color=INK, size_pt=head_size)
        start = (pdf.page, pdf.y)
        try:
            with pdf.table(
                col_widths=tuple(widths),
                text_align="LEFT",
                line_height=4.2,
                headings_style=heading_style,
                padding=(1, 1.2),
                first_row_as_headings=True,
                borders_layout="SINGLE_TOP_LINE",
                width=self.width,
            ) as table:
                row = table.row()
                for h in head:
                    row.cell(self.clean(h, one_line=True))
                for r, values in enumerate(rows):
                    row = table.row()
                    for c, value in enumerate(values):
                        fill = fills(r, c) if fills else None
                        style = FontFace(
                            fill_color=SEVERITY_FILL[fill] if fill else WHITE, color=SEVERITY_INK.get(fill or "", INK)
                        )
                        row.cell(self.clean(value), style=style)
        except ValueError:
            if (pdf.page, pdf.y) != start:
                raise
            for values in rows:
                self.para(" · ".join(f"{h}: {v}" for h, v in zip(head, values, strict=False)))
        pdf.ln(2.5)

    # ------------------------------------------------------------ the memo

    def write(self) -> bytes:
        memo, pdf = self.memo, self.pdf
        org = memo.organisation
        pdf.set_title(self.clean(f"{memo.title}: {org}" if org else memo.title, one_line=True))
        pdf.set_subject(self.clean(memo.subject, one_line=True))
        pdf.set_author(self.clean(f"open-model-license-risk {memo.tool_version}", one_line=True))
        pdf.set_creator(self.clean(f"open-model-license-risk {memo.tool_version} (license_risk.memo.pdf)", one_line=True))
        pdf.set_keywords("open-weight model license; risk assessment; not legal advice")
        pdf.add_page()
        self.front()
        self.contents()
        self.summary()
        self.policy()
        self.review()
        self.risk_table()
        self.version_changes()
        self.findings()
        self.combined()
        self.appendix()
        self.running_heads()
        return bytes(pdf.output())

    def front(self) -> None:
        memo, pdf = self.memo, self.pdf
        pdf.start_section(self.clean(memo.title, one_line=True), level=0)
        self.para(memo.title, size=20, bold=True, gap=1)
        _ = self._
        self.para(_("Risks under open-weight model licenses, for legal review"), size=11, color=MUTED, gap=4)
        for label, value in memo.facts:
            self.labelled(label, value)
        pdf.ln(1)
        self.subheading(_("Licenses assessed"))
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
        self.para(memo.notice, size=8.5, fill=NOTICE_FILL, line=4)
        if not memo.complete:
            self.para(
                _(
                    "Incomplete assessment: {answered} question(s) answered, {to_ask} still to ask. "
                    "Findings that depend on the questions still open are not shown; they are listed per license."
                ).format(answered=memo.answered, to_ask=memo.to_ask),
                size=9,
                bold=True,
                fill=SEVERITY_FILL["medium"],
            )

    def contents(self) -> None:
        """The table of contents, filled in with the page numbers once the memo is laid out (fpdf2's placeholder:
        the rest of this page, or a page of its own when the rest is too short)."""
        memo = self.memo
        appendices = 4 + sum(
            (
                any(lic.other_findings for lic in memo.licenses),
                bool(memo.rating_rules),
                bool(memo.background or any(lic.open_source for lic in memo.licenses)),
            )
        )
        entries = 3 + len(memo.licenses) + (1 if memo.combined else 0) + appendices
        self.keep(CONTENTS_LINE * entries + 14)
        self.pdf.insert_toc_placeholder(self.render_contents, pages=1)

    def render_contents(self, pdf: FPDF, outline: list) -> None:
        pdf.ln(3)
        self.para(self._("Contents"), size=10.5, bold=True, gap=1.5)
        for i, section in enumerate(outline):
            if i not in self.contents_entries:
                continue
            page = str(section.page_number)
            link = pdf.add_link(page=section.page_number)
            self.font(9.5)
            indent = 6 * section.level
            pdf.set_x(pdf.l_margin + indent)
            room = self.width - indent - 14
            pdf.cell(room, CONTENTS_LINE, _fit(pdf, section.name, room, self.clean("…")), link=link)
            pdf.cell(14, CONTENTS_LINE, page, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def summary(self) -> None:
        memo, _ = self.memo, self._
        self.heading(_("1. Executive summary"), 0)
        self.para(_("Overall rating per license (its worst category level), worst first"), size=10.5, bold=True)
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
        self.subheading(_("Findings that matter most"))
        self.para(memo.key_findings_rule, size=8, color=MUTED)
        if not memo.key_findings:
            self.para(_("No finding of medium severity or above."))
        for f in memo.key_findings:
            self.keep(10)
            self.badge(f.severity)
            self.pdf.set_x(self.pdf.l_margin + 21)
            sections = ", ".join(dict.fromkeys(section_ref(q.section, self.memo.lang) for q in f.quotes))
            review = _(" · needs legal review") if f.needs_legal_review else ""
            self.para(
                f"{f.number}  {f.title} — {f.license_name} ({sections}){review}",
                indent=21,
                gap=1.5,
                link=self.link(f"finding-{f.number}"),
            )
        self.subheading(_("What to do first"))
        if not memo.first_actions:
            self.para(_("Nothing urgent: no finding of medium severity or above."))
        for n, action in enumerate(memo.first_actions, 1):
            self.keep(9)
            y = self.pdf.y
            self.font(9.5, True)
            self.pdf.set_xy(self.pdf.l_margin, y)
            self.pdf.cell(6, 4.56, f"{n}.", new_x=XPos.RIGHT, new_y=YPos.TOP)
            self.para(action, indent=6, gap=1.2)

    def policy(self) -> None:
        """The organisation policy's verdict beside each license's rating, at the end of the summary."""
        p, _ = self.memo.policy, self._
        if p is None:
            return
        self.heading(p.heading, 1)
        self.para(p.intro, size=8, color=MUTED, gap=2)
        self.table(
            [_("License"), _("Rating"), _("Policy verdict")],
            [[row.license, self.label(SEVERITY, row.rating), row.verdict_words] for row in p.rows],
            (50, 20, 30),
            lambda r, c: p.rows[r].rating if c == 1 else None,
        )
        for row in p.rows:
            self.keep(10)
            self.para(f"{row.license}: {row.verdict_words}", bold=True, gap=0.8)
            for reason in row.reasons:
                self.para(f"• {reason}", indent=4, size=8.5, gap=0.6)
            self.pdf.ln(1)
        self.para(p.overall, bold=True, gap=2)

    def review(self) -> None:
        """The reviewer's decisions, each beside the tool's rating, and the sign-off."""
        r, _ = self.memo.review, self._
        if r is None:
            return
        self.heading(r.heading, 1)
        self.para(r.intro, size=8, color=MUTED, gap=2)
        self.para(r.status, bold=True, gap=0.8)
        self.para(r.sign_off, gap=0.8)
        if r.outdated:
            self.para(r.outdated, bold=True, gap=1.5)
        for row in r.rows:
            self.keep(14)
            self.para(f"{row.number}  {row.title} — {row.license}", bold=True, gap=0.6)
            self.labelled(_("Tool's rating"), self.label(SEVERITY, row.tool))
            self.labelled(_("Reviewer's decision"), row.decision)
            self.labelled(_("Reason"), row.reason)
            if row.stale:
                self.labelled(_("For another look"), row.stale, fill=NOTICE_FILL)
            self.pdf.ln(1)

    def risk_table(self) -> None:
        memo, _ = self.memo, self._
        self.heading(_("2. Risk table"), 0)
        self.para(
            _(
                "Each cell is the severity of the worst finding in that category (none if none fired). "
                "The scale is the same for every license; one rubric rates every finding by its kind of risk:"
            ),
            size=8.5,
            color=MUTED,
        )
        for level, meaning in memo.severity_scale:
            self.keep(6)
            y = self.pdf.y
            self.badge(level)
            self.pdf.set_y(y)
            self.para(meaning, indent=21, size=8.5, gap=0.8)
        self.pdf.ln(1.5)
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
        self.heading(_("3. Findings by license"), 0)
        self.para(
            _(
                "Per license, by category and then by severity, numbered. Each finding gives the answers it rests on, "
                "the clauses (quoted once each in Appendix D), the consequence and what to do."
            ),
            size=8.5,
            color=MUTED,
        )
        for n, lic in enumerate(memo.licenses, 1):
            self.license_findings(n, lic)

    def license_findings(self, n: int, lic: MemoLicense) -> None:
        _ = self._
        rating = self.label(SEVERITY, lic.rating)
        self.heading(
            f"3.{n} {lic.name} ({lic.version}) — {rating}", 1, outline=f"3.{n} {lic.name} ({lic.version})", contents=True
        )
        for label, value in lic.body_facts:
            self.labelled(label, value)
        if not lic.findings:
            self.para(_("No finding fired for the answers given."))
        for f in lic.body_findings:
            self.finding(f)
        others = lic.other_findings
        if others:
            self.keep(18)
            self.para(
                _("Findings of low severity and notes (set out in full in Appendix E):"),
                size=8.5,
                bold=True,
                gap=1,
            )
            for f in others:
                self.keep(6)
                y = self.pdf.y
                self.badge(f.severity)
                self.pdf.set_y(y)
                category = self.label(CATEGORY, f.category)
                self.para(
                    f"{f.number}  {f.title} ({category})", indent=21, size=9, gap=0.9, link=self.link(f"finding-{f.number}")
                )
        if lic.undetermined:
            self.labelled(_("Not yet determined"), _("Depend on questions not answered yet: ") + "; ".join(lic.undetermined))

    def finding(self, f: MemoFinding) -> None:
        pdf, _ = self.pdf, self._
        self.keep(24)
        pdf.ln(1)
        y = pdf.y
        self.target(f"finding-{f.number}")
        self.badge(f.severity)
        pdf.set_y(y)
        review = "  [" + _("NEEDS LEGAL REVIEW") + "]" if f.needs_legal_review else ""
        category = self.label(CATEGORY, f.category)
        self.para(f"{f.number}  {f.title} ({category}){review}", bold=True, indent=21, size=9.5, gap=1.5)
        if f.reviewer:  # the reviewer's decision beside the tool's rating, never in its place
            self.labelled(_("Tool's rating"), self.label(SEVERITY, f.severity))
            self.labelled(_("Reviewer's decision"), f.reviewer, fill=NOTICE_FILL)
            self.labelled(_("Reason"), f.reviewer_reason or "")
            if f.reviewer_stale:
                self.labelled(_("For another look"), f.reviewer_stale, fill=NOTICE_FILL)
        self.labelled(_("Because"), f.because)
        for i, q in enumerate(f.quotes):  # each clause is quoted once, in its appendix: here, where to find it
            self.labelled(_("Clause") if i == 0 else "", clause_ref(q, f.license_id, self.memo.lang), link=self.link(q.anchor))
        self.labelled(_("Explanation"), f.explanation)
        if f.action:
            self.labelled(_("What to do"), f.action)
        if f.needs_legal_review:
            for reason, anchor in review_refs(f):
                self.labelled(_("Needs legal review"), reason, fill=NOTICE_FILL, link=self.link(anchor) if anchor else None)
        if f.rated_kind:
            self.labelled(_("Rated"), f.rated_kind, size=8, color=MUTED)
        pdf.set_draw_color(*RULE)
        pdf.line(pdf.l_margin + 21, pdf.y, pdf.l_margin + self.width, pdf.y)
        pdf.ln(1.5)

    def version_changes(self) -> None:
        """What changed between versions of one license, under the risk table that compares them."""
        v = self.memo.versions
        if v is None:
            return
        self.heading(v.heading, 1)
        self.para(v.intro, size=8, color=MUTED, gap=2)
        for pair in v.pairs:
            self.heading(pair.heading, 2)
            if pair.no_findings:
                self.para(pair.no_findings, gap=1.5)
            for f in pair.findings:
                self.keep(14)
                self.para(f"{f.title}: {f.before} → {f.after}", bold=True, gap=0.8)
                for c in f.causes:
                    self.para(f"{c.place} · {c.change}", indent=4, size=8.5, gap=0.6)
                    for label, quote in ((pair.before_label, c.before), (pair.after_label, c.after)):
                        if quote:
                            self.para(label, indent=8, size=7.5, color=MUTED, gap=0.3)
                            self.para(f"“{quote}”", indent=8, size=8.5, fill=QUOTE_FILL, gap=1.2, padding=(0.8, 1.5))
                if f.no_cause:
                    self.para(f.no_cause, indent=4, size=8, color=MUTED, gap=1.2)
            if pair.clauses:
                self.para(pair.clauses_heading, bold=True, size=8.5, gap=0.6)
                for c in pair.clauses:
                    self.para(f"• {c.place} · {c.change}", indent=4, size=8, gap=0.4)
                self.pdf.ln(1.5)

    def combined(self) -> None:
        c, _ = self.memo.combined, self._
        if c is None:
            return
        if c.graph is not None:  # the section's heading stays with the picture under it
            self.keep(min(layout(c.graph)[2] * self._graph_scale(c.graph), 200) + 45)
        self.heading(_(COMBINED_HEADING), 0)
        if c.graph is not None:
            self.heading(_("Lineage: how the model was built"), 1)
            self.para(
                _(
                    "Each box is a component with its licenses and rating; an arrow points to what it was used to build, "
                    "labelled with the route (weights, outputs, dataset, code) and how."
                ),
                size=8.5,
                color=MUTED,
            )
            self.lineage_graph(c.graph)
            self.table(
                [_("Component"), _("Route"), _("Used to build"), _("Licenses")],
                [list(dataclasses.astuple(r)) for r in c.lineage],
                (30, 20, 25, 25),
            )
        self.keep(50)  # the heading with the table's first rows
        self.heading(_("Every duty, once"), 1)
        if not c.duties:
            self.para(_("No duty to carry out: no naming, notice, license copy, display or pass-through term applies."))
        else:
            self.para(
                _(
                    "Every naming rule, notice, license copy, display and pass-through term of the licenses assessed, once "
                    "each, with the clause it rests on. Status: what the answers say about meeting it."
                ),
                size=8.5,
                color=MUTED,
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
        self.heading(_("Conflicts between the licenses"), 1)
        if not c.conflicts:
            self.para(_("None found: the duties above can all be met together."))
        for k in c.conflicts:
            self.keep(24)
            review = "  [" + _("NEEDS LEGAL REVIEW") + "]" if k.needs_legal_review else ""
            self.para(f"{k.title}{review}", bold=True, gap=0.8)
            self.labelled(_("One side"), k.sides[0])
            self.labelled(_("Other side"), k.sides[1])
            self.labelled(_("Explanation"), k.explanation)
            self.labelled(_("What to do"), k.action)
            for q in k.open_questions:
                self.labelled(_("Needs legal review"), q, fill=NOTICE_FILL)

    def _graph_scale(self, graph: Graph) -> float:
        """mm per SVG pixel: readable boxes, never wider than the text."""
        return min(0.3, self.width / layout(graph)[1])

    def lineage_graph(self, graph: Graph) -> None:
        """The SVG's picture drawn with the memo's own fonts (fpdf2's SVG import has only the core fonts)."""
        pdf = self.pdf
        pos, width, height = layout(graph)
        scale = self._graph_scale(graph)
        left = pdf.l_margin + (self.width - width * scale) / 2
        self.keep(min(height * scale, 200) + 4)
        top = pdf.y
        at = {k: (left + x * scale, top + y * scale) for k, (x, y) in pos.items()}
        w, h = NODE_W * scale, NODE_H * scale
        pdf.set_draw_color(85, 85, 85)
        for e in graph.edges:
            (sx, sy), (tx, ty) = at[e.source], at[e.target]
            pdf.set_dash_pattern(*((0, 0) if e.route == "weights" else (1.5, 1) if e.route == "outputs" else (0.5, 0.8)))
            pdf.line(sx + w / 2, sy, tx + w / 2, ty + h)
            pdf.set_dash_pattern()
            self.font(6.5, color=MUTED)
            label = self.clean(e.label_in(graph.lang), one_line=True)
            lw = pdf.get_string_width(label) + 2
            pdf.set_fill_color(*WHITE)
            pdf.set_xy(sx + (w - lw) / 2, sy - 3.4)
            pdf.cell(lw, 3, label, align="C", fill=True)  # on white, so that a crossing line does not hide it
        for n in graph.nodes:
            x, y = at[n.id]
            pdf.set_fill_color(*_hex(fill(n.rating)))
            pdf.set_line_width(0.5 if n.is_model else 0.2)
            pdf.rect(x, y, w, h, style="DF", round_corners=True, corner_radius=1.5)
            pdf.set_line_width(0.2)
            lines = [
                (shorten(n.name, 30), True),
                (shorten(", ".join(n.licenses) or self._("no license known"), 34), False),
                ((self._("overall: ") if n.is_model else self._("rating: ")) + n.rating_in(graph.lang), False),
            ]
            for i, (text, bold) in enumerate(lines):
                self.font(7 if bold else 6.3, bold)
                pdf.set_xy(x, y + 1.2 + i * (h - 2.4) / 3)
                pdf.cell(w, (h - 2.4) / 3, self.clean(text, one_line=True), align="C")
        pdf.set_y(top + height * scale + 2)

    def background(self) -> None:
        memo = self.memo
        if not memo.background and not any(lic.open_source for lic in memo.licenses):
            return
        self.heading(memo.background_heading, 0)
        self.para(memo.background_intro, size=8.5, fill=NOTICE_FILL, line=4)
        verdicts = [(self._("Open Source Definition: {name}").format(name=lic.name), lic.open_source) for lic in memo.licenses]
        for label, text in [*memo.background, *((k, v) for k, v in verdicts if v)]:
            self.keep(14)
            self.para(label, size=9.5, bold=True, gap=0.6)
            self.para(text, gap=2)

    def appendix(self) -> None:
        memo, pdf, _ = self.memo, self.pdf, self._
        pdf.add_page()
        self.heading(_("Appendix A. Questions and answers"), 0)
        self.para(_("Every question asked, in asking order, with the answer given."), size=8.5, color=MUTED)
        for g, group in enumerate(memo.answers, 1):
            self.heading(f"A.{g} {group.title}", 1)
            if not group.rows:
                self.para(_("No answers."), color=MUTED)
            for i, row in enumerate(group.rows, 1):
                self.qa(row.question, row.answer, f"A.{g}.{i}")
        if memo.set_aside:
            self.heading(_("Answers set aside (no longer applicable; not scored)"), 1)
            for row in memo.set_aside:
                self.qa(row.question, row.answer, "")
        if memo.unanswered:
            self.heading(_("Questions not answered yet"), 1)
            for row in memo.unanswered:
                self.qa(row.question, _("(not answered)"), "")

        self.heading(_("Appendix B. Open questions"), 0)
        self.para(
            _("What the license texts leave unclear or do not contain; findings that rest on them need legal review."),
            size=8.5,
            color=MUTED,
        )
        if not memo.open_questions:
            self.para(_("None recorded."))
        for oq in memo.open_questions:
            self.keep(16)
            self.target(oq.anchor)
            self.para(f"{oq.number} · {oq.source}", size=8, bold=True, color=MUTED, gap=0.4)
            self.para(oq.text, gap=0.4)
            cited = {(q.document, section_ref(q.section, memo.lang)): q for q in oq.cited}
            for ref in oq.clauses:  # a clause the catalog holds links to its quote
                q = next((q for (doc, where), q in cited.items() if ref == f"{doc} {where}"), None)
                shown = _("Clause: {ref} (Appendix {number})").format(ref=ref, number=q.number) if q else _("Clause: ") + ref
                self.para(shown, size=8, color=MUTED, gap=0.4, link=self.link(q.anchor) if q else None)
            pdf.ln(1.4)

        self.heading(_("Appendix C. Versions and hashes"), 0)
        self.para(_("What this memo was made from, so that it can be reproduced and checked."), size=8.5, color=MUTED)
        self.labelled(_("Tool"), f"open-model-license-risk {memo.tool_version}")
        self.labelled(_("Memo date"), format_date(memo.date, memo.lang))
        self.labelled(
            _("Answers"), _("The answers used (intake and the licenses assessed), as canonical JSON: keys sorted, UTF-8")
        )
        self.para(f"SHA-256 {memo.answers_sha256}", indent=29, size=8, gap=2)
        for s in memo.sources:
            self.keep(16)
            self.para(
                _("{kind}: {name}, version {version}").format(
                    kind=self.label(SOURCE_KIND, s.kind), name=s.name, version=s.version
                ),
                size=8.5,
                bold=True,
                gap=0.3,
            )
            self.para(s.file + (_(" · from {origin}").format(origin=s.origin) if s.origin else ""), size=8, color=MUTED, gap=0.3)
            self.para(f"SHA-256 {s.sha256}", size=8, gap=1.6)
        self.quoted_clauses()
        self.other_findings()
        self.rating_rules()
        self.background()
        self.history()

    def other_findings(self) -> None:
        memo, _ = self.memo, self._
        if not any(lic.other_findings for lic in memo.licenses):
            return
        self.heading(_("Appendix E. Findings of low severity and notes"), 0)
        self.para(_("The findings of low severity and the notes, in full, listed by title in section 3."), size=8.5, color=MUTED)
        for n, lic in enumerate(memo.licenses, 1):
            if lic.other_findings:
                self.heading(f"E.{n} {lic.name} ({lic.version})", 1)
                for f in lic.other_findings:
                    self.finding(f)

    def quoted_clauses(self) -> None:
        memo, _ = self.memo, self._
        self.heading(_("Appendix D. Quoted clauses"), 0)
        self.para(
            _(
                "Every clause this memo cites, quoted once, word for word from the official text (markup of the source "
                "shown as plain text), by license or policy. The findings and open questions refer to them by number."
            ),
            size=8.5,
            color=MUTED,
        )
        notes = {lic.id: lic.text_notes for lic in memo.licenses}
        for group in memo.clauses:
            self.heading(f"{group.number} {group.document}", 1)
            for note in notes.get(group.document_id, ()):
                self.labelled(_("Note on the text"), note, size=8.5)
            for q in group.clauses:
                self.keep(16)
                self.target(q.anchor)
                self.para(f"{q.number}  {section_ref(q.section, memo.lang)}, {q.title}", size=8.5, bold=True, gap=0.6)
                self.para(f"“{q.shown}”", indent=6, size=9, fill=QUOTE_FILL, gap=1.8, padding=(0.8, 1.5))

    def rating_rules(self) -> None:
        memo, _ = self.memo, self._
        if not memo.rating_rules:
            return
        self.heading(_("Appendix F. How the findings were rated"), 0)
        self.para(_("Each kind of risk the findings were rated as, with the rubric's rule, once."), size=8.5, color=MUTED)
        for kind, rule in memo.rating_rules:
            self.keep(12)
            self.para(kind, size=8.5, bold=True, gap=0.4)
            self.para(rule, size=8.5, gap=1.6)

    def history(self) -> None:
        memo = self.memo
        if memo.history is None:
            return
        intro, rows = memo.history_lines
        self.heading(memo.history_heading, 0)
        self.para(intro, size=8.5, color=MUTED)
        for who, what in rows:
            self.keep(12)
            self.para(who, size=8.5, bold=True, gap=0.4)
            self.para(what, size=8.5, gap=1.6)

    def qa(self, question: str, answer: str, ref: str) -> None:
        self.keep(10)
        self.para(f"{ref}  {question}" if ref else question, size=8, color=MUTED, gap=0.2)
        self.para(answer, indent=5, gap=1.3)

    def running_heads(self) -> None:
        """Header (from page 2) and footer on every page, drawn once the page count is known."""
        memo, pdf = self.memo, self.pdf
        total = pdf.pages_count
        last = pdf.page
        pdf.set_auto_page_break(False)
        org = self.clean(memo.organisation, one_line=True)
        head = self.clean(f"{memo.title} — {org}" if org else memo.title, one_line=True)
        for page in range(1, total + 1):
            pdf.page = page
            # fpdf2 tracks one font state for the document: force it to be set again on this page
            pdf.set_font(self.body, "", 1)
            self.font(7.5, color=MUTED)
            if page > 1:
                pdf.set_xy(A4_MARGIN, 10)
                date = format_date(memo.date, memo.lang)
                room = self.width - pdf.get_string_width(date) - 4
                self.shape(head)
                pdf.cell(room, 4, _fit(pdf, head, room, self.clean("…")), new_x=XPos.RIGHT, new_y=YPos.TOP)
                pdf.cell(self.width - room, 4, date, align="R")
                pdf.set_draw_color(*RULE)
                pdf.line(A4_MARGIN, 14.5, A4_MARGIN + self.width, 14.5)
            self.shape("")
            pdf.set_xy(A4_MARGIN, pdf.h - 12)
            pdf.cell(self.width / 2, 4, self.clean(self._("Information, not legal advice.")), new_x=XPos.RIGHT, new_y=YPos.TOP)
            pdf.cell(self.width / 2, 4, self.clean(self._("Page {page} of {total}").format(page=page, total=total)), align="R")
        pdf.page = last


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _fit(pdf: FPDF, text: str, width: float, ellipsis: str) -> str:
    """The text, shortened with an ellipsis to fit one line (header only; the full text is on page 1)."""
    if pdf.get_string_width(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pdf.get_string_width(text[:mid] + ellipsis) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + ellipsis


def visible_text(text: str) -> str:
    """Text as the PDF shows it: line breaks normalised, characters no shipped font has as "[U+XXXX]"."""
    return fontset().uncovered.sub(_replacement, mark(LINE_BREAKS.sub("\n", text).replace("\t", " ")))


def render_pdf(memo: Memo, *, core_fonts: bool = False) -> bytes:
    """The memo as PDF bytes. `core_fonts=True` is the Helvetica baseline for benchmarks (Latin-1 only)."""
    return _Writer(memo, core_fonts).write()


def latin_copy(memo: Memo) -> Memo:
    """A copy of the memo whose text is Latin-1 only (same structure, about the same length): for benchmarks."""

    def conv(value: object) -> object:
        if isinstance(value, str):
            return _to_latin(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(value, **{f.name: conv(getattr(value, f.name)) for f in dataclasses.fields(value)})  # type: ignore[arg-type]
        if isinstance(value, tuple):
            return tuple(conv(v) for v in value)
        return value

    return conv(memo)  # type: ignore[return-value]


_LATIN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "→": "->", "…": "...", "•": "*"})


def _to_latin(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_LATIN)
    return "".join(c if ord(c) < 0x100 else "x" for c in text)
