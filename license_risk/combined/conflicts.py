"""Conflicts between the licenses that reach a model, and between a license and the plan.

Four kinds, each claimed only where the texts support it and marked for legal review where they
are unclear:
- naming: two licenses each require their own name at the beginning of the derived model's name;
- noncommercial-data: a NonCommercial dataset in a model the company will use commercially;
- rail-use-restrictions: a RAIL license's use restrictions, which must be in any agreement for
  Derivatives, against releasing the derived model under a license that carries none (Apache-2.0);
- copyleft-training: GPL-family training code or data against releasing the model under other
  terms; rests on a contested reading, so always for legal review.
Each side names its license, clause (quoted from the profile) and components, or the plan's answers.
The words are in the catalog's language (`catalog.lang`); the quotes stay in the official English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from license_risk.combined.checklist import is_duty
from license_risk.combined.cited import (
    PlanFact,
    QuotedClause,
    Source,
    intake_fact,
    intake_value,
    quoted,
    quoted_cited,
    sources_by_license,
)
from license_risk.content.catalog import Catalog, Profile
from license_risk.content.model import OpenQuestion, Severity
from license_risk.i18n import ENGLISH, translator
from license_risk.lineage.model import Lineage
from scoring.rating import Assessment, FindingResult, LicenseResult

ConflictKind = Literal["naming", "noncommercial-data", "rail-use-restrictions", "copyleft-training"]

# The licenses each check reads, with the clause each side quotes. Named here, not guessed from
# the texts, because the checks' explanations are written for exactly these clauses.
NONCOMMERCIAL = {"cc-by-nc-4.0": "grant"}  # 2(a)(1): "for NonCommercial purposes only"
RAIL = {  # the condition the texts call 4.a: use restrictions in any agreement for Derivatives
    "bigscience-openrail-m": "restrictions-in-agreements",
    "bigscience-bloom-rail-1.0": "restrictions-in-agreements",
    "creativeml-openrail-m": "restrictions-in-agreements",
    "creativeml-openrailpp-m": "restrictions-in-agreements",
}
COPYLEFT = {  # 5(c) / 2(b) / 2(c): license the whole work under this License
    "gpl-2.0": "whole-work-license",
    "gpl-3.0": "whole-work-license",
    "agpl-3.0": "whole-work-license",
    "lgpl-2.1": "whole-work-license",
}
# LGPL-2.1 section 3 lets a licensee "apply the terms of the ordinary GNU General Public License
# instead": a release under the GPL meets it.
_COPYLEFT_RELEASES = {"lgpl-2.1": ("lgpl-2.1", "gpl-2.0", "gpl-3.0")}
_GRANT_CLAUSES = ("copyright-grant", "grant", "irrevocable-grant")  # a release license's grant, by its profile's id

# "include “Llama” at the beginning of", "add "glm-4" to the beginning of": the required prefix.
_PREFIX = re.compile(r'[“"]([^”"]+)[”"]\s+(?:at|to) the beginning of')


@dataclass(frozen=True)
class ConflictSide:
    """One side of a conflict: a license's clause and the components that bring it, or the plan."""

    requires: str  # what this side requires or plans, in business words
    license: str | None = None  # None: the plan's side
    license_name: str | None = None
    clause: QuotedClause | None = None
    sources: tuple[Source, ...] = ()
    plan: tuple[PlanFact, ...] = ()  # the answers (or the release license given) this side rests on


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    title: str
    sides: tuple[ConflictSide, ConflictSide]
    explanation: str  # in business language
    action: str
    needs_legal_review: bool
    open_questions: tuple[str, ...]  # why it needs review, in the content's words
    findings: tuple[str, ...] = ()  # license#finding the engine fired that the conflict rests on


@dataclass(frozen=True)
class NamingRule:
    """A license's rule on the derived model's name, as its clause words it."""

    license: str
    license_name: str
    clause: QuotedClause
    prefix: str | None  # the words required at the beginning; None: the clause asks only for a mention
    findings: tuple[FindingResult, ...]

    @property
    def requires(self) -> str:
        return self.requires_in(ENGLISH)

    def requires_in(self, lang: str) -> str:
        _ = translator(lang)
        if self.prefix is None:
            return _("The derived model's name must mention {license} (no position is set).").format(license=self.license_name)
        return _("The derived model's name must begin with “{prefix}”.").format(prefix=self.prefix)


