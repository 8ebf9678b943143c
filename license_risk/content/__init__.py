"""The content: YAML files in, one validated `Catalog` out.

Owns the pydantic types of profiles, trees, scenarios, the model catalog and the
background notes (the schema); safe YAML reading with line numbers; `extends`
inheritance between versions; the condition language (compiling, evaluating, the
analyses the checks need); every check loading runs across files; and the problems
it reports, each pinned to a file and line. May import only `license_risk.shipped`.
"""
