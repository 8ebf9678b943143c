"""The content: YAML files in, one validated `Catalog` out.

Owns the pydantic types of profiles, trees, scenarios, the model catalog and the
background notes (the schema); safe YAML reading with line numbers; `extends`
inheritance between versions; the condition language (compiling, evaluating, the
analyses the checks need); every check loading runs across files; the problems
it reports, each pinned to a file and line; and the compiled cache of a loaded catalog
(`compiled`). May import only `license_risk.shipped` (and the tool's version from
`license_risk`, for that cache's key).
"""