@dataclass(frozen=True)
class NamingPair:
    """Two naming rules and whether one name can meet both."""

    first: NamingRule
    second: NamingRule
    compatible: bool
    reason: str


def required_prefix(quote: str) -> str | None:
    match = _PREFIX.search(" ".join(quote.split()))
    return match.group(1) if match else None


def naming_rules(assessment: Assessment) -> list[NamingRule]:
    """The naming rules that apply to the plan: one per license whose naming duty fired."""
    rules = []
    for result in assessment.results:
        fired = tuple(fr for fr in result.findings if fr.finding.kind == "naming" and is_duty(fr))
        if not fired:
            continue
        cited = [quoted_cited(c) for fr in fired for c in fr.clauses if c.profile.model.id == result.id]
        with_prefix = next((c for c in cited if required_prefix(c.quote)), None)
        clause = with_prefix or (cited[0] if cited else quoted_cited(fired[0].clauses[0]))
        prefix = required_prefix(clause.quote)
        rules.append(NamingRule(result.id, result.license.model.name, clause, prefix, fired))
    return rules


def naming_pairs(rules: list[NamingRule], lang: str = ENGLISH) -> list[NamingPair]:
    _ = translator(lang)
    out = []
    for a, b in combinations(rules, 2):
        if a.prefix is None or b.prefix is None:
            # A mention can follow any prefix: "Llama-3.1-Acme (built on X)" meets both.
            reason = _("Only one of the rules fixes where its name goes; the other's mention can come later in the same name.")
            out.append(NamingPair(a, b, True, reason))
            continue
        longer, shorter = (a.prefix, b.prefix) if len(a.prefix) >= len(b.prefix) else (b.prefix, a.prefix)
        if longer.casefold().startswith(shorter.casefold()):
            reason = _("A name beginning with “{longer}” also begins with “{shorter}”: one name meets both.").format(
                longer=longer, shorter=shorter
            )
            out.append(NamingPair(a, b, True, reason))
        else:
            reason = _("A name can begin with “{first}” or with “{second}”, not with both.").format(
                first=a.prefix, second=b.prefix
            )
            out.append(NamingPair(a, b, False, reason))
    return out


def conflicts(
    catalog: Catalog, assessment: Assessment, lineage: Lineage | None, *, release_license: str | None = None
) -> list[Conflict]:
    """Every conflict the texts support, for these answers and this lineage.

    `release_license` is the license the company plans to release the derived model under (a
    profile id such as "apache-2.0"); the intake does not ask it yet.
    """
    sources = sources_by_license(lineage)
    out: list[Conflict] = []
    out += _naming(catalog, assessment, sources)
    out += _noncommercial(catalog, assessment, sources)
    out += _rail(catalog, assessment, sources, release_license)
    out += _copyleft(catalog, assessment, sources, release_license)
    return out


# ------------------------------------------------------------------ naming


def _naming(catalog: Catalog, assessment: Assessment, sources: dict[str, tuple[Source, ...]]) -> list[Conflict]:
    lang = catalog.lang
    _ = translator(lang)
    name = intake_fact(catalog, assessment, "derived_model_name")
    out = []
    for pair in naming_pairs(naming_rules(assessment), lang):
        if pair.compatible:
            continue
        a, b = pair.first, pair.second
        sides = (_naming_side(a, sources, lang), _naming_side(b, sources, lang))
        planned = _(" The planned name is “{name}”.").format(name=name.answer) if name is not None else ""
        explanation = _(
            "{first_clause} requires “{first}” at the beginning of the name of a model made with it, and "
            "{second_clause} requires “{second}” at the beginning. {reason}{planned} So, as the texts "
            "are written, no name for the model meets both rules."
        ).format(
            first_clause=a.clause.reference_in(lang),
            first=a.prefix,
            second_clause=b.clause.reference_in(lang),
            second=b.prefix,
            reason=pair.reason,
            planned=planned,
        )
        out.append(
            Conflict(
                kind="naming",
                title=_("{first} and {second} each require their own name at the beginning of the model's name").format(
                    first=a.license_name, second=b.license_name
                ),
                sides=sides,
                explanation=explanation,
                action=_(
                    "Have counsel decide before release: ask the licensors which name they accept, or do not make "
                    "available a model built with both."
                ),
                needs_legal_review=True,
                open_questions=(
                    _(
                        "Neither text says how its rule applies when another license also claims the beginning of the "
                        "name; whether a name with one prefix directly after the other would be accepted is not addressed."
                    ),
                    *_questions(fr for rule in (a, b) for fr in rule.findings),
                ),
                findings=_refs(fr for rule in (a, b) for fr in rule.findings),
            )
        )
    return out


