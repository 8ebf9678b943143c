"""Checks across files: references, duplicates, cycles, reachability, value types, quotes.

Each check reports a Problem pinned to the file and line of the offending value.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Collection, Iterable
from typing import Any

from license_risk.content.catalog import INTAKE, Profile, Tree
from license_risk.content.conditions import (
    MISSING,
    AllC,
    AnyC,
    Atom,
    Cmp,
    Compiled,
    FRef,
    NotC,
    candidates,
    compare,
    compile_condition,
    dnf,
    findings_in,
    leaves_with_paths,
    questions_in,
    type_error,
)
from license_risk.content.inherit import MergedDocument
from license_risk.content.model import Condition, Finding, FindingRef, Question, Questionnaire, ScenarioFile
from license_risk.content.problems import Problem
from license_risk.content.quotes import normalise
from license_risk.content.rubric import Rubric, judge, unknown_kind
from license_risk.content.schema_errors import describe_path
from license_risk.content.yamlsource import Document


class _Report:
    def __init__(self, positions: dict[str, dict[str, list[int]]] | None = None) -> None:
        self.problems: list[Problem] = []
        self.positions = positions or {}  # where items of a partly valid tree stand in its file

    def _loc(self, doc: Document, loc: tuple[Any, ...]) -> tuple[Any, ...]:
        moved = self.positions.get(doc.name, {})
        if len(loc) >= 2 and loc[0] in moved and isinstance(loc[1], int):
            return (loc[0], moved[loc[0]][loc[1]], *loc[2:])
        return loc

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def error(self, doc: Document, loc: tuple[Any, ...], message: str) -> None:
        loc = self._loc(doc, loc)
        self.problems.append(Problem(*doc.locate(loc), _where(doc, loc), message))

    def warning(self, doc: Document, loc: tuple[Any, ...], message: str) -> None:
        loc = self._loc(doc, loc)
        self.problems.append(Problem(*doc.locate(loc), _where(doc, loc), message, "warning"))


def _where(doc: Document, loc: tuple[Any, ...]) -> str:
    return describe_path(doc.data, loc)


def build_trees(
    raw: dict[str, tuple[Questionnaire, Document]],
    profiles: dict[str, Profile],
    scenario_files: dict[str, list[tuple[ScenarioFile, Document]]],
    texts: dict[str, str],
    documents: dict[str, Document],
    tree_files: set[str],
    profile_files: set[str],
    broken_ids: set[str],
    positions: dict[str, dict[str, list[int]]],
    unreadable_texts: Collection[str] = (),
    rubric: Rubric | None = None,
) -> tuple[dict[str, Tree], list[Problem], list[Problem]]:
    """Index the trees and check everything that spans files.

    tree_files and profile_files name every file found (by id), loaded or not, so
    that a file with a schema error does not also cause "no such ..." errors elsewhere.
    The rubric gives each finding its category and severity first (see rubric.py).
    """
    report = _Report(positions)
    raw = {tree_id: (_judged(model, doc, profiles, rubric, report), doc) for tree_id, (model, doc) in raw.items()}
    intake = raw.get(INTAKE)
    intake_ids = {q.id for q in intake[0].questions} if intake else set()

    trees: dict[str, Tree] = {}
    for tree_id, (model, doc) in raw.items():
        own = intake_ids if tree_id != INTAKE else set()
        trees[tree_id] = _tree(model, doc, own, report)

    for tree_id, (_, doc) in raw.items():
        _check_references(trees, tree_id, doc, profiles, profile_files, broken_ids, report)
    if not report.errors() and not broken_ids and intake is not None:  # reachability needs every reference resolved
        reach = _Reachability(trees)
        for tree_id, (_, doc) in raw.items():
            reach.report_unreachable(tree_id, doc, report)
        if rubric is not None and not report.errors():
            for tree_id, (_, doc) in raw.items():
                _check_clear_roll_ups(trees[tree_id], doc, rubric, reach, report)

    _check_profiles(profiles, tree_files, documents, report)
    _check_texts({k: p for k, p in profiles.items() if p.model.text.file not in unreadable_texts}, texts, documents, report)
    _check_scenarios({t: f for t, f in scenario_files.items() if t in trees or t not in tree_files}, trees, broken_ids, report)

    errors = [p for p in report.problems if p.level == "error"]
    warnings = [p for p in report.problems if p.level == "warning"]
    return trees, errors, warnings


# ---------------------------------------------------------------- the rubric


def _judged(
    model: Questionnaire, doc: Document, profiles: dict[str, Profile], rubric: Rubric | None, report: _Report
) -> Questionnaire:
    """The tree with every finding's category and severity set by the rubric (or its override), and checked."""
    if model.kind != "license":
        return model
    profile = profiles.get(model.license or "")
    facts = profile.model.facts.values() if profile is not None and profile.model.facts is not None else None
    open_ids = {oq.id for oq in model.open_questions}
    findings: list[Finding] = []
    for i, f in enumerate(model.findings):
        for j, ref in enumerate(f.open_questions):
            if ref not in open_ids:
                report.error(
                    doc, ("findings", i, "open_questions", j), f"no open question '{ref}' in this tree{_suggest(ref, open_ids)}"
                )
        update: dict[str, Any] = {"needs_legal_review": f.needs_legal_review or bool(f.open_questions)}
        if rubric is None:
            report.error(doc, ("findings", i, "kind"), "findings name kinds of risk, but licenses/rubric.yaml is missing")
        elif (kind := rubric.kind(f.kind)) is None:
            report.error(doc, ("findings", i, "kind"), unknown_kind(rubric, f.kind))
        elif facts is None:
            if profile is not None:
                report.error(
                    doc, ("findings", i, "kind"), f"licenses/{model.license}.yaml states no facts: the rubric needs them"
                )
        else:
            judged = judge(kind, f, facts)
            if isinstance(judged, str):
                report.error(doc, ("findings", i, "exposure"), judged)
            else:
                update |= {"category": judged.category, "severity": judged.severity}
                if f.override is not None:
                    same = (f.override.severity or judged.severity) == judged.severity and (
                        f.override.category or judged.category
                    ) == judged.category
                    if same:
                        report.error(
                            doc,
                            ("findings", i, "override"),
                            f"the override gives what the rubric gives ({judged.severity} {judged.category}): remove it",
                        )
                    update |= {k: v for k, v in (("category", f.override.category), ("severity", f.override.severity)) if v}
                if kind.needs_legal_review and not f.open_questions:
                    report.error(
                        doc,
                        ("findings", i, "open_questions"),
                        f"a finding of kind '{kind.id}' rests on an open question: link it in open_questions",
                    )
        if f.needs_legal_review and not f.open_questions:
            report.warning(
                doc, ("findings", i, "needs_legal_review"), "link the open question this finding rests on (open_questions: [id])"
            )
        findings.append(f.model_copy(update=update))
    used = {ref for f in model.findings for ref in f.open_questions}
    for i, oq in enumerate(model.open_questions):
        if oq.id not in used:
            report.warning(
                doc, ("open_questions", i), f"no finding rests on open question '{oq.id}': link it from the findings it affects"
            )
    return model.model_copy(update={"findings": findings})


