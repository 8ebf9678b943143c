"""The History page's rows: each change in words, in the page's language and the reader's time zone."""

from __future__ import annotations

import datetime as dt

import pytest

from license_risk.content.load import load_catalog
from license_risk.content.localized import localized
from license_risk.shipped import ROOT
from license_risk.store.assessments import Store
from license_risk.store.history import Event
from license_risk.workspace.history import history_rows, memo_changes
from scoring.interview import Interview

TOKYO = dt.timezone(dt.timedelta(hours=9), "JST")
ENGLISH = load_catalog(ROOT)
JAPANESE = localized(ENGLISH, "ja")


@pytest.fixture
def events(tmp_path) -> list[Event]:
    """An assessment answered in two saves, as the store keeps it."""
    store = Store(tmp_path / "db.sqlite3")
    iv = Interview(Store.new_id(), ["llama-3.1"], {"intake": {"organisation": "  株式会社テスト  "}}, "questions")
    seen = store.save(ENGLISH, iv).seen
    iv.answers["intake"]["organisation"] = "Acme <b>KK</b>"
    iv.answers["intake"]["establishment"] = "japan"
    store.save(ENGLISH, iv, seen)
    found = store.history(iv.id)
    store.close()
    return found


def test_each_change_in_english_the_newest_first(events: list[Event]) -> None:
    rows = history_rows(ENGLISH, events, "en", dt.UTC)
    assert len(rows) == 4
    organisation = ENGLISH.question("intake", "organisation")[1].text.strip()  # type: ignore[index]
    establishment = ENGLISH.question("intake", "establishment")[1]  # type: ignore[index]
    assert (establishment.text.strip(), "(no answer)", establishment.option_label("japan")) in {
        (r.question, r.old, r.new) for r in rows
    }
    by_question = {(r.question, r.old, r.new) for r in rows}
    assert (organisation, "  株式会社テスト  ", "Acme <b>KK</b>") in by_question  # as typed, spaces and all
    assert (organisation, "(no answer)", "  株式会社テスト  ") in by_question
    assert ("The licenses chosen", "(no answer)", ENGLISH.license_of("llama-3.1").model.name) in by_question
    assert {r.who for r in rows} == {"local user"}
    assert {r.tree_version for r in rows if r.question == organisation} == {ENGLISH.trees["intake"].model.version}
    assert next(r.tree_version for r in rows if r.question == "The licenses chosen") == ""
    assert [r.question for r in rows][:2] in (
        [establishment.text.strip(), organisation],
        [organisation, establishment.text.strip()],
    )  # the second save's two changes come before the first save's


def test_in_japanese_the_question_the_option_the_author_and_the_date_read_as_japanese(events: list[Event]) -> None:
    rows = history_rows(JAPANESE, events, "ja", TOKYO)
    establishment = JAPANESE.question("intake", "establishment")[1]  # type: ignore[index]
    row = next(r for r in rows if r.question == establishment.text.strip())
    assert row.new == establishment.option_label("japan") and row.old == "（未回答）"
    assert row.who == "ローカルユーザー"
    stored = dt.datetime.fromisoformat(events[-1].at).astimezone(TOKYO)
    assert row.when == f"{stored.year}年{stored.month}月{stored.day}日 {stored:%H:%M}"


def test_a_question_the_trees_no_longer_have_is_named_by_its_ids_and_its_value_shown_as_stored() -> None:
    gone = Event(1, "hanako@example.co.jp", "2026-12-01T15:30:00+00:00", "intake", "retired_question", None, {"x": 1}, "0.9")
    (row,) = history_rows(ENGLISH, [gone], "en", TOKYO)
    assert (row.question, row.new, row.who, row.when) == (
        "intake/retired_question",
        "{'x': 1}",
        "hanako@example.co.jp",
        "2026-12-02 00:30",
    )


def test_the_memo_gets_who_and_when_in_the_readers_time_zone() -> None:
    late = Event(1, "local user", "2026-12-01T15:30:00+00:00", "intake", "organisation", None, "A", "1")
    (change,) = memo_changes([late], TOKYO)
    assert change.author == "local user" and change.at.date() == dt.date(2026, 12, 2)
