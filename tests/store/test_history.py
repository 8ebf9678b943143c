"""Two sessions on one assessment: every change is an event, nothing is overwritten silently.

Each test runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

from license_risk.numbers import Conversion
from license_risk.store.assessments import Store, keep_mine, take_theirs
from license_risk.store.history import rebuild
from scoring.interview import Interview

REVENUE = ("intake", "group_annual_revenue_usd")


def two_sessions(catalog, store: Store) -> tuple[Interview, Interview, object, object]:
    """An assessment saved by one browser, then opened by a second: (first, second, first's seen, second's seen)."""
    first = Interview(Store.new_id(), ["llama-3.1"], {"intake": {"organisation": "Acme KK"}}, "questions")
    seen_first = store.save(catalog, first).seen
    opened = store.load(catalog, first.id)
    return first, opened.interview, seen_first, opened.seen


def test_interleaved_saves_on_different_questions_lose_nothing(catalog, location: str) -> None:
    store = Store(location)
    a, b, seen_a, seen_b = two_sessions(catalog, store)
    a.answers["intake"]["prepared_for"] = "Legal team"
    seen_a = store.save(catalog, a, seen_a).seen
    b.answers["intake"]["establishment"] = "japan"
    saved_b = store.save(catalog, b, seen_b)  # b had not seen a's answer: it is merged in, not overwritten
    assert not saved_b.conflicts and saved_b.merged == [("intake", "prepared_for")]
    assert b.answers["intake"] == {"organisation": "Acme KK", "prepared_for": "Legal team", "establishment": "japan"}
    a.answers.setdefault("llama-3.1", {})["mau_june_2024"] = "not_over"
    saved_a = store.save(catalog, a, seen_a)
    assert saved_a.merged == [("intake", "establishment")] and a.answers == b.answers | {
        "llama-3.1": {"mau_june_2024": "not_over"}
    }
    stored = store.load(catalog, a.id)
    assert stored.interview.answers == a.answers and stored.seen.values == saved_a.seen.values
    events = store.history(a.id)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert rebuild(events) == dict(stored.seen.values)  # the snapshot is what the events add up to
    assert [(e.question_id, e.old_value, e.new_value) for e in events if e.tree_id == "intake"] == [
        ("organisation", None, "Acme KK"),
        ("prepared_for", None, "Legal team"),
        ("establishment", None, "japan"),
    ]
    assert {e.author for e in events} == {"local user"}
    assert {e.tree_version for e in events if e.tree_id == "intake"} == {catalog.trees["intake"].model.version}
    assert [(e.question_id, e.new_value, e.tree_version) for e in events if e.tree_id == ""] == [
        ("licenses", ["llama-3.1"], None)
    ]


def test_the_same_question_changed_on_both_sides_is_a_conflict_with_both_values(catalog, location: str) -> None:
    store = Store(location)
    a, b, seen_a, seen_b = two_sessions(catalog, store)
    a.answers["intake"]["organisation"] = "Acme Holdings KK"
    seen_a = store.save(catalog, a, seen_a).seen
    b.answers["intake"]["organisation"] = "Acme Japan GK"
    b.answers["intake"]["prepared_for"] = "Counsel"
    saved = store.save(catalog, b, seen_b)
    (conflict,) = saved.conflicts
    assert (conflict.tree_id, conflict.question_id) == ("intake", "organisation")
    assert (conflict.yours, conflict.theirs, conflict.author) == ("Acme Japan GK", "Acme Holdings KK", "local user")
    assert b.answers["intake"]["organisation"] == "Acme Japan GK"  # the user's answer stays in the page
    stored = store.load(catalog, a.id).interview.answers["intake"]
    assert stored == {"organisation": "Acme Holdings KK", "prepared_for": "Counsel"}  # theirs kept; the rest written
    # until the user settles it, every save reports it again and writes nothing over theirs
    again = store.save(catalog, b, saved.seen)
    assert again.conflicts == [conflict]
    # keeping mine: the next save writes it, as a change of theirs
    kept = store.save(catalog, b, keep_mine(again.seen, conflict))
    assert not kept.conflicts and store.load(catalog, a.id).interview.answers["intake"]["organisation"] == "Acme Japan GK"
    last = store.history(a.id)[-1]
    assert (last.old_value, last.new_value) == ("Acme Holdings KK", "Acme Japan GK")
    # the other side, which still shows its own value and changes it again, now meets a conflict in turn
    a.answers["intake"]["organisation"] = "Acme Group"
    other = store.save(catalog, a, seen_a)
    (conflict_a,) = other.conflicts
    assert (conflict_a.yours, conflict_a.theirs) == ("Acme Group", "Acme Japan GK")
    seen = take_theirs(catalog, a, other.seen, conflict_a)  # taking theirs replaces the answer in the session
    assert a.answers["intake"]["organisation"] == "Acme Japan GK"
    after = store.save(catalog, a, seen)
    assert not after.conflicts and not after.merged
    assert rebuild(store.history(a.id)) == dict(store.load(catalog, a.id).seen.values)


def test_both_sides_giving_the_same_answer_is_no_conflict(catalog, location: str) -> None:
    store = Store(location)
    a, b, seen_a, seen_b = two_sessions(catalog, store)
    a.answers["intake"]["establishment"] = b.answers["intake"]["establishment"] = "japan"
    store.save(catalog, a, seen_a)
    saved = store.save(catalog, b, seen_b)
    assert not saved.conflicts and len(store.history(a.id)) == 3  # organisation, licenses, establishment once


def test_a_yen_answer_from_the_other_side_arrives_with_its_rate(catalog, location: str) -> None:
    store = Store(location)
    a, b, seen_a, seen_b = two_sessions(catalog, store)
    yen = Conversion("15億円", 1_500_000_000, Decimal("150.25"), dt.date(2026, 12, 1), "MUFG TTM")
    a.answers["intake"][REVENUE[1]] = yen.usd
    a.conversions[REVENUE] = yen
    store.save(catalog, a, seen_a)
    synced = store.sync(catalog, b, seen_b)  # the other browser's next interaction, without a save of its own
    assert synced is not None and synced.merged == [REVENUE]
    assert b.answers["intake"][REVENUE[1]] == yen.usd and b.conversions == {REVENUE: yen}
    assert store.sync(catalog, b, synced.seen) is None  # nothing new: one small read


def test_sessions_saving_at_once_lose_no_answer(catalog, location: str) -> None:
    store = Store(location)
    base = Interview(Store.new_id(), [], {"intake": {"organisation": "Busy KK"}}, "questions")
    store.save(catalog, base)
    questions = ["organisation", "prepared_for", "derived_model_name"]
    errors: list[BaseException] = []

    def session(question: str) -> None:
        try:
            opened = store.load(catalog, base.id)
            for i in range(5):  # each session changes its own question, saving each time
                opened.interview.answers["intake"][question] = f"{question} {i}"
                saved = store.save(catalog, opened.interview, opened.seen)
                assert not saved.conflicts
                opened.seen = saved.seen
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(q,)) for q in questions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    answers = store.load(catalog, base.id).interview.answers["intake"]
    assert answers == {q: f"{q} 4" for q in questions}
    events = store.history(base.id)
    assert [e.seq for e in events] == list(range(1, 1 + 1 + 5 * len(questions)))
