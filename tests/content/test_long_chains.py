"""Long chains of conditions, in any order in the file, are checked without deep recursion.

Each condition refers to the next question or finding in the file, so the order in which they
are asked runs backwards through the whole chain; reachability and the cycle search used to
recurse once per link, and would overflow the stack on a long enough tree.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MINI

from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError

N = 1_500  # several frames per link: well past the default recursion limit of 1,000 frames


def chain_tree(n: int, *, cycle: bool = False, unreachable: bool = False) -> dict:
    questions = []
    for i in range(n):
        q = {"id": f"q{i}", "kind": "yes_no", "text": f"Question {i}?", "probes": ["grant"]}
        if i + 1 < n:
            q["when"] = {"question": f"q{i + 1}", "equals": True}
        elif cycle:
            q["when"] = {"question": f"q{n - 2}", "equals": True}  # the last two refer to each other
        elif unreachable:
            q["when"] = {"all": [{"question": "distributes", "equals": True}, {"question": "distributes", "equals": False}]}
        questions.append(q)
    findings = [
        {
            "id": f"f{i}",
            "title": f"Finding {i}",
            "kind": "license-copy",
            "exposure": "met",
            "clauses": ["notice"],
            "when": {"finding": f"f{i + 1}"} if i + 1 < n else {"question": "q0", "equals": True},
            "explanation": "Because.",
            "action": "Act.",
        }
        for i in range(n)
    ]
    return {
        "id": "demo",
        "kind": "license",
        "license": "demo",
        "title": "Chains",
        "version": "1.0.0",
        "date": "2026-01-01",
        "questions": questions,
        "findings": findings,
    }


def load(tmp_path: Path, tree: dict):
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    (root / "questionnaires" / "demo.tests.yaml").unlink()
    (root / "questionnaires" / "demo.yaml").write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
    return load_catalog(root)


@pytest.fixture(autouse=True)
def default_recursion_limit():
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000)
    yield
    sys.setrecursionlimit(old)


def test_a_chain_running_backwards_is_valid_and_asked_from_its_end(tmp_path: Path) -> None:
    demo = load(tmp_path, chain_tree(N)).trees["demo"]
    assert [q.id for q in demo.order] == [f"q{i}" for i in reversed(range(N))]
    assert [f.id for f in demo.finding_order] == [f"f{i}" for i in reversed(range(N))]


def test_a_chain_that_can_never_start_makes_every_question_unreachable(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load(tmp_path, chain_tree(N, unreachable=True))
    messages = [p.message for p in info.value.problems]
    assert messages.count("no combination of answers makes this question apply; it can never be asked") == N
    assert messages.count("no combination of answers makes this condition hold; the finding can never fire") == N


def test_a_cycle_at_the_end_of_a_long_chain_is_found(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load(tmp_path, chain_tree(N, cycle=True))
    (problem,) = [p for p in info.value.problems if "cycle" in p.message]
    assert problem.message == f"conditions form a cycle: q{N - 2} -> q{N - 1} -> q{N - 2}"
