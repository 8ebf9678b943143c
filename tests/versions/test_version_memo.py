"""'What changed between versions' in the memo, English and Japanese: the section and its quotes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from license_risk.content.catalog import Catalog
from license_risk.content.localized import localized
from license_risk.memo.facts import Memo, build_memo
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf
from scoring.answers import read_answers
from scoring.rating import assess

ROOT = Path(__file__).resolve().parents[2]


def _memo(catalog: Catalog, example: str) -> Memo:
    loaded = read_answers(ROOT / "examples" / example, catalog)
    a = assess(catalog, loaded.licenses, loaded.answers)
    return build_memo(catalog, a, loaded.answers, date=dt.date(2026, 12, 5), tool_version="test")


@pytest.mark.parametrize(
    ("lang", "heading", "no_difference"),
    [("en", "What changed between versions", "No finding differs"), ("ja", "版による変更点", "指摘事項に違いはありません")],
)
def test_the_memo_says_what_changed_between_the_gemma_versions(catalog, lang, heading, no_difference):
    words = catalog if lang == "en" else localized(catalog, "ja")
    memo = _memo(words, "gemma-versions.yaml")
    assert memo.versions is not None and memo.versions.heading == heading
    first, second = memo.versions.pairs
    duty = next(f for f in first.findings if f.finding == "latest-version-duty")
    assert duty.causes[0].after == "Google may update Gemma from time to time."  # quotes stay in the official English
    assert second.no_findings is not None and no_difference in second.no_findings
    page = render_html(memo)
    section = page[page.index('<section id="version-changes">') :]
    assert heading in section and "you must make reasonable efforts to use the latest version of Gemma" in section
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(render_pdf(memo))).pages)
    assert heading in text and "Google may update Gemma from time to time." in text


def test_licenses_of_different_lines_get_no_such_section(catalog):
    memo = _memo(catalog, "japanese-saas-chatbot.yaml")
    assert memo.versions is None and 'id="version-changes"' not in render_html(memo)
