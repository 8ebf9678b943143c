"""The memo in Japanese: the tool's words and the content in Japanese, the license quotes in their
governing English, the same findings as the English memo, dates as Japanese write them, and lines
that follow kinsoku in the rendered PDF (read back with pdftotext)."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
from pathlib import Path

import pytest
from memo_support import have

from license_risk.content.load import load_catalog
from license_risk.content.localized import localized
from license_risk.memo.facts import Memo, build_memo, memo_strings
from license_risk.memo.html import render_html
from license_risk.memo.linebreak import NO_START
from license_risk.memo.pdf import render_pdf
from license_risk.shipped import ROOT
from scoring.answers import read_answers
from scoring.rating import assess

ENGLISH = load_catalog(ROOT)
JAPANESE = localized(ENGLISH, "ja")
EXAMPLE = ROOT / "examples" / "distilled-student.yaml"


def _memo(catalog) -> Memo:
    loaded = read_answers(EXAMPLE, catalog)
    a = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    return build_memo(catalog, a, loaded.answers, date=dt.date(2026, 12, 5), tool_version="test", lineage=loaded.lineage)


@pytest.fixture(scope="module")
def memos() -> tuple[Memo, Memo]:
    return _memo(ENGLISH), _memo(JAPANESE)


def test_same_findings_and_ratings_in_other_words(memos: tuple[Memo, Memo]) -> None:
    en, ja = memos
    assert [(lic.id, lic.rating, [f.id for f in lic.findings]) for lic in en.licenses] == [
        (lic.id, lic.rating, [f.id for f in lic.findings]) for lic in ja.licenses
    ]
    assert ja.title != en.title and ja.lang == "ja"
    en_titles = {f.title for lic in en.licenses for f in lic.findings}
    assert not en_titles & {f.title for lic in ja.licenses for f in lic.findings}  # every title translated


def test_quotes_stay_in_the_governing_english_and_the_memo_says_so(memos: tuple[Memo, Memo]) -> None:
    en, ja = memos
    quotes = lambda m: [q.text for lic in m.licenses for f in lic.findings for q in f.quotes]  # noqa: E731
    assert quotes(ja) == quotes(en) and quotes(ja)
    assert "公式の英語のまま引用" in ja.notice


def test_dates_and_answers_read_as_japanese(memos: tuple[Memo, Memo]) -> None:
    _, ja = memos
    assert ("日付", "2026年12月5日") in ja.facts
    assert any(f.because.startswith("根拠") for lic in ja.licenses for f in lic.findings)
    answers = [row.answer for g in ja.answers for row in g.rows]
    assert "はい" in answers or "いいえ" in answers


def test_html_is_marked_japanese_with_english_quotes(memos: tuple[Memo, Memo]) -> None:
    _, ja = memos
    doc = render_html(ja)
    assert '<html lang="ja">' in doc and '<blockquote lang="en">' in doc
    assert "1. 要旨" in doc and "付録A. 質問と回答" in doc


@pytest.mark.skipif(not have("pdftotext"), reason="needs poppler-utils (pdftotext): apt-get install poppler-utils")
def test_pdf_lines_follow_kinsoku_and_keep_english_words_whole(memos: tuple[Memo, Memo], tmp_path: Path) -> None:
    _, ja = memos
    path = tmp_path / "ja.pdf"
    path.write_bytes(render_pdf(ja))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, timeout=120).stdout.decode()
    assert "要旨" in text and "2026年12月5日" in text
    lines = [line.strip().replace("\u200b", "") for line in text.splitlines() if line.strip()]
    starts = [line for line in lines if line[0] in NO_START and line[0] not in ".,:;!?%)]}"]
    assert not starts, starts[:5]
    assert "\u200b" not in text  # the break marks are not drawn: a search in the PDF finds the words
    # An English word is never cut across two lines ("distribu" / "te"), as character wrapping did.
    words = {w for s in memo_strings(ja) for w in s.split() if w.isascii() and w.isalpha() and len(w) > 6}
    plain = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, timeout=120).stdout.decode()
    rows = [line.split() for line in plain.splitlines() if line.split()]
    cut = [(a[-1], b[0]) for a, b in itertools.pairwise(rows) if a[-1] + b[0] in words and a[-1] not in words]
    assert not cut, cut[:5]


def test_the_background_for_counsel_reads_in_japanese(memos: tuple[Memo, Memo]) -> None:
    en, ja = memos
    assert next(label for label, _ in en.background).startswith("Your place of establishment")
    labels = [label for label, _ in ja.background]
    assert labels[0].startswith("貴社の所在地") and "EU AI 法" in labels[2]
    assert all("。" in text for _, text in ja.background)  # the notes themselves, translated
    assert "弁護士による確認が必要" in ja.background_intro


def test_the_combined_section_of_a_lineage_reads_japanese() -> None:
    from license_risk.combined.words import STATUS
    from license_risk.lineage.model import Component, Lineage

    lineage = Lineage(
        model_name="Student",
        components=[
            Component(id="base", name="Llama-3.1-8B", licenses=["llama-3.1"], route="weights", relation="fine_tune"),
            Component(id="nc", name="research corpus", licenses=["cc-by-nc-4.0"], route="dataset", relation="fine_tuning"),
        ],
    )
    answers = {
        "intake": {"commercial_use": True, "modifies_model": True, "derived_model_shared": True, "hosted_service": True},
        "cc-by-nc-4.0": {"cc_training_data": "known"},
    }

    def combined(catalog):
        a = assess(catalog, lineage.licenses, answers)
        memo = build_memo(catalog, a, answers, date=dt.date(2026, 12, 5), tool_version="test", lineage=lineage)
        assert memo.combined is not None
        return memo, memo.combined

    (en_memo, en), (ja_memo, ja) = combined(ENGLISH), combined(JAPANESE)
    assert [r.route for r in en.lineage] == ["weights · fine tune", "dataset · fine tuning"]
    assert [r.route for r in ja.lineage] == ["重み · ファインチューニング", "データセット · ファインチューニング"]
    assert {d.status for d in en.duties} <= set(STATUS) and {d.status for d in ja.duties} <= {
        "未充足",
        "未確定",
        "要対応",
        "充足",
    }
    assert all(d.brought_by.startswith(("Llama-3.1-8B：", "research corpus：")) for d in ja.duties)
    assert all(", section " in d.clause for d in en.duties) and all("、section " in d.clause for d in ja.duties)
    (en_nc,) = en.conflicts
    (ja_nc,) = ja.conflicts
    assert en_nc.title.endswith("training data in a model used commercially")
    assert ja_nc.title.startswith("商用利用するモデルに含まれる") and "“for NonCommercial purposes only”" in ja_nc.explanation
    assert ja_nc.action.startswith("商用のモデルの学習データから")
    doc = render_html(ja_memo)
    assert "重み · ファインチューニング" in doc and "Student の系譜" in doc
    for english in (en_nc.title, en_nc.explanation, en_nc.action, *en_nc.sides, "weights · fine tune", "overall:"):
        assert english not in doc
    assert en_nc.title in render_html(en_memo)
