"""Consecutive versions of one license compared: the findings that differ and the clauses that cause it."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass
from typing import Literal

from license_risk.content.catalog import Catalog, Profile
from license_risk.content.model import Clause, Severity
from license_risk.identify.normalize import normalize
from scoring.rating import Assessment, CitedClause, FindingResult, LicenseResult

Change = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class ClauseChange:
    """A clause in one version only, or with other words: `before` / `after` are the quotes (None: absent)."""

    ref: str  # profile#clause of the version that has it (the newer one when both do)
    section: str
    title: str
    change: Change
    before: str | None
    after: str | None
    policy: str | None = None  # the incorporated policy's name, when the clause is one of its items


@dataclass(frozen=True)
class FindingChange:
    """A finding that fires under one version only, or at another severity; `None` where it does not fire."""

    finding: str
    title: str
    before: Severity | None
    after: Severity | None
    causes: tuple[ClauseChange, ...]  # the finding's clauses that differ between the two texts


@dataclass(frozen=True)
class VersionStep:
    """One pair of consecutive versions (in date order) among those assessed."""

    older: str  # license id
    newer: str
    findings: tuple[FindingChange, ...]
    clauses: tuple[ClauseChange, ...]  # every clause that differs between the two texts, in the newer one's order


def version_steps(catalog: Catalog, assessment: Assessment) -> list[VersionStep]:
    """Every pair of consecutive versions of one license among the assessed ones, older first."""
    lines: dict[str, list[LicenseResult]] = {}
    for r in assessment.results:
        if r.license.model.version_of is not None:
            lines.setdefault(r.license.model.version_of, []).append(r)
    steps = []
    for results in lines.values():
        # validate makes every version of a line dated, and the dates distinct
        ordered = sorted(results, key=lambda r: (r.license.model.effective_date or dt.date.min, r.id))
        steps += [_step(catalog, old, new) for old, new in itertools.pairwise(ordered)]
    return steps


def _words(quote: str) -> str:
    return " ".join(quote.split())


_SEP = "\x1f"
# A Markdown ordered-list marker opening a line: one copy numbers the items of a list, another does not.
_LIST_MARKER = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]+", re.MULTILINE)


# Stands for a version's own name ("Meta Llama 3", "Llama 3.1") in the compared words.
_VERSION_NAME = "\x1e"

Names = tuple[tuple[str, ...], ...]


def _version_names(*profiles: Profile | None) -> Names:
    """The words that name each version in its own text, longest first: "meta llama 3", "llama 3", "llama3".

    Each Llama text names its own version where the others name theirs ("Meta's proprietary Llama
    3.1", ".../llama3_1/use-policy"): a sentence that differs only there has not changed. A name is
    the profile name up to its version (when the name holds it), the word before the version with it,
    and the two run together as in an address; a version not in the name (Gemma's dates) names nothing.
    """
    names: set[tuple[str, ...]] = set()
    for profile in profiles:
        if profile is None or not profile.model.version:
            continue
        name, version = normalize(profile.model.name).words, normalize(profile.model.version).words
        end = next((i + len(version) for i in range(1, len(name) - len(version) + 1) if name[i : i + len(version)] == version), 0)
        if end:
            short = name[end - len(version) - 1 : end]
            address = (short[0] + short[1], *(w for w in short[2:] if w != "."))  # "llama3_1" reads llama3 1
            names |= {name[:end], short, address}
    return tuple(sorted(names, key=len, reverse=True))


def _continued(words: tuple[str, ...], end: int) -> bool:
    """Whether a version number goes on after `end`: "3" of "3.2", or of "llama3_2" (read llama3 2)."""
    rest = words[end : end + 2]
    return bool(rest) and (rest[0].isdigit() or (rest[0] == "." and len(rest) == 2 and rest[1].isdigit()))


def _named_away(words: tuple[str, ...], names: Names) -> list[str]:
    """The words with every version name replaced by one placeholder (not "Llama 3" of "Llama 3.2")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for name in names:
            end = i + len(name)
            if words[i:end] == name and not _continued(words, end):
                out.append(_VERSION_NAME)
                i = end
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _words_of(text: str, names: Names = ()) -> str:
    """The compared words, joined so that a quote is found in a text as a run of whole words."""
    return _SEP + _SEP.join(_named_away(normalize(_LIST_MARKER.sub("", text)).words, names)) + _SEP


@functools.lru_cache(maxsize=64)
def _text_words(text: str, names: Names) -> str:
    return _words_of(text, names)


def _in_text(catalog: Catalog, quote: str, profile: Profile | None, names: Names) -> bool:
    """Whether the quote's words stand in that version's official text (case, quote marks, markup, version names aside)."""
    text = catalog.texts.get(profile.model.text.file) if profile is not None else None
    return text is not None and _words_of(quote, names) in _text_words(text, names)


def _policies(catalog: Catalog, profile: Profile) -> list[Profile]:
    return [catalog.profiles[inc.policy] for inc in profile.model.incorporates if inc.policy in catalog.profiles]


def _counterpart(catalog: Catalog, cited: Profile, own: Profile, other: Profile) -> Profile | None:
    """The profile of the other version that plays the role `cited` plays for `own`: the license or its n-th policy."""
    if cited.model.id == own.model.id:
        return other
    mine, theirs = _policies(catalog, own), _policies(catalog, other)
    at = next((i for i, p in enumerate(mine) if p.model.id == cited.model.id), None)
    return theirs[at] if at is not None and at < len(theirs) else None


def _compare(
    catalog: Catalog, cited: Profile, clause: Clause, other: Profile | None, cited_is_newer: bool
) -> ClauseChange | None:
    """How a clause of one version differs in the other, judged on the official texts.

    Two profiles may quote one unchanged sentence to different lengths, and a clause may be
    modelled in one version only: a difference counts only if the words are not in the other text.
    """
    policy = cited.model.name if cited.model.kind == "policy" else None
    ref = f"{cited.model.id}#{clause.id}"
    counterpart = other.clauses.get(clause.id) if other is not None else None
    names = _version_names(cited, other)
    if _in_text(catalog, clause.quote, other, names) and (
        counterpart is None or _in_text(catalog, counterpart.quote, cited, names)
    ):
        return None
    if counterpart is None:
        change: Change = "added" if cited_is_newer else "removed"
        before, after = (None, clause.quote) if cited_is_newer else (clause.quote, None)
        return ClauseChange(
            ref, clause.section, clause.title, change, _words(before or "") or None, _words(after or "") or None, policy
        )
    older, newer = (counterpart, clause) if cited_is_newer else (clause, counterpart)
    shown = newer if cited_is_newer else clause
    return ClauseChange(ref, shown.section, shown.title, "changed", _words(older.quote), _words(newer.quote), policy)


def _clause_changes(catalog: Catalog, old: Profile, new: Profile) -> list[ClauseChange]:
    changes = []
    for own, other, is_new in ((new, old, True), (old, new, False)):
        for clause in own.clauses.values():
            change = _compare(catalog, own, clause, other, is_new)
            if change is not None and (is_new or change.change == "removed"):
                changes.append(change)
    for old_policy, new_policy in zip(_policies(catalog, old), _policies(catalog, new), strict=False):
        if old_policy.model.id != new_policy.model.id:
            changes += _clause_changes(catalog, old_policy, new_policy)
    return changes


def _causes(catalog: Catalog, fired: FindingResult | None, old: Profile, new: Profile, is_new: bool) -> list[ClauseChange]:
    if fired is None:
        return []
    own, other = (new, old) if is_new else (old, new)
    found = []
    for cited in fired.clauses:
        change = _cited_change(catalog, cited, own, other, is_new)
        if change is not None:
            found.append(change)
    return found


def _cited_change(catalog: Catalog, cited: CitedClause, own: Profile, other: Profile, is_new: bool) -> ClauseChange | None:
    counterpart = _counterpart(catalog, cited.profile, own, other)
    if counterpart is not None and counterpart.model.id == cited.profile.model.id:
        return None  # the same policy text under both versions
    return _compare(catalog, cited.profile, cited.clause, counterpart, is_new)


def _step(catalog: Catalog, old: LicenseResult, new: LicenseResult) -> VersionStep:
    before = {f.finding.id: f for f in old.findings}
    after = {f.finding.id: f for f in new.findings}
    order = [*after, *(fid for fid in before if fid not in after)]
    findings = []
    for fid in order:
        b, a = before.get(fid), after.get(fid)
        if b is not None and a is not None and b.severity == a.severity:
            continue
        causes: dict[str, ClauseChange] = {}
        for c in [*_causes(catalog, a, old.license, new.license, True), *_causes(catalog, b, old.license, new.license, False)]:
            causes.setdefault(c.ref.split("#", 1)[1] if c.policy is None else c.ref, c)
        title = (a or b).finding.title  # type: ignore[union-attr]  # one of them fired
        findings.append(FindingChange(fid, title, b.severity if b else None, a.severity if a else None, tuple(causes.values())))
    return VersionStep(old.id, new.id, tuple(findings), tuple(_clause_changes(catalog, old.license, new.license)))
