"""The engine: walks question trees and scores answers into findings and ratings.

Owns answers (checking values, reading and writing answers files), the walk (which
questions apply, in what order), the interview's state transitions, and the rating
(findings, category levels, comparison). It reads the validated content from
`license_risk.content` and may import nothing else of the project: no memo, tools,
storage, CLI or UI. `python -m scoring` starts the CLI (`license_risk.cli`).
"""
