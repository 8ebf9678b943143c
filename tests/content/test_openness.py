"""The Model Openness Framework's components, read as data, give an openness reading by component."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from license_risk.content.load import load_catalog
from license_risk.content.openness import QUESTION, openness_reading
from license_risk.content.problems import ContentError

ROOT = Path(__file__).resolve().parents[2]


def test_the_intake_offers_exactly_the_frameworks_components(catalog) -> None:
    q = catalog.intake.questions[QUESTION]
    assert [o.value for o in q.options] == [c.value for c in catalog.mof] + ["none"]
    assert [o.label for o in q.options[:-1]] == [c.name for c in catalog.mof]  # named as the configuration names them
    assert len(catalog.mof) == 17 and sum(c.required for c in catalog.mof) == 14


def test_the_reading_lists_what_is_released_and_the_required_components_missing(catalog) -> None:
    notes = dict(openness_reading(catalog.mof, ["model-parameters-final", "inference-code", "model-card"]))
    released = notes["Model Openness Framework: the components you release"]
    assert "You release 3 of the 17 components" in released and "Model parameters (Final) (class 3)" in released
    missing = notes["Model Openness Framework: required components you do not release"]
    assert "Datasets (class 1)" in missing and "Training code (class 2)" in missing and "Model card" not in missing
    assert "Model metadata" not in missing  # not required
    assert "not held by this tool, so it gives no class verdict: for counsel's review" in missing
    assert openness_reading(catalog.mof, None) == ()  # not asked: no reading


def test_the_intake_options_must_match_the_components(tmp_path: Path) -> None:
    for folder in ("licenses", "questionnaires"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    intake = tmp_path / "questionnaires" / "intake.yaml"
    intake.write_text(
        intake.read_text(encoding="utf-8").replace("value: research-paper", "value: research-papers"), encoding="utf-8"
    )
    with pytest.raises(ContentError) as info:
        load_catalog(tmp_path)
    (p,) = info.value.problems
    assert p.where == QUESTION and "missing: research-paper; not components: research-papers" in p.message


def test_the_memo_gives_the_reading_beside_the_background(catalog) -> None:
    import datetime as dt

    from license_risk.memo.facts import build_memo
    from scoring.rating import assess

    answers = {"intake": {"claims_open_source": True, QUESTION: ["model-parameters-final"]}}
    memo = build_memo(catalog, assess(catalog, ["mit"], answers), answers, date=dt.date(2026, 12, 4), tool_version="t")
    labels = [label for label, _ in memo.background]
    assert "Model Openness Framework: the components you release" in labels
    osaid = dict(memo.background)["Open Source AI Definition"]
    assert "version 1.0" in osaid and "text not held; for counsel's review" in osaid


def test_the_reading_in_japanese_names_components_as_the_japanese_question_does(catalog) -> None:
    from license_risk.content.localized import localized

    ja = localized(catalog, "ja")
    question = ja.intake.questions[QUESTION]
    released = ["model-parameters-final", "inference-code", "model-card"]
    notes = openness_reading(ja.mof, released, "ja", question)
    (first_label, first), (second_label, second) = notes
    assert second_label == "Model Openness Framework：公開しない必須の構成要素"
    assert first_label == "Model Openness Framework：公開する構成要素"
    final = question.option_label("model-parameters-final")
    assert final != "Model parameters (Final)" and f"{final}（クラス 3）" in first
    assert "17 の構成要素のうち、3 を公開します" in first
    assert f"{question.option_label('datasets')}（クラス 1）" in second and "クラスの判定は行いません" in second
    for english in ("You release", "Model parameters", "Datasets", "class", "not held by this tool", "none of them"):
        assert english not in first + second
    # English: the same reading as before, whatever question is passed
    assert openness_reading(catalog.mof, released, "en", catalog.intake.questions[QUESTION]) == openness_reading(
        catalog.mof, released
    )
