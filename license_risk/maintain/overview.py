"""Everything the maintainer page shows, built in plain Python (the page only displays it).

The content is read from disk on every call that finds it changed: `fingerprint`
hashes the content files, so a page can cache the report under that key and
still show an edit as soon as the page is reloaded.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.load import content_files, load_catalog
from license_risk.content.problems import ContentError, Problem
from license_risk.maintain.lint import Coverage, lint
from license_risk.maintain.scenarios import ScenarioOutcome, run_all
from license_risk.shipped import ROOT

Translate = Callable[[str], str]  # the page's gettext; str (no translation) for the CLI and tests

CONTENT_ENV = "LICENSE_RISK_CONTENT"


def content_root() -> Path:
    """The content folder: $LICENSE_RISK_CONTENT if set, else this project."""
    value = os.environ.get(CONTENT_ENV, "").strip()
    return Path(value).expanduser().resolve() if value else ROOT


def fingerprint(root: Path) -> str:
    """A hash of every content file and official text (names and bytes): changes when any file does."""
    digest = hashlib.sha256()
    paths = [*content_files(root), *sorted((root / "licenses" / "texts").glob("*.txt"))]
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


@dataclass
class MaintainerReport:
    root: Path
    catalog: Catalog | None
    errors: list[Problem] = field(default_factory=list)  # the content cannot be loaded while there are any
    warnings: list[Problem] = field(default_factory=list)
    outcomes: list[ScenarioOutcome] = field(default_factory=list)
    coverage: dict[str, Coverage] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.catalog is not None and not self.errors

    @property
    def trees(self) -> list[str]:
        if self.catalog is None:
            return []
        return [INTAKE, *self.catalog.license_ids]

    def files_of(self, tree_id: str) -> set[str]:
        """The files that make up a tree: itself, its scenarios, its license and policy profiles."""
        assert self.catalog is not None
        tree = self.catalog.trees[tree_id]
        files = {tree.file, f"questionnaires/{tree_id}.tests.yaml"}
        if tree.model.kind == "license" and tree.model.license in self.catalog.profiles:
            license_ = self.catalog.profiles[tree.model.license]
            files |= {license_.file, *(p.file for p in self.catalog.policies_of(license_.model.id))}
        return files

    def warnings_of(self, tree_id: str) -> list[Problem]:
        files = self.files_of(tree_id)
        return [w for w in self.warnings if w.file in files]

    def outcomes_of(self, tree_id: str) -> list[ScenarioOutcome]:
        """A tree's scenarios; for the shared intake, every scenario (they all answer it)."""
        return [o for o in self.outcomes if o.tree == tree_id or tree_id == INTAKE]


def build_report(root: Path) -> MaintainerReport:
    """Load, check, lint and run the scenarios of the content under root; never raises on bad content."""
    try:
        catalog = load_catalog(root)
    except ContentError as exc:
        errors = [p for p in exc.problems if p.level == "error"]
        warnings = [p for p in exc.problems if p.level == "warning"]
        return MaintainerReport(root, None, errors, warnings)
    outcomes = run_all(catalog)
    report = lint(catalog, outcomes)
    warnings = sorted([*catalog.warnings, *report.warnings], key=lambda p: (p.file, p.line or 0, p.where, p.message))
    errors = [Problem(o.file, o.line, f"scenario '{o.name}'", "; ".join(o.failures)) for o in outcomes if not o.passed]
    return MaintainerReport(root, catalog, errors, warnings, outcomes, report.coverage)


def problem_rows(problems: list[Problem], _: Translate = str) -> list[dict[str, Any]]:
    """One row per problem; `_` translates the column names (the messages are file:line diagnostics, in English)."""
    return [
        {_("File"): p.file, _("Line"): p.line or "", _("Where"): p.where, _("Level"): p.level, _("Problem"): p.message}
        for p in problems
    ]


def excerpt(root: Path, problem: Problem, context: int = 2) -> str | None:
    """The lines of the file around the problem's line, numbered, with the line itself marked."""
    if not problem.line:
        return None
    path = (root / problem.file).resolve()
    if root.resolve() not in path.parents or not path.is_file():
        return None
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    lines += [""] * (problem.line - len(lines))  # YAML may point just past the last line
    first = max(1, problem.line - context)
    last = min(len(lines), problem.line + context)
    width = len(str(last))
    return "\n".join(f"{'>' if n == problem.line else ' '} {n:>{width}} | {lines[n - 1]}" for n in range(first, last + 1))


def scenario_rows(outcomes: list[ScenarioOutcome], _: Translate = str) -> list[dict[str, Any]]:
    return [
        {
            _("Scenario"): o.name,
            _("Result"): _("passes") if o.passed else _("FAILS"),
            _("Findings fired"): ", ".join(o.fired) or "-",
            _("What is wrong"): "; ".join(o.failures) or "",
            _("Where"): f"{o.file}:{o.line}" if o.line else o.file,
        }
        for o in outcomes
    ]


def coverage_rows(coverage: Coverage, _: Translate = str) -> list[dict[str, Any]]:
    measure, covered = _("Measure"), _("Covered")
    rows = [
        {measure: _("Scenarios"), covered: str(coverage.scenarios)},
        {measure: _("Questions asked by a scenario"), covered: str(coverage.questions)},
        {measure: _("Options answered by a scenario"), covered: str(coverage.options)},
    ]
    if coverage.tree != INTAKE:
        rows.append({measure: _("Findings fired by a scenario"), covered: str(coverage.findings)})
        clauses = str(coverage.clauses)
        if coverage.not_probed:
            clauses += " " + _("(+{count} not probed, with reasons)").format(count=coverage.not_probed)
        rows.append({measure: _("Clauses probed or cited"), covered: clauses})
    return rows
