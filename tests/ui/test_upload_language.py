"""What an uploaded answers file's diagnostics say is written in the page's language: a business user on the
Japanese page reads why an answer is not loaded in Japanese, with the file's own words (ids, values) as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelpers import new_app, open_resume

BAD = (Path(__file__).resolve().parents[1] / "fixtures" / "answers" / "unusable-answers.yaml").read_bytes()
BROKEN = b"format: [\n"


def upload(db, lang: str, name: str, content: bytes):
    at = open_resume(new_app(db), lang)
    at.file_uploader(key="upload").set_value((name, content, "application/x-yaml")).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        (
            "ja",
            [
                "本ツールにライセンス 'nope' はありません。読み込みません",
                "'maybe'：質問 'part_of_group' には yes か no で答えます。回答は読み込みません",
                "質問ツリー 'intake' に質問 'no_such_question' はありません。回答は読み込みません",
                "bad.yaml:7: answers.intake.part_of_group:",  # the place stays as the file names it
            ],
            "answer not kept",
        ),
        (
            "en",
            [
                "no license 'nope' in this tool; not kept",
                "'maybe': question 'part_of_group' expects yes or no; answer not kept",
                "bad.yaml:7: answers.intake.part_of_group:",
            ],
            "読み込みません",
        ),
    ],
)
def test_an_uploads_problems_are_in_the_pages_language(tmp_path, lang, expected, absent) -> None:
    at = upload(tmp_path / "a.sqlite3", lang, "bad.yaml", BAD)
    text = " ".join(t.value for t in at.text)
    for words in expected:
        assert words in text, (words, text)
    assert absent not in text
    assert len(at.warning) == 1  # the file is still usable: what fits can be loaded


def test_a_broken_file_is_refused_in_japanese_with_the_parsers_detail(tmp_path) -> None:
    at = upload(tmp_path / "b.sqlite3", "ja", "broken.yaml", BROKEN)
    assert [e.value for e in at.error] == ["このファイルは使用できません。何も変更されていません。"]
    text = " ".join(t.value for t in at.text)
    assert text.startswith("broken.yaml:") and "YAML として読めません：" in text, text
    assert "not valid YAML" not in text