def _naming_side(rule: NamingRule, sources: dict[str, tuple[Source, ...]], lang: str) -> ConflictSide:
    return ConflictSide(rule.requires_in(lang), rule.license, rule.license_name, rule.clause, sources.get(rule.license, ()))


# ------------------------------------------------------------------ noncommercial data


def _noncommercial(catalog: Catalog, assessment: Assessment, sources: dict[str, tuple[Source, ...]]) -> list[Conflict]:
    _ = translator(catalog.lang)
    commercial = intake_fact(catalog, assessment, "commercial_use")
    if intake_value(assessment, "commercial_use") is not True or commercial is None:
        return []
    out = []
    for license_id, clause_id in NONCOMMERCIAL.items():
        result = _result(assessment, license_id)
        profile = catalog.profiles.get(license_id)
        if profile is None or clause_id not in profile.clauses:
            continue
        datasets = tuple(s for s in sources.get(license_id, ()) if s.route == "dataset")
        # The tree's finding: an unlicensed-use finding resting on the NonCommercial grant that fired for the plan.
        fired = tuple(
            fr
            for fr in (result.findings if result else [])
            if fr.finding.kind == "unlicensed-use"
            and fr.finding.exposure in ("done", "planned", "likely", "possible")
            and any(c.clause.id == clause_id for c in fr.clauses)
        )
        if not datasets and not fired:
            continue
        certain = bool(datasets) or any(fr.finding.exposure != "possible" for fr in fired)
        clause = quoted(profile, clause_id)
        questions = _questions(fired) or _tree_questions(catalog, license_id, clause_id)
        in_model = (
            _("Training data under {license} is in the model").format(license=profile.model.name)
            if certain
            else _("Training data under {license} may be in the model").format(license=profile.model.name)
        )
        # “for NonCommercial purposes only” is the grant's own words: it stays in English in every language.
        explanation = _(
            "{in_model}, and you answered that the model, its outputs or what you build with them will be used "
            "commercially. {clause} grants the rights “for NonCommercial purposes only”, so copying that data to build "
            "a commercial model is not licensed, unless a copyright exception (text and data mining, fair use) covers "
            "the training: that depends on national law."
        ).format(in_model=in_model, clause=clause.reference_in(catalog.lang))
        out.append(
            Conflict(
                kind="noncommercial-data",
                title=_("{license} training data in a model used commercially").format(license=profile.model.name),
                sides=(
                    ConflictSide(
                        _("The material may be used for NonCommercial purposes only."),
                        license_id,
                        profile.model.name,
                        clause,
                        sources.get(license_id, ()),
                    ),
                    ConflictSide(_("Commercial use of the model, its outputs or what is built with them."), plan=(commercial,)),
                ),
                explanation=explanation,
                action=_(
                    "Remove that data from the training set of any commercial model (and retrain), or obtain a "
                    "commercial license from the licensor; rely on an exception only on counsel's advice."
                ),
                needs_legal_review=bool(questions),
                open_questions=questions,
                findings=_refs(fired),
            )
        )
    return out


# ------------------------------------------------------------------ RAIL use restrictions