def _check_clear_roll_ups(tree: Tree, doc: Document, rubric: Rubric, reach: _Reachability, report: _Report) -> None:
    """A roll-up saying nothing is wrong now must not be able to fire beside a high or critical finding."""
    serious = [f for f in tree.model.findings if f.severity in ("high", "critical")]
    for i, r in enumerate(tree.model.findings):
        kind = rubric.kind(r.kind) if r.kind else None
        if kind is None or kind.roll_up != "clear":
            continue
        for f in serious:
            both = AllC((_inlined(tree, tree.finding_when[r.id]), _inlined(tree, tree.finding_when[f.id])))
            if dnf(both) is None:
                continue  # too large to decide here; the property test over random answers still covers it
            if reach.satisfiable(tree.id, both):
                report.error(
                    doc,
                    ("findings", i, "when"),
                    f"this roll-up says nothing is wrong now, yet it can fire beside '{f.id}' ({f.severity}): "
                    f"add not: {{finding: {f.id}}} to its condition",
                )


def _inlined(tree: Tree, cond: Compiled | None, seen: frozenset[str] = frozenset()) -> Compiled:
    """The condition with every {finding: x} replaced by x's own condition, so that only answers remain."""
    if cond is None:
        return AllC(())  # always holds
    if isinstance(cond, FRef):
        if cond.finding in seen:
            return AllC(())  # a cycle, reported separately
        return _inlined(tree, tree.finding_when.get(cond.finding), seen | {cond.finding})
    if isinstance(cond, AllC):
        return AllC(tuple(_inlined(tree, p, seen) for p in cond.parts))
    if isinstance(cond, AnyC):
        return AnyC(tuple(_inlined(tree, p, seen) for p in cond.parts))
    if isinstance(cond, NotC):
        return NotC(_inlined(tree, cond.part, seen))
    return cond


