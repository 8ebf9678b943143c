"""The guided assessment driven with Streamlit's AppTest: flows a user goes through."""

from __future__ import annotations

import html
import re

import pytest
from apphelpers import HOSTILE, answer_until_done, html_source, html_text, new_app, open_resume, set_answer, shown, start

from license_risk.store.assessments import Store
from scoring.answers import dump_answers
from scoring.rating import assess


@pytest.fixture
def db(tmp_path):
    return tmp_path / "assessments.sqlite3"


PLAN = {
    "distributes_model": True,
    "modifies_model": True,
    "derived_model_shared": True,
    "ip_claims": "pending",
    "ip_claim_subject": "llama",
}


def test_full_assessment_of_one_license(db, catalog):
    at = start(new_app(db), ["llama-3.1"])
    asked = answer_until_done(at, PLAN)
    assert ("intake", "derived_model_name") in asked  # asked because the derived model is shared
    source = html_source(at)
    assert "<h1>Results</h1>" in source
    text = " ".join(html_text(at).split())
    # the decision first: the rating in words, what to do first, each action linked to its finding below
    top = at.get("html")[0].proto.body
    assert "The decision in brief" in top and "What to do first:" in top
    result = at.session_state["iv"]
    findings = assess(catalog, result.licenses, result.answers).results[0].findings
    # the page may show another license's findings, or filter them: an action reloads it with its finding named
    linked = {f"lr-{lic}-{fid}" for lic, fid in re.findall(r'href="\?a=[^"&]+&amp;findings=([^"&]+)&amp;finding=([^"&]+)"', top)}
    cards = set(re.findall(r'<details class="lr-card" id="(lr-[^"]+)"', source))
    assert linked and linked <= cards, "every action links to a finding's card on the page"
    assert "A claim that Llama 3.1 or its outputs infringe your rights ends your license" in text
    assert "CRITICAL" in text  # severity in words, not colour alone
    # no internal ids in what users read: findings are named by their titles
    assert not [f.finding.id for f in findings if f" {f.finding.id} " in f" {text} "]
    # the downloads are folded until asked for (a lazy panel: each rerun of the page draws six widgets fewer)
    assert not at.get("download_button") and not [s for s in at.selectbox if s.key == "memo_lang:en"]
    at.session_state["downloads"] = True  # opened, as a click on "Download the memo and answers" does
    at.run()
    assert {d.label for d in at.get("download_button")} >= {"Answers (YAML)", "Results (JSON)"}
    # the background for counsel: the note for the place the user chose, and the openness notes
    assert "Jurisdiction and openness: background for counsel's review" in text
    shown_places = [j for j in catalog.background.jurisdictions.values() if f"Your place of establishment: {j.name}" in text]
    assert len(shown_places) == 1 and " ".join(shown_places[0].note.split()) in text and "EU AI Act" in text
    # the hostile organisation name is shown escaped, never as a link or HTML: the page's only links are to its own findings
    assert "<script>" not in source and "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    own = re.compile(r"#lr-[^\s]+|\?a=[^&]+&amp;findings=[^&]+&amp;finding=[^&]+")  # a card, or this page showing it
    assert all(own.fullmatch(href) for href in re.findall(r'<a [^>]*href="([^"]*)"', source))
    assert not any("<script>" in m.value or "](http" in m.value for m in at.markdown)
    assert "Prepared for" in text and HOSTILE in text  # as typed


