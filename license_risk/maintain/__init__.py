"""Maintainers' tools: lint and coverage, scenario runs, diff, graph, JSON Schemas, a tree as text.

Everything `validate`, `diff`, `schema` and `questions` print, and everything the
maintainer page shows (`overview`). May import `license_risk.content` and `scoring`;
not the memo, the store, the CLI or the UI.
"""