def _rail(
    catalog: Catalog,
    assessment: Assessment,
    sources: dict[str, tuple[Source, ...]],
    release_license: str | None,
) -> list[Conflict]:
    _ = translator(catalog.lang)
    release = catalog.profiles.get(release_license or "")
    openness = release.model.open_source if release is not None else None
    # Only a release license that meets the Open Source Definition is known to carry no use
    # restrictions (OSD 6: no discrimination against fields of endeavor); of any other we claim nothing.
    if release is None or openness is None or not openness.osd_compliant or release.model.id in RAIL:
        return []
    out = []
    for license_id, clause_id in RAIL.items():
        result = _result(assessment, license_id)
        profile = catalog.profiles.get(license_id)
        if profile is None or clause_id not in profile.clauses:
            continue
        # Is the derived model a Derivative? The lineage's routes decide where the license is in it:
        # its weights (modified or not, 4.a covers "the Model or Derivatives") settle it; outputs that
        # trained the model make it one only "in order to cause the other model to perform similarly",
        # which the engine's output-derivative finding settles or leaves open; evaluation, never.
        # Without the license in a lineage, the engine's findings alone decide.
        findings = result.findings if result else []
        fired = tuple(
            fr
            for fr in findings
            if fr.finding.kind in ("derivative-terms", "output-derivative", "pass-on-restrictions")
            and fr.severity > Severity.info
        )
        reached = sources.get(license_id, ())
        if reached:
            by_weights = any(s.route == "weights" for s in reached)
            by_outputs = any(s.route == "outputs" and s.trains_on_outputs for s in reached)
            if not by_weights and not by_outputs:
                continue
            fired = tuple(fr for fr in fired if by_weights or fr.finding.kind == "output-derivative")
            settled = by_weights or any(fr.finding.exposure == "planned" for fr in fired)
        else:
            if not fired:
                continue
            settled = any(fr.finding.exposure in ("planned", "triggered", "unmet", "met") for fr in fired)
        clause = quoted(profile, clause_id)
        grant = _grant(release)
        questions = () if settled else (_questions(fired) or _tree_questions(catalog, license_id, "definition-derivatives"))
        built = (
            _("The model is built from a model under the {license}").format(license=profile.model.name)
            if settled
            else _("The model is built from a model under the {license} (whether it counts as a Derivative is unsettled)").format(
                license=profile.model.name
            )
        )
        # “included as an enforceable provision” is 4.a's own words: it stays in English in every language.
        explanation = _(
            "{built}. {clause} requires its use restrictions (paragraph 5 and Attachment A) to be “included as an "
            "enforceable provision” in any agreement governing the use or distribution of Derivatives, and recipients "
            "to be told of them. {release} carries no use restrictions (it meets the Open Source Definition, which "
            "allows none), so a release under {release} alone would breach that condition. Adding the restrictions as "
            "further terms would meet it, but the release would then no longer be a plain {release} release and could "
            "not be described as unrestricted or open source."
        ).format(built=built, clause=clause.reference_in(catalog.lang), release=release.model.name)
        release_fact = PlanFact(
            "release_license", _("The license you plan to release the derived model under"), release.model.name
        )
        out.append(
            Conflict(
                kind="rail-use-restrictions",
                title=_("{license} use restrictions against a release under {release}").format(
                    license=profile.model.name, release=release.model.name
                ),
                sides=(
                    ConflictSide(
                        _("Every agreement for the derived model must carry the use restrictions."),
                        license_id,
                        profile.model.name,
                        clause,
                        sources.get(license_id, ()),
                    ),
                    ConflictSide(
                        _("Release of the derived model under {release}, which restricts no use.").format(
                            release=release.model.name
                        ),
                        release.model.id,
                        release.model.name,
                        grant,
                        plan=(release_fact,),
                    ),
                ),
                explanation=explanation,
                action=_(
                    "Release the derived model under the {license} (or terms that include its use restrictions as an "
                    "enforceable provision) instead of {release} alone, and describe it accordingly."
                ).format(license=profile.model.name, release=release.model.name),
                needs_legal_review=not settled,
                open_questions=questions,
                findings=_refs(fired),
            )
        )
    return out


# ------------------------------------------------------------------ copyleft training code or data


