"""The scan's findings in words: the text report and the JSON document, in English or Japanese."""

from __future__ import annotations

from typing import Any

from license_risk.i18n import ENGLISH, N_, translator
from license_risk.i18n.labels import SEVERITY
from license_risk.lineage.reach import describe, reach
from license_risk.scan.found import Hit, ScanResult, Skipped
from license_risk.scan.tree import MAX_TEXT
from license_risk.scan.verdicts import ModelVerdict, exit_code

SOURCES = {
    "python": N_("Python"),
    "config": N_("config file"),
    "modelfile": N_("Ollama Modelfile"),
    "compose": N_("docker-compose file"),
    "card": N_("model card"),
    "gguf": N_("GGUF metadata"),
    "safetensors": N_("safetensors header"),
    "text": N_("text"),
}
SKIP_REASONS = {
    "binary": N_("binary file (a NUL byte in its first 8 KB)"),
    "too_large": N_("larger than {limit} MB and not a GGUF or safetensors file ({detail})"),
    "unreadable": N_("cannot be read: {detail}"),
    "symlink_loop": N_("symbolic link loop"),
    "broken_symlink": N_("symbolic link to nothing"),
    "symlink_dir": N_("symbolic link to a folder, not followed ({detail})"),
    "not_regular": N_("not a regular file (a pipe, socket or device)"),
    "corrupt_gguf": N_("GGUF metadata cannot be read: {detail}"),
    "corrupt_safetensors": N_("safetensors header cannot be read: {detail}"),
    "vendored": N_("version-control or vendored folder, not scanned"),
}
HOW = {
    "variant": N_("a variant of a catalog id"),
    "re-upload": N_("a quantized re-upload of a catalog model"),
    "contains": N_("matched by name"),
}
DECISIONS = {"allowed": N_("allowed"), "denied": N_("denied"), "review": N_("needs review")}


def skip_text(s: Skipped, lang: str) -> str:
    _ = translator(lang)
    return _(SKIP_REASONS.get(s.reason, s.reason)).format(detail=s.detail, limit=MAX_TEXT >> 20)


def where(hit: Hit) -> str:
    return f"{hit.path}:{hit.line}:{hit.column}" if hit.line else hit.path


def built_text(m: ModelVerdict, lang: str) -> str:
    """How a card's model was built, in the words `assess --card` uses for routes: 'as built, from its model card
    model/README.md: by weights (fine-tune of meta-llama/Llama-3.1-8B)'; empty for any other model."""
    if m.card is None or m.card.lineage is None:
        return ""
    _ = translator(lang)
    lineage = m.card.lineage
    routes = "; ".join(dict.fromkeys(describe(reach(lineage, c), lang) for c in lineage.components))
    return _("as built, from its model card {path}: {routes}").format(path=m.card.path, routes=routes)


def reason_text(m: ModelVerdict, lang: str) -> str:
    """Why the model was decided so: one sentence, and one for each card naming it whose lineage cannot be used."""
    return " ".join(reasons(m, lang))


def reasons(m: ModelVerdict, lang: str) -> list[str]:
    """The sentences of `reason_text`, each on its own line in the text report."""
    _ = translator(lang)
    unread = [
        _(
            "{path}: the lineage of this model card cannot be used ({problem}); "
            "its base models are assessed as the catalog models they name."
        ).format(path=c.path, problem=c.problem)
        for c in m.unread_cards
    ]
    return [why for why in [_decision_reason(m, lang), *unread] if why]


def _decision_reason(m: ModelVerdict, lang: str) -> str:
    _ = translator(lang)
    if m.reason == "not_in_catalog":
        return _("Not in this tool's model catalog: its license cannot be assessed here; check it by hand.")
    if m.reason == "not_held":
        not_held = m.hits[0].match.not_held or "?"
        return _("In the catalog, but its license ({license}) is not held: it cannot be assessed here.").format(
            license=" ".join(not_held.split())
        )
    if m.reason == "unknown_bases" and m.card is not None:
        return _("Built from {models}, whose license this tool does not know: check it by hand.").format(
            models=", ".join(m.card.unknown_bases)
        )
    open_findings = sum(len(r.undetermined) for r in m.results)
    if m.reason == "undetermined":
        return _("The answers file leaves {n} finding(s) open for its licenses: answer them to decide.").format(n=open_findings)
    if m.reason.startswith("policy:"):
        return _('Decided by the organisation policy "{name}" (see `assess --policy` for the reasons per license).').format(
            name=m.reason.removeprefix("policy:")
        )
    return ""


