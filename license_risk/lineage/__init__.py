"""How the assessed model was built: its components and the route by which each reaches it.

Owns the lineage model (`model`), what each license's routes mean for its questions (`reach`),
and the readers that pre-fill a lineage from a model card or an AI BOM. Imports the content layer
(catalog ids, license identification); the engine (`scoring`) imports this, never the reverse.

Readers (each takes the file's bytes, the name to show in messages, and the catalog):

    read_card(raw, file, catalog, *, model_id=None, identified=None)   # card: a Hugging Face model card (README.md)
    read_cyclonedx(raw, file, catalog, *, identified=None)             # cyclonedx: a CycloneDX 1.5/1.6 ML-BOM (JSON)
    read_spdx(raw, file, catalog, *, identified=None)                  # spdx: SPDX 3.0 with the AI and Dataset profiles

Each returns an `Imported` (`imported`): `lineage`; `answers`, the intake answers the lineage settles
(tree id -> question id -> value, as answers files keep them: only `intake.modifies_model` and
`intake.trains_on_outputs`, and only ever True, with the reason for each in `reasons`); `unmapped`,
every field it could not map as a `Problem` with its line (cards) or JSON path and line (BOMs), level
"error" for what is lost (an unknown license, `license: other`) and "warning" for what was assumed (a
relation a file does not state); and `details` (a card's pipeline_tag...). A file that cannot be read
at all (over MAX_IMPORT_BYTES = 2 MB, not UTF-8, malformed, without front matter, failing the CycloneDX
schema, a lineage with a cycle or over 200 components) raises `ImportRefused`, an `InputError` whose
`problems` name the file and the place. No reader uses the network: a card's `license_link` is never
fetched, and the card is parsed offline with huggingface_hub.

`identified` is the hook for license identification (`license_risk.identify`): component id ->
license profile id. A component whose license could not be mapped is named in `unmapped`; identify
its license file and import again with `identified={component_id: profile_id}`.

Licenses are mapped by `imported.map_license`: a LicenseRef this tool wrote, a ScanCode LicenseRef,
a profile's SPDX id, a catalog checkpoint's `hf_license`, or a profile id (case does not matter).
Models are found by `imported.find_model`: an exact alias, id or name, then `search()`, then the
repository name alone (the last two listed as guesses). The CycloneDX export is `license_risk.bom`.
"""