# ---------------------------------------------------------------- one tree


def _tree(model: Questionnaire, doc: Document, intake_ids: set[str], report: _Report) -> Tree:
    questions: dict[str, Question] = {}
    index: dict[str, int] = {}
    for i, q in enumerate(model.questions):
        if q.id in questions:
            report.error(
                doc, ("questions", i, "id"), f"question id '{q.id}' is defined twice (first at questions[{index[q.id]}])"
            )
            continue
        if q.id in intake_ids:
            report.error(doc, ("questions", i, "id"), f"question id '{q.id}' is already an intake question; choose another id")
        questions[q.id] = q
        index[q.id] = i
    findings = {}
    for i, f in enumerate(model.findings):
        if f.id in findings:
            report.error(doc, ("findings", i, "id"), f"finding id '{f.id}' is defined twice")
            continue
        findings[f.id] = f
    seen_open: set[str] = set()
    for i, oq in enumerate(model.open_questions):
        if oq.id in seen_open:
            report.error(doc, ("open_questions", i, "id"), f"open question id '{oq.id}' is defined twice")
        seen_open.add(oq.id)
    former: dict[str, str] = {}
    for i, q in enumerate(model.questions):
        for old in q.former_ids:
            if old in questions or old in former:
                report.error(doc, ("questions", i, "former_ids"), f"former id '{old}' is already in use")
            former[old] = q.id

    question_when = {q.id: compile_condition(q.when) for q in questions.values()}
    finding_when = {f.id: compile_condition(f.when) for f in findings.values()}
    q_deps = {q: [d for d in questions_in(w) if d in questions] for q, w in question_when.items()}
    order = _ordered(list(questions), q_deps, doc, "questions", index, report)
    f_index = {f.id: i for i, f in enumerate(model.findings)}
    f_deps = {f: [d for d in findings_in(w) if d in findings] for f, w in finding_when.items()}
    f_order = _ordered(list(findings), f_deps, doc, "findings", f_index, report)
    return Tree(
        model=model,
        file=doc.name,
        sha256=doc.digest if isinstance(doc, MergedDocument) else hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        questions=questions,
        findings=findings,
        order=tuple(questions[q] for q in order),
        finding_order=tuple(findings[f] for f in f_order),
        former_ids=former,
        question_when=question_when,
        finding_when=finding_when,
    )


def _ordered(
    ids: list[str], deps: dict[str, list[str]], doc: Document, section: str, index: dict[str, int], report: _Report
) -> list[str]:
    """File order, except that whatever a condition refers to comes first; report cycles."""
    waiting = {i: set(deps[i]) - {i} for i in ids}
    for i in ids:
        if i in deps[i]:
            report.error(doc, (section, index[i], "when"), f"'{i}' refers to itself in its own condition")
    if all(index[d] < index[i] for i in ids for d in waiting[i]):
        return sorted(ids, key=index.__getitem__)  # what the queue below gives, without it: conditions refer back
    users: dict[str, list[str]] = {i: [] for i in ids}
    for i, ds in waiting.items():
        for d in ds:
            users[d].append(i)
    ready = [(index[i], i) for i in ids if not waiting[i]]
    heapq.heapify(ready)
    out: list[str] = []
    while ready:
        _, i = heapq.heappop(ready)
        out.append(i)
        for u in users[i]:
            waiting[u].discard(i)
            if not waiting[u]:
                heapq.heappush(ready, (index[u], u))
    if len(out) < len(ids):
        placed = set(out)
        left = [i for i in ids if i not in placed]
        left_set = set(left)
        cycle = _find_cycle(left, {i: [d for d in deps[i] if d in left_set] for i in left})
        first = cycle[0]
        report.error(doc, (section, index[first], "when"), "conditions form a cycle: " + " -> ".join([*cycle, first]))
        out += sorted(left, key=index.__getitem__)
    return out


