"""Assess each model a scan found with the organisation's saved answers, and decide on it.

One `ModelVerdict` per model: a catalog model (all its hits together), a hub id the catalog
lacks, or the model a model card in the tree describes (status `as_built`: its `base_model` hits,
assessed from the card's lineage with the answers it settles, as `assess --card` does; the answers
file's own licenses are ignored here as everywhere in a scan). A card whose lineage cannot be used
leaves its hits with the catalog models they name, and the verdict says why (`unread_cards`). `decide` is the one place a decision is made from a rating threshold; with a policy file
(issue #18's policy part), `assess_models(..., decider=...)` takes the policy's decision for each
model instead (it gets the model's catalog id, licenses and per-license results, and returns the
verdict with `decision` and `reason` set), and nothing else here changes.

With `scan --policy`, `by_policy` is that decider: each model's licenses go through the organisation
policy (license_risk.policy) as `assess --policy` does, and the strictest license verdict decides.

Decisions and the exit codes they give (`exit_code`), the same as the policy's:
    allowed  0   assessed, and no license rated at or above the threshold (default high)
    denied   1   a license of the model is rated at or above the threshold
    review   3   cannot be decided here: not in the catalog, its license text not held, the
                 answers leave findings open for one of its licenses, or (a card's model) built
                 from a model whose license this tool does not know
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from license_risk.content.catalog import Catalog
from license_risk.content.model import Severity
from license_risk.policy import LoadedPolicy, apply_policy
from license_risk.scan.cards import Card, with_card_answers
from license_risk.scan.found import Hit, ScanResult, Status
from scoring.answers import LoadedAnswers
from scoring.rating import Assessment, FindingResult, LicenseResult, assess

Decision = Literal["allowed", "denied", "review"]
EXIT_CODES: dict[Decision, int] = {"allowed": 0, "denied": 1, "review": 3}
DEFAULT_THRESHOLD = Severity.high
# A catalog match's status, or as_built: the model a card in the tree describes, assessed from its lineage.
ModelStatus = Literal[Status, "as_built"]


@dataclass(frozen=True)
class ModelVerdict:
    """A model found in the tree, its assessment (when it could be assessed) and the decision."""

    key: str  # the catalog id, the hub id as found (casefolded) for one not in the catalog, or a card's path
    name: str
    status: ModelStatus
    hits: tuple[Hit, ...]
    licenses: tuple[str, ...] = ()
    results: tuple[LicenseResult, ...] = ()  # one per license, when assessed
    decision: Decision | None = None  # None: not assessed (no answers file)
    reason: str = ""  # why, in English (the report words it per language)
    card: Card | None = None  # as_built: the card whose lineage it was assessed from
    unread_cards: tuple[Card, ...] = ()  # cards naming it whose lineage cannot be used (the reason is theirs)

    @property
    def rating(self) -> Severity | None:
        return max((r.rating for r in self.results), default=None)

    @property
    def worst(self) -> FindingResult | None:
        """The most severe finding of any of its licenses: the one a report cites."""
        findings = [f for r in self.results for f in r.findings]
        return max(findings, key=lambda f: f.severity, default=None)


def group(result: ScanResult) -> list[ModelVerdict]:
    """The models found, each with all its hits, in the order first found (not yet assessed).

    A card's base_model hits make one model, the card's, when its lineage can be used."""
    by_key: dict[str, list[Hit]] = {}
    for hit in result.hits:
        by_key.setdefault(_key(result, hit), []).append(hit)
    out = []
    for key, hits in by_key.items():
        card = result.cards.get(hits[0].path) if hits[0].source == "card" else None
        if card is not None and card.lineage is not None and key == card.path:
            licenses = tuple(card.lineage.licenses)
            out.append(ModelVerdict(key, card.model_name, "as_built", tuple(hits), licenses, card=card))
            continue
        m = hits[0].match
        cards = (result.cards.get(h.path) for h in hits if h.source == "card")
        unread = tuple(dict.fromkeys(c for c in cards if c is not None and c.lineage is None))
        out.append(ModelVerdict(key, m.name or hits[0].text, m.status, tuple(hits), m.licenses, unread_cards=unread))
    return out


def _key(result: ScanResult, hit: Hit) -> str:
    card = result.cards.get(hit.path) if hit.source == "card" else None
    if card is not None and card.lineage is not None:
        return card.path
    return hit.match.model or hit.text.casefold()


def card_assessment(catalog: Catalog, card: Card, loaded: LoadedAnswers) -> Assessment:
    """The card's model assessed as built: the licenses that reach it by its lineage, with the answers it settles."""
    if card.lineage is None:
        raise ValueError(f"{card.path}: no lineage to assess ({card.problem})")
    return assess(catalog, [], with_card_answers(loaded.answers, card), card.lineage)