def _copyleft(
    catalog: Catalog,
    assessment: Assessment,
    sources: dict[str, tuple[Source, ...]],
    release_license: str | None,
) -> list[Conflict]:
    _ = translator(catalog.lang)
    out = []
    for license_id, clause_id in COPYLEFT.items():
        result = _result(assessment, license_id)
        profile = catalog.profiles.get(license_id)
        if profile is None or clause_id not in profile.clauses:
            continue
        trained_on = tuple(s for s in sources.get(license_id, ()) if s.route in ("code", "dataset"))
        # The engine's own claim: a copyleft-reach finding resting on the contested propagation reading
        # (the tree's open question on the whole-work clause) that says the model goes out under other terms.
        propagation = {q.id for q in _tree_open_questions(catalog, license_id, clause_id)}
        claimed = tuple(
            fr
            for fr in (result.findings if result else [])
            if fr.finding.kind == "copyleft-reach"
            and fr.finding.exposure in ("planned", "likely", "possible")
            and any(q.id in propagation for q in fr.open_questions)
        )
        released = release_license is not None and release_license not in _COPYLEFT_RELEASES.get(license_id, (license_id,))
        if not (trained_on and released) and not claimed:
            continue
        clause = quoted(profile, clause_id)
        if released:
            release = catalog.profiles.get(release_license or "")
            release_name = release.model.name if release is not None else release_license
            fact = PlanFact("release_license", _("The license you plan to release the model under"), str(release_name))
            other = ConflictSide(
                _("Release of the model under {release}.").format(release=release_name),
                release.model.id if release is not None else None,
                release.model.name if release is not None else None,
                _grant(release) if release is not None else None,
                plan=(fact,),
            )
            release_words = _("a release under {release}").format(release=release_name)
        else:
            facts = tuple(
                PlanFact(b.question.id, " ".join(b.question.text.split()), b.answer_text) for fr in claimed for b in fr.because
            )
            other = ConflictSide(_("Release of the model under other terms than the copyleft license."), plan=facts)
            release_words = _("a release under other terms")
        questions = _questions(claimed) or _tree_questions(catalog, license_id, clause_id)
        explanation = _(
            "The model is trained on code or data under {license}. It is claimed, and not settled, that a model "
            "trained on such material is a work based on it; if that holds, {clause} requires the whole work to be "
            "licensed under {license} when it is given out (“{quote}”), and {release} would breach it. "
            "No court decision on this is cited in or known from the texts."
        ).format(license=profile.model.name, clause=clause.reference_in(catalog.lang), quote=clause.quote, release=release_words)
        out.append(
            Conflict(
                kind="copyleft-training",
                title=_("{license} training material against {release}").format(
                    license=profile.model.name, release=release_words
                ),
                sides=(
                    ConflictSide(
                        _(
                            "A work based on the material must be licensed as a whole under {license} (if the model is one)."
                        ).format(license=profile.model.name),
                        license_id,
                        profile.model.name,
                        clause,
                        sources.get(license_id, ()),
                    ),
                    other,
                ),
                explanation=explanation,
                action=_(
                    "Have counsel assess the claim before release. The safest options are to retrain without that "
                    "material (filtered by license) or to release the model under {license} with its source."
                ).format(license=profile.model.name),
                needs_legal_review=True,
                open_questions=questions,
                findings=_refs(claimed),
            )
        )
    return out


# ------------------------------------------------------------------ helpers


def _result(assessment: Assessment, license_id: str) -> LicenseResult | None:
    return next((r for r in assessment.results if r.id == license_id), None)


def _grant(profile: Profile) -> QuotedClause | None:
    clause_id = next((c for c in _GRANT_CLAUSES if c in profile.clauses), None)
    return quoted(profile, clause_id) if clause_id is not None else None


def _questions(findings: Iterable[FindingResult]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(q.text.split()) for fr in findings for q in fr.open_questions))


def _tree_open_questions(catalog: Catalog, license_id: str, clause_id: str) -> list[OpenQuestion]:
    tree = catalog.trees.get(license_id)
    if tree is None:
        return []
    refs = {clause_id, f"{license_id}#{clause_id}"}
    return [q for q in tree.model.open_questions if refs & set(q.clauses)]


def _tree_questions(catalog: Catalog, license_id: str, clause_id: str) -> tuple[str, ...]:
    """The tree's open questions on a clause, when no fired finding brought them."""
    return tuple(" ".join(q.text.split()) for q in _tree_open_questions(catalog, license_id, clause_id))


def _refs(findings: Iterable[FindingResult]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f"{fr.license}#{fr.finding.id}" for fr in findings))
