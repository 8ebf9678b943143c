"""Inputs on the question page, driven with AppTest: "None of these" and the other options clear each
other; an answer from the model catalog says so; a question shows the earlier answer it is about."""

from __future__ import annotations

from typing import Any

import pytest
from apphelpers import answer_until_done, html_text, new_app, set_answer, shown, start
from streamlit.testing.v1 import AppTest


@pytest.fixture
def db(tmp_path):
    return tmp_path / "assessments.sqlite3"


def until(at: AppTest, wanted: tuple[str, str], plan: dict[str, Any]) -> AppTest:
    """Answer (from `plan`, else "no"/first option/none) until `wanted` is the question on screen."""
    from apphelpers import default_value

    for _ in range(40):
        current = shown(at)
        assert current is not None, f"{wanted} was never asked"
        if current == wanted:
            return at
        tree, qid = current
        set_answer(at, tree, qid, plan[qid] if qid in plan else default_value(tree, qid))
        at.button(key="q_next").click().run()
        assert not at.exception, at.exception
    raise AssertionError(f"{wanted} was never asked")


def boxes(at: AppTest, qid: str) -> dict[str, bool]:
    return {b.key.rsplit(":", 1)[1]: b.value for b in at.checkbox if f":intake:{qid}:" in (b.key or "")}


def test_none_of_these_and_the_other_options_clear_each_other(db) -> None:
    at = until(start(new_app(db), ["llama-3.1"]), ("intake", "sensitive_uses"), {})
    key = f"w{at.session_state['epoch'] if 'epoch' in at.session_state else 0}:intake:sensitive_uses"
    at.checkbox(key=f"{key}:military").check().run()
    at.checkbox(key=f"{key}:personal_data").check().run()
    assert {k for k, v in boxes(at, "sensitive_uses").items() if v} == {"military", "personal_data"}
    at.checkbox(key=f"{key}:none").check().run()  # "None of these" clears the others
    assert {k for k, v in boxes(at, "sensitive_uses").items() if v} == {"none"}
    at.checkbox(key=f"{key}:military").check().run()  # another option clears "None of these"
    assert {k for k, v in boxes(at, "sensitive_uses").items() if v} == {"military"}
    at.checkbox(key=f"{key}:military").uncheck().run()  # unticking ticks nothing else
    assert not any(boxes(at, "sensitive_uses").values())
    at.checkbox(key=f"{key}:military").check().run()
    at.button(key="q_next").click().run()
    assert not at.exception and not at.error
    iv = at.session_state["iv"]
    assert iv.answers["intake"]["sensitive_uses"] == ["military"]
    assert iv.answers["intake"]["organisation"]  # the earlier answers are all still there


def test_picking_gemma_2_answers_the_appendix_question_and_says_where_the_answer_came_from(db) -> None:
    at = new_app(db)
    at.button[0].click().run()
    at.text_input(key="model_query").input("gemma-2-9b").run()
    at.button(key="add:gemma-2-9b").click().run()
    at.button(key="model_next").click().run()
    assert at.session_state["iv"].answers["gemma-2026-04"]["gemma_model_terms"] == "yes"
    asked = answer_until_done(at, {})
    assert ("gemma-2026-04", "gemma_model_terms") not in asked
    # the side panel marks it; opening it says where it came from, and it can still be changed
    assert "Is the model you use listed in the Appendix of the Gemma Terms of Use? → Yes, it is one" in html_text(at)
    assert "(from the model catalog)" in html_text(at)
    at.selectbox(key="change_answer").set_value(("gemma-2026-04", "gemma_model_terms")).run()
    assert any("comes from the model catalog, for gemma-2-2b / gemma-2-9b" in i.value for i in at.info)
    sources = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Source\\:")]  # Markdown escapes removed
    assert any("gemma-terms-2026-04.txt, Appendix" in s and "[Gemma 2]" in s for s in sources), sources
    set_answer(at, "gemma-2026-04", "gemma_model_terms", "unsure")
    at.button(key="q_next").click().run()
    assert at.session_state["iv"].answers["gemma-2026-04"]["gemma_model_terms"] == "unsure"
    assert "(from the model catalog)" not in html_text(at)


def test_the_llama_name_question_shows_the_name_typed_in_the_intake(db) -> None:
    plan = {
        "distributes_model": True,
        "modifies_model": True,
        "derived_model_shared": True,
        "derived_model_name": "Acme-Llama 8B",
    }
    at = until(start(new_app(db), ["llama-3.1"]), ("llama-3.1", "derived_name_starts_llama"), plan)
    texts = [t.value for t in at.text]
    assert "Your answer to “What will that model be called?”: Acme-Llama 8B" in texts


def test_the_name_shown_in_japanese(db) -> None:
    plan = {
        "distributes_model": True,
        "modifies_model": True,
        "derived_model_shared": True,
        "derived_model_name": "Acme-Llama 8B",
    }
    at = new_app(db)
    at.segmented_control(key="lang_switch").set_value("ja").run()
    at = until(start(at, ["llama-3.1"]), ("llama-3.1", "derived_name_starts_llama"), plan)
    assert any(t.value.startswith("「") and t.value.endswith("」への回答：Acme-Llama 8B") for t in at.text), [
        t.value for t in at.text
    ]
