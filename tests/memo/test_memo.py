"""The memo for legal reviewers: its content, the PDF's text, metadata and fonts, the HTML, the CLI."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from memo_support import (
    ARTIFACTS,
    EMOJI,
    PREPARED_FOR,
    SCRIPTS,
    assert_no_glyph_warnings,
    body_text,
    expected_glyph_warnings,
    glyph_warnings,
    internal_ids,
    outline_titles,
    page_texts,
    sample_memo,
    squash,
)

import license_risk
from license_risk.cli.main import main
from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.load import load_catalog
from license_risk.content.model import Severity
from license_risk.memo import pdf as memo_pdf
from license_risk.memo.facts import Memo, build_memo, memo_strings
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf
from license_risk.shipped import ROOT
from scoring.answers import read_answers
from scoring.rating import assess

EXAMPLE = ROOT / "examples" / "japanese-saas-chatbot.yaml"
DATE = dt.date(2026, 1, 15)


@pytest.fixture(autouse=True)
def no_dropped_glyphs():
    """Any warning from fpdf2 (a missing glyph is only logged) fails the test."""
    with glyph_warnings() as records:
        yield
    assert_no_glyph_warnings(records)


@pytest.fixture(scope="module")
def example(catalog: Catalog) -> dict:
    loaded = read_answers(EXAMPLE, catalog)
    assessment = assess(catalog, loaded.licenses, loaded.answers)
    memo = build_memo(catalog, assessment, loaded.answers, date=DATE, tool_version=license_risk.__version__)
    with glyph_warnings() as records:
        pdf = render_pdf(memo)
    assert_no_glyph_warnings(records)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "example.pdf").write_bytes(pdf)
    return {"answers": loaded.answers, "licenses": loaded.licenses, "assessment": assessment, "memo": memo, "pdf": pdf}


@pytest.fixture(scope="module")
def example_text(example: dict) -> str:
    return body_text(example["pdf"])


@pytest.fixture(scope="module")
def multilingual() -> tuple[Memo, bytes]:
    memo = sample_memo(organisation=" / ".join(SCRIPTS.values()), prepared_for=PREPARED_FOR + " " + EMOJI)
    with glyph_warnings() as records:
        pdf = render_pdf(memo)
    assert_no_glyph_warnings(records)
    return memo, pdf


# ---------------------------------------------------------------- content


def test_memo_content_comes_from_the_engine(catalog: Catalog, example: dict) -> None:
    memo: Memo = example["memo"]
    assessment = example["assessment"]
    assert memo.organisation == "株式会社サンプル"
    assert memo.prepared_for == "法務部 (Legal department)"
    assert memo.date == DATE and memo.tool_version == license_risk.__version__
    assert [lic.tree_id for lic in memo.licenses] == example["licenses"]
    for lic, result in zip(memo.licenses, assessment.results, strict=True):
        profile = result.license.model
        assert (lic.name, lic.version, lic.rating) == (profile.name, profile.version, result.rating.name)
        assert lic.effective_date == (profile.effective_date.isoformat() if profile.effective_date else None)
        assert [f.id for f in lic.findings] == [f.finding.id for f in result.findings]
        assert [lv.level for lv in lic.levels] == [result.levels[c].level.name for c in memo.categories]
    # the executive summary: the worst findings first, at least one per license that has one of medium or above
    severities = [Severity[f.severity] for f in memo.key_findings]
    assert severities == sorted(severities, reverse=True) and all(s >= Severity.medium for s in severities)
    assert {f.license_id for f in memo.key_findings} == {
        lic.id for lic in memo.licenses if any(Severity[f.severity] >= Severity.medium for f in lic.findings)
    }
    assert memo.first_actions and all(f.action in " ".join(memo.first_actions) for f in memo.key_findings if f.action)
    # every tree and license text used, with its hash
    hashes = {s.sha256 for s in memo.sources}
    for tree_id in [INTAKE, *example["licenses"]]:
        assert catalog.trees[tree_id].sha256 in hashes
        if tree_id != INTAKE:
            profile = catalog.license_of(tree_id)
            assert {profile.sha256, profile.model.text.sha256} <= hashes
            for policy in catalog.policies_of(profile.model.id):
                assert {policy.sha256, policy.model.text.sha256} <= hashes
    asked = [(s.tree, s.question.id) for s in assessment.walk.path]
    assert [(g.tree, r.question_id) for g in memo.answers for r in g.rows] == asked


def test_set_aside_and_unanswered_questions_are_listed(catalog: Catalog, example: dict) -> None:
    answers = copy.deepcopy(example["answers"])
    answers[INTAKE]["derived_model_shared"] = False  # derived_model_name no longer applies: set aside
    del answers[INTAKE]["ip_claims"]
    assessment = assess(catalog, example["licenses"], answers)
    memo = build_memo(catalog, assessment, answers, date=DATE, tool_version="9.9.9")
    assert ("intake", "derived_model_name", "Sample Assistant") in [(r.tree, r.question_id, r.answer) for r in memo.set_aside]
    assert "ip_claims" in {r.question_id for r in memo.unanswered}
    assert not memo.complete and memo.first_actions[0].startswith("Answer the")
    text = body_text(render_pdf(memo))
    for part in ("Answers set aside", "Sample Assistant", "Questions not answered yet", "Incomplete assessment", "9.9.9"):
        assert squash(part) in text


# ---------------------------------------------------------------- the PDF's text


def test_pdf_has_every_finding_quote_answer_and_hash(example: dict, example_text: str) -> None:
    memo: Memo = example["memo"]
    expected: list[str] = [memo.organisation, memo.prepared_for, memo.notice, memo.answers_sha256, memo.tool_version]
    for lic in memo.licenses:
        expected += [
            lic.name,
            lic.version,
            lic.effective_date or "",
            *(lic.text_notes),
            lic.open_source or "",
            lic.governing_law or "",
        ]
        for f in lic.findings:
            expected += [f.title, f.because, f.explanation, f.action or "", f.review_note or ""]
            expected += [q.text for q in f.quotes]
    for group in memo.answers:
        expected += [r.answer for r in group.rows] + [r.question for r in group.rows]
    expected += [oq.text for oq in memo.open_questions]
    expected += [memo.background_intro, *(text for pair in memo.background for text in pair)]
    expected += [s.sha256 for s in memo.sources] + [s.file for s in memo.sources]
    missing = [e for e in expected if e and squash(e) not in example_text]
    assert not missing, f"{len(missing)} text(s) not found in the PDF, e.g. {missing[:3]}"
    assert "株式会社サンプル" in example_text and squash("法務部 (Legal department)") in example_text


def test_findings_are_grouped_by_category_and_severity(example: dict, example_text: str) -> None:
    memo: Memo = example["memo"]
    section = example_text.rfind(squash("3. Findings by license"))  # the section, not its entry in the contents
    assert section > 0
    for lic in memo.licenses:
        # numbered in the order shown: in full (medium and above), then listed (set out in Appendix E)
        positions = [example_text.find(squash(f.title), section) for f in lic.shown]
        assert positions == sorted(positions) and -1 not in positions
        assert [f.number for f in lic.shown] == [f"{memo.licenses.index(lic) + 1}.{i}" for i in range(1, len(lic.findings) + 1)]
        for part in (lic.body_findings, lic.other_findings):
            order = [(memo.categories.index(f.category), -Severity[f.severity]) for f in part]
            assert order == sorted(order)
        assert all(Severity[f.severity] >= Severity.medium for f in lic.body_findings)
        assert all(Severity[f.severity] < Severity.medium for f in lic.other_findings)


def test_pdf_metadata_outline_page_numbers_and_header(example: dict) -> None:
    memo: Memo = example["memo"]
    pdf = example["pdf"]
    reader = pypdf.PdfReader(BytesIO(pdf))
    meta = reader.metadata
    assert meta.title == "License risk memo: 株式会社サンプル"
    assert meta.subject == memo.subject and "Llama 3.1" in meta.subject
    assert meta.author.startswith("open-model-license-risk ")
    assert meta["/CreationDate"].startswith("D:20260115")
    titles = outline_titles(pdf)
    for part in ("1. Executive summary", "2. Risk table", "3. Findings by license", "Appendix A.", "Appendix B.", "Appendix C."):
        assert any(t.startswith(part) for t in titles), (part, titles)
    for n, lic in enumerate(memo.licenses, 1):
        assert f"3.{n} {lic.name} ({lic.version})" in titles
    texts = page_texts(pdf)
    assert len(texts) > 3
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of {len(texts)}" in text
        if n > 1:
            assert "License risk memo — 株式会社サンプル" in text and DATE.isoformat() in text
    assert len(pdf) < 300 * 1024


def test_every_script_renders_and_uncovered_characters_are_visible(multilingual: tuple[Memo, bytes]) -> None:
    _, pdf = multilingual
    text = body_text(pdf)
    for script, sample in SCRIPTS.items():
        assert squash(sample) in text, script
    # 😀 is in DejaVu Sans; 🚀 is in no shipped font and shows as its code point, never dropped
    assert squash("Smile 😀 and [U+1F680]") in text
    fonts = {str(f) for f in _base_fonts(pdf)}
    assert any("IPAexGothic" in f for f in fonts) and any("DroidSansFallback" in f for f in fonts)


def test_control_and_private_characters_are_replaced_visibly() -> None:
    odd = "A\x07B\x00C\ue000D\U0010fffdE\u200fF\ufffeG\x85H"
    with glyph_warnings() as records:
        pdf = render_pdf(sample_memo(organisation=odd))
    assert_no_glyph_warnings(records)
    text = body_text(pdf)
    for code in ("[U+0007]", "[U+0000]", "[U+E000]", "[U+10FFFD]", "[U+FFFE]"):
        assert code in text
    assert "F" in text and "H" in text


def test_the_glyph_check_catches_a_dropped_character() -> None:
    """The check the tests rely on: fpdf2 drawing a character its fonts lack only logs a warning."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", "", str(memo_pdf.FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("dejavu", size=10)
    pdf.cell(text="株")
    with expected_glyph_warnings() as records:
        pdf.output()
    assert any("missing the following glyphs: '株'" in r.getMessage() for r in records)


def test_only_the_fonts_a_memo_needs_are_embedded() -> None:
    latin_memo = memo_pdf.latin_copy(sample_memo())
    latin = render_pdf(latin_memo)
    japanese = render_pdf(dataclasses.replace(latin_memo, prepared_for="法務部"))
    assert not any("IPAex" in f or "Droid" in f for f in map(str, _base_fonts(latin)))
    assert any("IPAexGothic" in f for f in map(str, _base_fonts(japanese)))
    assert not any("Droid" in f for f in map(str, _base_fonts(japanese)))


def test_fonts_are_parsed_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = sample_memo(organisation=" ".join(SCRIPTS.values()))
    render_pdf(memo)
    assert memo_pdf.fontset() is memo_pdf.fontset()
    calls = []
    original = memo_pdf.TTFFont.__init__

    def counting(self, *args, **kwargs):
        calls.append(args)
        original(self, *args, **kwargs)

    monkeypatch.setattr(memo_pdf.TTFFont, "__init__", counting)
    first = render_pdf(memo)
    second = render_pdf(memo)
    assert calls == []
    assert first == second


def test_same_memo_gives_identical_bytes_in_another_process(multilingual: tuple[Memo, bytes]) -> None:
    """Byte-identical across processes too (another hash seed), with every font in use."""
    script = (
        "import sys; sys.path.insert(0, 'tests'); from memo_support import *; from license_risk.memo.pdf import render_pdf; "
        "sys.stdout.buffer.write(render_pdf(sample_memo(organisation=' / '.join(SCRIPTS.values()), "
        "prepared_for=PREPARED_FOR + ' ' + EMOJI)))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == multilingual[1]


def test_cli_memo_is_the_same_as_the_library_memo(tmp_path: Path) -> None:
    out = tmp_path / "memo.pdf"
    catalog = load_catalog()  # fresh: the same content the command reads
    loaded = read_answers(EXAMPLE, catalog)
    memo = build_memo(
        catalog,
        assess(catalog, loaded.licenses, loaded.answers, loaded.lineage),  # as the command assesses it
        loaded.answers,
        date=DATE,
        tool_version=license_risk.__version__,
        lineage=loaded.lineage,
    )
    assert main(["assess", str(EXAMPLE), "--pdf", str(out), "--date", DATE.isoformat()]) == 0
    assert out.read_bytes() == render_pdf(memo)


def _base_fonts(pdf: bytes) -> list[object]:
    reader = pypdf.PdfReader(BytesIO(pdf))
    names = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        names += [f.get_object()["/BaseFont"] for f in fonts.values()]
    return names


# ---------------------------------------------------------------- HTML


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(doc: str) -> _Tags:
    parser = _Tags()
    parser.feed(doc)
    parser.close()
    return parser


def test_html_has_the_same_content(example: dict) -> None:
    memo: Memo = example["memo"]
    doc = render_html(memo)
    parsed = _parse(doc)
    text = squash(html.unescape("".join(parsed.text))).casefold()
    ids = internal_ids(memo)  # in id attributes only, never in the text
    rated = {f.rated for lic in memo.licenses for f in lic.findings}  # kind and exposure with it, the rule once (Appendix F)
    missing = [s for s in memo_strings(memo) if s and s not in ids | rated and squash(s).casefold() not in text]
    assert not missing, missing[:3]
    finding_ids = {f.id for lic in memo.licenses for f in lic.findings}
    assert not [i for i in finding_ids if i in " ".join(parsed.text)]  # findings go by number
    assert doc.startswith("<!DOCTYPE html>") and '<html lang="en">' in doc and '<meta charset="utf-8">' in doc
    assert '<th scope="col">' in doc and "<caption>" in doc and '<blockquote lang="en">' in doc  # quotes: the governing English
    assert "<script" not in doc and "http" not in doc.split("<body>")[0].split("</title>")[1]


def test_user_text_never_becomes_markup() -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & &amp; "quoted" \'single\' </td></table>'
    plain = render_html(sample_memo(organisation="x", prepared_for="y"))
    doc = render_html(sample_memo(organisation=hostile, prepared_for=hostile + "\nsecond line"))
    assert _tags_without_br(doc) == _tags_without_br(plain)  # the same elements: user text added none
    assert "<script>" not in doc and "<img" not in doc
    assert html.escape(hostile, quote=True) in doc


def _tags_without_br(doc: str) -> list[str]:
    return [t for t in _parse(doc).tags if t != "br"]


# ---------------------------------------------------------------- command line


def test_cli_writes_pdf_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, page = tmp_path / "memo.pdf", tmp_path / "memo.html"
    assert main(["assess", str(EXAMPLE), "--pdf", str(pdf), "--html", str(page), "--date", "2026-01-15"]) == 0
    err = capsys.readouterr().err
    assert f"wrote {pdf}" in err and f"wrote {page}" in err
    assert pdf.read_bytes().startswith(b"%PDF-") and "株式会社サンプル" in page.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("date", ["2026-13-01", "15/01/2026", "20260115", "tomorrow"])
def test_cli_rejects_a_bad_date(date: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["assess", str(EXAMPLE), "--pdf", "x.pdf", "--date", date])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "expected a date as YYYY-MM-DD" in err and "Traceback" not in err


def test_cli_reports_an_unwritable_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["assess", str(EXAMPLE), "--pdf", str(blocker / "memo.pdf")]) == 2
    assert main(["assess", str(EXAMPLE), "--html", str(tmp_path)]) == 2
    assert main(["assess", str(EXAMPLE), "--html", str(tmp_path / "missing" / "memo.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("Cannot write the memo to") == 3 and "Traceback" not in err
    assert "is not a folder" in err and "it is a folder" in err and "does not exist" in err


def test_cli_memo_is_dated_today_by_default(tmp_path: Path) -> None:
    out = tmp_path / "memo.html"
    assert main(["assess", str(EXAMPLE), "--html", str(out)]) == 0
    assert dt.date.today().isoformat() in out.read_text(encoding="utf-8")


def test_cli_reports_a_write_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def refuse(self: Path, data: bytes) -> int:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_bytes", refuse)
    assert main(["assess", str(EXAMPLE), "--html", str(tmp_path / "memo.html")]) == 2
    err = capsys.readouterr().err
    assert f"Cannot write the memo to {tmp_path / 'memo.html'}: Permission denied" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_shipped_fonts_are_the_documented_files() -> None:
    readme = (memo_pdf.FONT_DIR / "README.md").read_text(encoding="utf-8")
    documented = dict((name, digest) for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+\.ttf)$", readme, re.M))
    assert set(documented) == {spec.file for spec in memo_pdf.FONTS}
    for name, digest in documented.items():
        assert hashlib.sha256((memo_pdf.FONT_DIR / name).read_bytes()).hexdigest() == digest, name
    for license_file in ("LICENSE-DejaVu.txt", "LICENSE-IPA-Font.txt", "LICENSE-Apache-2.0.txt"):
        assert license_file in readme and (memo_pdf.FONT_DIR / license_file).stat().st_size > 1000


def test_benchmark_memo_compares_four_shipped_licenses() -> None:
    from bench.memo import four_license_memo, four_licenses

    catalog = load_catalog()
    tree_ids = four_licenses(catalog)
    memo = four_license_memo(catalog, tree_ids)
    assert len(memo.licenses) == 4 and len(set(tree_ids)) == 4
    assert memo.organisation.startswith("株式会社") and "山田" in memo.prepared_for


def test_helvetica_baseline_renders_a_latin_copy() -> None:
    memo = memo_pdf.latin_copy(sample_memo(organisation="株式会社 " * 40))
    assert all(ord(c) < 0x100 for s in memo_strings(memo) for c in s)
    pdf = render_pdf(memo, core_fonts=True)
    assert "Page 1 of" in page_texts(pdf)[0] and not _base_fonts(pdf)[0].startswith("/MPDFAA")


def test_an_open_question_cites_an_unnumbered_paragraph_in_words(catalog: Catalog) -> None:
    """MIT has no numbered sections: its open questions cite 'unnumbered paragraph', never '§unnumbered'."""
    from license_risk.content.localized import localized

    for cat, words in ((catalog, "MIT License (DeepSeek-R1) unnumbered paragraph"), (localized(catalog, "ja"), "番号")):
        assessment = assess(cat, ["mit-deepseek-r1"], {})
        memo = build_memo(cat, assessment, {}, date=DATE, tool_version="9.9.9")
        refs = [ref for oq in memo.open_questions for ref in oq.clauses]
        assert refs and not any("§unnumbered" in ref for ref in refs)
        assert any(words in ref for ref in refs)
