"""The memo's "Organisation policy" section: present with a policy, in PDF, HTML and Word, in English and Japanese."""

from __future__ import annotations

import io
import subprocess

import docx
import pytest
from memo_support import have
from policy_support import ANSWERS, EXAMPLE_POLICY, TODAY

from license_risk.content.localized import localized
from license_risk.memo.docx import render_docx
from license_risk.memo.facts import build_memo
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf
from license_risk.policy import apply_policy, load_policy
from scoring.answers import read_answers
from scoring.rating import assess


@pytest.fixture(scope="module")
def inputs(catalog):
    loaded = read_answers(ANSWERS, catalog)
    a = assess(catalog, loaded.licenses, loaded.answers)
    result = apply_policy(load_policy(EXAMPLE_POLICY, catalog, TODAY), a, catalog, model="Sample Assistant", today=TODAY)
    return loaded, result


def memo(catalog, inputs, lang: str = "en", with_policy: bool = True):
    loaded, result = inputs
    words = localized(catalog, lang)
    a = assess(words, loaded.licenses, loaded.answers)
    return build_memo(words, a, loaded.answers, date=TODAY, tool_version="test", policy=result if with_policy else None)


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "memo.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, timeout=120).stdout.decode()


def test_the_section_says_each_verdict_beside_the_rating(catalog, inputs):
    section = memo(catalog, inputs).policy
    assert section is not None and section.heading == "Organisation policy"
    assert [(row.license, row.rating, row.verdict) for row in section.rows] == [
        ("Llama 3.1 Community License Agreement (3.1)", "high", "review"),
        ("Gemma Terms of Use (2025-03-24)", "medium", "allow"),
    ]
    assert section.overall == "Policy verdict: review needed"
    # Findings are named by their titles for readers, not by ids.
    assert any("A likely breach lets Meta terminate the license" in line for line in section.rows[0].reasons)
    assert memo(catalog, inputs, with_policy=False).policy is None


@pytest.mark.skipif(not have("pdftotext"), reason="pdftotext (Debian poppler-utils) is not installed")
def test_pdf_memo_has_the_section_only_with_a_policy(catalog, inputs, tmp_path):
    text = " ".join(pdf_text(render_pdf(memo(catalog, inputs)), tmp_path).split())
    assert "Organisation policy" in text and "Policy verdict: review needed" in text
    assert "Sample Co. open-weight model policy (2026-12)" in text
    without = " ".join(pdf_text(render_pdf(memo(catalog, inputs, with_policy=False)), tmp_path).split())
    assert "Organisation policy" not in without and "Policy verdict" not in without


@pytest.mark.skipif(not have("pdftotext"), reason="pdftotext (Debian poppler-utils) is not installed")
def test_japanese_pdf_memo(catalog, inputs, tmp_path):
    text = "".join(pdf_text(render_pdf(memo(catalog, inputs, "ja")), tmp_path).split())
    assert "社内ポリシー" in text and "ポリシー判定：要確認" in text and "不許可" not in text


def test_html_and_word_memos_have_the_section(catalog, inputs):
    m = memo(catalog, inputs)
    html = render_html(m)
    assert '<section id="policy"><h3>Organisation policy</h3>' in html and "Policy verdict: review needed" in html
    document = docx.Document(io.BytesIO(render_docx(m)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Organisation policy" in paragraphs and "Policy verdict: review needed" in paragraphs
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Policy verdict", "review needed", "allowed"} <= cells


def test_the_japanese_memo_names_findings_in_japanese_whatever_language_the_policy_was_applied_in(catalog, inputs):
    section = memo(catalog, inputs, "ja").policy  # `inputs` applied the policy to the English assessment
    japanese = localized(catalog, "ja").trees["llama-3.1"].findings["breach-can-terminate"].title
    assert japanese != catalog.trees["llama-3.1"].findings["breach-can-terminate"].title
    assert any(" ".join(japanese.split()) in line for line in section.rows[0].reasons)
    assert not any("A likely breach lets Meta terminate the license" in line for line in section.rows[0].reasons)
