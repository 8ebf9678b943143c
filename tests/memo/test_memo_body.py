"""The memo a lawyer reads in minutes: a short body, each clause quoted once (in Appendix D), each open question
once (in Appendix B), findings by number and never by id, a table of contents whose page numbers are right,
no heading alone at a page's foot, and quotes shown without their source's Markdown."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from memo_support import FIXTURES, have, outline_titles, squash

import license_risk
from license_risk.content.catalog import Catalog
from license_risk.content.localized import localized
from license_risk.content.plainquote import plain_quote
from license_risk.content.quotes import normalise
from license_risk.memo.facts import Memo, build_memo
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf
from license_risk.shipped import ROOT
from scoring.answers import read_answers
from scoring.rating import assess

EXAMPLE = ROOT / "examples" / "japanese-saas-chatbot.yaml"
MARKDOWN_LICENSE = FIXTURES / "gemma-2026-04.yaml"  # Gemma's 2026 terms: an official text written in Markdown
BODY_PAGES = 8
APPENDIX_A = {"en": "Appendix A.", "ja": "付録A."}

pytestmark = pytest.mark.skipif(not have("pdftotext"), reason="pdftotext (Debian poppler-utils) is not installed")


def _memo(catalog: Catalog, answers: Path, lang: str) -> Memo:
    cat = localized(catalog, lang)
    loaded = read_answers(answers, cat)
    assessment = assess(cat, loaded.licenses, loaded.answers)
    return build_memo(cat, assessment, loaded.answers, date=dt.date(2026, 12, 5), tool_version=license_risk.__version__)


def _pages(pdf: bytes, tmp: Path, name: str) -> list[str]:
    """Each page's text as poppler reads it (layout kept), the running header and footer included."""
    path = tmp / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, timeout=120).stdout
    return text.decode().split("\f")[:-1]


@pytest.fixture(scope="module", params=["en", "ja"])
def example(request: pytest.FixtureRequest, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict:
    memo = _memo(catalog, EXAMPLE, request.param)
    pdf = render_pdf(memo)
    return {"lang": request.param, "memo": memo, "pdf": pdf, "pages": _pages(pdf, tmp_path_factory.mktemp("body"), "memo")}


def _running(pages: list[str]) -> str:
    """The pages' text read on across page breaks: without the running header (from page 2) and footer."""
    out = []
    for i, page in enumerate(pages):
        lines = [line for line in page.splitlines() if line.strip() and not _footer(line)]
        out += lines[1:] if i > 0 else lines
    return squash("".join(out))


def _body_pages(pages: list[str], lang: str) -> int:
    """Pages before the first appendix (page 1 lists the appendices in the contents, so it is not one)."""
    first = next(i for i, t in enumerate(pages) if i > 0 and any(line.startswith(APPENDIX_A[lang]) for line in t.splitlines()))
    return first


def test_the_body_fits_in_eight_pages(example: dict) -> None:
    body = _body_pages(example["pages"], example["lang"])
    print(f"{example['lang']}: body {body} pages of {len(example['pages'])}")
    assert 3 <= body <= BODY_PAGES


def _prose(memo: Memo) -> list[str]:
    """The memo's own prose, which may itself quote a clause (an explanation quoting the sentence it rests on)."""
    out = [memo.notice, memo.background_intro, *(t for pair in memo.background for t in pair)]
    for lic in memo.licenses:
        out += [*lic.text_notes, lic.open_source or "", lic.governing_law or ""]
        for f in lic.findings:
            out += [f.title, f.because, f.explanation, f.action or "", f.review_note or ""]
    out += [oq.text for oq in memo.open_questions]
    return out


def test_each_clause_is_quoted_once(example: dict) -> None:
    memo: Memo = example["memo"]
    text = _running(example["pages"])
    prose = [squash(p) for p in _prose(memo)]
    quotes = [q for group in memo.clauses for q in group.clauses]
    cited = {q.key for lic in memo.licenses for f in lic.findings for q in f.quotes}
    assert cited <= {q.key for q in quotes} and len({q.key for q in quotes}) == len(quotes)
    assert len(quotes) > 20
    for q in quotes:
        shown = squash(q.shown)
        # once by the memo itself; beyond that only where the content's own prose quotes it
        expected = 1 + sum(p.count(shown) for p in prose)
        assert text.count(shown) == expected, (q.number, q.title)
    # §6 of Llama 3.1 is cited by several findings and used to be quoted under each of them
    termination = next(q for q in quotes if q.document_id == "llama-3.1" and q.section == "6")
    assert sum(q.key == termination.key for lic in memo.licenses for f in lic.findings for q in f.quotes) >= 2


def test_each_open_question_appears_once_and_findings_refer_to_it_by_number(example: dict) -> None:
    memo: Memo = example["memo"]
    text = _running(example["pages"])
    assert memo.open_questions
    for oq in memo.open_questions:
        assert text.count(squash(oq.text)) == 1, oq.number
    resting = [f for lic in memo.licenses for f in lic.findings if f.needs_legal_review and f.open_questions]
    assert resting
    numbers = {oq.number for oq in memo.open_questions}
    for f in resting:
        assert f.open_question_numbers and set(f.open_question_numbers) <= numbers
        word = "Appendix B" if example["lang"] == "en" else "付録B"
        assert all(squash(f"{n} ({word})") in text or squash(f"{n}（{word}）") in text for n in f.open_question_numbers)


def test_no_finding_id_in_the_memo(example: dict) -> None:
    memo: Memo = example["memo"]
    text = "\n".join(example["pages"])
    flat = squash(text)
    ids = {f.id for lic in memo.licenses for f in lic.findings}
    assert not [i for i in ids if i in flat]
    for lic in memo.licenses:  # numbered per license instead: "1.3"
        for f in lic.findings:
            assert squash(f"{f.number} {f.title}") in flat


def test_the_contents_list_every_section_with_its_page(example: dict) -> None:
    pages: list[str] = example["pages"]
    contents = "Contents" if example["lang"] == "en" else "目次"
    lines = pages[0].splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == contents)
    entries = []
    for line in lines[start + 1 :]:
        m = re.match(r"^\s*(\S.*?\S)\s{2,}(\d+)$", line)
        if m:
            entries.append((m.group(1), int(m.group(2))))
    memo: Memo = example["memo"]
    titles = outline_titles(example["pdf"])
    expected = [t for t in titles if re.match(r"^(\d\. |3\.\d+ |Appendix [A-G]\. |付録[A-G]\. )", t)]
    assert [name for name, _ in entries] == expected
    assert len(entries) >= 7 + len(memo.licenses)
    for name, page in entries:
        assert 1 < page <= len(pages), name
        assert squash(name) in squash(pages[page - 1]), f"{name} is not on page {page}"
        # and on no page before it but the contents
        assert not [p for p in range(1, page - 1) if squash(name) in squash(pages[p])], name