def _find_cycle(nodes: list[str], edges: dict[str, list[str]]) -> list[str]:
    """The first cycle a depth-first search meets, in nodes' order (without recursion: chains can be long)."""
    done: set[str] = set()
    for start in nodes:
        if start in done:
            continue
        path = [start]
        on_path = {start}
        todo = [iter(edges.get(start, []))]  # the edges still to follow, for each node on the path
        while todo:
            for m in todo[-1]:
                if m in on_path:
                    return path[path.index(m) :]
                if m not in done:
                    path.append(m)
                    on_path.add(m)
                    todo.append(iter(edges.get(m, [])))
                    break
            else:
                n = path.pop()
                on_path.discard(n)
                done.add(n)
                todo.pop()
    return nodes[:1]


# ---------------------------------------------------------------- references


def _check_references(
    trees: dict[str, Tree],
    tree_id: str,
    doc: Document,
    profiles: dict[str, Profile],
    files: set[str],
    broken_ids: set[str],
    report: _Report,
) -> None:
    tree = trees[tree_id]
    model = tree.model
    license_id = model.license
    if model.kind == "license":
        profile = profiles.get(license_id or "")
        if license_id != model.id:
            report.error(
                doc, ("license",), f"a license tree has the id of the license it tests: '{license_id}' here, '{model.id}' in id"
            )
        if profile is None and license_id in files:
            pass  # the profile has errors of its own
        elif profile is None:
            report.error(doc, ("license",), f"no license profile '{license_id}' in licenses/{_suggest(license_id, profiles)}")
        elif profile.model.kind != "license":
            report.error(doc, ("license",), f"'{license_id}' is a {profile.model.kind} profile, not a license")

    def clause_ok(ref: str, loc: tuple[Any, ...]) -> None:
        profile_id = ref.split("#", 1)[0] if "#" in ref else license_id
        if profile_id not in profiles and profile_id in files:
            return  # the profile has errors of its own
        if _resolve_clause(ref, license_id, profiles) is None:
            report.error(doc, loc, f"clause '{ref}' does not exist{_clause_hint(ref, license_id, profiles)}")

    intake = trees.get(INTAKE)
    for i, q in enumerate(model.questions):
        for j, ref in enumerate(q.probes):
            clause_ok(ref, ("questions", i, "probes", j))
        if q.when is not None:
            _check_condition(q.when, ("questions", i, "when"), tree, intake, doc, broken_ids, report)
        for j, shown in enumerate(q.shows):
            _check_shown(shown, q.id, ("questions", i, "shows", j), tree, intake, doc, report)
    for i, f in enumerate(model.findings):
        for j, ref in enumerate(f.clauses):
            clause_ok(ref, ("findings", i, "clauses", j))
        if f.when is not None:
            _check_condition(f.when, ("findings", i, "when"), tree, intake, doc, broken_ids, report)
    for i, oq in enumerate(model.open_questions):
        for j, ref in enumerate(oq.clauses):
            clause_ok(ref, ("open_questions", i, "clauses", j))
    for i, entry in enumerate(model.not_probed):
        clause_ok(entry.clause, ("not_probed", i, "clause"))


def _check_shown(
    shown: str, asker: str, loc: tuple[Any, ...], tree: Tree, intake: Tree | None, doc: Document, report: _Report
) -> None:
    """A question shows an earlier answer of its tree or of the intake, never its own."""
    if shown == asker:
        report.error(doc, loc, f"question '{asker}' cannot show its own answer: name an earlier question")
        return
    known = dict(tree.questions) | (dict(intake.questions) if intake and tree.model.kind != "intake" else {})
    if shown not in known and not (intake is None and tree.model.kind != "intake"):
        report.error(doc, loc, f"no question '{shown}' in this tree or the intake{_suggest(shown, known)}")


