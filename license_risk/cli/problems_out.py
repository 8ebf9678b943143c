"""`validate --format json|sarif`: the content's problems as data, for the content's own CI.

JSON: `{"ok", "summary", "problems": [{"file", "line", "column", "severity", "rule", "where", "message"}]}`.
SARIF 2.1.0 (`license_risk.sarif`): one run, one result per problem, located by its file (relative
to the content root, which is the repository root for the shipped content) and line. The loader
records lines, not columns: `column` is null and SARIF regions have no startColumn.
A failing scenario test is a problem at its scenario's line. Both are machine outputs: their keys
and rule descriptions stay English, as every `--json` of this tool.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from license_risk.content.printable import json_safe
from license_risk.content.problems import Problem
from license_risk.sarif import Result, Rule, Tool, sarif_log

TOOL: Final = "open-model-license-risk"

CONTENT_ERROR = Rule(
    "content-error",
    "ContentError",
    "The content cannot be used: a schema, reference, quote, translation or cycle error in a license profile or question tree.",
)
CONTENT_WARNING = Rule(
    "content-warning",
    "ContentWarning",
    "Incomplete or doubtful content (a question without help, a finding without an action, a clause nothing tests, ...); "
    "`validate --strict` fails on it.",
    level="warning",
)
SCENARIO_FAILS = Rule(
    "scenario-fails", "ScenarioFails", "A scenario test beside a question tree does not give the results it expects."
)
RULES: Final = (CONTENT_ERROR, CONTENT_WARNING, SCENARIO_FAILS)


@dataclass(frozen=True)
class Reported:
    """One problem as both outputs give it."""

    rule: Rule
    file: str
    line: int | None
    where: str
    message: str
    severity: str  # "error" or "warning"

    @classmethod
    def of(cls, problem: Problem) -> Reported:
        rule = CONTENT_ERROR if problem.level == "error" else CONTENT_WARNING
        return cls(rule, problem.file, problem.line, problem.where, problem.message, problem.level)

    @classmethod
    def failing_scenario(cls, file: str, line: int | None, name: str, failures: Sequence[str]) -> Reported:
        return cls(SCENARIO_FAILS, file, line, "", f"scenario '{name}' fails: " + "; ".join(failures), "error")


def problems_json(ok: bool, summary: dict[str, Any] | None, problems: Sequence[Reported]) -> str:
    data = {
        "ok": ok,
        "summary": summary,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": None,
                "severity": p.severity,
                "rule": p.rule.id,
                "where": p.where,
                "message": p.message,
            }
            for p in problems
        ],
    }
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


def problems_sarif(version: str, problems: Sequence[Reported], properties: dict[str, Any] | None = None) -> str:
    results = [
        Result(
            p.rule.id,
            f"{p.where}: {p.message}" if p.where else p.message,
            p.file,
            p.line,
            level="warning" if p.severity == "warning" else "error",
        )
        for p in problems
    ]
    log = sarif_log(Tool(TOOL, version), RULES, results, properties)
    return json_safe(json.dumps(log, ensure_ascii=False, indent=2))