def test_comparing_two_licenses(db):
    at = start(new_app(db), ["llama-3.1", "gemma-2025-03"])
    asked = answer_until_done(at, {"ip_claims": "pending", "ip_claim_subject": "llama"})
    trees = {t for t, _ in asked}
    assert trees == {"intake", "llama-3.1", "gemma-2025-03"}
    assert [t for t, _ in asked].count("intake") == len([q for q in asked if q[0] == "intake"])  # intake asked once
    top = " ".join(html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", at.get("html")[0].proto.body)).split())
    assert "Llama 3.1 Community License Agreement (3.1) :" in top and "Gemma Terms of Use (2025-03-24) :" in top  # both decided
    heat_map = top
    assert "Risk level by category" in heat_map, "the comparison heat map is shown"
    # one row per license version, with its full name and version
    assert "Llama 3.1 Community License Agreement (" in heat_map and "Gemma Terms of Use (" in heat_map
    # the findings of one license at a time: a switch shows the other's
    section = html_source(at)[len(at.get("html")[0].proto.body) :]
    assert "<h3>Llama 3.1 Community License Agreement (3.1)</h3>" in section and "<h3>Gemma" not in section
    at.button_group(key="f_license").set_value("gemma-2025-03").run()
    section = html_source(at)[len(at.get("html")[0].proto.body) :]
    assert "<h3>Gemma Terms of Use (2025-03-24)</h3>" in section and "<h3>Llama" not in section


def test_findings_filters_narrow_the_list_and_say_how_many_are_hidden(db, catalog):
    at = start(new_app(db), ["llama-3.1"])
    answer_until_done(at, PLAN)
    iv = at.session_state["iv"]
    findings = assess(catalog, iv.licenses, iv.answers).results[0].findings

    def cards() -> list[str]:
        return re.findall(r'<details class="lr-card" id="lr-llama-3.1-([^"]+)"', html_source(at))

    assert sorted(cards()) == sorted(f.finding.id for f in findings)
    at.button_group(key="f_lowest").set_value("HIGH".lower()).run()
    high = sorted(f.finding.id for f in findings if f.severity.name in ("high", "critical"))
    assert sorted(cards()) == high and high != sorted(f.finding.id for f in findings)
    assert f"{len(high)} of {len(findings)} findings shown" in html_text(at)
    at.button_group(key="f_lowest").set_value("info").run()
    at.button_group(key="f_categories").set_value(["termination"]).run()
    assert sorted(cards()) == sorted(f.finding.id for f in findings if f.finding.category == "termination")
    at.toggle(key="f_review").set_value(True).run()
    assert sorted(cards()) == sorted(
        f.finding.id for f in findings if f.finding.category == "termination" and f.finding.needs_legal_review
    )


def test_skip_logic_follows_answers(db):
    at = start(new_app(db), ["llama-3.1"])
    asked = answer_until_done(at, {"modifies_model": False, "trains_on_outputs": False})
    assert ("intake", "derived_model_shared") not in asked
    assert ("intake", "derived_model_name") not in asked


def test_back_and_changing_an_early_answer_keeps_later_ones(db):
    at = start(new_app(db), ["llama-3.1"])
    # answer up to the derived model's name
    for _ in range(30):
        tree, qid = shown(at)
        if qid == "ip_claims":
            break
        value = {"modifies_model": True, "derived_model_shared": True, "derived_model_name": "Llama-Acme"}.get(qid)
        from apphelpers import default_value

        set_answer(at, tree, qid, value if value is not None else default_value(tree, qid))
        at.button(key="q_next").click().run()
    # Back shows the previous question with its answer kept
    at.button(key="q_back").click().run()
    assert shown(at) == ("intake", "derived_model_name")
    assert at.text_input[-1].value == "Llama-Acme"
    # change "modifies the model" from the side panel: the derived-model answers are set aside, not lost
    at.selectbox(key="change_answer").set_value(("intake", "modifies_model")).run()
    assert shown(at) == ("intake", "modifies_model")
    set_answer(at, "intake", "modifies_model", False)
    at.button(key="q_next").click().run()
    warning = " ".join(w.value for w in at.warning)
    assert "no longer apply" in warning
    assert any("Llama-Acme" in t.value for t in at.text)  # the set-aside answer, as plain text
    iv = at.session_state["iv"]
    assert iv.answers["intake"]["derived_model_name"] == "Llama-Acme"
    # and changing it back brings them back
    at.selectbox(key="change_answer").set_value(("intake", "modifies_model")).run()
    set_answer(at, "intake", "modifies_model", True)
    at.button(key="q_next").click().run()
    assert "apply again" in " ".join(i.value for i in at.info)


def test_resume_from_an_assessment_id(db):
    at = start(new_app(db), ["gemma-2025-03"])
    for _ in range(3):
        tree, qid = shown(at)
        from apphelpers import default_value

        set_answer(at, tree, qid, default_value(tree, qid))
        at.button(key="q_next").click().run()
    assessment_id = at.query_params["a"]
    where = shown(at)
    again = new_app(db, {"a": assessment_id})  # a new browser session opening the link
    assert shown(again) == where
    assert again.session_state["iv"].answers == at.session_state["iv"].answers


@pytest.mark.parametrize("bad", ["not-an-id", "A" * 22])
def test_malformed_or_unknown_assessment_id(db, bad):
    at = new_app(db, {"a": bad})
    assert not at.exception
    assert "Cannot open this assessment" in at.error[0].value


def test_answers_saved_as_given(db, catalog):
    at = start(new_app(db), ["llama-3.1"])
    set_answer(at, "intake", "organisation", HOSTILE)
    at.button(key="q_next").click().run()
    loaded = Store(db).load(catalog, at.query_params["a"])
    assert loaded.interview.answers["intake"]["organisation"] == HOSTILE
    assert loaded.interview.licenses == ["llama-3.1"]


def test_resume_from_an_answers_file_as_a_new_assessment(db, catalog):
    at = start(new_app(db), ["llama-3.1"])
    set_answer(at, "intake", "organisation", "Current KK")
    at.button(key="q_next").click().run()
    current_id = at.query_params["a"]
    at.button(key="restart").click().run()
    assert at.session_state["iv"].id == current_id  # it asks first
    assert "This one stays saved" in at.sidebar.warning[0].value
    at.button(key="restart_no").click().run()
    assert at.session_state["iv"].id == current_id and not at.sidebar.warning
    at.button(key="restart").click().run()
    at.button(key="restart_yes").click().run()
    open_resume(at)
    text = dump_answers(catalog, ["gemma-2025-03"], {"intake": {"organisation": "Uploaded KK", "establishment": "eu"}})
    at.file_uploader(key="upload").set_value(("answers.yaml", text.encode(), "application/x-yaml")).run()
    assert "2 answer(s) can be loaded" in " ".join(m.value for m in at.markdown)
    next(b for b in at.button if b.label.startswith("Continue with")).click().run()
    iv = at.session_state["iv"]
    assert iv.id != current_id and iv.licenses == ["gemma-2025-03"]
    assert shown(at) == ("intake", "prepared_for")  # the first question not answered in the file
    # the assessment that was open before is untouched
    assert Store(db).load(catalog, current_id).interview.answers == {"intake": {"organisation": "Current KK"}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"format: [", "not valid YAML"),
        (b"a: &x [1]\nb: *x\n", "anchors and aliases"),
        ("organisation: \u202e\x00".encode(), "bad.yaml:1: not valid YAML: the character U+0000 cannot appear"),
    ],
)
def test_bad_upload_is_explained_and_loads_nothing(db, content, message):
    at = open_resume(new_app(db))
    at.file_uploader(key="upload").set_value(("bad.yaml", content, "application/x-yaml")).run()
    assert not at.exception
    assert "This file cannot be used" in at.error[0].value
    assert message in " ".join(t.value for t in at.text)
    assert not any(b.label.startswith("Continue with") for b in at.button)