def rating_word(m: ModelVerdict, lang: str) -> str:
    if m.rating is None:
        return ""
    _ = translator(lang)
    return m.rating.name.upper() if lang == ENGLISH else _(SEVERITY[m.rating.name])


def citation(m: ModelVerdict) -> str:
    """The worst finding and the clauses it rests on: 'Title (Llama 3.1 Community License §1.b)'."""
    f = m.worst
    if f is None:
        return ""
    cited = "; ".join(dict.fromkeys(f"{c.profile.model.name} §{c.clause.section}" for c in f.clauses))
    return f"{' '.join(f.finding.title.split())} ({cited})" if cited else " ".join(f.finding.title.split())


def scan_text(result: ScanResult, models: list[ModelVerdict], lang: str) -> str:
    """The human report: each model with where it is named, then its rating and decision, then the skipped files."""
    _ = translator(lang)
    lines = [
        _("Scanned {root}: {files} file(s) read, {skipped} skipped; {models} model(s) named in {hits} place(s).").format(
            root=result.root, files=result.files_read, skipped=len(result.skipped), models=len(models), hits=len(result.hits)
        )
    ]
    for m in models:
        lines.append("")
        licenses = ", ".join(m.licenses)
        title = f"{m.name} ({licenses})" if licenses else m.name
        if m.status == "not_in_catalog":
            title += " — " + _("not in the catalog")
        elif m.status == "not_held":
            title += " — " + _("license text not held")
        lines.append(title)
        built = built_text(m, lang)
        if built:
            lines.append("  " + built[:1].upper() + built[1:])
            lines += [f"  {note}" for note in m.card.notes] if m.card is not None else []
        for hit in m.hits:
            how = f" [{_(HOW[hit.match.how])}]" if hit.match.how in HOW and hit.match.model else ""
            detail = f" ({hit.detail})" if hit.detail else ""
            lines.append(f"  {where(hit)}  {_(SOURCES[hit.source])}: {hit.text}{how}{detail}")
        if m.decision is not None:
            decision = _(DECISIONS[m.decision])
            if m.rating is not None:
                lines.append(
                    "  " + _("Rating: {rating}; decision: {decision}").format(rating=rating_word(m, lang), decision=decision)
                )
            else:
                lines.append("  " + _("Decision: {decision}").format(decision=decision))
            if m.worst is not None:
                lines.append("  " + _("Worst finding: {citation}").format(citation=citation(m)))
        lines += ["  " + why for why in reasons(m, lang)]  # also without answers: a card whose lineage cannot be used
    if result.skipped:
        lines += ["", _("Not scanned ({n}):").format(n=len(result.skipped))]
        lines += [f"  {s.path}: {skip_text(s, lang)}" for s in result.skipped]
    if not models:
        lines += ["", _("No model named in this tree.")]
    return "\n".join(lines) + "\n"


def scan_data(result: ScanResult, models: list[ModelVerdict], lang: str) -> dict[str, Any]:
    """The JSON document: every model with its hits, rating and decision; every skipped file with its reason."""
    return {
        "root": result.root,
        "files_read": result.files_read,
        "exit_code": exit_code(models) if any(m.decision for m in models) else 0,
        "models": [
            {
                "model": m.key if m.status in ("in_catalog", "not_held") else None,
                "name": m.name,
                "status": m.status,
                "as_built": (
                    {
                        "card": m.card.path,
                        "model_name": m.card.model_name,
                        "text": built_text(m, lang),
                        "notes": list(m.card.notes),
                    }
                    if m.card is not None
                    else None
                ),
                "licenses": list(m.licenses),
                "rating": m.rating.name if m.rating is not None else None,
                "decision": m.decision,
                "reason": reason_text(m, lang) or None,
                "worst_finding": (
                    {
                        "license": m.worst.license,
                        "finding": m.worst.finding.id,
                        "title": m.worst.finding.title,
                        "severity": m.worst.severity.name,
                        "clauses": [c.ref for c in m.worst.clauses],
                        "citation": citation(m),
                    }
                    if m.worst is not None
                    else None
                ),
                "licenses_rated": {r.id: r.rating.name for r in m.results},
                "hits": [
                    {
                        "path": h.path,
                        "line": h.line or None,
                        "column": h.column or None,
                        "text": h.text,
                        "source": h.source,
                        "how": h.match.how,
                        "detail": h.detail,
                    }
                    for h in m.hits
                ],
            }
            for m in models
        ],
        "skipped": [
            {"path": s.path, "reason": s.reason, "detail": s.detail, "message": skip_text(s, lang)} for s in result.skipped
        ],
    }
