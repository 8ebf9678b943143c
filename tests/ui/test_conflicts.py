"""Two browsers on one assessment link (two AppTests on one database): nothing is overwritten silently.

An answer both change is shown with both values until the user keeps theirs or takes the other;
answers only one side changed reach the other on its next step.
"""

from __future__ import annotations

import pytest
from apphelpers import new_app, set_answer, shown, start
from streamlit.testing.v1 import AppTest

from license_risk.store.assessments import Store


@pytest.fixture
def db(tmp_path):
    return tmp_path / "assessments.sqlite3"


def two_browsers(db, lang: str = "en") -> tuple[AppTest, AppTest, str]:
    """The first browser starts an assessment; the second opens its link. Both show the first question."""
    first = new_app(db)
    if lang != "en":
        first.segmented_control(key="lang_switch").set_value(lang).run()
    first = start(first, ["llama-3.1"])
    assessment_id = first.session_state["iv"].id
    second = new_app(db, {"a": assessment_id})
    assert shown(first) == shown(second) == ("intake", "organisation")
    return first, second, assessment_id


def answer(at: AppTest, qid: str, value: str) -> None:
    set_answer(at, "intake", qid, value)
    at.button(key="q_next").click().run()
    assert not at.exception, at.exception


def page_text(at: AppTest) -> str:
    return " ".join([w.value for w in at.warning] + [t.value for t in at.text] + [i.value for i in at.info]).replace("\\", "")


def test_the_same_answer_changed_in_two_browsers_shows_both_and_the_user_keeps_theirs(db, catalog) -> None:
    first, second, assessment_id = two_browsers(db)
    answer(first, "organisation", "Alpha KK")
    answer(second, "organisation", "Beta KK")
    text = page_text(second)
    assert "Someone else changed this answer while you were answering it: Organisation name" in text
    assert "Your answer: Beta KK" in text and "Their answer (saved by local user, " in text and ": Alpha KK" in text
    assert second.session_state["iv"].answers["intake"]["organisation"] == "Beta KK"  # kept in the page
    assert Store(db).load(catalog, assessment_id).interview.answers["intake"]["organisation"] == "Alpha KK"  # not overwritten

    second.button(key="conflict_keep:0:intake:organisation").click().run()
    assert "Someone else changed" not in page_text(second)
    assert Store(db).load(catalog, assessment_id).interview.answers["intake"]["organisation"] == "Beta KK"
    # the first browser, which did not touch the answer since, takes it in on its next step
    first.run()  # any interaction: a rerun reads what others saved
    assert first.session_state["iv"].answers["intake"]["organisation"] == "Beta KK"
    assert "1 answer(s) given in another window or by a colleague were added." in page_text(first)


def test_in_japanese_the_user_takes_the_other_answer(db, catalog) -> None:
    first, second, assessment_id = two_browsers(db, "ja")
    answer(first, "organisation", "アルファ株式会社")
    answer(second, "organisation", "ベータ合同会社")
    text = page_text(second)
    labels = [b.label for b in second.button]
    assert (
        "あなたの回答：ベータ合同会社" in text and "相手の回答（ローカルユーザーが" in text and "）：アルファ株式会社" in text
    ), text
    assert "Someone else" not in text and "Your answer" not in text
    take = next(b for b in second.button if b.key == "conflict_take:0:intake:organisation")
    assert take.label in labels and take.label != "Take their answer"
    take.click().run()
    assert second.session_state["iv"].answers["intake"]["organisation"] == "アルファ株式会社"
    assert not any(b.key and b.key.startswith("conflict_") for b in second.button)
    assert Store(db).load(catalog, assessment_id).interview.answers["intake"]["organisation"] == "アルファ株式会社"


def test_an_answer_refused_on_next_stays_typed_though_a_colleague_saved_meanwhile(db) -> None:
    from apphelpers import default_value

    revenue = ("intake", "group_annual_revenue_usd")
    first = start(new_app(db), ["stability-community"])
    while (current := shown(first)) != revenue:
        assert current is not None, "the revenue question was never asked"
        answer(first, current[1], default_value(*current))
    second = new_app(db, {"a": first.session_state["iv"].id})
    assert shown(second) == revenue
    answer(first, "group_annual_revenue_usd", "1000")  # saved by the first browser
    field = f"w{second.session_state['epoch'] if 'epoch' in second.session_state else 0}:intake:group_annual_revenue_usd"
    second.text_input(key=field).input("a lot")
    second.button(key="q_next").click().run()
    assert second.error and "This answer cannot be used:" in second.error[0].value
    assert second.text_input(key=field).value == "a lot"  # the click's run did not redraw the field empty