def _footer(line: str) -> bool:
    return bool(re.search(r"Page \d+ of \d+|\d+ / \d+ ページ|Information, not legal advice|情報提供であり", line))


def test_no_heading_is_left_at_the_foot_of_a_page(example: dict) -> None:
    memo: Memo = example["memo"]
    headings = {squash(t) for t in outline_titles(example["pdf"])}
    headings |= {squash(f"{f.number} {f.title}") for lic in memo.licenses for f in lic.findings}
    for i, page in enumerate(example["pages"][:-1], 1):
        lines = [line for line in page.splitlines() if line.strip() and not _footer(line)]
        last = squash(lines[-1])
        last = re.sub(r"^(CRITICAL|HIGH|MEDIUM|LOW|INFO|重大|高|中|低|情報)", "", last)  # a finding's severity badge
        stranded = [h for h in headings if len(last) >= 6 and (h.startswith(last) or last.endswith(h))]
        assert not stranded, f"page {i} ends with the heading {stranded[0]!r}"


def test_the_html_contents_links_every_section(catalog: Catalog) -> None:
    memo = _memo(catalog, EXAMPLE, "en")
    page = render_html(memo)
    nav = re.search(r'<nav aria-label="Contents"><ol>(.*?)</ol></nav>', page, re.S).group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]*)</a>', nav)
    sections = dict(re.findall(r'<section id="([^"]+)"><h2>([^<]*)</h2>', page))
    assert [a for a, _ in links] == list(sections)
    for anchor, text in links:  # the heading's words, without its number (the list numbers them)
        assert sections[anchor].endswith(text) and not re.match(r"\d+\.", text)
    # every link inside the memo leads somewhere
    targets = set(re.findall(r'id="([^"]+)"', page))
    assert set(re.findall(r'href="#([^"]+)"', page)) <= targets
    assert any(h.startswith("clause-D-") for h in re.findall(r'href="#([^"]+)"', page))


