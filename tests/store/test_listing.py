"""The list of assessments: each person sees their own and those shared with them; duplicate, archive, restore.

Each test runs on SQLite and on PostgreSQL (see postgres_support.py).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from license_risk.content.problems import InputError
from license_risk.store.assessments import Store
from license_risk.store.database import MIGRATIONS
from license_risk.store.history import LOCAL_USER, rebuild
from scoring.interview import Interview

ALICE, BOB = "alice@example.com", "bob@example.com"


def saved(catalog, store: Store, organisation: str, author: str = LOCAL_USER) -> Interview:
    iv = Interview(
        Store.new_id(), ["llama-3.1"], {"intake": {"organisation": organisation}}, "questions", models=["Llama-3.1-8B"]
    )
    store.save(catalog, iv, author=author)
    return iv


def test_each_person_sees_their_own_assessments_and_those_shared_with_them(catalog, location: str) -> None:
    store = Store(location)
    alices = saved(catalog, store, "Alice KK", ALICE)
    bobs = saved(catalog, store, "Bob GK", BOB)
    assert [s.id for s in store.assessments(ALICE)] == [alices.id]
    assert [s.id for s in store.assessments(BOB)] == [bobs.id]
    assert store.assessments(LOCAL_USER) == []
    assert store.summary(bobs.id, ALICE) is None  # not hers to see
    # only the owner shares; sharing twice changes nothing; the address matches whatever its case
    assert not store.share(alices.id, BOB, by=BOB)
    assert store.share(alices.id, "Bob@Example.com", by=ALICE) and store.share(alices.id, "Bob@Example.com", by=ALICE)
    listed = store.assessments(BOB)
    assert [s.id for s in listed] == [bobs.id, alices.id] or [s.id for s in listed] == [alices.id, bobs.id]
    shared = next(s for s in listed if s.id == alices.id)
    assert (shared.owner, shared.shared_with, shared.models) == (ALICE, ("Bob@Example.com",), ("Llama-3.1-8B",))
    assert '"Alice KK"' in shared.answers and shared.review_status is None and shared.archived is None
    store.close()


def test_the_list_is_the_last_changed_first(catalog, location: str) -> None:
    store = Store(location)
    first = saved(catalog, store, "First")
    second = saved(catalog, store, "Second")
    with store.engine.begin() as db:  # the clock's second is too coarse to order two saves in a test
        db.execute(sa.text("UPDATE assessments SET updated = '2026-01-01T00:00:00+00:00' WHERE id = :id"), {"id": second.id})
    assert [s.id for s in store.assessments(LOCAL_USER)] == [first.id, second.id]
    with store.engine.begin() as db:
        db.execute(sa.text("UPDATE assessments SET updated = '2025-01-01T00:00:00+00:00' WHERE id = :id"), {"id": first.id})
    assert [s.id for s in store.assessments(LOCAL_USER)] == [second.id, first.id]
    first.answers["intake"]["prepared_for"] = "Legal"
    store.save(catalog, first, store.load(catalog, first.id).seen)  # a change brings it to the top
    assert [s.id for s in store.assessments(LOCAL_USER)] == [first.id, second.id]
    store.close()


def test_a_duplicate_is_a_new_assessment_with_the_same_answers_and_a_history_of_its_own(catalog, location: str) -> None:
    store = Store(location)
    source = saved(catalog, store, "Acme KK")
    source.answers["intake"]["prepared_for"] = "Legal"
    store.save(catalog, source, store.load(catalog, source.id).seen)
    before = store.history(source.id)
    copy_id = store.duplicate(catalog, source.id)
    assert copy_id != source.id
    copy = store.load(catalog, copy_id).interview
    assert (copy.answers, copy.licenses, copy.models) == (source.answers, source.licenses, source.models)
    events = store.history(copy_id)
    assert {e.old_value for e in events} == {None}  # it starts afresh: every value given once, from nothing
    assert rebuild(events) == rebuild(store.history(source.id))
    summary = store.summary(copy_id, LOCAL_USER)
    assert summary is not None and summary.duplicated_from == source.id and summary.owner == LOCAL_USER
    # the source is untouched
    assert store.history(source.id) == before and store.summary(source.id, LOCAL_USER).duplicated_from is None  # type: ignore[union-attr]
    with pytest.raises(InputError):
        store.duplicate(catalog, source.id, ALICE)  # she may not see it, so she may not copy it
    store.close()


def test_archiving_hides_nothing_for_good_and_deletes_nothing(catalog, location: str) -> None:
    store = Store(location)
    iv = saved(catalog, store, "Acme KK", ALICE)
    assert not store.archive(iv.id, BOB)  # not his
    assert store.archive(iv.id, ALICE)
    (summary,) = store.assessments(ALICE)
    assert summary.archived is not None
    assert store.load(catalog, iv.id).interview.answers == iv.answers  # still there, and opens
    assert store.restore(iv.id, ALICE)
    assert store.assessments(ALICE)[0].archived is None
    store.close()


def test_a_reviewers_decision_is_kept_and_checked(catalog, location: str) -> None:
    store = Store(location)
    iv = saved(catalog, store, "Acme KK")
    store.set_review_status(iv.id, "signed_off")
    assert store.summary(iv.id, LOCAL_USER).review_status == "signed_off"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="unknown review status 'approved'"):
        store.set_review_status(iv.id, "approved")
    store.close()


def test_a_store_at_revision_0002_gets_owners_from_each_first_answer(catalog, location: str) -> None:
    engine = sa.create_engine(location if "://" in location else f"sqlite:///{location}")
    with engine.begin() as db:
        config = Config()
        config.set_main_option("script_location", MIGRATIONS)
        config.attributes["connection"] = db
        command.upgrade(config, "0002")
        for n, (assessment_id, author) in enumerate([("a" * 22, ALICE), ("b" * 22, None)]):
            db.execute(
                sa.text(
                    "INSERT INTO assessments (id, created, updated, answers, step, version)"
                    " VALUES (:id, '2026-12-01T00:00:00+00:00', :updated, '{}', 'questions', :v)"
                ),
                {"id": assessment_id, "updated": f"2026-12-0{n + 1}T00:00:00+00:00", "v": 1 if author else 0},
            )
            if author:
                db.execute(
                    sa.text(
                        "INSERT INTO answer_events (assessment_id, seq, author, at, tree_id, question_id, new_value)"
                        " VALUES (:id, 1, :author, '2026-12-01T00:00:00+00:00', 'intake', 'organisation', '\"X\"')"
                    ),
                    {"id": assessment_id, "author": author},
                )
    engine.dispose()
    store = Store(location)
    assert [s.owner for s in store.assessments(ALICE)] == [ALICE]
    assert [(s.id, s.owner, s.archived, s.shared_with) for s in store.assessments(LOCAL_USER)] == [
        ("b" * 22, LOCAL_USER, None, ())
    ]
    store.close()
