"""`assess --lang ja` and `--memo-lang`: the output and the memo in Japanese, or the memo in both languages."""

from __future__ import annotations

import io
from pathlib import Path

import docx
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


def test_the_word_memo_in_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "memo.docx"
    r = run("assess", str(EXAMPLE), "--lang", "ja", "--memo-lang", "both", "--docx", str(out), "--date", "2026-12-05")
    assert r.returncode == 0, r.stderr
    assert f"wrote {out}" in r.stderr
    doc = docx.Document(str(out))  # a valid Word file: python-docx opens it
    titles = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Title"]
    assert titles == ["ライセンスリスク評価 法務確認用メモ", "License risk memo"]
    assert len(doc.sections) == 2


def test_an_unwritable_word_memo_path_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    for path, problem in ((not_a_folder / "memo.docx", "is not a folder"), (tmp_path, "it is a folder")):
        r = run("assess", str(EXAMPLE), "--docx", str(path))
        assert r.returncode == 2
        assert f"Cannot write the memo to {path}: " in r.stderr and problem in r.stderr
        assert "Traceback" not in r.stderr


def test_the_help_offers_the_word_memo() -> None:
    r = run("assess", "--help")
    assert "--docx OUT.docx" in r.stdout and "Word document" in r.stdout
