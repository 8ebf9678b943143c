"""What changed between versions of one license, for the user's answers.

When an assessment compares several versions of one license (profiles sharing `version_of`:
the three Gemma Terms of Use, Llama 2 to 4, ...), each pair of consecutive versions, in date
order, gets the findings that differ (fire under one and not the other, or at another severity)
and the clauses behind the difference: a clause present in one version only, or whose quote
changed. Quotes are compared word for word, as `identify` compares texts: case, quote marks,
dashes, Markdown emphasis and line wrapping aside, every word and punctuation mark counts,
except each version's own name ("Meta Llama 3", "Llama 3.1", "llama3_1" in an address):
a sentence that differs only there has not changed.

Owns the comparison as plain data (`changes.py`); the app and the memo show it.
May import `scoring` (the assessment), `license_risk.identify` (its word normaliser) and
`license_risk.content`; nothing above them.
"""

from license_risk.versions.changes import ClauseChange, FindingChange, VersionStep, version_steps

__all__ = ["ClauseChange", "FindingChange", "VersionStep", "version_steps"]