def assess_models(
    catalog: Catalog,
    result: ScanResult,
    loaded: LoadedAnswers,
    threshold: Severity = DEFAULT_THRESHOLD,
    decider: Callable[[ModelVerdict], ModelVerdict] | None = None,
) -> list[ModelVerdict]:
    """Each model found, assessed with the answers (its catalog licenses, the answers file's own ignored) and decided.

    `decider` replaces the threshold's decision: a policy's, once `scan --policy` is wired to one.
    """
    decided = decider or (lambda m: decide(m, threshold))
    out = []
    for found in group(result):
        if found.card is not None:
            assessment = card_assessment(catalog, found.card, loaded)
        elif found.status == "in_catalog":
            assessment = assess(catalog, list(found.licenses), loaded.answers, None)
        else:
            out.append(decided(found))
            continue
        licenses = tuple(r.id for r in assessment.results) if found.card is not None else found.licenses
        out.append(decided(replace(found, licenses=licenses, results=tuple(assessment.results))))
    return out


def decide(model: ModelVerdict, threshold: Severity = DEFAULT_THRESHOLD) -> ModelVerdict:
    """The decision on one model. The policy hook: with a policy, its decision replaces this one."""
    if model.status == "not_in_catalog":
        return replace(model, decision="review", reason="not_in_catalog")
    if model.status == "not_held":
        return replace(model, decision="review", reason="not_held")
    rating = model.rating
    if rating is not None and rating >= threshold:
        return replace(model, decision="denied", reason="rated")
    if model.card is not None and model.card.unknown_bases:
        return replace(model, decision="review", reason="unknown_bases")
    if any(r.undetermined for r in model.results):
        return replace(model, decision="review", reason="undetermined")
    return replace(model, decision="allowed", reason="rated")


def exit_code(models: Iterable[ModelVerdict]) -> int:
    """1 if any model is denied, else 3 if any needs review, else 0."""
    decisions = {m.decision for m in models}
    if "denied" in decisions:
        return EXIT_CODES["denied"]
    if "review" in decisions:
        return EXIT_CODES["review"]
    return EXIT_CODES["allowed"]


POLICY_DECISIONS: dict[str, Decision] = {"allow": "allowed", "deny": "denied", "review": "review"}


def by_policy(
    policy: LoadedPolicy, english: Catalog, catalog: Catalog, loaded: LoadedAnswers, today: dt.date
) -> Callable[[ModelVerdict], ModelVerdict]:
    """The organisation policy's decision on each model (for `assess_models(..., decider=)`).

    A model the catalog cannot assess (not in it, or its license text not held) still needs review:
    no rule of a policy can allow what was not read. `english` is the shipped catalog the policy's
    exceptions were fingerprinted on; `catalog` may be the localized one the report is written from."""

    def decided(model: ModelVerdict) -> ModelVerdict:
        if model.card is not None:  # as built: the policy sees the lineage's model, as with assess --card --policy
            assessment = card_assessment(catalog, model.card, loaded)
            result = apply_policy(policy, assessment, english, model=model.name, today=today)
            if result.verdict == "allow" and model.card.unknown_bases:  # no policy allows what was not read
                return replace(model, decision="review", reason="unknown_bases")
        elif model.status == "in_catalog":
            assessment = assess(catalog, list(model.licenses), loaded.answers, None)
            result = apply_policy(policy, assessment, english, model=model.key, today=today)
        else:
            return decide(model)
        return replace(model, decision=POLICY_DECISIONS[result.verdict], reason=f"policy:{result.name}")

    return decided