def test_quotes_show_no_markdown_and_still_match_the_official_text(catalog: Catalog, tmp_path: Path) -> None:
    memo = _memo(catalog, MARKDOWN_LICENSE, "en")
    quotes = [q for group in memo.clauses for q in group.clauses]
    marked = [q for q in quotes if "**" in q.text or "](" in q.text]
    assert len(marked) >= 3  # the fixture does cite clauses written in Markdown
    for q in quotes:  # the verbatim check is on the original quote, word for word
        official = catalog.texts[catalog.profiles[q.document_id].model.text.file]
        assert normalise(q.text) in normalise(official)
    pdf_text = _running(_pages(render_pdf(memo), tmp_path, "markdown"))
    page = render_html(memo)
    for q in marked:
        assert squash(q.shown) in pdf_text and "**" not in q.shown and "](" not in q.shown
    assert "**" not in pdf_text and "](" not in pdf_text and "**" not in page and "](" not in page
    assert squash("ai.google.dev/gemma/prohibited_use_policy") in pdf_text


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ('"**Agreement**" or "**Gemma Terms of Use**" means', '"Agreement" or "Gemma Terms of Use" means'),
        (
            "at [ai.google.dev/gemma/prohibited\\_use\\_policy](https://ai.google.dev/gemma/prohibited_use_policy)",
            "at ai.google.dev/gemma/prohibited_use_policy",
        ),
        (
            "see the [Gemma 4 license](https://ai.google.dev/gemma/apache_2).",
            "see the Gemma 4 license (https://ai.google.dev/gemma/apache_2).",
        ),
        ("<https://example.com/a_b>", "https://example.com/a_b"),
        ("*emphasis* and __strong__", "emphasis and strong"),
        # not Markdown emphasis: left as written
        ("snake_case_name, file_name.txt, 2*3*4, (*) footnote (*)", "snake_case_name, file_name.txt, 2*3*4, (*) footnote (*)"),
        ("YOU ARE SOLELY RESPONSIBLE", "YOU ARE SOLELY RESPONSIBLE"),
    ],
)
def test_plain_quote(source: str, shown: str) -> None:
    assert plain_quote(source) == shown


def test_every_markdown_quote_in_the_catalog_loses_its_markup(catalog: Catalog) -> None:
    for profile in catalog.profiles.values():
        for clause in profile.model.clauses:
            shown = plain_quote(clause.quote)
            assert "**" not in shown and "](" not in shown and "\\_" not in shown, (profile.model.id, clause.section)
            # only the markup goes: every word shown is one of the quote's
            assert set(re.findall(r"[A-Za-z0-9]+", shown)) <= set(re.findall(r"[A-Za-z0-9]+", clause.quote))


ARABIC = "شركة الاختبار"
HEBREW = "חברת בדיקה"


def test_an_arabic_or_hebrew_organisation_is_shaped_right_to_left(tmp_path: Path) -> None:
    pytest.importorskip("uharfbuzz", reason="uharfbuzz (requirements.txt) is not installed: text is not shaped")
    from io import BytesIO

    import pypdf
    from memo_support import ARTIFACTS, assert_no_glyph_warnings, glyph_warnings, render_pages, sample_memo

    memo = sample_memo(organisation=ARABIC, prepared_for=HEBREW)
    with glyph_warnings() as records:
        pdf = render_pdf(memo)
    assert_no_glyph_warnings(records)
    first = pypdf.PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert ARABIC in first and HEBREW in first  # in logical order, whole
    pages = _pages(pdf, tmp_path, "arabic")
    bidi = re.compile("[\u200e\u200f\u202a-\u202e]")

    def logical(line: str) -> list[str]:
        # poppler gives the lam-alef ligature of "الاختبار" back as alef, lam: the one difference it makes
        return bidi.sub("", line).replace("االختبار", "الاختبار").split()

    # unshaped, both readers give the letters reversed ("رابتخالا ةكرش"): drawn left to right, one by one
    organisation = next(logical(line) for line in pages[0].splitlines() if "Organisation" in line)
    assert organisation[-2:] == ARABIC.split(), organisation
    assert any(logical(line)[-2:] == HEBREW.split() for line in pages[0].splitlines())
    header = logical(pages[1].splitlines()[0])  # the running header: title — organisation, then the date
    assert header[-3:-1] == ARABIC.split(), header
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # the page as a picture, for people to look at
    (ARTIFACTS / "arabic.pdf").write_bytes(pdf)
    render_pages(ARTIFACTS / "arabic.pdf", ARTIFACTS / "arabic-page", dpi=60, last=1, gray=False)


def test_appendix_a_groups_are_titled_by_license_name_not_tree_id(example: dict, catalog: Catalog) -> None:
    memo: Memo = example["memo"]
    cat = localized(catalog, example["lang"])
    text = squash("\n".join(example["pages"]))
    assert [g.tree for g in memo.answers] == ["intake", "llama-3.1", "gemma-2025-03"]
    for n, group in enumerate(memo.answers, 1):
        tree = cat.trees[group.tree].model
        assert group.title.startswith(" ".join(tree.title.split())) and tree.version in group.title
        assert f"({group.tree} " not in group.title and group.tree not in group.title.replace(tree.version, "")
        assert squash(f"A.{n} {group.title}") in text
    if example["lang"] == "ja":  # the localized titles: the Japanese reader sees Japanese
        assert memo.answers[1].title.startswith("Llama 3.1 コミュニティ・ライセンス契約")
        assert "質問ツリー" in memo.answers[1].title
