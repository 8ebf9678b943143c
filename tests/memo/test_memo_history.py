"""The memo's appendix "Answer history": who answered, from when to when, how many changes each.

The memo gets the changes as plain data (it reads no store); the same appendix is in the PDF, HTML and Word memo.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pypdf
import pytest
from memo_support import ARTIFACTS, have, render_pages, squash

from license_risk.content.load import load_catalog
from license_risk.content.localized import localized
from license_risk.memo.docx import render_docx
from license_risk.memo.facts import AnswerChange, Memo, answer_history, build_memo
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf
from license_risk.shipped import ROOT
from scoring.answers import read_answers
from scoring.rating import assess

ENGLISH = load_catalog(ROOT)
EXAMPLE = ROOT / "examples" / "distilled-student.yaml"
TOKYO = dt.timezone(dt.timedelta(hours=9))
CHANGES = [
    AnswerChange("local user", dt.datetime(2026, 12, 1, 9, 30, tzinfo=TOKYO)),
    AnswerChange("hanako@example.co.jp", dt.datetime(2026, 12, 3, 23, 59, tzinfo=TOKYO)),
    AnswerChange("local user", dt.datetime(2026, 12, 2, 10, 0, tzinfo=TOKYO)),
    AnswerChange("local user", dt.datetime(2026, 12, 4, 0, 1, tzinfo=TOKYO)),
]


def _memo(lang: str, history: list[AnswerChange]) -> Memo:
    catalog = ENGLISH if lang == "en" else localized(ENGLISH, lang)
    loaded = read_answers(EXAMPLE, catalog)
    a = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    return build_memo(catalog, a, loaded.answers, date=dt.date(2026, 12, 5), tool_version="test", history=history)


@pytest.fixture(scope="module")
def memos() -> tuple[Memo, Memo]:
    return _memo("en", CHANGES), _memo("ja", CHANGES)


def test_the_summary_counts_each_persons_changes_in_the_readers_dates() -> None:
    h = answer_history(CHANGES)
    assert h is not None and h.changes == 4
    assert (h.first, h.last) == (dt.date(2026, 12, 1), dt.date(2026, 12, 4))  # Tokyo's dates, not UTC's
    assert [(p.who, p.changes, p.first, p.last) for p in h.people] == [
        ("local user", 3, dt.date(2026, 12, 1), dt.date(2026, 12, 4)),
        ("hanako@example.co.jp", 1, dt.date(2026, 12, 3), dt.date(2026, 12, 3)),
    ]
    assert answer_history([]) is None


def test_without_changes_there_is_no_history_appendix() -> None:
    memo = _memo("en", [])
    assert memo.history is None
    assert "Answer history" not in render_html(memo)


def test_the_appendix_is_in_the_html_memo_in_both_languages(memos: tuple[Memo, Memo]) -> None:
    en, ja = (render_html(m) for m in memos)
    assert '<section id="history"><h2>Appendix H. Answer history</h2>' in en and 'href="#history"' in en
    assert "4 change(s) to the answers, from 2026-12-01 to 2026-12-04" in en
    assert "<dt>local user</dt><dd>3 change(s), from 2026-12-01 to 2026-12-04</dd>" in en
    assert "<dt>hanako@example.co.jp</dt><dd>1 change(s), from 2026-12-03 to 2026-12-03</dd>" in en
    assert "付録H. 回答の履歴" in ja and "2026年12月1日" in ja and "<dt>ローカルユーザー</dt>" in ja
    assert "change(s)" not in ja


def test_the_appendix_is_in_the_word_memo(memos: tuple[Memo, Memo]) -> None:
    doc = docx.Document(io.BytesIO(render_docx(memos[1])))
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("付録H. 回答の履歴")
    assert texts[at + 2 : at + 4] == ["ローカルユーザー", memos[1].history_lines[1][0][1]]
    assert doc.paragraphs[at].style.name == "Heading 1"


@pytest.mark.skipif(not have("pdftotext"), reason="needs poppler-utils (pdftotext): apt-get install poppler-utils")
def test_the_appendix_is_the_pdfs_last_page_and_renders(memos: tuple[Memo, Memo], tmp_path: Path) -> None:
    import subprocess

    pdf = render_pdf(memos[1])
    path = ARTIFACTS / "history-ja.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    last = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True).stdout.decode()
    tail = squash(last.split("付録H")[-1])
    assert squash("回答の履歴") in tail and squash("hanako@example.co.jp") in tail and "ローカルユーザー" in tail
    count = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    (page,) = render_pages(path, ARTIFACTS / "history-ja", dpi=60, first=count, last=count, gray=False)
    assert page.stat().st_size > 0  # looked at: artifacts/memo/history-ja-N.png, the appendix on the last page
