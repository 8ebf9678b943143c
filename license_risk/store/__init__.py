"""Persistence: assessments saved as they are answered (`assessments`, SQLite).

May import `license_risk.content` and `scoring`; not the memo, the maintainers'
tools, the CLI or the UI.
"""