def _check_condition(
    cond: Condition, loc: tuple[Any, ...], tree: Tree, intake: Tree | None, doc: Document, broken_ids: set[str], report: _Report
) -> None:
    for leaf, path in leaves_with_paths(cond, loc):
        if (leaf.finding if isinstance(leaf, FindingRef) else leaf.question) in broken_ids:
            continue  # its own definition is broken and already reported
        if isinstance(leaf, FindingRef):
            if loc[0] == "questions":
                report.error(doc, (*path, "finding"), "a question's condition can refer to answers only, not to findings")
            elif leaf.finding not in tree.findings:
                report.error(
                    doc, (*path, "finding"), f"no finding '{leaf.finding}' in this tree{_suggest(leaf.finding, tree.findings)}"
                )
            continue
        q = tree.questions.get(leaf.question)
        if q is None and intake is not None and tree.model.kind != "intake":
            q = intake.questions.get(leaf.question)
        if q is None and intake is None and tree.model.kind != "intake":
            continue  # the intake could not be loaded (reported): its questions cannot be checked
        if q is None:
            known = dict(tree.questions) | (dict(intake.questions) if intake and tree.model.kind != "intake" else {})
            report.error(
                doc,
                (*path, "question"),
                f"no question '{leaf.question}' in this tree or the intake{_suggest(leaf.question, known)}",
            )
            continue
        problem = type_error(leaf, q)
        if problem:
            report.error(doc, (*path, leaf.operator), problem)


def _resolve_clause(ref: str, owner_profile: str | None, profiles: dict[str, Profile]) -> Any:
    profile_id, clause_id = ref.split("#", 1) if "#" in ref else (owner_profile or "", ref)
    profile = profiles.get(profile_id)
    return profile.clauses.get(clause_id) if profile else None


def _clause_hint(ref: str, owner: str | None, profiles: dict[str, Profile]) -> str:
    profile_id, clause_id = ref.split("#", 1) if "#" in ref else (owner or "", ref)
    profile = profiles.get(profile_id)
    if profile is None:
        return f" (no profile '{profile_id}'{_suggest(profile_id, profiles)})"
    return f" in {profile.file}{_suggest(clause_id, profile.clauses)}"


