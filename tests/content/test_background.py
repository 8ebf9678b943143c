"""Background beside the license terms: a note for the user's place of establishment, and
what openness means beyond the Open Source Definition, shown in the memo for counsel's review."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError
from license_risk.memo.facts import build_memo
from license_risk.shipped import ROOT
from scoring.answers import read_answers
from scoring.rating import assess

EXAMPLE = ROOT / "examples" / "japanese-saas-chatbot.yaml"


def _memo(catalog: Catalog, licenses: list[str] | None = None, **intake: object):
    loaded = read_answers(EXAMPLE, catalog)
    answers = {tree: dict(values) for tree, values in loaded.answers.items()}
    for key, value in intake.items():
        if value is None:
            answers[INTAKE].pop(key, None)
        else:
            answers[INTAKE][key] = value
    chosen = licenses or loaded.licenses
    return build_memo(catalog, assess(catalog, chosen, answers), answers, date=dt.date(2026, 11, 22), tool_version="t")


@pytest.mark.parametrize("place", ["japan", "eu", "eea_other", "switzerland", "uk", "us", "china", "other"])
def test_the_memo_gives_the_note_for_the_place_the_user_chose(catalog: Catalog, place: str) -> None:
    memo = _memo(catalog, establishment=place)
    note = catalog.background.jurisdictions[place]
    label, text = memo.background[0]
    assert label == f"Your place of establishment: {note.name}"
    assert text == " ".join(note.note.split())
    others = [j.note for k, j in catalog.background.jurisdictions.items() if k != place]
    assert not any(" ".join(o.split()) == text for o in others)


def test_without_an_answer_the_memo_says_which_question_to_answer(catalog: Catalog) -> None:
    memo = _memo(catalog, establishment=None)
    assert memo.background[0] == (
        "Your place of establishment",
        "Not answered: answer the intake question on where your company is established.",
    )


def test_background_is_marked_for_counsel_and_covers_osaid_and_the_ai_act(catalog: Catalog) -> None:
    memo = _memo(catalog)
    labels = [label for label, _ in memo.background]
    assert labels[1:] == ["Open Source AI Definition", "EU AI Act open-source exemption"]
    assert "counsel's review" in memo.background_intro and "not taken from any license text" in memo.background_intro
    assert "not held" in memo.background[1][1] and "contested" in memo.background[2][1]


def test_the_japan_note_cites_copyright_and_the_ai_guidelines_as_texts_not_held(catalog: Catalog) -> None:
    """Issue #15's background for Japan: article 30-4 on training, the guidelines' roles, by title and date only."""
    from license_risk.content.localized import localized

    en = " ".join(catalog.background.jurisdictions["japan"].note.split())
    assert "Article 30-4 of the Copyright Act (Act No. 48 of 1970)" in en and "15 March 2024" in en
    assert "AI事業者ガイドライン" in en and "19 April 2024" in en and "AI developers, AI providers and AI business users" in en
    assert "These texts are not held by this tool" in en and "for counsel's review" in en
    ja = localized(catalog, "ja").background.jurisdictions["japan"].note
    assert "著作権法（昭和45年法律第48号）第30条の4" in ja and "2024年3月15日" in ja and "2024年4月19日" in ja
    assert "本ツールでは保有していません" in ja and "弁護士による確認が必要です" in ja
    assert "AIと著作権に関する考え方について" in en.replace(" ", "")  # the title unbroken by the YAML folding
    assert "AIと著作権に関する 考え方" not in en


def test_each_license_states_its_open_source_verdict_and_cites_its_governing_law(catalog: Catalog) -> None:
    memo = _memo(catalog, licenses=["llama-3.1", "apache-2.0", "deepseek-license-1.0"])
    llama, apache, deepseek = memo.licenses
    assert llama.open_source and llama.open_source.startswith("Fails 3 criteria.")
    assert "criterion 5, No Discrimination Against Persons or Groups" in llama.open_source
    assert apache.open_source and apache.open_source.startswith("Meets it on this tool's reading")
    assert llama.governing_law and llama.governing_law.endswith("(§7)")
    assert deepseek.governing_law and "China" in deepseek.governing_law
    assert ("Open Source Definition", llama.open_source) in llama.facts


def _content_with(tmp_path: Path, old: str, new: str) -> list[str]:
    root = tmp_path / "content"
    for folder in ("licenses", "questionnaires"):
        shutil.copytree(ROOT / folder, root / folder)
    path = root / "licenses" / "background.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    return [str(p) for p in info.value.problems]


def test_a_place_without_a_note_is_named(tmp_path: Path) -> None:
    problems = _content_with(tmp_path, "  uk:\n", "  gb:\n")
    assert any("no note for 'uk'" in p and p.startswith("licenses/background.yaml:") for p in problems), problems
    assert any("'gb' is not an answer to the intake question 'establishment'" in p for p in problems), problems


def test_a_misspelt_key_is_named_with_its_line(tmp_path: Path) -> None:
    text = (ROOT / "licenses" / "background.yaml").read_text(encoding="utf-8")
    line = text.split("\n").index("  eu_ai_act: >-") + 1
    problems = _content_with(tmp_path, "  eu_ai_act: >-", "  eu_ai_acts: >-")
    assert any(p.startswith(f"licenses/background.yaml:{line}:") and "eu_ai_acts" in p for p in problems), problems
