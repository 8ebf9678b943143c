"""The memo shows the reviewer's decision beside the tool's rating on each finding decided, and a section
with every decision and the sign-off; read back from the PDF (pdftotext), the HTML and the Word file."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from docx import Document
from inprocess import cli

from license_risk.content.load import load_catalog
from license_risk.review import SignOff, carried_data, make_decision
from license_risk.shipped import ROOT
from scoring.answers import dump_answers, read_answers

ANSWERS = ROOT / "examples" / "japanese-saas-chatbot.yaml"
REASON = "Not our use:\n  we ship no derivative."


def reviewed_file(tmp_path, *, signed: bool = True):
    catalog = load_catalog(ROOT)
    loaded = read_answers(ANSWERS, catalog)
    findings = catalog.trees["llama-3.1"].findings
    decisions = [
        make_decision("llama-3.1", findings["breach-can-terminate"], "not_applicable", REASON, "山田 花子", dt.date(2026, 12, 1)),
        make_decision(
            "llama-3.1",
            findings["model-name-prefix-missing"],
            "change_severity",
            "Renamed.",
            "local user",
            dt.date(2026, 12, 2),
            severity="low",
        ),
    ]
    sign_off = SignOff("山田 花子", dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC), "0" * 16, "OK") if signed else None
    text = dump_answers(
        catalog, loaded.licenses, loaded.answers, lineage=loaded.lineage, review=carried_data(decisions, sign_off)
    )
    path = tmp_path / "reviewed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed")
def test_the_pdf_memo_shows_the_decision_beside_the_tools_rating_and_the_sign_off_outdated(tmp_path):
    path = reviewed_file(tmp_path)
    pdf = tmp_path / "memo.pdf"
    r = cli("assess", str(path), "--pdf", str(pdf), "--date", "2026-12-05")
    assert r.returncode == 0, r.stderr
    text = flat(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout.decode())
    assert "Reviewer decisions and sign-off" in text
    assert "Signed off by 山田 花子 on 2026-12-03. Note: OK" in text
    assert "Outdated: answers or decisions changed after this sign-off." in text  # signed on another state
    assert "Tool's rating HIGH" in text or "Tool's rating: HIGH" in text
    assert "Reviewer's decision not applicable, by 山田 花子 on 2026-12-01" in text.replace(":", "")
    assert "severity changed to LOW, by local user on 2026-12-02" in text
    assert "Not our use: we ship no derivative." in text


def test_the_html_and_word_memos_show_the_same_in_japanese(tmp_path):
    path = reviewed_file(tmp_path, signed=False)
    html, docx = tmp_path / "memo.html", tmp_path / "memo.docx"
    r = cli("assess", str(path), "--html", str(html), "--docx", str(docx), "--memo-lang", "ja", "--date", "2026-12-05")
    assert r.returncode == 0, r.stderr
    page = html.read_text(encoding="utf-8")
    assert REASON.replace("\n", "\n") in page  # kept as written (the page keeps its line breaks: pre-wrap)
    words = flat(re.sub(r"<[^>]+>", " ", page))
    word = flat(" ".join(p.text for p in Document(str(docx)).paragraphs))
    for text in (words, word):
        assert "レビュー担当者の判断と承認" in text
        assert "承認されていません。" in text
        assert "該当なし（判断者：山田 花子、判断日：2026年12月1日）" in text
        assert "本ツールの評価" in text and "重大度を低に変更" in text
