"""`assess --lang ja` and `--memo-lang`: the output and the memo in Japanese, or the memo in both languages."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from inprocess import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "distilled-student.yaml"


def test_the_output_in_japanese_keeps_ids_and_english_quotes() -> None:
    r = run("assess", str(EXAMPLE), "--lang", "ja")
    assert r.returncode == 0, r.stderr
    assert "件のライセンスの評価" in r.stdout and "総合評価：" in r.stdout
    assert "(as-is)" in r.stdout  # finding ids stay, for scripts and for counsel's cross-reference
    assert "“You are solely responsible for determining the" in r.stdout  # the governing English, quoted as is
    english = run("assess", str(EXAMPLE))
    assert "rating: LOW" in english.stdout and "総合評価" not in english.stdout


def test_the_memo_in_both_languages(tmp_path: Path) -> None:
    pdf, html = tmp_path / "memo.pdf", tmp_path / "memo.html"
    r = run("assess", str(EXAMPLE), "--memo-lang", "both", "--pdf", str(pdf), "--html", str(html), "--date", "2026-12-05")
    assert r.returncode == 0, r.stderr
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "法務確認用メモ" in text and "License risk memo" in text
    assert [o.title for o in reader.outline if not isinstance(o, list)][:2] == [
        "ライセンスリスク評価 法務確認用メモ",
        "License risk memo",
    ]
    doc = html.read_text(encoding="utf-8")
    assert doc.count('class="column"') == 2 and 'lang="ja"' in doc and 'lang="en"' in doc
    assert 'id="ja-summary"' in doc and 'id="en-summary"' in doc and 'href="#ja-summary"' in doc
    # the lineage graph's arrow marker is per column too, and each column's arrows point at their own
    assert 'id="ja-lineage-arrow"' in doc and "url(#ja-lineage-arrow)" in doc and "url(#lineage-arrow)" not in doc


def test_an_unknown_language_is_refused_with_the_choices() -> None:
    r = run("assess", str(EXAMPLE), "--lang", "fr")
    assert r.returncode == 2 and "invalid choice: 'fr'" in r.stderr and "'ja'" in r.stderr
