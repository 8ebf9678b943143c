"""The language switch in AppTest: Japanese on every step, saved with the assessment and restored from its link."""

from __future__ import annotations

import re
import sqlite3

import pytest
from apphelpers import answer_until_done, html_source, html_text, new_app

from license_risk.store.assessments import Store


@pytest.fixture
def db(tmp_path):
    return tmp_path / "assessments.sqlite3"


def switch(at, lang: str):
    at.segmented_control(key="lang_switch").set_value(lang).run()
    assert not at.exception, at.exception
    return at


def test_english_by_default_and_one_switch_on_the_page(db) -> None:
    at = new_app(db)  # AppTest has no browser locale: English, as before
    assert at.title[0].value == "Open-model license risk assessment"
    (control,) = at.segmented_control
    assert control.options == ["English", "日本語"] and control.value == "en"


def test_japanese_on_the_start_model_question_and_results_steps_saved_and_restored(db, catalog) -> None:
    at = switch(new_app(db), "ja")
    assert at.title[0].value == "オープンモデルのライセンスリスク評価"
    assert [b.label for b in at.button][:2] == ["新しい評価を始める", "リンクまたは回答ファイルから再開"]
    assert "法的助言ではありません" in at.info[0].value
    assert Store(db).path.exists() and not sqlite3.connect(db).execute("SELECT count(*) FROM assessments").fetchone()[0]

    at.button[0].click().run()  # start: saved, in Japanese
    assert at.header[0].value == "どのモデル、またはどのライセンスを評価しますか？"
    assert at.multiselect(key="chosen_licenses").label == "評価するライセンス（複数選ぶと比較できます）"
    assert at.multiselect(key="chosen_licenses").proto.placeholder == "ライセンスを1つ以上選んでください"  # not "Choose options"
    iv_id = at.session_state["iv"].id
    assert Store(db).load(catalog, iv_id).interview.lang == "ja"

    at.multiselect(key="chosen_licenses").set_value(["llama-3.1"]).run()
    at.button(key="model_next").click().run()
    assert (at.button(key="q_back").label, at.button(key="q_next").label) == ("戻る", "次へ")
    assert "貴社と利用計画について" in at.get("progress")[0].proto.text
    assert at.sidebar.button(key="restart").label == "最初からやり直す（新しい評価）"
    radios = [r for r in at.radio if r.options == ["はい", "いいえ"]]
    assert radios or at.number_input or at.text_input  # yes/no questions answer in Japanese
    assert at.text_input[-1].label == "組織名"  # the question itself, from questionnaires/intake.ja.yaml

    answers = answer_until_done(at, {"distributes_model": True})
    # the language changes words, never results: the same findings as an English assessment of the answers
    iv = at.session_state["iv"]
    from scoring.rating import assess

    english = {f.finding.id for f in assess(catalog, iv.licenses, iv.answers).results[0].findings}
    shown = set(re.findall(r'id="lr-llama-3\.1-([^"]+)"', html_source(at)))
    assert answers and shown == english
    source = html_source(at)
    assert "<h1>評価結果</h1>" in source and "判断の要点" in source
    assert "総合評価：" in html_text(at) and "区分" in source  # the license's section
    assert at.button(key="r_back").label == "質問に戻る"
    at.session_state["downloads"] = True  # the download panel opened
    at.run()
    assert {d.label for d in at.get("download_button")} >= {"法務確認用メモ（PDF）", "回答（YAML）"}
    assert at.toggle(key="f_review").label == "要法務確認のもののみ"

    # the link opens the assessment in Japanese in a new session, whatever that browser's default
    again = new_app(db, {"a": iv_id})
    assert again.segmented_control(key="lang_switch").value == "ja"
    assert "<h1>評価結果</h1>" in html_source(again)
    # and switching back to English is saved too
    switch(again, "en")
    assert "<h1>Results</h1>" in html_source(again)
    assert Store(db).load(catalog, iv_id).interview.lang == "en"


def test_a_row_saved_before_the_language_was_reads_as_english(db, catalog) -> None:
    with sqlite3.connect(db) as old:  # the table as it was before the lang column
        old.execute(
            "CREATE TABLE assessments (id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL,"
            " answers TEXT NOT NULL, step TEXT NOT NULL, cursor TEXT, models TEXT)"
        )
        old.execute(
            "INSERT INTO assessments VALUES ('AAAAAAAAAAAAAAAAAAAAAA', 't', 't', ?, 'model', NULL, '[]')",
            ('{"format": "open-model-license-risk/answers", "format_version": 2, "licenses": [], "answers": {}}',),
        )
    loaded = Store(db).load(catalog, "AAAAAAAAAAAAAAAAAAAAAA")
    assert loaded.interview.lang == "en" and loaded.interview.step == "model"


def test_the_memo_language_chosen_is_kept_and_shown_in_the_new_language_after_a_switch(db) -> None:
    """Streamlit's selectbox keeps the label it was sent as its value: after a switch the choice must
    come back as a widget of the new language, with its label in that language."""
    from apphelpers import start

    at = start(new_app(db), ["llama-3.1"])
    answer_until_done(at, {})
    at.session_state["downloads"] = True  # the download panel opened
    at.run()
    english = at.selectbox(key="memo_lang:en")
    assert english.options == ["Memo in Japanese", "Memo in English", "Memo in Japanese and English"]
    assert english.value == "en"  # the page's language until one is chosen
    english.set_value("both").run()
    switch(at, "ja")
    at.session_state["downloads"] = True  # a new label is a new panel, closed: opened again
    at.run()
    japanese = at.selectbox(key="memo_lang:ja")
    assert japanese.options == ["日本語のメモ", "英語のメモ", "日本語と英語のメモ"]
    assert (japanese.value, japanese.format_func(japanese.value)) == ("both", "日本語と英語のメモ")
    assert not [s for s in at.selectbox if s.key == "memo_lang:en"]


def test_the_lineage_form_s_choices_come_in_the_new_language_after_a_switch(db) -> None:
    at = new_app(db).run()
    at.button[0].click().run()  # the model step, with the lineage form
    assert at.selectbox(key="lineage_use_kind:en").format_func(("weights", "fine_tune")) == "Its weights, fine-tuned"
    switch(at, "ja")
    use = at.selectbox(key="lineage_use_kind:ja")
    assert use.format_func(use.value) != "Its weights, fine-tuned" and use.label == "利用方法"
    assert at.selectbox(key="lineage_into:ja").format_func("@model") == "貴社モデル"