def test_a_locked_database_keeps_the_answer_and_saves_it_on_retry(db, catalog):
    import sqlite3

    at = start(new_app(db), ["llama-3.1"])
    tree, qid = shown(at)
    set_answer(at, tree, qid, "Kept KK")
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the database
    try:
        at.button(key="q_next").click().run()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert not at.exception
    warning = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "not saved on the server: the database is busy" in warning and str(db) not in warning
    iv = at.session_state["iv"]
    assert iv.answers["intake"][qid] == "Kept KK"  # kept in the session
    assert shown(at) != (tree, qid)  # and the user went on
    assert qid not in Store(db).load(catalog, iv.id).interview.answers.get("intake", {})  # not in the database yet
    at.button(key="retry_save").click().run()
    assert not any("not saved" in w.value for w in at.warning)
    assert Store(db).load(catalog, iv.id).interview.answers["intake"][qid] == "Kept KK"


def test_a_picked_text_only_model_answers_the_multimodal_question(db, catalog):
    """The catalog knows Llama-3.3-70B is text-only: the EU multimodal question is not asked, and nothing fires for it."""
    at = new_app(db)
    at.button[0].click().run()  # start a new assessment
    at.text_input(key="model_query").input("Llama-3.3-70B").run()
    at.button(key="add:llama-3.3-70b-instruct").click().run()
    at.button(key="model_next").click().run()
    iv = at.session_state["iv"]
    assert iv.answers["llama-3.3"]["multimodal_model"] == "text_only"
    told = " ".join(i.value for i in at.info) + " ".join(t.value for t in at.text)
    assert "Answered from the model catalog" in told and "Llama-3.3-70B-Instruct" in told
    asked = answer_until_done(at, {"establishment": "eu", "capabilities_used": ["text"]})
    assert ("llama-3.3", "multimodal_model") not in asked
    assert "<h1>Results</h1>" in html_source(at)
    result = assess(catalog, ["llama-3.3"], at.session_state["iv"].answers).results[0]
    eu = {f.finding.id: f.finding.severity for f in result.findings if f.finding.id.startswith("eu-multimodal")}
    assert all(sev == "info" for sev in eu.values()), eu  # at most a note that the paragraph does not reach the model


