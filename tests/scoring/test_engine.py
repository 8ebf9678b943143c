"""Walking the trees: next question, path, progress, skip logic and answers set aside."""

from __future__ import annotations

from scoring.engine import walk

BASE = {"organisation": "Acme", "users": 10, "distributes": True, "uses": ["chat"]}


def ids(pairs):
    return [q.id for _, q in pairs]


def test_intake_first_then_license_questions_in_order(mini):
    w = walk(mini, ["demo"], {})
    assert w.next[1].id == "organisation"
    assert ids(w.pending) == ["organisation", "users", "distributes", "uses", "lawsuit"]
    # ships_license and lawsuit_target depend on answers not given yet
    assert ids(w.undetermined) == ["ships_license", "lawsuit_target"]
    assert w.progress.answered == 0 and w.progress.to_ask == 7


def test_skip_logic_follows_answers(mini):
    w = walk(mini, ["demo"], {"intake": {**BASE, "distributes": False}, "demo": {"lawsuit": "no"}})
    assert w.complete and w.next is None
    assert [s.question.id for s in w.path] == ["organisation", "users", "distributes", "uses", "lawsuit"]
    w = walk(mini, ["demo"], {"intake": BASE, "demo": {"lawsuit": "maybe"}})
    assert ids(w.pending) == ["ships_license", "lawsuit_target"]
    assert w.next == ("demo", mini.trees["demo"].questions["ships_license"])


def test_progress_counts_answered_and_still_to_ask(mini):
    w = walk(mini, ["demo"], {"intake": BASE})
    assert (w.progress.answered, w.progress.to_ask) == (4, 3)
    assert abs(w.progress.fraction - 4 / 7) < 1e-9


def test_changing_an_earlier_answer_keeps_the_others_and_sets_aside(mini):
    answers = {"intake": dict(BASE), "demo": {"ships_license": False, "lawsuit": "filed", "lawsuit_target": "patents"}}
    assert walk(mini, ["demo"], answers).complete
    answers["intake"]["distributes"] = False
    answers["demo"]["lawsuit"] = "no"
    w = walk(mini, ["demo"], answers)
    assert sorted(s.question.id for s in w.set_aside) == ["lawsuit_target", "ships_license"]
    assert answers["demo"]["lawsuit_target"] == "patents"  # nothing is deleted
    # changing back brings the set-aside answers back into the path
    answers["intake"]["distributes"] = True
    answers["demo"]["lawsuit"] = "filed"
    w = walk(mini, ["demo"], answers)
    assert not w.set_aside and w.complete
    assert {s.question.id: s.value for s in w.path}["lawsuit_target"] == "patents"


def test_several_licenses_share_one_intake(mini):
    w = walk(mini, ["demo", "demo"], {"intake": BASE})
    # the intake is asked once, whatever the number of licenses
    assert [s.question.id for s in w.path].count("users") == 1
