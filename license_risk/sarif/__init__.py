"""SARIF 2.1.0 logs, for code scanning in CI: `validate --format sarif` writes one, and any verb that reports
problems in files can (a scan of a repository, say).

Owns the shape of the log: one run, its tool (`tool.driver`: name, version, rules) and its results,
each located by a URI relative to the repository root (or to a named base, `uri_base`: a scanned
folder) and a region (line, column, end column), with optional properties; and the run's tool
execution notifications (`Notification`: a file the tool did not read, say). The caller maps its own
problems to `Rule` and `Result`; `sarif_log` checks that each result's rule is declared and builds
the log as plain data for `json.dumps`. A bottom layer: imports nothing from the project.

The official schema (OASIS SARIF 2.1.0, errata 01) is in tests/fixtures/sarif-schema-2.1.0.json;
tests/sarif/ validates what this module writes against it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import quote

SCHEMA: Final = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
VERSION: Final = "2.1.0"

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Rule:
    """A kind of problem the tool reports: `id` is stable (code scanning tracks results by it)."""

    id: str
    name: str  # PascalCase, as SARIF viewers show it
    description: str  # one sentence
    level: Level = "error"  # the level of its results unless a result says otherwise
    help_uri: str | None = None


@dataclass(frozen=True)
class Result:
    """One problem: its rule, what is wrong, and where (a path relative to the repository root, with `/`)."""

    rule_id: str
    message: str
    path: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    level: Level | None = None  # the rule's level when None
    end_column: int | None = None  # 1-based, after the last character (with `column`)
    properties: dict[str, Any] | None = None  # the caller's own facts about the result, as SARIF's property bag


@dataclass(frozen=True)
class Notification:
    """Something the tool says about its run, not a problem in the code: a file it did not read, and why."""

    message: str
    path: str | None = None
    level: Level = "note"


@dataclass(frozen=True)
class Tool:
    name: str
    version: str
    information_uri: str | None = None


URI_BASE_ID: Final = "SRCROOT"


def sarif_log(
    tool: Tool,
    rules: Sequence[Rule],
    results: Sequence[Result],
    properties: dict[str, Any] | None = None,
    *,
    notifications: Sequence[Notification] | None = None,
    uri_base: str | None = None,
) -> dict[str, Any]:
    """The SARIF log of one run, as plain data. ValueError if a result names a rule not in `rules`, or two rules share an id.

    notifications: given (even empty), the run has one invocation that lists them.
    uri_base: what the paths are relative to, in words (e.g. "The scanned folder."): every location is
    then relative to the base SRCROOT, which code scanning sets to the checkout.
    """
    index = {rule.id: i for i, rule in enumerate(rules)}
    base = URI_BASE_ID if uri_base else None
    if len(index) != len(rules):
        raise ValueError("two SARIF rules share an id")
    driver: dict[str, Any] = {
        "name": tool.name,
        "version": tool.version,
        "rules": [_rule(rule) for rule in rules],
    }
    if tool.information_uri:
        driver["informationUri"] = tool.information_uri
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",  # columns count characters, as Python's str does
        "results": [_result(result, rules, index, base) for result in results],
    }
    if uri_base:
        run["originalUriBaseIds"] = {URI_BASE_ID: {"description": {"text": uri_base}}}
    if notifications is not None:
        run["invocations"] = [
            {"executionSuccessful": True, "toolExecutionNotifications": [_notification(n, base) for n in notifications]}
        ]
    if properties:
        run["properties"] = properties
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def _rule(rule: Rule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.description},
        "defaultConfiguration": {"level": rule.level},
    }
    if rule.help_uri:
        data["helpUri"] = rule.help_uri
    return data


def _artifact(path: str, base: str | None) -> dict[str, Any]:
    location = {"uri": artifact_uri(path)}
    if base:
        location["uriBaseId"] = base
    return location


def _notification(n: Notification, base: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"level": n.level, "message": {"text": n.message}}
    if n.path:
        data["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(n.path, base)}}]
    return data


def _result(result: Result, rules: Sequence[Rule], index: dict[str, int], base: str | None) -> dict[str, Any]:
    if result.rule_id not in index:
        raise ValueError(f"the SARIF result names an undeclared rule {result.rule_id!r}")
    i = index[result.rule_id]
    data: dict[str, Any] = {
        "ruleId": result.rule_id,
        "ruleIndex": i,
        "level": result.level or rules[i].level,
        "message": {"text": result.message},
    }
    if result.path:
        physical: dict[str, Any] = {"artifactLocation": _artifact(result.path, base)}
        if result.line:
            region: dict[str, int] = {"startLine": result.line}
            if result.column:
                region["startColumn"] = result.column
                if result.end_column:
                    region["endColumn"] = result.end_column
            physical["region"] = region
        data["locations"] = [{"physicalLocation": physical}]
    if result.properties:
        data["properties"] = result.properties
    return data


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference: `/` between folders, and spaces, `#`, `%` and non-ASCII percent-encoded.

    A name that is not UTF-8 (Python holds its bytes as surrogates) keeps its bytes, percent-encoded."""
    return quote(path.replace("\\", "/"), safe="/", errors="surrogateescape")