def _suggest(word: str | None, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word or "", list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---------------------------------------------------------------- reachability


_NEEDS_VALUE = frozenset({"equals", "in", "contains"})
_MAX_EXPANSION = 3  # how many levels of "that question must be asked too" to follow


class _Reachability:
    """Can a question ever be asked, a finding ever fire? Decided on the conditions alone."""

    def __init__(self, trees: dict[str, Tree]) -> None:
        self.trees = trees
        self.memo: dict[tuple[str, str, str], bool] = {}
        self.active: set[tuple[str, str, str]] = set()
        self.refs: dict[tuple[str, str], set[str]] = {}
        self.fit_memo: dict[tuple[str, str, tuple[Atom, ...]], tuple[bool, str]] = {}
        self.settled: set[str] = set()

    def _fits(self, owner: str, q: Question, atoms: tuple[Atom, ...]) -> tuple[bool, str]:
        """Can one answer to q satisfy all atoms, and must q then be asked ("value"), not asked ("missing"), or either?"""
        if len(atoms) == 1 and not atoms[0].negated and isinstance(atoms[0].leaf, Cmp) and atoms[0].leaf.op in _NEEDS_VALUE:
            # Type checks already proved the value is one the question can produce.
            return self.question(owner, q.id), "value"
        key = (owner, q.id, atoms)
        if key not in self.fit_memo:
            when = self.trees[owner].question_when[q.id]
            comparisons = [a.leaf for a in atoms if isinstance(a.leaf, Cmp)]
            values = candidates(q, comparisons, may_be_missing=when is not None, may_have_value=self.question(owner, q.id))
            fitting = [v for v in values if all(compare(a.leaf, v) != a.negated for a in atoms)]  # type: ignore[arg-type]
            mode = "either" if MISSING in fitting and len(fitting) > 1 else "missing" if MISSING in fitting else "value"
            self.fit_memo[key] = (bool(fitting), mode)
        return self.fit_memo[key]

    def _refs(self, owner: str, qid: str) -> set[str]:
        key = (owner, qid)
        if key not in self.refs:
            self.refs[key] = set(questions_in(self.trees[owner].question_when[qid]))
        return self.refs[key]

    def question(self, tree_id: str, qid: str) -> bool:
        owner = tree_id if qid in self.trees[tree_id].questions else INTAKE
        key = ("q", owner, qid)
        known = self.memo.get(key)
        if known is not None:
            return known
        when = self.trees[owner].question_when[qid]
        return self._memo(key, lambda: when is None or self.satisfiable(owner, when))

    def finding(self, tree_id: str, fid: str) -> bool:
        key = ("f", tree_id, fid)
        known = self.memo.get(key)
        if known is not None:
            return known
        when = self.trees[tree_id].finding_when[fid]
        return self._memo(key, lambda: when is None or self.satisfiable(tree_id, when))

    def _memo(self, key: tuple[str, str, str], compute: Any) -> bool:
        if key in self.memo:
            return self.memo[key]
        if key in self.active:
            return True  # a cycle; reported separately
        self.active.add(key)
        result = bool(compute())
        self.active.discard(key)
        self.memo[key] = result
        return result

    def satisfiable(self, tree_id: str, cond: Compiled) -> bool:
        terms = dnf(cond)
        if terms is None:
            return True  # too large to decide; do not accuse the author
        return any(self._term(tree_id, term, frozenset()) for term in terms)

    def _term(self, tree_id: str, term: list[Atom], expanded: frozenset[str]) -> bool:
        """Can every atom of this conjunction hold at once?

        A question the term needs an answer to must itself be asked, so its own
        condition is added to the term; one the term needs unanswered must not be
        asked, so the negation of its condition is added (to a bounded depth).
        """
        by_question: dict[tuple[str, str], list[Atom]] = {}
        tree = self.trees[tree_id]
        for atom in term:
            leaf = atom.leaf
            if isinstance(leaf, FRef):
                if atom.negated and tree.finding_when[leaf.finding] is None:
                    return False  # it always fires
                if not atom.negated and not self.finding(tree_id, leaf.finding):
                    return False
                continue
            owner = tree_id if leaf.question in tree.questions else INTAKE
            by_question.setdefault((owner, leaf.question), []).append(atom)
        needs_answer: list[tuple[str, Question, bool]] = []  # (owner, question, must not be asked)
        for (owner, qid), atoms in by_question.items():
            q = self.trees[owner].questions[qid]
            when = self.trees[owner].question_when[qid]
            fits, mode = self._fits(owner, q, tuple(atoms))
            if not fits:
                return False
            if mode != "either" and when is not None and qid not in expanded:
                needs_answer.append((owner, q, mode == "missing"))
        # Following a question's own condition only matters when it shares questions with
        # this term (a correlation the per-question check cannot see); skip it otherwise.
        in_term = {qid for _, qid in by_question}
        needs_answer = [(o, q, neg) for o, q, neg in needs_answer if self._refs(o, q.id) & in_term]
        if not needs_answer or len(expanded) >= _MAX_EXPANSION:
            return True
        owner, q, not_asked = needs_answer[0]
        when = self.trees[owner].question_when[q.id]
        extra = dnf(when, negated=not_asked) if when is not None else None
        if extra is None:
            return True
        return any(self._term(tree_id, term + more, expanded | {q.id}) for more in extra)

    def _settle(self, tree_id: str) -> None:
        """Decide every question and finding of the tree, each after whatever its condition refers to.

        Then each decision finds the ones it builds on already made, and none recurses down a
        long chain of conditions: the work is linear in the size of the tree. (Reachability is
        only checked once every reference resolves and nothing forms a cycle.)
        """
        if tree_id in self.settled:
            return
        self.settled.add(tree_id)
        if tree_id != INTAKE:
            self._settle(INTAKE)
        tree = self.trees[tree_id]
        for q in tree.order:
            self.question(tree_id, q.id)
        for f in tree.finding_order:
            self.finding(tree_id, f.id)

    def report_unreachable(self, tree_id: str, doc: Document, report: _Report) -> None:
        self._settle(tree_id)
        tree = self.trees[tree_id]
        for i, q in enumerate(tree.model.questions):
            if q.when is not None and not self.question(tree_id, q.id):
                report.error(
                    doc, ("questions", i, "when"), "no combination of answers makes this question apply; it can never be asked"
                )
        for i, f in enumerate(tree.model.findings):
            if f.when is not None and not self.finding(tree_id, f.id):
                report.error(
                    doc,
                    ("findings", i, "when"),
                    "no combination of answers makes this condition hold; the finding can never fire",
                )


# ---------------------------------------------------------------- profiles and texts


def _check_profiles(profiles: dict[str, Profile], tree_files: set[str], documents: dict[str, Document], report: _Report) -> None:
    for profile in profiles.values():
        facts = profile.model.facts
        for name in type(facts).model_fields if facts is not None else ():
            ref = getattr(facts, name).clause
            if ref is not None and _resolve_clause(ref, profile.model.id, profiles) is None:
                report.error(
                    documents[profile.file],
                    ("facts", name, "clause"),
                    f"clause '{ref}' does not exist{_clause_hint(ref, profile.model.id, profiles)}",
                )
    for profile in profiles.values():
        model = profile.model
        doc = documents[profile.file]
        seen: dict[str, int] = {}
        for i, c in enumerate(model.clauses):
            if c.id in seen:
                report.error(doc, ("clauses", i, "id"), f"clause id '{c.id}' is defined twice (first at clauses[{seen[c.id]}])")
            seen.setdefault(c.id, i)
        if model.governing_law and model.governing_law.clause not in profile.clauses:
            report.error(
                doc,
                ("governing_law", "clause"),
                f"no clause '{model.governing_law.clause}' in this profile{_suggest(model.governing_law.clause, profile.clauses)}",
            )
        for i, inc in enumerate(model.incorporates):
            target = profiles.get(inc.policy)
            if target is None:
                report.error(
                    doc, ("incorporates", i, "policy"), f"no profile '{inc.policy}' in licenses/{_suggest(inc.policy, profiles)}"
                )
            elif target.model.kind != "policy":
                report.error(doc, ("incorporates", i, "policy"), f"'{inc.policy}' is a {target.model.kind}, not a policy")
            if inc.clause not in profile.clauses:
                report.error(
                    doc,
                    ("incorporates", i, "clause"),
                    f"no clause '{inc.clause}' in this profile{_suggest(inc.clause, profile.clauses)}",
                )
        if model.open_source:
            for i, failure in enumerate(model.open_source.osd_failures):
                if _resolve_clause(failure.criterion, model.id, profiles) is None:
                    report.error(
                        doc,
                        ("open_source", "osd_failures", i, "criterion"),
                        f"criterion '{failure.criterion}' does not exist{_clause_hint(failure.criterion, model.id, profiles)}",
                    )
                for j, ref in enumerate(failure.clauses):
                    if _resolve_clause(ref, model.id, profiles) is None:
                        report.error(
                            doc,
                            ("open_source", "osd_failures", i, "clauses", j),
                            f"clause '{ref}' does not exist{_clause_hint(ref, model.id, profiles)}",
                        )
        if model.kind == "license" and model.id not in tree_files:
            report.warning(doc, ("id",), f"no question tree tests license '{model.id}' (questionnaires/{model.id}.yaml)")
    _check_version_lines(profiles, documents, report)


def _check_version_lines(profiles: dict[str, Profile], documents: dict[str, Document], report: _Report) -> None:
    """The versions of one license (`version_of`) are ordered by their dates, so each needs its own, in one family."""
    lines: dict[str, list[Profile]] = {}
    for profile in profiles.values():
        if profile.model.version_of is not None:
            lines.setdefault(profile.model.version_of, []).append(profile)
    for line, members in lines.items():
        dated: dict[object, str] = {}
        for profile in sorted(members, key=lambda p: p.model.id):
            model, doc = profile.model, documents[profile.file]
            if model.effective_date is None:
                report.error(
                    doc,
                    ("version_of",),
                    f"a version of '{line}' needs an effective_date: the versions are compared in date order",
                )
            elif model.effective_date in dated:
                report.error(
                    doc,
                    ("effective_date",),
                    f"'{dated[model.effective_date]}' is a version of '{line}' with the same date {model.effective_date}: "
                    "each version needs its own",
                )
            else:
                dated[model.effective_date] = model.id
            first = members[0].model
            if model.family != first.family:
                report.error(
                    doc,
                    ("version_of",),
                    f"the versions of '{line}' must be in one family: '{first.id}' is in '{first.family}', this one in "
                    f"'{model.family}'",
                )


def _check_texts(profiles: dict[str, Profile], texts: dict[str, str], documents: dict[str, Document], report: _Report) -> None:
    normalised = {name: normalise(text) for name, text in texts.items()}
    for profile in profiles.values():
        model = profile.model
        doc = documents[profile.file]
        text = texts.get(model.text.file)
        if text is None:
            report.error(doc, ("text", "file"), f"official text licenses/texts/{model.text.file} not found")
            continue
        flat = normalised[model.text.file]
        unmatched = [(i, clause) for i, clause in enumerate(model.clauses) if normalise(clause.quote) not in flat]
        actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if actual != model.text.sha256:
            report.warning(
                doc, ("text", "sha256"), _drift_message(model.text.file, actual, model.text.sha256, unmatched, len(model.clauses))
            )
        # A quote that is not in the official text stays an error even when the text changed:
        # users would be shown words the license does not contain.
        for i, clause in unmatched:
            report.error(
                doc,
                ("clauses", i, "quote"),
                f"quote of clause '{clause.id}' (section {clause.section}) is not word for word in licenses/texts/{model.text.file}{_near(clause.quote, text)}",
            )


def _drift_message(file: str, actual: str, recorded: str, unmatched: list[tuple[int, Any]], total: int) -> str:
    """The text a profile was built from has changed: say which quotes it broke."""
    head = f"licenses/texts/{file} has changed since this profile was written (sha256 {actual[:12]}…, recorded {recorded[:12]}…)"
    if unmatched:
        names = ", ".join(f"'{c.id}' (section {c.section})" for _, c in unmatched)
        return (
            f"{head}; {len(unmatched)} of {total} quotes no longer match: {names}. "
            f"Fix those quotes, re-read every clause against the new text, then record sha256: {actual}"
        )
    return f"{head}; all {total} quotes still match. Re-read every clause against the new text, then record sha256: {actual}"


def _near(quote: str, text: str) -> str:
    """Point at the start of the longest prefix of the quote that does occur."""
    words = normalise(quote).split(" ")
    flat = normalise(text)
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if " ".join(words[:mid]) in flat:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return ""
    return (
        f"; it matches up to '…{' '.join(words[max(0, lo - 4) : lo])}' and differs from '{words[lo] if lo < len(words) else ''}'"
    )


# ---------------------------------------------------------------- scenarios


def _check_scenarios(
    files: dict[str, list[tuple[ScenarioFile, Document]]], trees: dict[str, Tree], broken_ids: set[str], report: _Report
) -> None:
    for tree_id, entries in files.items():
        for scenario_file, doc in entries:
            tree = trees.get(tree_id)
            if tree is None:
                report.error(doc, ("tree",), f"no question tree '{tree_id}'{_suggest(tree_id, trees)}")
                continue
            expected_name = f"questionnaires/{tree_id}.tests.yaml"
            if doc.name != expected_name:
                report.error(doc, ("tree",), f"scenarios for '{tree_id}' belong in {expected_name}")
            names: set[str] = set()
            for i, sc in enumerate(scenario_file.scenarios):
                if sc.name in names:
                    report.error(doc, ("scenarios", i, "name"), f"two scenarios are named '{sc.name}'")
                names.add(sc.name)
                for j, fid in enumerate(sc.expect.findings):
                    if fid not in tree.findings and fid not in broken_ids:
                        report.error(
                            doc,
                            ("scenarios", i, "expect", "findings", j),
                            f"no finding '{fid}' in {tree.file}{_suggest(fid, tree.findings)}",
                        )
