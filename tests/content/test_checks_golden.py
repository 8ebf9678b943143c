"""Golden problem lists for seeded random small trees: the checks across items report exactly these.

Each seed writes a small random question tree (and a few extra intake questions) into a copy of
the mini fixture, some with deliberate mistakes: ids defined twice, dangling references, cycles,
self-references, type errors, findings that rest on nothing, conditions that can never hold. The
problems `load_catalog` reports (file, line, where, message, level), or the order the tree is
asked in when there are none, are compared with golden data written by the code as it was before
the checks were made linear, so a rewrite must report the same problems at the same lines.

    python tests/content/test_checks_golden.py     regenerates golden/checks.json (review the diff)
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "checks.json"
MINI = HERE.parent / "fixtures" / "mini"
SEEDS = range(240)

INTAKE_QUESTIONS = {"organisation": "text", "users": "number", "distributes": "yes_no", "uses": "many_of"}
INTAKE_OPTIONS = {"uses": ["chat", "code", "none"]}
OPTIONS = {"one_of": ["low", "mid", "high"], "many_of": ["a", "b", "c"]}
KINDS = ["yes_no", "one_of", "many_of", "number", "text"]
CLAUSES = ["grant", "notice", "threshold", "litigation", "law"]
# kinds of risk and exposures the rubric rates under the demo profile's facts (see licenses/rubric.yaml)
FINDING_KINDS = [
    {"kind": "note", "exposure": "standing", "category": "openness"},
    {"kind": "license-copy", "exposure": "met"},
    {"kind": "derivative-terms", "exposure": "planned"},
    {"kind": "listed-use", "exposure": "planned"},
    {"kind": "litigation-termination", "exposure": "done"},
    {"kind": "breach-termination", "exposure": "planned"},
    {"kind": "termination-summary", "exposure": "standing"},
]
MISTAKES = [
    "duplicate_question",
    "intake_id",
    "former_id",
    "dangling_question",
    "dangling_finding",
    "question_refers_to_finding",
    "self_reference",
    "question_cycle",
    "finding_cycle",
    "type_error",
    "duplicate_finding",
    "duplicate_open_question",
    "unknown_open_question",
    "schema_error",
    "unknown_kind",
    "same_override",
    "needs_review",
]


class _Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.kinds: dict[str, str] = {}  # question id -> kind, in this tree and the intake
        self.options: dict[str, list[str]] = {}
        self.maximum: dict[str, float | None] = {}

    def value_atom(self, qid: str, valid: bool = True) -> dict[str, Any]:
        r = self.r
        kind = self.kinds[qid]
        atom: dict[str, Any] = {"question": qid}
        if r.random() < 0.12:
            atom["answered"] = r.choice([True, False])
        elif not valid:
            atom |= r.choice(
                [
                    {"greater_than": 3} if kind != "number" else {"contains": "x"},
                    {"equals": 7} if kind != "number" else {"equals": "seven"},
                    {"equals": "nope"} if kind in ("one_of", "yes_no") else {"at_least": 200},
                ]
            )
        elif kind == "yes_no":
            atom |= r.choice([{"equals": True}, {"equals": False}, {"not_equals": True}, {"in": [r.choice([True, False])]}])
        elif kind == "one_of":
            opts = self.options[qid]
            atom |= r.choice([{"equals": r.choice(opts)}, {"not_equals": r.choice(opts)}, {"in": r.sample(opts, 2)}])
        elif kind == "many_of":
            atom["contains"] = r.choice(self.options[qid])
        elif kind == "number":
            op = r.choice(["greater_than", "at_least", "less_than", "at_most", "equals"])
            top = self.maximum.get(qid) or 1000
            atom[op] = r.choice([1, 5, 10, top] if op in ("less_than", "at_most") else [0, 1, 5, 10])
        else:
            atom |= r.choice([{"equals": "x"}, {"not_equals": "x"}, {"in": ["x", "y"]}])
        return atom

    def condition(self, questions: list[str], findings: list[str], depth: int = 0) -> dict[str, Any]:
        r = self.r
        roll = r.random()
        if depth < 2 and roll < 0.3:
            op = r.choice(["all", "any"])
            return {op: [self.condition(questions, findings, depth + 1) for _ in range(r.randint(2, 3))]}
        if depth < 2 and roll < 0.4:
            return {"not": self.condition(questions, findings, depth + 1)}
        if findings and r.random() < 0.3:
            return {"finding": r.choice(findings)}
        return self.value_atom(r.choice(questions))

    def question(self, qid: str, kind: str, probes: bool = True) -> dict[str, Any]:
        r = self.r
        q: dict[str, Any] = {"id": qid, "kind": kind, "text": f"Question {qid}?"}
        if probes:  # intake questions probe no clause
            q["probes"] = [r.choice(CLAUSES)]
        self.kinds[qid] = kind
        if kind in OPTIONS:
            self.options[qid] = OPTIONS[kind]
            q["options"] = [{"value": v, "label": v.title()} for v in OPTIONS[kind]]
        if kind == "number":
            q["minimum"] = 0
            if r.random() < 0.5:
                q["maximum"] = self.maximum[qid] = 100
        return q


def generate(seed: int) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """The demo tree, extra intake questions and the mistakes made, for one seed."""
    g = _Gen(seed)
    r = g.r
    for qid, kind in INTAKE_QUESTIONS.items():
        g.kinds[qid] = kind
    g.options |= INTAKE_OPTIONS
    mistakes = [m for m in MISTAKES if r.random() < 0.08] if seed % 3 else []  # a third of the seeds are clean

    extra_intake = []
    for i in range(r.randint(0, 3)):
        q = g.question(f"in{i}", r.choice(KINDS), probes=False)
        if r.random() < 0.6:
            q["when"] = g.condition([*INTAKE_QUESTIONS, *(e["id"] for e in extra_intake)], [])
        extra_intake.append(q)
    intake_ids = [*INTAKE_QUESTIONS, *(q["id"] for q in extra_intake)]

    n = r.randint(2, 9)
    ids = [f"q{i}" for i in range(n)]
    rank = list(range(n))
    r.shuffle(rank)  # conditions refer to questions of lower rank: acyclic, but not always in file order
    questions = [g.question(qid, r.choice(KINDS)) for qid in ids]
    for i, q in enumerate(questions):
        earlier = [ids[j] for j in range(n) if rank[j] < rank[i]]
        if r.random() < 0.75:
            q["when"] = g.condition(intake_ids + earlier * 2, [])
    open_ids = [f"oq{i}" for i in range(r.randint(0, 2))]
    m = r.randint(1, 6)
    fids = [f"f{i}" for i in range(m)]
    findings = []
    for i, fid in enumerate(fids):
        f: dict[str, Any] = {"id": fid, "title": f"Finding {fid}", **r.choice(FINDING_KINDS), "clauses": [r.choice(CLAUSES)]}
        if r.random() < 0.85:
            f["when"] = g.condition(intake_ids + ids * 2, fids[:i])
        f |= {"explanation": "Because.", "action": "Act."}
        if open_ids and r.random() < 0.5:
            f["open_questions"] = [r.choice(open_ids)]
        findings.append(f)

    def pick(items: list[dict[str, Any]]) -> dict[str, Any]:
        return r.choice(items)

    for mistake in mistakes:
        if mistake == "duplicate_question":
            questions.insert(r.randint(0, len(questions)), copy.deepcopy(pick(questions)))
        elif mistake == "intake_id":
            q = g.question(r.choice(intake_ids), "yes_no")
            questions.insert(r.randint(0, len(questions)), q)
        elif mistake == "former_id":
            pick(questions)["former_ids"] = [r.choice([*ids, "old1"])]
            pick(questions)["former_ids"] = ["old1"]
        elif mistake == "dangling_question":
            pick(findings + questions)["when"] = {"all": [{"question": r.choice(["q_1", "qq0", "nothing"]), "equals": True}]}
        elif mistake == "dangling_finding":
            pick(findings)["when"] = {"any": [{"finding": r.choice(["f_0", "ff1", "nothing"])}, g.value_atom("distributes")]}
        elif mistake == "question_refers_to_finding":
            pick(questions)["when"] = {"finding": r.choice(fids)}
        elif mistake == "self_reference":
            q = pick(questions)
            q["when"] = {"not": g.value_atom(q["id"])}
        elif mistake == "question_cycle" and n >= 2:
            a, b = r.sample(range(n), 2)
            questions[a]["when"] = g.value_atom(ids[b])
            questions[b]["when"] = {"all": [g.value_atom(ids[a]), g.value_atom("distributes")]}
        elif mistake == "finding_cycle" and m >= 2:
            a, b = r.sample(range(m), 2)
            findings[a]["when"] = {"finding": fids[b]}
            findings[b]["when"] = {"any": [{"finding": fids[a]}, g.value_atom(r.choice(ids))]}
        elif mistake == "type_error":
            pick(findings + questions)["when"] = g.value_atom(r.choice(ids + intake_ids), valid=False)
        elif mistake == "duplicate_finding":
            findings.append(copy.deepcopy(pick(findings)))
        elif mistake == "duplicate_open_question":
            open_ids.append("oq0")
        elif mistake == "unknown_open_question":
            pick(findings)["open_questions"] = ["no-such-question"]
        elif mistake == "schema_error":
            pick(findings + questions)["colour"] = "red"
        elif mistake == "unknown_kind":
            pick(findings)["kind"] = r.choice(["licence-copy", "weather"])
        elif mistake == "same_override":
            f = pick(findings)
            f |= {"kind": "license-copy", "exposure": "met", "override": {"severity": "low", "reason": "Because."}}
        elif mistake == "needs_review":
            pick(findings)["needs_legal_review"] = True
    tree = {
        "id": "demo",
        "kind": "license",
        "license": "demo",
        "title": "Generated",
        "version": "1.0.0",
        "date": "2026-01-01",
        "questions": questions,
        "findings": findings,
    }
    if open_ids:
        tree["open_questions"] = [{"id": oq, "text": f"Open question {oq}.", "clauses": ["grant"]} for oq in open_ids]
    return tree, extra_intake, mistakes


def outcome(seed: int, folder: Path) -> dict[str, Any]:
    """What loading the seed's content gives: its problems, or the order the demo tree is asked in."""
    from license_risk.content.load import load_catalog
    from license_risk.content.problems import ContentError

    tree, extra_intake, mistakes = generate(seed)
    root = folder / f"seed{seed}"
    shutil.copytree(MINI, root)
    (root / "questionnaires" / "demo.tests.yaml").unlink()
    (root / "questionnaires" / "demo.yaml").write_text(yaml.safe_dump(tree, sort_keys=False, width=100), encoding="utf-8")
    if extra_intake:
        with (root / "questionnaires" / "intake.yaml").open("a", encoding="utf-8") as out:
            dumped = yaml.safe_dump(extra_intake, sort_keys=False, width=100)
            out.write("".join("  " + line for line in dumped.splitlines(keepends=True)))  # under questions:
    try:
        catalog = load_catalog(root)
    except ContentError as exc:
        problems = exc.problems
        order = None
    else:
        problems = catalog.warnings
        demo = catalog.trees["demo"]
        order = {"questions": [q.id for q in demo.order], "findings": [f.id for f in demo.finding_order]}
    shutil.rmtree(root)
    return {
        "seed": seed,
        "mistakes": mistakes,
        "problems": [[p.file, p.line, p.where, p.message, p.level] for p in problems],
        "order": order,
    }


