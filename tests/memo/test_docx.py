"""The Word memo (license_risk.memo.docx), read back with python-docx: Word's heading and table structure, the
same content as the PDF, Japanese in the East Asian font slot, both languages, the same bytes for the same
memo; and, with LibreOffice, converted to PDF and read back with poppler."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from memo_support import JAPANESE, have, render_pages, sample_memo, squash

from license_risk.content.load import load_catalog
from license_risk.content.localized import localized
from license_risk.i18n import translator
from license_risk.i18n.labels import CATEGORY, SEVERITY
from license_risk.memo.docx import EAST_ASIA_FONT, render_docx, render_docx_both
from license_risk.memo.facts import Memo, MemoFinding, build_memo
from license_risk.shipped import ROOT
from scoring.answers import read_answers
from scoring.rating import assess

EXAMPLE = ROOT / "examples" / "distilled-student.yaml"


def _memo(lang: str) -> Memo:
    catalog = load_catalog(ROOT)
    if lang != "en":
        catalog = localized(catalog, lang)
    loaded = read_answers(EXAMPLE, catalog)
    a = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    return build_memo(catalog, a, loaded.answers, date=dt.date(2026, 12, 5), tool_version="test", lineage=loaded.lineage)


@pytest.fixture(scope="module")
def memos() -> tuple[Memo, Memo]:
    return _memo("en"), _memo("ja")


def _read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def _headings(doc: Document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style is not None and (p.style.name == "Title" or p.style.name.startswith("Heading"))
    ]


def _all_text(doc: Document) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _expected_headings(memo: Memo) -> list[tuple[str, str]]:
    """The outline the PDF draws, as Word heading levels: built from the memo, not from the renderer."""
    _ = translator(memo.lang)
    sev = lambda k: _(SEVERITY[k])  # noqa: E731
    out = [
        ("Title", memo.title),
        ("Heading 1", _("1. Executive summary")),
        ("Heading 2", _("Findings that matter most")),
        ("Heading 2", _("What to do first")),
        ("Heading 1", _("2. Risk table")),
        ("Heading 1", _("3. Findings by license")),
    ]
    if memo.versions is not None:
        out.insert(-1, ("Heading 2", memo.versions.heading))
        out[-1:-1] = [("Heading 3", pair.heading) for pair in memo.versions.pairs]
    review = "  [" + _("NEEDS LEGAL REVIEW") + "]"

    def finding(f: MemoFinding) -> tuple[str, str]:
        flag = review if f.needs_legal_review else ""
        return ("Heading 4", f"\u00a0{sev(f.severity)}\u00a0 {f.number}  {f.title} ({_(CATEGORY[f.category])}){flag}")

    for n, lic in enumerate(memo.licenses, 1):
        out.append(("Heading 2", f"3.{n} {lic.name} ({lic.version}) — {sev(lic.rating)}"))
        out += [finding(f) for f in lic.body_findings]  # the rest only by title, in full in Appendix E
    out.append(("Heading 1", _("Appendix A. Questions and answers")))
    out += [("Heading 2", g.title) for g in memo.answers]
    if memo.set_aside:
        out.append(("Heading 2", _("Answers set aside (no longer applicable; not scored)")))
    if memo.unanswered:
        out.append(("Heading 2", _("Questions not answered yet")))
    out += [("Heading 1", _("Appendix B. Open questions")), ("Heading 1", _("Appendix C. Versions and hashes"))]
    out.append(("Heading 1", _("Appendix D. Quoted clauses")))
    out += [("Heading 2", f"{g.number} {g.document}") for g in memo.clauses]
    if any(lic.other_findings for lic in memo.licenses):
        out.append(("Heading 1", _("Appendix E. Findings of low severity and notes")))
        for n, lic in enumerate(memo.licenses, 1):
            if lic.other_findings:
                out.append(("Heading 2", f"E.{n} {lic.name} ({lic.version})"))
                out += [finding(f) for f in lic.other_findings]
    if memo.rating_rules:
        out.append(("Heading 1", _("Appendix F. How the findings were rated")))
    if memo.background:
        out.append(("Heading 1", memo.background_heading))
        out += [("Heading 3", label) for label, _text in memo.background]
    if memo.history is not None:
        out.append(("Heading 1", memo.history_heading))
    return out


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_sections_are_word_headings_in_the_pdfs_order(memos: tuple[Memo, Memo], lang: str) -> None:
    memo = memos[0] if lang == "en" else memos[1]
    # the combined section's headings are checked in the next test
    got = [h for h in _headings(_read(render_docx(memo))) if not _in_combined(memo, h)]
    assert got == _expected_headings(memo)


def _in_combined(memo: Memo, heading: tuple[str, str]) -> bool:
    c = memo.combined
    if c is None:
        return False
    _ = translator(memo.lang)
    from license_risk.memo.facts import COMBINED_HEADING

    words = {
        _(COMBINED_HEADING),
        _("Lineage: how the model was built"),
        _("Every duty, once"),
        _("Conflicts between the licenses"),
    }
    return heading[1] in words or any(heading[1].startswith(k.title) for k in c.conflicts)


def test_the_combined_section_sits_between_the_findings_and_the_background(memos: tuple[Memo, Memo]) -> None:
    en = memos[0]
    assert en.combined is not None and en.combined.lineage  # the example has a lineage
    texts = [t for _s, t in _headings(_read(render_docx(en)))]
    at = texts.index("4. Duties across the lineage, conflicts between its licenses")
    assert texts.index("3. Findings by license") < at < texts.index(en.background_heading)
    assert texts[at + 1 : at + 3] == ["Lineage: how the model was built", "Every duty, once"]


def test_every_finding_is_there_with_its_explanation_quotes_and_action(memos: tuple[Memo, Memo]) -> None:
    for memo in memos:
        doc = _read(render_docx(memo))
        text = _all_text(doc)
        quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
        findings = [f for lic in memo.licenses for f in lic.findings]
        assert findings
        for f in findings:
            assert f.title in text and f.explanation in text and f.because in text
            assert not f.action or f.action in text
            for q in f.quotes:
                assert f"“{q.text}”" in quotes  # verbatim, in the Quote style
        assert memo.notice.split("\n\n")[0] in [p.text for p in doc.paragraphs if p.style.name == "Memo Notice"]


def test_quotes_are_marked_english_and_the_document_japanese_for_east_asian_text(memos: tuple[Memo, Memo]) -> None:
    doc = _read(render_docx(memos[1]))
    quote_lang = doc.styles["Quote"].element.rPr.find(qn("w:lang"))
    assert quote_lang.get(qn("w:val")) == "en-US"
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "ja-JP"


def test_the_tables_hold_the_licenses_ratings_levels_and_answers() -> None:
    memo = sample_memo()
    doc = _read(render_docx(memo))
    assert all(t.style.name == "Memo Table" for t in doc.tables)
    rows = lambda t: [[c.text for c in r.cells] for r in t.rows]  # noqa: E731
    licenses, ratings, risk = (rows(t) for t in doc.tables[:3])
    assert [r[0] for r in licenses] == ["License"] + [lic.name for lic in memo.licenses]
    assert licenses[1][2] == "2025-01-31\n“Last modified: January 31, 2025”"
    assert [r[:2] for r in ratings[1:]] == [["Alpha Community License", "CRITICAL"], ["Beta Model Terms", "MEDIUM"]]
    alpha = memo.licenses[0]
    assert risk[1] == [alpha.name, *(SEVERITY[lv.level].upper() for lv in alpha.levels), "CRITICAL"]
    assert len(risk[0]) == 2 + len(memo.categories)
    # the severity cells are shaded with the severity's colour, the header row repeats on each page
    critical = doc.tables[2].rows[1].cells[-1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert critical == "780000"
    assert doc.tables[2].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    answers = [rows(t) for t in doc.tables[3:]]
    intake = memo.answers[0]
    assert answers[0] == [["Question", "Answer"]] + [[f"{r.question}  [{r.question_id}]", r.answer] for r in intake.rows]
    assert [f"{r.question}  [{r.tree}/{r.question_id}]" for r in memo.set_aside] == [answers[-1][1][0]]


def test_actions_are_a_numbered_list_and_key_findings_a_bulleted_one() -> None:
    memo = sample_memo()
    doc = _read(render_docx(memo))
    numbered = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert numbered == list(memo.first_actions)
    others = [f for lic in memo.licenses for f in lic.other_findings]  # listed by title under each license
    assert len(bullets) == len(memo.key_findings) + len(others)
    assert all(f.title in b for f, b in zip(memo.key_findings, bullets, strict=False))
    assert all(f.title in b for f, b in zip(others, bullets[len(memo.key_findings) :], strict=True))


def test_japanese_text_has_the_east_asian_font_in_styles_and_runs(memos: tuple[Memo, Memo]) -> None:
    data = render_docx(memos[1])
    doc = _read(data)
    styles_xml = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert "eastAsiaTheme" not in styles_xml  # a theme slot would win over the font named
    for name in ("Normal", "Title", "Heading 1", "Heading 4"):
        fonts = doc.styles[name].element.rPr
        named = fonts.find(qn("w:rFonts")) if fonts is not None else None
        assert named is None or named.get(qn("w:eastAsia")) in (None, EAST_ASIA_FONT), name
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == EAST_ASIA_FONT
    japanese_runs = [r for p in doc.paragraphs for r in p.runs if "要旨" in r.text or "ライセンス" in r.text]
    assert japanese_runs
    for r in japanese_runs:
        fonts = r._r.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == EAST_ASIA_FONT and fonts.get(qn("w:hint")) == "eastAsia"
    font_table = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
    assert f'w:name="{EAST_ASIA_FONT}"' in font_table and 'w:charset w:val="80"' in font_table
    assert "1. 要旨" in [t for _s, t in _headings(doc)]


def test_both_languages_one_after_the_other_each_with_its_own_pages(memos: tuple[Memo, Memo]) -> None:
    en, ja = memos
    doc = _read(render_docx_both(ja, en))
    titles = [t for s, t in _headings(doc) if s == "Title"]
    assert titles == [ja.title, en.title]
    assert len(doc.sections) == 2
    second = doc.sections[1]
    assert second._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert "Information, not legal advice." in second.footer.paragraphs[0].text
    assert "法的助言" in doc.sections[0].footer.paragraphs[0].text
    assert en.title in second.header.paragraphs[0].text and ja.title in doc.sections[0].header.paragraphs[0].text
    numbered = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert numbered == [*ja.first_actions, *en.first_actions]


def test_the_same_memo_gives_the_same_bytes_dated_the_memo() -> None:
    memo = sample_memo()
    data = render_docx(memo)
    assert render_docx(memo) == data
    assert {i.date_time[:3] for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(2026, 1, 15)}
    props = _read(data).core_properties
    assert props.created == dt.datetime(2026, 1, 15, tzinfo=dt.UTC) and props.title == f"License risk memo: {JAPANESE}"
    assert render_docx(dataclasses.replace(memo, date=dt.date(2026, 2, 1))) != data


def test_typed_control_characters_are_shown_not_written_raw() -> None:
    """XML cannot hold most control characters: they are shown as [U+XXXX], as in the PDF and HTML."""
    memo = sample_memo(organisation="Evil\x07 Corp\u202e", prepared_for="line one\r\nline two\x00")
    text = _all_text(_read(render_docx(memo)))
    assert "Evil[U+0007] Corp[U+202E]" in text and "line one\nline two[U+0000]" in text


@pytest.mark.skipif(not have("soffice"), reason="needs LibreOffice (soffice): apt-get install libreoffice-writer-nogui")
@pytest.mark.skipif(not have("pdftotext"), reason="needs poppler-utils (pdftotext): apt-get install poppler-utils")
def test_libreoffice_converts_it_and_draws_the_japanese_in_the_east_asian_font(memos: tuple[Memo, Memo], tmp_path: Path) -> None:
    path = tmp_path / "memo-ja.docx"
    path.write_bytes(render_docx_both(memos[1], memos[0]))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "memo-ja.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout.decode()
    flat = squash(text)  # poppler puts a space where the font changes (付録 A.)
    assert "1.要旨" in flat and "付録A.質問と回答" in flat and "1.Executivesummary" in flat
    assert squash(memos[1].licenses[0].findings[0].explanation) in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, timeout=60).stdout.decode()
    assert "IPAexGothic" in fonts  # the font named in the East Asian slot, not a substitute
    pages = render_pages(pdf, tmp_path / "page", dpi=40, last=2)
    assert len(pages) == 2 and all(p.stat().st_size > 2000 for p in pages)
