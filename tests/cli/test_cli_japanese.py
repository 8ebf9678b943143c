"""`assess --lang ja` and `--memo-lang`: the output and the memo in Japanese, or the memo in both languages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pypdf
from inprocess import cli, run

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


def test_problems_with_the_users_file_are_said_in_japanese_and_json_keeps_english(tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes((ROOT / "tests" / "fixtures" / "answers" / "unusable-answers.yaml").read_bytes())
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    japanese = [
        f"{bad}:3: licenses[0]: 本ツールにライセンス 'nope' はありません。読み込みません",
        f"{bad}:7: answers.intake.part_of_group: 'maybe'：質問 'part_of_group' には yes か no で答えます。回答は読み込みません",
    ]
    r = cli("assess", str(bad), "--lang", "ja")
    assert r.returncode == 2 and all(line in r.stderr for line in japanese), r.stderr
    assert "not kept" not in r.stderr
    english = cli("assess", str(bad))
    assert f"{bad}:3: licenses[0]: no license 'nope' in this tool; not kept" in english.stderr
    assert "読み込みません" not in english.stderr
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")  # the locale asks for Japanese: the command's own words follow it
    r = cli("assess", str(bad), "--json")
    assert all(line in r.stderr for line in japanese), r.stderr
    # what scripts read stays English, whatever the locale
    assert json.loads(r.stdout)["problems"][0] == f"{bad}:3: licenses[0]: no license 'nope' in this tool; not kept"


def test_a_version_note_and_an_unreadable_file_in_japanese(tmp_path: Path, monkeypatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    old = tmp_path / "old.yaml"
    old.write_bytes(
        (ROOT / "examples" / "japanese-saas-chatbot.yaml").read_bytes().replace(b"format_version: 2", b"format_version: 1")
    )
    r = cli("assess", str(old), "--lang", "ja")
    assert r.returncode == 0, r.stderr
    assert f"注記：{old}：2 件のライセンスは、バージョン 1 のファイルと同じく選択肢として比較します。" in r.stderr, r.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: [\n", encoding="utf-8")
    r = cli("assess", str(broken), "--lang", "ja")
    assert r.returncode == 2 and f"回答ファイルを読み込めません：{broken}:2: YAML として読めません：" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
