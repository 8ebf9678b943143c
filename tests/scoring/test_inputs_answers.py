"""Answers that combine an exclusive option with others are refused, never trimmed; the model catalog's
answers fill in only what the user has not answered; a question's earlier answers are found for it."""

from __future__ import annotations

from pathlib import Path

from inprocess import cli

from license_risk.content.catalog import Catalog
from license_risk.store.assessments import Store
from scoring.answers import dump_answers, parse_answers
from scoring.interview import Interview, answer, answer_from_models, answered_by_catalog, earlier_answers

INTAKE = {"organisation": "Acme", "sensitive_uses": ["military", "none"], "hosted_service": True}


def test_an_answers_file_combining_none_with_other_uses_is_refused_with_file_line_question_and_values(catalog: Catalog) -> None:
    text = dump_answers(catalog, ["llama-3.1"], {"intake": INTAKE})
    loaded = parse_answers(text.encode(), "plan.yaml", catalog)
    (problem,) = loaded.problems
    said = str(problem)
    assert said.startswith(f"plan.yaml:{text.splitlines().index('    - military') + 1}: answers.intake.sensitive_uses:")
    assert "['military', 'none']" in said and "question 'sensitive_uses'" in said
    assert "cannot combine 'none' (None of these) with other options" in said and "answer not kept" in said
    # nothing is chosen for the user: the answer is not kept at all, the others are
    assert "sensitive_uses" not in loaded.answers["intake"] and loaded.answers["intake"]["organisation"] == "Acme"


def test_none_alone_and_other_uses_together_are_kept(catalog: Catalog) -> None:
    for uses in (["none"], ["military", "personal_data"]):
        text = dump_answers(catalog, ["llama-3.1"], {"intake": {"sensitive_uses": uses}})
        loaded = parse_answers(text.encode(), "plan.yaml", catalog)
        assert not loaded.problems and loaded.answers["intake"]["sensitive_uses"] == uses


def test_assess_exits_2_naming_the_file_and_the_values(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(dump_answers(catalog, ["llama-3.1"], {"intake": INTAKE}), encoding="utf-8")
    r = cli("assess", str(path))
    assert r.returncode == 2
    assert "plan.yaml:" in r.stderr and "['military', 'none']: question 'sensitive_uses' cannot combine" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_saved_assessment_with_the_combination_sets_it_aside_and_says_so(catalog: Catalog, tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    iv = Interview(Store.new_id(), ["llama-3.1"], {"intake": dict(INTAKE)}, "questions")
    store.save(catalog, iv)
    loaded = store.load(catalog, iv.id)
    assert any("cannot combine 'none'" in str(p) for p in loaded.problems)
    assert "sensitive_uses" not in loaded.interview.answers["intake"]


def test_the_app_refuses_the_combination_too(catalog: Catalog) -> None:
    iv = Interview("x", ["llama-3.1"])
    change, error = answer(catalog, iv, "intake", "sensitive_uses", ["military", "none"])
    assert change is None and error is not None and "cannot combine 'none'" in error
    assert "sensitive_uses" not in iv.answers.get("intake", {})


# ---------------------------------------------------------------- the model catalog's answers

GEMMA_2 = "gemma-2-2b / gemma-2-9b / gemma-2-27b (Gemma 2)"
GEMMA_4 = "Gemma 4 (E2B, E4B, 26B A4B, 31B; -it variants)"


def test_picking_gemma_2_answers_the_appendix_question_with_its_source(catalog: Catalog) -> None:
    iv = Interview("x", ["gemma-2026-04"], models=[GEMMA_2])
    (given,) = [g for g in answer_from_models(catalog, iv) if g.question.id == "gemma_model_terms"]
    assert iv.answers["gemma-2026-04"]["gemma_model_terms"] == "yes"
    assert given.models == (GEMMA_2,) and "[Gemma 2]" in (given.source or "")
    assert ("gemma-2026-04", "gemma_model_terms") in answered_by_catalog(catalog, iv)
    assert ("gemma-2026-04", "gemma_model_terms") not in {(t, q.id) for t, q in iv.walk(catalog).pending}


def test_an_answer_the_user_gave_is_never_overwritten_and_is_not_marked_as_the_catalogs(catalog: Catalog) -> None:
    iv = Interview("x", ["gemma-2026-04"], {"gemma-2026-04": {"gemma_model_terms": "unsure"}}, models=[GEMMA_2])
    assert not [g for g in answer_from_models(catalog, iv) if g.question.id == "gemma_model_terms"]
    assert iv.answers["gemma-2026-04"]["gemma_model_terms"] == "unsure"
    assert ("gemma-2026-04", "gemma_model_terms") not in answered_by_catalog(catalog, iv)


def test_models_that_disagree_leave_the_question_to_the_user(catalog: Catalog) -> None:
    iv = Interview("x", ["gemma-2026-04", "apache-2.0"], models=[GEMMA_2, GEMMA_4])
    answer_from_models(catalog, iv)
    assert "gemma_model_terms" not in iv.answers.get("gemma-2026-04", {})
    alone = Interview("y", ["gemma-2026-04", "apache-2.0"], models=[GEMMA_4])
    answer_from_models(catalog, alone)
    assert alone.answers["gemma-2026-04"]["gemma_model_terms"] == "gemma4"


def test_what_the_catalog_answers_follows_a_change_of_models_or_licenses_on_the_same_interview(catalog: Catalog) -> None:
    """The catalog's answers are kept on the interview between reruns: a change of models or licenses is seen."""
    from scoring.interview import catalog_answers

    iv = Interview("x", ["gemma-2026-04", "apache-2.0"], models=[GEMMA_2, GEMMA_4])
    terms = ("gemma-2026-04", "gemma_model_terms")
    assert terms not in catalog_answers(catalog, iv)  # the two models disagree
    iv.models = [GEMMA_4]
    assert catalog_answers(catalog, iv)[terms].value == "gemma4"
    iv.models.append(GEMMA_2)  # changed in place, as the model step does
    assert terms not in catalog_answers(catalog, iv)
    iv.models, iv.licenses = [GEMMA_4], ["apache-2.0"]
    assert terms not in catalog_answers(catalog, iv)


def test_a_catalog_answer_for_a_license_not_assessed_is_not_given(catalog: Catalog) -> None:
    iv = Interview("x", ["apache-2.0"], models=[GEMMA_4])
    answer_from_models(catalog, iv)
    assert "gemma-2026-04" not in iv.answers


# ---------------------------------------------------------------- earlier answers shown


def test_the_name_question_finds_the_name_typed_in_the_intake(catalog: Catalog) -> None:
    q = catalog.trees["llama-3.1"].questions["derived_name_starts_llama"]
    iv = Interview("x", ["llama-3.1"])
    assert earlier_answers(catalog, iv, "llama-3.1", q) == []  # nothing typed yet: nothing shown
    iv.answers["intake"] = {"derived_model_name": "Acme-Llama 8B"}
    ((shown_q, value),) = earlier_answers(catalog, iv, "llama-3.1", q)
    assert shown_q.id == "derived_model_name" and value == "Acme-Llama 8B"
