"""One result across a model's lineage: the duties of every license that reaches it, and the conflicts between them.

Owns the combined obligations checklist (`checklist`), the conflicts between licenses and with the
plan (`conflicts`), and the lineage drawn as a graph (`graph`: data, Graphviz DOT text and a
dependency-free SVG). Reads an engine `Assessment` and the `Lineage` beside it; it never scores
anything itself, so every item rests on a finding the engine fired or on a clause quoted from a
profile. May import `scoring`, `license_risk.lineage`, `license_risk.content` and `license_risk.i18n`
(its words follow the catalog's language, `catalog.lang`); the memo, the CLI
and the app import this, never the reverse. Plain Python: no Streamlit, no fpdf2.
"""
