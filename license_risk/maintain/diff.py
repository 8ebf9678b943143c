"""What changed between two versions of the content, for reviewing a pull request.

`python -m scoring diff OLD NEW` takes two folders (each holding licenses/ and
questionnaires/), or two git revisions, or `WORKTREE` for the files on disk. It
lists profiles, clauses, questions, options, conditions and findings added,
removed or changed, and the scenario results that change: every scenario's
answers (from either side) are scored against both versions of the content, so
a changed condition shows up as findings that now fire, or no longer fire, for
the same answers.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from license_risk.content.catalog import INTAKE, Catalog, Profile, Tree
from license_risk.content.model import AllOf, AnyOf, Condition, Finding, Question, Scenario
from license_risk.content.problems import Problem
from license_risk.maintain.tree_text import condition_text
from scoring.answers import keep_valid
from scoring.rating import assess

WORKTREE = "WORKTREE"


class DiffError(Exception):
    """A side of the comparison cannot be found or read (message for the user)."""


# ---------------------------------------------------------------- getting the two sides


@contextmanager
def content_at(spec: str, worktree: Path) -> Iterator[Path]:
    """A folder holding the content named by spec: a folder, WORKTREE, or a git revision of worktree's repository."""
    if spec == WORKTREE:
        yield worktree
        return
    folder = Path(spec)
    if folder.is_dir():
        yield folder
        return
    tmp = Path(tempfile.mkdtemp(prefix="content-"))
    try:
        _export(spec, worktree, tmp)
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DiffError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        raise DiffError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def _export(revision: str, worktree: Path, target: Path) -> None:
    """Write licenses/ and questionnaires/ as they are at a git revision into target."""
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], worktree).decode().strip())
    except DiffError:
        raise DiffError(f"'{revision}' is not a folder, and {worktree} is not in a git repository") from None
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top).decode().strip()
    except DiffError:
        raise DiffError(
            f"'{revision}' is neither a folder nor a git revision (try HEAD~1, main, a commit id, or WORKTREE)"
        ) from None
    prefix = PurePosixPath(worktree.resolve().relative_to(top.resolve()).as_posix())
    folders = [str(prefix / "licenses") if str(prefix) != "." else "licenses"]
    folders.append(str(prefix / "questionnaires") if str(prefix) != "." else "questionnaires")
    listed = _git(["ls-tree", "-r", "-z", "--name-only", commit, "--", *folders], top).decode("utf-8").split("\0")
    paths = [p for p in listed if p]
    if not paths:
        raise DiffError(f"revision '{revision}' has no licenses/ or questionnaires/ under {prefix}")
    batch = _git(["cat-file", "--batch"], top, "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8"))
    pos = 0
    for p in paths:
        header_end = batch.index(b"\n", pos)
        header = batch[pos:header_end].split()
        size = int(header[2])
        data = batch[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
        relative = PurePosixPath(p).relative_to(prefix) if str(prefix) != "." else PurePosixPath(p)
        out = (target / relative).resolve()
        if target.resolve() not in out.parents:
            raise DiffError(f"unexpected path in revision '{revision}': {p}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)


# ---------------------------------------------------------------- the differences


@dataclass
class Change:
    sign: str  # "+" added, "-" removed, "~" changed
    subject: str  # e.g. "question mau_june_2024"
    summary: str = ""  # e.g. "severity high → critical"
    details: list[str] = field(default_factory=list)  # e.g. old and new wording
    line: int | None = None  # in the new file (or the old one for a removal)
    substantive: bool = True  # False for wording that cannot change an answer or a result (help, notes)

    def as_dict(self) -> dict[str, Any]:
        return {"change": {"+": "added", "-": "removed", "~": "changed"}[self.sign], "subject": self.subject,
                "summary": self.summary, "details": self.details, "line": self.line}  # fmt: skip


@dataclass
class FileChanges:
    file: str
    title: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class ScenarioChange:
    tree: str
    name: str
    status: str  # "changed", "added", "removed"
    old: Result | None
    new: Result | None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "tree": self.tree,
            "scenario": self.name,
            "status": self.status,
            "old": self.old.as_dict() if self.old else None,
            "new": self.new.as_dict() if self.new else None,
            "note": self.note,
        }


@dataclass(frozen=True)
class Result:
    fired: tuple[str, ...]
    rating: str
    undetermined: tuple[str, ...]
    dropped: int  # answers that do not fit this version of the trees

    def as_dict(self) -> dict[str, Any]:
        return {
            "fired": list(self.fired),
            "rating": self.rating,
            "undetermined": list(self.undetermined),
            "answers_not_fitting": self.dropped,
        }


@dataclass
class ContentDiff:
    old_label: str
    new_label: str
    files: list[FileChanges]
    scenarios: list[ScenarioChange]

    @property
    def empty(self) -> bool:
        return not any(f.changes for f in self.files) and not self.scenarios


def diff_catalogs(old: Catalog, new: Catalog, old_label: str = "OLD", new_label: str = "NEW") -> ContentDiff:
    files: list[FileChanges] = []
    for pid in sorted(set(old.profiles) | set(new.profiles)):
        files.append(_profile_changes(old.profiles.get(pid), new.profiles.get(pid), old, new))
    order = [INTAKE, *sorted((set(old.trees) | set(new.trees)) - {INTAKE})]
    for tid in order:
        files.append(_tree_changes(old.trees.get(tid), new.trees.get(tid), old, new))
    return ContentDiff(old_label, new_label, [f for f in files if f.changes], _scenario_changes(old, new))


def _line(catalog: Catalog, file: str, loc: tuple[Any, ...]) -> int | None:
    doc = catalog.documents.get(file)
    return doc.line_of(loc) if doc else None


def _profile_changes(a: Profile | None, b: Profile | None, old: Catalog, new: Catalog) -> FileChanges:
    if a is None or b is None:
        p = b or a
        assert p is not None
        fc = FileChanges(p.file, f"{p.model.kind} profile {p.model.id}")
        sign = "+" if b else "-"
        fc.changes.append(Change(sign, f"profile {p.model.id}", f"{p.model.name} {p.model.version}", line=1))
        return fc
    ma, mb = a.model, b.model
    fc = FileChanges(b.file, f"{mb.kind} profile {mb.id}")
    for key in ("name", "version", "effective_date", "date_as_printed", "licensor", "spdx", "scancode"):
        va, vb = getattr(ma, key), getattr(mb, key)
        if va != vb:
            fc.changes.append(Change("~", key, f"{_short(va)} → {_short(vb)}", line=_line(new, b.file, (key,))))
    if ma.text != mb.text:
        what = []
        if ma.text.file != mb.text.file:
            what.append(f"file {ma.text.file} → {mb.text.file}")
        if ma.text.sha256 != mb.text.sha256:
            what.append(f"sha256 {ma.text.sha256[:12]}… → {mb.text.sha256[:12]}…")
        if (ma.text.repository, ma.text.path, ma.text.commit) != (mb.text.repository, mb.text.path, mb.text.commit):
            what.append(
                f"source {ma.text.repository}/{ma.text.path}@{ma.text.commit[:10]} → {mb.text.repository}/{mb.text.path}@{mb.text.commit[:10]}"
            )
        if ma.text.caveats != mb.text.caveats:
            what.append("caveats changed")
        fc.changes.append(Change("~", "official text", "; ".join(what), line=_line(new, b.file, ("text",))))
    for key in ("governing_law", "open_source", "incorporates", "facts"):
        va, vb = getattr(ma, key), getattr(mb, key)
        if va != vb:
            if isinstance(va, BaseModel) and isinstance(vb, BaseModel):
                parts = [name for name in type(vb).model_fields if getattr(va, name) != getattr(vb, name)]
                summary = ", ".join(parts) + " changed"
                details = [f"{name}: {_short(getattr(va, name))} → {_short(getattr(vb, name))}" for name in parts]
            else:
                summary, details = "changed", []
            fc.changes.append(Change("~", key.replace("_", " "), summary, details, line=_line(new, b.file, (key,))))
    ca = {c.id: c for c in ma.clauses}
    cb = {c.id: (i, c) for i, c in enumerate(mb.clauses)}
    for cid, c in ca.items():
        if cid not in cb:
            fc.changes.append(
                Change(
                    "-",
                    f"clause {cid}",
                    f"section {c.section}: {c.title}",
                    line=_line(old, a.file, ("clauses", ma.clauses.index(c))),
                )
            )
    for cid, (i, c) in cb.items():
        line = _line(new, b.file, ("clauses", i))
        if cid not in ca:
            fc.changes.append(Change("+", f"clause {cid}", f"section {c.section}: {c.title}", [f"“{c.quote}”"], line))
            continue
        before = ca[cid]
        what, details = [], []
        if before.section != c.section:
            what.append(f"section {before.section} → {c.section}")
        if before.title != c.title:
            what.append("title changed")
        if before.quote != c.quote:
            what.append("quote changed")
            details += [f"- “{before.quote}”", f"+ “{c.quote}”"]
        if before.summary != c.summary:
            what.append("summary reworded")
        if what:
            fc.changes.append(Change("~", f"clause {cid}", ", ".join(what), details, line))
    return fc


def _tree_changes(a: Tree | None, b: Tree | None, old: Catalog, new: Catalog) -> FileChanges:
    if a is None or b is None:
        t = b or a
        assert t is not None
        fc = FileChanges(t.file, f"tree {t.id}")
        sign = "+" if b else "-"
        summary = f"version {t.model.version}: {len(t.model.questions)} questions, {len(t.model.findings)} findings"
        fc.changes.append(Change(sign, f"tree {t.id}", summary, line=1))
        return fc
    ma, mb = a.model, b.model
    fc = FileChanges(
        b.file,
        f"tree {b.id} (version {ma.version} → {mb.version})"
        if ma.version != mb.version
        else f"tree {b.id} (version {mb.version})",
    )
    for key in ("title", "license", "date", "description"):
        va, vb = getattr(ma, key), getattr(mb, key)
        if va != vb:
            line = _line(new, b.file, (key,))
            fc.changes.append(Change("~", key, f"{_short(va)} → {_short(vb)}", line=line, substantive=key != "description"))
    _question_changes(a, b, old, new, fc)
    _finding_changes(a, b, old, new, fc)
    oa = {o.id: o for o in ma.open_questions}
    ob = {o.id: (i, o) for i, o in enumerate(mb.open_questions)}
    for oid in oa.keys() - ob.keys():
        fc.changes.append(Change("-", f"open question {oid}", _short(oa[oid].text), substantive=False))
    for oid, (i, o) in ob.items():
        if oid not in oa:
            line = _line(new, b.file, ("open_questions", i))
            fc.changes.append(Change("+", f"open question {oid}", _short(o.text), line=line, substantive=False))
        elif oa[oid] != o:
            line = _line(new, b.file, ("open_questions", i))
            fc.changes.append(Change("~", f"open question {oid}", "reworded", line=line, substantive=False))
    na = {n.clause: n for n in ma.not_probed}
    nb = {n.clause: n for n in mb.not_probed}
    for ref in sorted(na.keys() - nb.keys()):
        fc.changes.append(Change("-", f"not_probed {ref}", "the clause is expected to be probed or cited now", substantive=False))
    for i, entry in enumerate(mb.not_probed):
        if entry.clause not in na:
            line = _line(new, b.file, ("not_probed", i))
            fc.changes.append(Change("+", f"not_probed {entry.clause}", _short(entry.reason), line=line, substantive=False))
    if any(c.substantive for c in fc.changes) and ma.version == mb.version:
        fc.changes.insert(
            0,
            Change(
                "~",
                "version",
                f"the tree changed but its version stays {mb.version}: bump it",
                line=_line(new, b.file, ("version",)),
            ),
        )
    return fc


def _question_changes(a: Tree, b: Tree, old: Catalog, new: Catalog, fc: FileChanges) -> None:
    index_a = {q.id: i for i, q in enumerate(a.model.questions)}
    matched: set[str] = set()
    for i, q in enumerate(b.model.questions):
        line = _line(new, b.file, ("questions", i))
        before, renamed = a.questions.get(q.id), ""
        if before is None:
            for former in q.former_ids:
                if former in a.questions and former not in b.questions:
                    before, renamed = a.questions[former], former
                    break
        if before is None:
            fc.changes.append(
                Change("+", f"question {q.id}", f"[{q.kind}] {_short(q.text)}", _when_detail(None, q.when, added=True), line)
            )
            continue
        matched.add(before.id)
        what, details = _compare_question(before, q)
        if renamed:
            what.insert(0, f"renamed from {renamed} (answers carry over through former_ids)")
        if what:
            substantive = what != ["help changed"]
            fc.changes.append(Change("~", f"question {q.id}", "; ".join(what), details, line, substantive))
    for qid, q in a.questions.items():
        if qid not in matched:
            fc.changes.append(
                Change(
                    "-", f"question {qid}", f"[{q.kind}] {_short(q.text)}", line=_line(old, a.file, ("questions", index_a[qid]))
                )
            )


def _compare_question(a: Question, b: Question) -> tuple[list[str], list[str]]:
    what: list[str] = []
    details: list[str] = []
    if a.kind != b.kind:
        what.append(f"kind {a.kind} → {b.kind}")
    if _words(a.text) != _words(b.text):
        what.append("reworded")
        details += [f"- {_words(a.text)}", f"+ {_words(b.text)}"]
    if _words(a.help or "") != _words(b.help or ""):
        what.append("help changed")
    oa = {o.value: o for o in a.options or []}
    ob = {o.value: o for o in b.options or []}
    added = [v for v in ob if v not in oa]
    removed = [v for v in oa if v not in ob]
    relabelled = [v for v in ob if v in oa and oa[v].label != ob[v].label]
    if added:
        what.append("options added: " + ", ".join(added))
    if removed:
        what.append("options removed: " + ", ".join(removed))
    if relabelled:
        what.append("options relabelled: " + ", ".join(relabelled))
        details += [f"  {v}: “{oa[v].label}” → “{ob[v].label}”" for v in relabelled]
    for key in ("minimum", "maximum", "unit"):
        if getattr(a, key) != getattr(b, key):
            what.append(f"{key} {getattr(a, key)} → {getattr(b, key)}")
    if a.when != b.when:
        what.append("asked when: condition changed")
        details += _when_detail(a.when, b.when)
    if a.probes != b.probes:
        what.append(f"probes [{', '.join(a.probes)}] → [{', '.join(b.probes)}]")
    return what, details


def _finding_changes(a: Tree, b: Tree, old: Catalog, new: Catalog, fc: FileChanges) -> None:
    index_a = {f.id: i for i, f in enumerate(a.model.findings)}
    for i, f in enumerate(b.model.findings):
        line = _line(new, b.file, ("findings", i))
        before = a.findings.get(f.id)
        if before is None:
            summary = f"[{f.severity} {f.category}] {_short(f.title)}; rests on {', '.join(f.clauses)}"
            fc.changes.append(Change("+", f"finding {f.id}", summary, _when_detail(None, f.when, added=True), line))
            continue
        what, details = _compare_finding(before, f)
        if what:
            fc.changes.append(Change("~", f"finding {f.id}", "; ".join(what), details, line))
    for fid, f in a.findings.items():
        if fid not in b.findings:
            fc.changes.append(
                Change(
                    "-",
                    f"finding {fid}",
                    f"[{f.severity} {f.category}] {_short(f.title)}",
                    line=_line(old, a.file, ("findings", index_a[fid])),
                )
            )


def _compare_finding(a: Finding, b: Finding) -> tuple[list[str], list[str]]:
    what: list[str] = []
    details: list[str] = []
    if a.severity != b.severity:
        what.append(f"severity {a.severity} → {b.severity}")
    if a.category != b.category:
        what.append(f"category {a.category} → {b.category}")
    for key in ("kind", "exposure"):
        if getattr(a, key) != getattr(b, key):
            what.append(f"{key} {getattr(a, key) or '-'} → {getattr(b, key) or '-'}")
    if a.override != b.override:
        what.append(f"override: {b.override.reason}" if b.override else "override removed")
    if a.open_questions != b.open_questions:
        what.append(f"open questions [{', '.join(a.open_questions)}] → [{', '.join(b.open_questions)}]")
    if a.clauses != b.clauses:
        what.append(f"clauses [{', '.join(a.clauses)}] → [{', '.join(b.clauses)}]")
    if a.when != b.when:
        what.append("condition changed")
        details += _when_detail(a.when, b.when)
    if a.needs_legal_review != b.needs_legal_review:
        what.append("needs legal review" if b.needs_legal_review else "no longer needs legal review")
    for key, label in (("title", "title"), ("explanation", "explanation"), ("action", "action"), ("review_note", "review note")):
        if _words(getattr(a, key) or "") != _words(getattr(b, key) or ""):
            what.append(f"{label} reworded")
    return what, details


def _when_detail(a: Condition | None, b: Condition | None, added: bool = False) -> list[str]:
    if added:
        return [f"when: {condition_text(b)}"] if b is not None else []
    if isinstance(a, AnyOf | AllOf) and type(a) is type(b):
        # Lists of alternatives or requirements: show only the parts that came or went.
        word = "any of" if isinstance(a, AnyOf) else "all of"
        before = [condition_text(c) for c in (a.any if isinstance(a, AnyOf) else a.all)]
        after = [condition_text(c) for c in (b.any if isinstance(b, AnyOf) else b.all)]  # type: ignore[union-attr]
        lines = [f"- {word}: … {t}" for t in before if t not in after]
        lines += [f"+ {word}: … {t}" for t in after if t not in before]
        if lines:
            return lines
    return [f"- when: {condition_text(a)}", f"+ when: {condition_text(b)}"]


def _words(text: str) -> str:
    return " ".join(text.split())


def _short(value: Any, width: int = 90) -> str:
    text = _words(str(value)) if value is not None else "none"
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------- scenario results


def score(catalog: Catalog, tree_id: str, answers: dict[str, dict[str, Any]]) -> Result | None:
    """The findings the answers fire in one tree of this content (None if the tree is not there)."""
    tree = catalog.trees.get(tree_id)
    if tree is None or tree.model.kind != "license" or (tree.model.license or "") not in catalog.profiles:
        return None
    problems: list[Problem] = []
    kept = keep_valid({k: v for k, v in answers.items() if k in (INTAKE, tree_id)}, catalog, None, ("answers",), problems)
    result = assess(catalog, [tree_id], kept).results[0]
    return Result(
        tuple(sorted(f.finding.id for f in result.findings)),
        result.rating.name,
        tuple(sorted(f.id for f in result.undetermined)),
        len(problems),
    )


def _scenarios(catalog: Catalog) -> dict[tuple[str, str], Scenario]:
    return {(tid, sc.name): sc for tid, files in catalog.scenarios.items() for sf, _ in files for sc in sf.scenarios}


def _scenario_changes(old: Catalog, new: Catalog) -> list[ScenarioChange]:
    sa, sb = _scenarios(old), _scenarios(new)
    out: list[ScenarioChange] = []
    for key in sorted(sa.keys() | sb.keys()):
        tree, name = key
        before, after = sa.get(key), sb.get(key)
        answers = (after or before).answers  # type: ignore[union-attr]
        old_result, new_result = score(old, tree, answers), score(new, tree, answers)
        note = ""
        if before is not None and after is not None and before.answers != after.answers:
            # The answers changed too: compare each side's own answers on its own content.
            old_result = score(old, tree, before.answers)
            note = "its answers changed"
        if before is None:
            out.append(ScenarioChange(tree, name, "added", old_result, new_result, "results of its answers on both versions"))
        elif after is None:
            out.append(ScenarioChange(tree, name, "removed", old_result, new_result, "results of its answers on both versions"))
        elif old_result != new_result:
            out.append(ScenarioChange(tree, name, "changed", old_result, new_result, note))
    return out


# ---------------------------------------------------------------- rendering


def diff_text(d: ContentDiff) -> str:
    lines = [f"Changes from {d.old_label} to {d.new_label}"]
    if d.empty:
        lines.append("No changes to profiles, trees or scenario results.")
        return "\n".join(lines) + "\n"
    for fc in d.files:
        lines += ["", f"{fc.file} — {fc.title}"]
        for c in fc.changes:
            at = f":{c.line}" if c.line else ""
            lines.append(f"  {c.sign} {c.subject}{': ' + c.summary if c.summary else ''}{f'  ({fc.file}{at})' if at else ''}")
            lines += [f"      {d_}" for d_ in c.details]
    if d.scenarios:
        lines += ["", "Scenario results (the same answers scored on both versions)"]
        for s in d.scenarios:
            lines.append(
                f"  {'~' if s.status == 'changed' else '+' if s.status == 'added' else '-'} {s.tree}: “{s.name}” {s.status}{' (' + s.note + ')' if s.note else ''}"
            )
            lines += [f"      {x}" for x in _result_lines(s.old, s.new)]
    return "\n".join(lines) + "\n"


def _result_lines(a: Result | None, b: Result | None) -> list[str]:
    if a is None and b is None:
        return []
    if a is None:
        assert b is not None
        return [f"old version: no such tree; new: rating {b.rating}, fires {', '.join(b.fired) or 'nothing'}"]
    if b is None:
        return [f"new version: no such tree; old: rating {a.rating}, fired {', '.join(a.fired) or 'nothing'}"]
    out = []
    gained = [f for f in b.fired if f not in a.fired]
    lost = [f for f in a.fired if f not in b.fired]
    if gained:
        out.append("now fires: " + ", ".join(gained))
    if lost:
        out.append("no longer fires: " + ", ".join(lost))
    if a.rating != b.rating:
        out.append(f"rating {a.rating} → {b.rating}")
    if a.undetermined != b.undetermined:
        out.append(f"undetermined: [{', '.join(a.undetermined)}] → [{', '.join(b.undetermined)}]")
    if not out:
        out.append(f"same results on both versions: rating {b.rating}, fires {', '.join(b.fired) or 'nothing'}")
    if b.dropped or a.dropped:
        out.append(f"answers that do not fit: {a.dropped} on the old version, {b.dropped} on the new")
    return out


def diff_data(d: ContentDiff) -> dict[str, Any]:
    return {
        "old": d.old_label,
        "new": d.new_label,
        "files": [{"file": f.file, "title": f.title, "changes": [c.as_dict() for c in f.changes]} for f in d.files],
        "scenarios": [s.as_dict() for s in d.scenarios],
    }