def _golden() -> dict[str, Any]:
    return {str(case["seed"]): case for case in json.loads(GOLDEN.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return _golden()


def test_golden_data_covers_every_seed_and_kind_of_problem(golden: dict[str, Any]) -> None:
    assert sorted(golden, key=int) == [str(s) for s in SEEDS]
    messages = " ".join(p[3] for case in golden.values() for p in case["problems"])
    for expected in (
        "is defined twice",
        "is already an intake question",
        "former id",
        "no question '",
        "no finding '",
        "can refer to answers only",
        "refers to itself",
        "conditions form a cycle",
        "cannot be used with",
        "no combination of answers makes this question apply",
        "no combination of answers makes this condition hold",
        "this roll-up says nothing is wrong now",
        "no open question",
        "unknown key",
        "no kind '",
        "the override gives what the rubric gives",
    ):
        assert expected in messages, expected
    assert sum(case["order"] is not None for case in golden.values()) > 20


@pytest.mark.parametrize("seed", SEEDS)
def test_checks_report_the_golden_problems(seed: int, golden: dict[str, Any], tmp_path: Path) -> None:
    assert outcome(seed, tmp_path) == golden[str(seed)]


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(HERE.parents[1]))
    sys.setrecursionlimit(10_000)
    with tempfile.TemporaryDirectory() as tmp:
        cases = [outcome(seed, Path(tmp)) for seed in SEEDS]
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n]\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {GOLDEN}")
