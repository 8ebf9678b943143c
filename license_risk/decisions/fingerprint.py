"""The fingerprint of a finding: what a decision was made on, so a later change of it shows."""

from __future__ import annotations

import hashlib
import json

from license_risk.content.model import Finding, LicenseProfile


def fingerprint(finding: Finding) -> str:
    """16 hex digits of SHA-256 over the finding's English words and its clause references.

    Give the English finding (the shipped catalog, not a localized one): a translation is not
    what was decided on, and a new translation must not make every decision stale. Whitespace
    is collapsed so that re-wrapping a YAML paragraph changes nothing.
    """
    words = {
        "id": finding.id,
        "title": " ".join(finding.title.split()),
        "explanation": " ".join(finding.explanation.split()),
        "action": " ".join((finding.action or "").split()),
        "clauses": sorted(finding.clauses),
    }
    digest = hashlib.sha256(json.dumps(words, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return digest[:16]


def license_fingerprint(profile: LicenseProfile) -> str:
    """The fingerprint an approval of a whole license is made on: its id, version and the commit of its text."""
    words = {"id": profile.id, "version": profile.version, "text": profile.text.commit}
    return hashlib.sha256(json.dumps(words, sort_keys=True).encode("utf-8")).hexdigest()[:16]
