"""Generate large but valid question trees for benchmarks (and a test that they stay valid)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

MINI = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mini"


def big_tree(n_questions: int) -> dict:
    """A demo-license tree with n questions: chains of conditions, choices, numbers, findings."""
    questions = []
    findings = []
    for i in range(n_questions):
        q: dict = {"id": f"q{i}", "text": f"Question {i}?", "help": f"Help for question {i}.", "probes": ["grant"]}
        kind = i % 4
        if kind == 0:
            q["kind"] = "yes_no"
        elif kind == 1:
            q["kind"] = "one_of"
            q["options"] = [{"value": v, "label": v.title()} for v in ("low", "mid", "high")]
        elif kind == 2:
            q["kind"] = "number"
            q["minimum"] = 0
        else:
            q["kind"] = "many_of"
            q["options"] = [{"value": v, "label": v.title()} for v in ("a", "b", "c")]
        if i >= 4:
            prev = i - 4  # same kind, four back: a long chain of dependencies
            q["when"] = {
                0: {"any": [{"question": f"q{prev}", "equals": True}, {"question": "distributes", "equals": True}]},
                1: {"not": {"question": f"q{prev}", "equals": "low"}},
                2: {"all": [{"question": f"q{prev}", "at_least": 5}, {"question": "users", "greater_than": 10}]},
                3: {"question": f"q{prev}", "contains": "a"},
            }[kind]
        questions.append(q)
        if i % 10 == 0:
            findings.append(
                {
                    "id": f"f{i}",
                    "title": f"Finding {i}",
                    # five kinds of risk, one per category, at exposures that give info to critical
                    **(
                        {"kind": "note", "exposure": "standing", "category": "openness"},
                        {"kind": "license-copy", "exposure": "met"},
                        {"kind": "derivative-terms", "exposure": "planned"},
                        {"kind": "listed-use", "exposure": "planned"},
                        {"kind": "litigation-termination", "exposure": "done"},
                    )[i % 5],
                    "clauses": ["grant"],
                    "when": {"question": f"q{i}", "answered": True},
                    "explanation": f"Because of question {i}.",
                    "action": "Act.",
                }
            )
    return {
        "id": "demo",
        "kind": "license",
        "license": "demo",
        "title": "Generated",
        "version": "1.0.0",
        "date": "2026-01-01",
        "questions": questions,
        "findings": findings,
    }


def write_content(target: Path, n_questions: int) -> Path:
    """A content folder: the mini fixture with its demo tree replaced by a generated one."""
    shutil.copytree(MINI, target)
    (target / "questionnaires" / "demo.tests.yaml").unlink()
    text = yaml.dump(big_tree(n_questions), Dumper=yaml.CSafeDumper, sort_keys=False, width=120)  # as safe_dump, in C
    (target / "questionnaires" / "demo.yaml").write_text(text, encoding="utf-8")
    return target


def full_answers(catalog, licenses: list[str], answers: dict | None = None) -> dict:
    """Answer every question that applies and is still open, in order, as a user would."""
    from scoring.engine import walk

    answers = {k: dict(v) for k, v in (answers or {}).items()}
    samples = {"yes_no": True, "one_of": None, "many_of": None, "number": 1_000_000_000, "text": "Acme 株式会社"}
    while True:
        w = walk(catalog, licenses, answers)
        if w.next is None:
            return answers
        tree_id, q = w.next
        value = samples[q.kind]
        if q.kind == "one_of":
            value = q.option_values()[-1]
        elif q.kind == "many_of":
            value = q.option_values()[:1]
        answers.setdefault(tree_id, {})[q.id] = value
