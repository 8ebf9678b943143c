"""Content for inputs that keep what was typed: exclusive options, earlier answers a question shows,
and answers the model catalog gives for a model."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import MINI, messages
from pydantic import ValidationError

from license_risk.content.catalog import Catalog
from license_risk.content.load import load_catalog
from license_risk.content.model import Question
from license_risk.content.problems import ContentError

USES = {
    "id": "uses",
    "kind": "many_of",
    "text": "Uses",
    "options": [
        {"value": "chat", "label": "Chat"},
        {"value": "code", "label": "Code"},
        {"value": "none", "label": "None of these", "exclusive": True},
    ],
}


# ---------------------------------------------------------------- exclusive options


def test_an_exclusive_option_clears_the_others_and_another_clears_it() -> None:
    q = Question.model_validate(USES)
    assert q.after_ticking("none", ["chat", "code", "none"]) == ["none"]
    assert q.after_ticking("code", ["chat", "code", "none"]) == ["chat", "code"]
    assert q.after_ticking("chat", ["chat"]) == ["chat"]
    assert q.clashing(["chat", "none"]) == ["none"] and q.clashing(["none"]) == [] and q.clashing(["chat", "code"]) == []


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"kind": "one_of"}, "exclusive is for many_of options only (option 'none' of a one_of question)"),
        (
            {"options": [{"value": "a", "label": "A", "exclusive": True}, {"value": "b", "label": "B", "exclusive": True}]},
            "every option is exclusive",
        ),
    ],
)
def test_exclusive_is_refused_where_it_cannot_mean_anything(change: dict, says: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(says)):
        Question.model_validate(USES | change)


def test_every_none_of_these_option_of_the_shipped_trees_is_exclusive(catalog: Catalog) -> None:
    """Ticking "None of these" with another option would say two contradictory things."""
    for tree in catalog.trees.values():
        for q in tree.questions.values():
            for o in q.options or []:
                if q.kind == "many_of" and o.label.startswith("None of these"):
                    assert o.exclusive, f"{tree.id}.{q.id}: option '{o.value}' should be exclusive"
    assert catalog.intake.questions["sensitive_uses"].exclusive_values() == ["none"]


# ---------------------------------------------------------------- shows


def test_a_question_shows_an_earlier_answer_of_its_tree_or_the_intake(mini: Catalog, broken) -> None:
    problems = broken(
        "questionnaires/demo.yaml", "    former_ids: [includes_copy]\n", "    former_ids: [includes_copy]\n    shows: [usres]\n"
    )
    assert "questions[0] (ships_license).shows[0]: no question 'usres' in this tree or the intake; did you mean 'uses'?" in (
        messages(problems)
    )
    problems = broken(
        "questionnaires/demo.yaml",
        "    former_ids: [includes_copy]\n",
        "    former_ids: [includes_copy]\n    shows: [ships_license]\n",
    )
    assert "question 'ships_license' cannot show its own answer" in messages(problems)


def test_the_llama_name_question_shows_the_name_given_in_the_intake(catalog: Catalog) -> None:
    for tree_id in ("llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4"):
        assert catalog.trees[tree_id].questions["derived_name_starts_llama"].shows == ["derived_model_name"]
    assert catalog.trees["glm-4"].questions["glm4_name_prefix"].shows == ["derived_model_name"]


# ---------------------------------------------------------------- catalog answers


def _with_catalog(tmp_path: Path, answers: str) -> list[str]:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    entry = "models:\n  - id: a\n    name: A\n    license: demo\n    modalities: [text]\n    answers:\n" + answers
    (root / "licenses" / "models.yaml").write_text(entry, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ("      demoo:\n        lawsuit: {value: 'no', source: s}\n", "licenses/models.yaml:8: models[0] (a).answers.demoo: "
         "no question tree 'demoo' in this tool"),
        ("      demo:\n        lawsuits: {value: 'no', source: s}\n", "licenses/models.yaml:8: models[0] (a).answers.demo.lawsuits: "
         "tree 'demo' has no question 'lawsuits'"),
        ("      demo:\n        lawsuit: {value: perhaps, source: s}\n", "models[0] (a).answers.demo.lawsuit.value: "
         "question 'lawsuit' has no option 'perhaps'; its options are: no, maybe, filed"),
        ("      demo:\n        lawsuit: {value: no, source: s}\n", "YAML read this as a boolean: quote it, e.g. value: 'no'"),
        ("      demo:\n        ships_license: {value: 'yes', source: s}\n", "question 'ships_license' is answered true or false"),
        ("      demo:\n        lawsuit_target: {value: Acme, source: s}\n", "the catalog answers yes_no and one_of questions only"),
    ],
)  # fmt: skip
def test_a_catalog_answer_names_a_tree_question_and_value_that_exist(tmp_path: Path, answers: str, says: str) -> None:
    problems = _with_catalog(tmp_path, answers)
    assert len(problems) == 1 and says in problems[0], problems


def test_a_catalog_answer_needs_its_source(tmp_path: Path) -> None:
    (problem,) = _with_catalog(tmp_path, "      demo:\n        lawsuit: {value: 'no'}\n")
    assert problem.startswith("licenses/models.yaml:8:") and "source" in problem


def test_the_gemma_models_answer_whether_the_appendix_lists_them(catalog: Catalog) -> None:
    by_id = {m.id: m for m in catalog.models}
    appendix = (
        catalog.texts.get("gemma-terms-2026-04.txt") or (catalog.root / "licenses/texts/gemma-terms-2026-04.txt").read_text()
    )
    for model_id, listed in (("gemma-2b", "[Gemma 1]"), ("gemma-2-9b", "[Gemma 2]"), ("gemma-3", "[Gemma 3]")):
        a = by_id[model_id].answers["gemma-2026-04"]["gemma_model_terms"]
        assert a.value == "yes" and listed in a.source and listed in appendix
    gemma4 = by_id["gemma-4"].answers["gemma-2026-04"]["gemma_model_terms"]
    assert gemma4.value == "gemma4" and "For Gemma 4 terms" in gemma4.source


def test_the_cosmos_answer_rests_on_the_card_and_the_licence_definition_not_the_name(catalog: Catalog) -> None:
    # §1.1: an "NVIDIA Cosmos Model" is "a multimodal Model shared under this Agreement": the card must show both
    cosmos = next(m for m in catalog.models if m.id == "cosmos-1.0-autoregressive-13b-video2world")
    answer = cosmos.answers["nvidia-open-model-2025-01"]["nv_model_kind"]
    text = (catalog.root / "licenses/texts/nvidia-open-model-license-2025-01.txt").read_text(encoding="utf-8")
    assert '"<ins>NVIDIA Cosmos Model</ins>" means a multimodal Model shared under this Agreement.' in text
    assert answer.value == "cosmos"
    assert "Input Type(s): Text+Image, Text+Video" in answer.source  # more than one kind of data
    assert "released under the NVIDIA Open Model License" in answer.source  # shared under this Agreement
    assert "§1.1" in answer.source and "names it a Cosmos model" not in answer.source
    assert {"text", "video"} <= set(cosmos.modalities)
