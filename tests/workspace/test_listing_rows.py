"""The list's lines: title, models, status read from the answers or a reviewer, last change; a reviewer's email checked."""

from __future__ import annotations

import datetime as dt

import pytest

from license_risk.content.load import load_catalog
from license_risk.content.problems import InputError
from license_risk.shipped import ROOT
from license_risk.store.assessments import Store
from license_risk.store.history import LOCAL_USER
from license_risk.workspace.listing import checked_email, listed_assessments
from scoring.answers import read_answers
from scoring.interview import Interview

CATALOG = load_catalog(ROOT)
TOKYO = dt.timezone(dt.timedelta(hours=9))


def test_title_models_status_and_owner_as_the_list_shows_them(tmp_path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    example = read_answers(ROOT / "examples" / "distilled-student.yaml", CATALOG)
    done = Interview(Store.new_id(), example.licenses, example.answers, "results", None, [], example.lineage)
    started = Interview(Store.new_id(), ["llama-3.1"], {"intake": {"prepared_for": "法務部"}}, "questions")
    blank = Interview(Store.new_id(), [], {}, "model")
    for iv in (done, started, blank):
        store.save(CATALOG, iv)
    store.share(started.id, "reviewer@example.com", by=LOCAL_USER)
    lines = {line.id: line for line in listed_assessments(CATALOG, store.assessments(LOCAL_USER), LOCAL_USER, "en", TOKYO)}
    assert (lines[done.id].title, lines[done.id].models, lines[done.id].status) == (
        example.answers["intake"]["organisation"],
        example.lineage.model_name,  # no model picked: the model the lineage describes
        "answered",
    )
    assert (lines[started.id].title, lines[started.id].models, lines[started.id].status_label) == (
        "法務部",
        CATALOG.license_of("llama-3.1").model.name,
        "In progress",
    )
    assert lines[started.id].shared_with == ("reviewer@example.com",) and lines[started.id].mine
    assert (lines[blank.id].title, lines[blank.id].models, lines[blank.id].status) == (
        "Untitled assessment",
        "(none chosen yet)",
        "in_progress",
    )
    assert lines[blank.id].owner == "local user" and not lines[blank.id].archived
    copy_id = store.duplicate(CATALOG, started.id)
    copy = next(
        line for line in listed_assessments(CATALOG, store.assessments(LOCAL_USER), LOCAL_USER, "en", TOKYO) if line.id == copy_id
    )
    assert (copy.title, copy.duplicated_from, copy.duplicated_from_title) == ("法務部", started.id, "法務部")
    # a reviewer's decision wins over what the answers say, in the page's language
    store.set_review_status(started.id, "signed_off")
    store.archive(done.id, LOCAL_USER)
    ja = {line.id: line for line in listed_assessments(CATALOG, store.assessments(LOCAL_USER), LOCAL_USER, "ja", TOKYO)}
    assert ja[started.id].status == "signed_off" and ja[started.id].status_label == "承認済み"
    assert ja[done.id].archived and ja[blank.id].title == "無題の評価" and ja[blank.id].owner == "ローカルユーザー"
    assert "年" in ja[done.id].last_change
    store.close()


@pytest.mark.parametrize("typed", ["reviewer@example.com", "  山田@example.co.jp "])
def test_a_reviewers_email_is_kept_as_typed(typed: str) -> None:
    assert checked_email(typed, "en") == typed.strip()


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Give the reviewer's email address."),
        ("reviewer", "“reviewer” is not an email address (like name@example.com)."),
        ("a b@example.com", "“a b@example.com” is not an email address"),
        ("a@example.com\u202e", "is not an email address"),
        ("x" * 250 + "@example.com", "is not an email address"),
    ],
)
def test_a_bad_email_is_refused_saying_what_is_wrong(typed: str, says: str) -> None:
    with pytest.raises(InputError) as info:
        checked_email(typed, "en")
    assert says in info.value.problem.message
