"""The memo gives a revenue entered in yen as its dollars, with the yen, rate, date and source, in
English and Japanese, and says when another rate could cross a license's threshold."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from memo_support import have

from license_risk.content.load import load_catalog
from license_risk.content.localized import localized
from license_risk.memo.facts import Memo, build_memo
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf
from license_risk.memo.report import assessment_data
from license_risk.shipped import ROOT
from scoring.answers import parse_answers
from scoring.rating import assess

ENGLISH = load_catalog(ROOT)
JAPANESE = localized(ENGLISH, "ja")


def answers(yen: str) -> bytes:
    return f"""format: open-model-license-risk/answers
format_version: 3
licenses: [stability-community]
answers:
  intake:
    establishment: japan
    group_annual_revenue_usd: {{yen: {yen}, rate: 150.25, rate_date: 2026-12-01, rate_source: MUFG TTM}}
""".encode()


def memo(catalog, yen: str = "15億円") -> Memo:
    loaded = parse_answers(answers(yen), "yen.yaml", catalog)
    assert not loaded.problems
    a = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    return build_memo(catalog, a, loaded.answers, date=dt.date(2026, 12, 5), tool_version="t", conversions=loaded.conversions)


def revenue(m: Memo) -> str:
    return next(r.answer for g in m.answers for r in g.rows if r.question_id == "group_annual_revenue_usd")


def test_the_answer_says_what_was_entered_and_at_which_rate():
    assert revenue(memo(ENGLISH)) == (
        "$9,983,361 (entered as ¥1,500,000,000 at 150.25 JPY per USD, rate of 1 December 2026; source: MUFG TTM)"
    )
    assert revenue(memo(JAPANESE)) == (
        "9,983,361米ドル（入力：1,500,000,000円、1米ドル＝150.25円、2026年12月1日のレート、出典：MUFG TTM）"
    )


def test_near_a_revenue_threshold_one_sentence_says_a_rate_matters():
    # 150,000,000 / 150.25 = 998,336: within 10% of Stability's USD 1,000,000 annual revenue limit
    en, ja = revenue(memo(ENGLISH, "1.5億円")), revenue(memo(JAPANESE, "1.5億円"))
    assert en.startswith("$998,336 (entered as ¥150,000,000")
    assert "$998,336 is within 10% of $1,000,000, a threshold of Stability AI Community License Agreement" in en
    assert "基準値1,000,000米ドルとの差が10%以内です" in ja
    assert "within 10%" not in revenue(memo(ENGLISH))  # 9,983,361 is far from it


def test_without_the_record_the_answer_reads_as_before():
    loaded = parse_answers(answers("15億円"), "yen.yaml", ENGLISH)
    a = assess(ENGLISH, loaded.licenses, loaded.answers)
    m = build_memo(ENGLISH, a, loaded.answers, date=dt.date(2026, 12, 5), tool_version="t")
    assert revenue(m) == "9,983,361 USD per year"


@pytest.mark.skipif(not have("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
@pytest.mark.parametrize(("catalog", "words"), [(ENGLISH, "entered as ¥1,500,000,000"), (JAPANESE, "入力：1,500,000,000円")])
def test_rendered_pdf_and_html_carry_it(tmp_path, catalog, words):
    m = memo(catalog)
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(render_pdf(m))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert words in text and "150.25" in text
    assert words in render_html(m)


def test_results_json_carries_the_record(tmp_path):
    loaded = parse_answers(answers("15億円"), "yen.yaml", ENGLISH)
    a = assess(ENGLISH, loaded.licenses, loaded.answers)
    assert assessment_data(ENGLISH, a, loaded.conversions)["conversions"] == [
        {
            "tree": "intake",
            "question": "group_annual_revenue_usd",
            "usd": 9_983_361,
            "entered": "15億円",
            "yen": 1_500_000_000,
            "rate": "150.25",
            "rate_date": "2026-12-01",
            "rate_source": "MUFG TTM",
        }
    ]
    assert "conversions" not in assessment_data(ENGLISH, a)
    path = tmp_path / "yen.yaml"
    path.write_bytes(answers("15億円"))
    cli = subprocess.run(
        [sys.executable, "-m", "scoring", "assess", str(path), "--json"], capture_output=True, text=True, cwd=ROOT
    )
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout)["conversions"][0]["usd"] == 9_983_361
    text = subprocess.run([sys.executable, "-m", "scoring", "assess", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert "entered as ¥1,500,000,000 at 150.25 JPY per USD" in text.stdout
