"""Lint: content that is valid but incomplete. Every problem here is a warning.

`python -m scoring validate` prints them and `validate --strict` fails on them.
The checks, each pinned to a file and line:

- a question without help text;
- a finding without a recommended action;
- a clause of a tree's license (or of a policy it incorporates) that no question
  probes and no finding cites, unless the tree lists it under `not_probed` with
  the reason (and a `not_probed` entry that is in fact probed or cited);
- an option (or the yes / no of a yes_no question) that no scenario answers, and a
  number or text question that no scenario reaches;
- a finding that no scenario fires;
- a scenario whose answers leave a question that applies unanswered (its findings
  could then be left undetermined without the scenario failing);
- a content file whose first line is not the `# yaml-language-server: $schema=...`
  line that lets editors check it as you type.

Coverage per tree is summed up in `Coverage`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from license_risk.content.catalog import INTAKE, Catalog, Tree
from license_risk.content.problems import Problem
from license_risk.content.schema_errors import describe_path
from license_risk.content.yamlsource import Document
from license_risk.maintain.identity import identity_problems  # imports license-expression only when called
from license_risk.maintain.scenarios import ScenarioOutcome, run_all
from license_risk.maintain.translations import translation_problems

SCHEMA_LINE = "# yaml-language-server: $schema="
SCHEMA_FILES = {"profile": "license-profile.schema.json", "tree": "questionnaire.schema.json", "tests": "scenarios.schema.json"}


@dataclass(frozen=True)
class Count:
    done: int
    total: int

    def __str__(self) -> str:
        return f"{self.done}/{self.total}"

    @property
    def complete(self) -> bool:
        return self.done == self.total


@dataclass(frozen=True)
class Coverage:
    """How much of one tree its scenarios exercise (the intake: the scenarios of every tree)."""

    tree: str
    scenarios: int
    questions: Count  # asked by at least one scenario
    options: Count  # option values (and yes / no) answered by at least one scenario
    findings: Count  # fired by at least one scenario
    clauses: Count  # probed by a question or cited by a finding (license trees)
    not_probed: int  # clauses listed under not_probed, with a reason

    def line(self) -> str:
        parts = [f"{self.scenarios} scenarios", f"questions asked {self.questions}", f"options answered {self.options}"]
        if self.tree != INTAKE:
            parts.append(f"findings fired {self.findings}")
            clauses = f"clauses probed or cited {self.clauses}"
            if self.not_probed:
                clauses += f" ({self.not_probed} not probed, with reasons)"
            parts.append(clauses)
        else:
            parts[0] = f"{self.scenarios} scenarios of all trees"
        return f"{self.tree}: " + ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tree": self.tree,
            "scenarios": self.scenarios,
            "questions_asked": [self.questions.done, self.questions.total],
            "options_answered": [self.options.done, self.options.total],
            "findings_fired": [self.findings.done, self.findings.total],
            "clauses_probed_or_cited": [self.clauses.done, self.clauses.total],
            "clauses_not_probed": self.not_probed,
        }


@dataclass
class LintReport:
    warnings: list[Problem] = field(default_factory=list)
    coverage: dict[str, Coverage] = field(default_factory=dict)


class _Warn:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def __call__(self, doc: Document, loc: tuple[Any, ...], message: str, line: int | None = None) -> None:
        where = describe_path(doc.data, loc)
        if line is not None:
            file = doc.name
        elif hasattr(doc, "locate"):  # an item a version inherits points into its base file
            file, line = doc.locate(loc)
        else:
            file, line = doc.name, doc.line_of(loc)
        self.problems.append(Problem(file, line, where, message, "warning"))


def lint(catalog: Catalog, outcomes: list[ScenarioOutcome] | None = None) -> LintReport:
    """Warnings about incomplete content, and coverage per tree. `outcomes` defaults to running every scenario."""
    if outcomes is None:
        outcomes = run_all(catalog)
    warn = _Warn()
    for tree in catalog.trees.values():
        _help_and_actions(tree, catalog.documents[tree.file], warn)
    _schema_lines(catalog, warn)
    warn.problems.extend(identity_problems(catalog))
    warn.problems.extend(translation_problems(catalog))

    answered: dict[tuple[str, str], set[Any]] = {}
    for o in outcomes:
        for tree_id, qid, value in o.answered:
            values = value if isinstance(value, list) else [value]
            answered.setdefault((tree_id, qid), set()).update(_key(v) for v in values)
            answered[(tree_id, qid)].add(_ASKED)

    for o in outcomes:
        if o.unanswered:
            names = ", ".join(f"{t}.{q}" for t, q in o.unanswered)
            left = f"; findings left undetermined: {', '.join(o.undetermined)}" if o.undetermined else ""
            warn.problems.append(
                Problem(
                    o.file,
                    o.line,
                    f"scenario '{o.name}'",
                    f"the answers leave questions unanswered that apply (or may apply): {names}{left}",
                    "warning",
                )
            )

    report = LintReport()
    for tree_id in [INTAKE, *catalog.license_ids]:
        tree = catalog.trees[tree_id]
        doc = catalog.documents[tree.file]
        own = [o for o in outcomes if o.tree == tree_id] if tree_id != INTAKE else outcomes
        tested = bool(own)
        if not tested and tree_id != INTAKE:
            warn(doc, ("id",), f"no scenario tests this tree: add questionnaires/{tree_id}.tests.yaml")
        questions, options = _answers_coverage(tree, doc, answered, warn if tested else None)
        fired_all = {f for o in own for f in o.fired}
        findings = Count(len(set(tree.findings) & fired_all), len(tree.findings))
        if tested:
            where = f"questionnaires/{tree_id}.tests.yaml"
            for i, f in enumerate(tree.model.findings):
                if f.id not in fired_all:
                    warn(doc, ("findings", i), f"no scenario fires this finding: add one to {where} whose answers make it hold")
        clauses = Count(0, 0)
        if tree.model.kind == "license":
            clauses = _clause_coverage(catalog, tree, doc, warn)
        report.coverage[tree_id] = Coverage(tree_id, len(own), questions, options, findings, clauses, len(tree.model.not_probed))
    report.warnings = sorted(warn.problems, key=lambda p: (p.file, p.line or 0, p.where, p.message))
    return report


_ASKED = object()  # marks a question that some scenario reached


def _key(value: Any) -> Any:
    return value if isinstance(value, (bool, int, float, str)) else repr(value)


def _help_and_actions(tree: Tree, doc: Document, warn: _Warn) -> None:
    for i, q in enumerate(tree.model.questions):
        if not q.help:
            warn(
                doc, ("questions", i), "question has no help text: add 'help' saying what to count, or where the answer is found"
            )
    for i, f in enumerate(tree.model.findings):
        if not f.action:
            warn(doc, ("findings", i), "finding has no recommended action: add 'action' saying concretely what to do")


def _answers_coverage(
    tree: Tree, doc: Document, answered: dict[tuple[str, str], set[Any]], warn: _Warn | None
) -> tuple[Count, Count]:
    scope = "any scenario" if tree.id == INTAKE else f"any scenario in questionnaires/{tree.id}.tests.yaml"
    asked = options = n_options = 0
    for i, q in enumerate(tree.model.questions):
        got = answered.get((tree.id, q.id), set())
        asked += _ASKED in got
        if q.kind in ("one_of", "many_of"):
            for j, o in enumerate(q.options or []):
                n_options += 1
                if o.value in got:
                    options += 1
                elif warn:
                    warn(doc, ("questions", i, "options", j), f"option '{o.value}' is not answered by {scope}")
        elif q.kind == "yes_no":
            for value in (True, False):
                n_options += 1
                if value in got:  # yes_no answers are stored as booleans
                    options += 1
                elif warn:
                    warn(doc, ("questions", i), f"the answer '{'yes' if value else 'no'}' is not given by {scope}")
        elif _ASKED not in got and warn:
            warn(doc, ("questions", i), f"no scenario reaches this question: no answer to it is tested by {scope}")
    return Count(asked, len(tree.model.questions)), Count(options, n_options)


def _clause_coverage(catalog: Catalog, tree: Tree, doc: Document, warn: _Warn) -> Count:
    """Clauses of the tree's license and incorporated policies: probed, cited, or listed under not_probed."""
    used: dict[tuple[str, str], str] = {}  # (profile, clause) -> who uses it, first one found
    for q in tree.model.questions:
        for ref in q.probes:
            _use(catalog, tree.id, ref, used, f"question '{q.id}' probes it")
    for f in tree.model.findings:
        for ref in f.clauses:
            _use(catalog, tree.id, ref, used, f"finding '{f.id}' cites it")
    excused: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(tree.model.not_probed):
        resolved = catalog.clause(tree.id, entry.clause)
        if resolved is None:
            continue  # reported as an error by the checks
        key = (resolved[0].model.id, resolved[1].id)
        excused[key] = i
        if key in used:
            warn(
                doc,
                ("not_probed", i, "clause"),
                f"clause '{entry.clause}' is listed under not_probed but {used[key]}: remove the entry",
            )
    license_ = catalog.license_of(tree.id)
    profiles = [license_, *catalog.policies_of(license_.model.id)]
    total = done = 0
    for profile in profiles:
        pdoc = catalog.documents[profile.file]
        for i, clause in enumerate(profile.model.clauses):
            key = (profile.model.id, clause.id)
            if key in excused:
                continue
            total += 1
            if key in used:
                done += 1
                continue
            ref = clause.id if profile is license_ else f"{profile.model.id}#{clause.id}"
            warn(
                pdoc,
                ("clauses", i),
                f"no question of {tree.file} probes clause '{ref}' (section {clause.section}) and no finding cites it: "
                "add it to a question's probes or a finding's clauses, or list it under not_probed with the reason",
            )
    return Count(done, total)


def _use(catalog: Catalog, tree_id: str, ref: str, used: dict[tuple[str, str], str], how: str) -> None:
    resolved = catalog.clause(tree_id, ref)
    if resolved is not None:
        used.setdefault((resolved[0].model.id, resolved[1].id), how)


def _schema_lines(catalog: Catalog, warn: _Warn) -> None:
    for name, doc in sorted(catalog.documents.items()):
        if name.startswith("licenses/"):
            expected = SCHEMA_FILES["profile"]
        elif name.endswith(".tests.yaml"):
            expected = SCHEMA_FILES["tests"]
        else:
            expected = SCHEMA_FILES["tree"]
        first = doc.text.split("\n", 1)[0].strip()
        if not (first.startswith(SCHEMA_LINE) and first.endswith("/" + expected)):
            warn(
                doc,
                (),
                f"the first line should be '{SCHEMA_LINE}<path to schema/>{expected}' so editors check the file as you type",
                line=1,
            )
