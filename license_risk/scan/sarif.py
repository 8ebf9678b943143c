"""The scan as SARIF 2.1.0, so that code-scanning views show each model on the line that names it.

Written with the project's one SARIF writer (`license_risk.sarif`); this module only maps the scan
to its rules and results. One result per place a model is named. The rule says what was concluded:
`license/<id>` for an assessed model (the license whose rating decided it), `model-not-in-catalog`,
`license-not-held` and `model-found` (no answers file: found, not assessed). The level follows
the decision: denied error, needs review warning, allowed or not assessed note. Skipped files are
tool execution notifications of the run's invocation, each with its file. Paths are relative to the
scanned folder (the base SRCROOT).
"""

from __future__ import annotations

from typing import Any

from license_risk import __version__
from license_risk.i18n import N_, translator
from license_risk.sarif import Level, Notification, Result, Rule, Tool, sarif_log
from license_risk.scan.found import Hit, ScanResult
from license_risk.scan.report import DECISIONS, built_text, citation, rating_word, reason_text, skip_text
from license_risk.scan.verdicts import ModelVerdict

TOOL = "open-model-license-risk"
LEVELS: dict[str | None, Level] = {"denied": "error", "review": "warning", "allowed": "note", None: "note"}
RULE_TEXT = {
    "model-not-in-catalog": N_("A model the catalog does not hold: its license cannot be assessed by this tool."),
    "license-not-held": N_("A catalog model whose license text is not held: it cannot be assessed by this tool."),
    "model-found": N_("A model the repository uses (not assessed: no answers file was given)."),
}
RULE_NAMES = {"model-not-in-catalog": "ModelNotInCatalog", "license-not-held": "LicenseNotHeld", "model-found": "ModelFound"}
RULE_LEVELS: dict[str, Level] = {"model-not-in-catalog": "warning", "license-not-held": "warning", "model-found": "note"}


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
    rules: dict[str, Rule] = {}
    results = []
    for m in models:
        rule = rule_of(m)
        if rule not in rules:
            rules[rule] = _rule(rule, m, lang)
        message = _message(m, lang)
        for hit in m.hits:
            properties = {"model": m.key, "text": hit.text, "source": hit.source, "decision": m.decision}
            if m.card is not None:
                properties["asBuiltFrom"] = m.card.path
            results.append(_result(rule, hit, LEVELS[m.decision], message, properties))
    notifications = [Notification(f"{s.path}: {skip_text(s, lang)}", s.path.rstrip("/") or ".") for s in result.skipped]
    return sarif_log(
        Tool(TOOL, __version__),
        list(rules.values()),
        results,
        notifications=notifications,
        uri_base=_("The scanned folder."),
    )


def _rule(rule: str, m: ModelVerdict, lang: str) -> Rule:
    _ = translator(lang)
    if rule.startswith("license/"):
        license_id = rule.removeprefix("license/")
        profile = next(r.license for r in m.results if r.id == license_id)
        name = "License" + "".join(part.capitalize() for part in license_id.replace(".", "-").split("-"))
        return Rule(rule, name, f"{profile.model.name} ({profile.model.id})", level="warning")
    return Rule(rule, RULE_NAMES[rule], _(RULE_TEXT[rule]), level=RULE_LEVELS[rule])


def _result(rule: str, hit: Hit, level: Level, message: str, properties: dict[str, Any]) -> Result:
    if hit.line:
        return Result(rule, message, hit.path, hit.line, hit.column, level, hit.column + len(hit.text), properties)
    # a weights file's header: the whole file, from its first line
    return Result(rule, message, hit.path, 1, None, level, None, properties)


def _message(m: ModelVerdict, lang: str) -> str:
    _ = translator(lang)
    text = m.name + (f" ({', '.join(m.licenses)})" if m.licenses else "")
    built = built_text(m, lang)
    if built:
        text += ", " + built
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
