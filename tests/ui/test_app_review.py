"""The results page's Review control and sign-off, driven with AppTest: a blank reason is refused with a
clear message, a typed reason is kept (after a refusal too) and saved exactly as typed, the card shows
the reviewer's decision beside the tool's rating, and a sign-off goes outdated when a decision changes."""

from __future__ import annotations

from pathlib import Path

from apphelpers import html_text, new_app

from license_risk.store.assessments import Store
from scoring.answers import read_answers
from scoring.interview import Interview

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "japanese-saas-chatbot.yaml"
FINDING = "rv:llama-3.1:breach-can-terminate"


def saved_results(catalog, db: Path) -> str:
    loaded = read_answers(EXAMPLE, catalog)
    iv = Interview(Store.new_id(), loaded.licenses, loaded.answers, "results", lineage=loaded.lineage)
    store = Store(db)
    store.save(catalog, iv)
    store.close()
    return iv.id


def submit(at, key: str):
    return at.button(key=f"FormSubmitter:{key}:form-Save the decision").click().run()


def test_a_blank_reason_is_refused_a_typed_one_is_kept_and_saved_as_typed(catalog, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    assessment = saved_results(catalog, db)
    at = new_app(db, {"a": assessment})
    assert not at.exception
    assert "Review status: answered, not yet reviewed" in " ".join(m.value for m in at.markdown)
    assert not any(r.key == f"{FINDING}:verdict" for r in at.radio)  # no controls until the reviewer asks for them
    at = at.toggle(key="review_mode").set_value(True).run()
    at.radio(key=f"{FINDING}:verdict").set_value("not_applicable")
    at.text_area(key=f"{FINDING}:reason").input("   ")
    at = submit(at, FINDING)
    assert [e.value for e in at.error] == ["Write a reason: a decision is kept with why it was made. Nothing was saved."]
    assert Store(db).decisions(assessment) == []
    # change_severity without the severity: refused, and the reason typed stays in the field
    typed = "  当社は改変版を配布しない。\nNo redistribution. "
    at.radio(key=f"{FINDING}:verdict").set_value("change_severity")
    at.text_area(key=f"{FINDING}:reason").input(typed)
    at = submit(at, FINDING)
    assert "Choose the new severity" in at.error[0].value
    assert at.text_area(key=f"{FINDING}:reason").value == typed
    at.selectbox(key=f"{FINDING}:severity:en").set_value("low")
    at = submit(at, FINDING)
    assert not at.error and not at.exception
    (record,) = Store(db).decisions(assessment)
    assert record.decision.reason == typed and record.decision.severity == "low" and record.by == "local user"
    page = html_text(at)
    assert "Reviewer: severity changed to LOW" in page  # on the card's line, beside the tool's HIGH
    assert "Tool's rating" in page and "Reviewer's decision" in page and "No redistribution." in page
    # withdrawn: a record too; the card no longer shows a decision, the tool's rating stays
    at.radio(key=f"{FINDING}:verdict").set_value("withdraw")
    at = submit(at, FINDING)
    records = Store(db).decisions(assessment)
    assert [r.decision is None for r in records] == [False, True]
    assert "Reviewer:" not in html_text(at) and at.success[-1].value == "Your decision was withdrawn."


def test_a_sign_off_needs_a_confirmation_and_goes_outdated_when_a_decision_changes(catalog, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    assessment = saved_results(catalog, db)
    at = new_app(db, {"a": assessment})
    assert not any(b.key == "so_go" for b in at.button)  # the sign-off form is drawn only once its panel is opened
    at.session_state["sign_off_panel"] = True  # opened, as a click on "Sign off this assessment" does
    at = at.run()
    assert at.button(key="so_go").disabled  # not without the confirmation
    at.text_input(key="so_note").input("法務部確認済み")
    at.checkbox(key="so_ok").check().run()
    at = at.button(key="so_go").click().run()
    assert [s.value for s in at.success] == [
        "Signed off by local user on " + Store(db).signed(assessment).at.date().isoformat() + ". Note: 法務部確認済み"
    ]
    assert "Review status: signed off" in " ".join(m.value for m in at.markdown)
    at = at.toggle(key="review_mode").set_value(True).run()
    at.radio(key=f"{FINDING}:verdict").set_value("accept")
    at.text_area(key=f"{FINDING}:reason").input("Known and accepted.")
    at = submit(at, FINDING)
    assert "Outdated: answers or decisions changed after this sign-off." in at.warning[0].value
    assert "Review status: answered, not yet reviewed" in " ".join(m.value for m in at.markdown)


def test_a_colleague_s_decision_shows_on_the_next_rerun_and_a_rerun_with_nothing_new_reads_no_review(
    catalog, tmp_path: Path, monkeypatch
) -> None:
    """The results page reads the decisions again only when a one-statement glance says they changed."""
    import datetime as dt

    from license_risk.review import Recorded, SignOff, make_decision, state_of

    reads: list[str] = []
    real = Store.review
    monkeypatch.setattr(Store, "review", lambda self, assessment_id: reads.append(assessment_id) or real(self, assessment_id))
    db = tmp_path / "db.sqlite3"
    assessment = saved_results(catalog, db)
    at = new_app(db, {"a": assessment})
    assert not at.exception and reads == [assessment]
    at.run()  # the first run after the load takes a glance, and reads once more to keep what it names
    base = len(reads)
    at.run()
    at.run()
    assert len(reads) == base, "a rerun with nothing new read the review again"
    colleague = Store(db)  # another server or browser, on the same database
    license_id, finding_id = FINDING.split(":")[1:]
    finding = catalog.trees[license_id].findings[finding_id]
    when = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)
    decision = make_decision(license_id, finding, "not_applicable", "No such use here.", "山田 花子", when.date())
    colleague.decide(assessment, [Recorded(license_id, finding_id, "山田 花子", when, decision)])
    at.run()
    assert len(reads) == base + 1 and "No such use here." in html_text(at)
    iv = at.session_state["iv"]
    colleague.sign_off(assessment, SignOff("山田 花子", when, state_of(iv.licenses, iv.answers, iv.lineage, [decision])))
    at.run()
    assert len(reads) == base + 2 and any("Signed off by 山田 花子" in s.value for s in at.success)
    colleague.close()
