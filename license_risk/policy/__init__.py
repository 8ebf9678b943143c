"""An organisation's policy for open-weight model licenses ("compliance as code", issue #18).

A YAML policy file (schema/policy.schema.json; examples/policy.yaml) says per license, kind of risk,
category or severity whether a finding is allowed, needs review or is denied; which licenses need an
approval; and reasoned exceptions (license_risk.decisions). Applied to an assessment it gives a
verdict per license beside the tool's rating, with its reasons, and the exit code of
`assess --policy` (0 allowed, 1 denied, 3 review needed).

Owns the file's model (`model.py`), reading it with file:line problems (`load.py`, through the
content's YAML reader and pydantic messages), applying it (`verdict.py`) and its words for the CLI,
the memo and the app (`report.py`). May import `license_risk.decisions`, `scoring` and
`license_risk.content` / `license_risk.i18n`; nothing above them.
"""

from license_risk.policy.load import MAX_POLICY_BYTES, LoadedPolicy, PolicyRefused, load_policy, read_policy
from license_risk.policy.model import ACTIONS, Action, Policy, Rule
from license_risk.policy.verdict import EXIT_CODES, LicenseVerdict, PolicyResult, Reason, apply_policy, assessed_model

__all__ = [
    "ACTIONS",
    "EXIT_CODES",
    "MAX_POLICY_BYTES",
    "Action",
    "LicenseVerdict",
    "LoadedPolicy",
    "Policy",
    "PolicyRefused",
    "PolicyResult",
    "Reason",
    "Rule",
    "apply_policy",
    "assessed_model",
    "load_policy",
    "read_policy",
]