def test_a_lineage_built_on_the_model_step_brings_its_licenses_and_can_be_pruned(db, catalog):
    at = new_app(db)
    at.button[0].click().run()  # start a new assessment
    distil = next(m for m in catalog.models if m.id == "deepseek-r1-distill-llama-8b")
    assert at.button(key="model_next").disabled  # nothing to assess yet
    at.text_input(key="lineage_name").input("Acme Reasoner")
    at.selectbox(key="lineage_model").set_value(distil.name)
    at.selectbox(key="lineage_use_kind:en").set_value(("weights", "fine_tune"))
    next(b for b in at.button if b.label == "Add to the lineage").click().run()
    iv = at.session_state["iv"]
    assert iv.lineage is not None and iv.lineage.model_name == "Acme Reasoner"
    assert {"mit-deepseek-r1", "llama-3.1"} <= set(iv.lineage.licenses)  # the distill, its Llama base and teacher
    assert not at.button(key="model_next").disabled and len(at.get("image")) >= 1  # its graph is drawn
    # a name is required; nothing is added without one
    at.text_input(key="lineage_name").input("")
    next(b for b in at.button if b.label == "Add to the lineage").click().run()
    assert any("Choose a model from the catalog" in e.value for e in at.error)
    assert len(at.session_state["iv"].lineage.components) == len(iv.lineage.components)
    # removing the distill removes what was used to build it
    top = iv.lineage.components[0].id
    at.selectbox(key="lineage_remove").set_value(top)
    at.button(key="lineage_remove_go").click().run()
    assert at.session_state["iv"].lineage is None


def test_a_license_file_is_identified_on_the_model_step_and_a_modified_one_is_flagged(db, catalog):
    mit = (catalog.root / "licenses" / "texts" / "mit.txt").read_bytes()
    at = new_app(db)
    at.button[0].click().run()
    at.file_uploader(key="license_upload").set_value(("LICENSE", mit, "text/plain")).run()
    assert any("MIT License" in s.value and "the official text" in s.value for s in at.success)
    assert at.selectbox(key="lineage_license").value == "mit"  # chosen for the next component
    modified = mit + b"\n\nThe Software may not be used to train any model that competes with Acme.\n"
    at.file_uploader(key="license_upload").set_value(("LICENSE", modified, "text/plain")).run()
    assert any("modified: needs legal review" in w.value for w in at.warning)
    at.text_input(key="lineage_name").input("Ours")
    at.text_input(key="lineage_component").input("Acme base")
    next(b for b in at.button if b.label == "Add to the lineage").click().run()
    (component,) = at.session_state["iv"].lineage.components
    assert component.licenses == ["mit"] and "modified copy" in (component.license_note or "")
    at.file_uploader(key="license_upload").set_value(("LICENSE", b"All rights reserved. Do not copy.", "text/plain")).run()
    assert any("Unknown" in e.value for e in at.error)
