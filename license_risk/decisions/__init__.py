"""Reasoned decisions about findings: who decided what about one finding, when, why, until when.

A decision accepts a finding, changes its severity, or finds it not applicable, for one license
(optionally one named model). It records the fingerprint of the finding it was made on (its English
text and clause references), so a later change of the content marks it "stale": for another look.
An organisation policy's exceptions (`license_risk.policy`) and a reviewer's decisions in a workspace
are the same thing, and both are read here: which decision covers a finding, whether it is active,
expired or stale, and the effective outcome, always beside the tool's own rating (never in its place).

Owns the model (`model.py`, serializable and versioned for export with the answers), the
fingerprint (`fingerprint.py`) and the matching (`outcome.py`). Plain data, no I/O.
May import `scoring` and `license_risk.content`; nothing above them.
"""

from license_risk.decisions.fingerprint import fingerprint, license_fingerprint
from license_risk.decisions.model import FORMAT, WHOLE_LICENSE, Decision, DecisionFile, Verdict
from license_risk.decisions.outcome import Outcome, Reviewed, Status, approval, outcome, review, status

__all__ = [
    "FORMAT",
    "WHOLE_LICENSE",
    "Decision",
    "DecisionFile",
    "Outcome",
    "Reviewed",
    "Status",
    "Verdict",
    "approval",
    "fingerprint",
    "license_fingerprint",
    "outcome",
    "review",
    "status",
]
