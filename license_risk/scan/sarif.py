"""The scan as SARIF 2.1.0, so that code-scanning views show each model on the line that names it.

One result per place a model is named. The rule says what was concluded: `license/<id>` for an
assessed model (the license whose rating decided it), `model-not-in-catalog`,
`license-not-held` and `model-found` (no answers file: found, not assessed). The level follows
the decision: denied error, needs review warning, allowed or not assessed note. Skipped files are
tool execution notifications of the run's invocation, each with its file.

Minimal on purpose (no dependency): the CLI's shared SARIF writer can take its place when merged.
"""

from __future__ import annotations

from typing import Any

from license_risk import __version__
from license_risk.i18n import N_, translator
from license_risk.scan.found import Hit, ScanResult
from license_risk.scan.report import DECISIONS, citation, rating_word, reason_text, skip_text
from license_risk.scan.verdicts import ModelVerdict

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL = "open-model-license-risk"
LEVELS = {"denied": "error", "review": "warning", "allowed": "note", None: "note"}
RULE_TEXT = {
    "model-not-in-catalog": N_("A model the catalog does not hold: its license cannot be assessed by this tool."),
    "license-not-held": N_("A catalog model whose license text is not held: it cannot be assessed by this tool."),
    "model-found": N_("A model the repository uses (not assessed: no answers file was given)."),
}


def rule_of(m: ModelVerdict) -> str:
    if m.status == "not_in_catalog":
        return "model-not-in-catalog"
    if m.status == "not_held":
        return "license-not-held"
    if not m.results:
        return "model-found"
    decisive = max(m.results, key=lambda r: r.rating)
    return f"license/{decisive.id}"


def scan_sarif(result: ScanResult, models: list[ModelVerdict], lang: str) -> dict[str, Any]:
    _ = translator(lang)
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for m in models:
        rule = rule_of(m)
        if rule not in rules:
            if rule.startswith("license/"):
                profile = next(r.license for r in m.results if r.id == rule.removeprefix("license/"))
                text = f"{profile.model.name} ({profile.model.id})"
            else:
                text = _(RULE_TEXT[rule])
            rules[rule] = {"id": rule, "shortDescription": {"text": text}}
        message = _message(m, lang)
        for hit in m.hits:
            results.append(
                {
                    "ruleId": rule,
                    "ruleIndex": list(rules).index(rule),
                    "level": LEVELS[m.decision],
                    "message": {"text": message},
                    "locations": [_location(hit)],
                    "properties": {"model": m.key, "text": hit.text, "source": hit.source, "decision": m.decision},
                }
            )
    notifications = [
        {
            "level": "note",
            "message": {"text": f"{s.path}: {skip_text(s, lang)}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(s.path), "uriBaseId": "SRCROOT"}}}],
        }
        for s in result.skipped
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": TOOL, "version": __version__, "rules": list(rules.values())}},
                "originalUriBaseIds": {"SRCROOT": {"description": {"text": _("The scanned folder.")}}},
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                "results": results,
            }
        ],
    }


def _message(m: ModelVerdict, lang: str) -> str:
    _ = translator(lang)
    text = m.name + (f" ({', '.join(m.licenses)})" if m.licenses else "")
    if m.decision is not None and m.rating is not None:
        text += ": " + _("Rating: {rating}; decision: {decision}").format(
            rating=rating_word(m, lang), decision=_(DECISIONS[m.decision])
        )
    elif m.decision is not None:
        text += ": " + _("Decision: {decision}").format(decision=_(DECISIONS[m.decision]))
    if m.worst is not None:
        text += ". " + _("Worst finding: {citation}").format(citation=citation(m))
    why = reason_text(m, lang)
    return f"{text}. {why}" if why else text


def _location(hit: Hit) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(hit.path), "uriBaseId": "SRCROOT"}}
    if hit.line:
        physical["region"] = {"startLine": hit.line, "startColumn": hit.column, "endColumn": hit.column + len(hit.text)}
    else:  # a weights file's header: the whole file
        physical["region"] = {"startLine": 1}
    return {"physicalLocation": physical}


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.rstrip("/") or ".", errors="surrogateescape")  # a name that is not UTF-8: its bytes, percent-encoded
