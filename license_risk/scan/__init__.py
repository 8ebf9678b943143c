"""Find the models a repository uses, map each to the model catalog, and assess them with the
organisation's saved answers: the `scan PATH` command (issue #18, "compliance as code").

Owns: walking a tree (`tree`), reading names from text files (`text`) and metadata from GGUF and
safetensors headers (`headers`), mapping names to the catalog (`mapping`), reading each model card
found into the lineage of the model it describes (`cards`), assessing the models found (`verdicts`:
a card's model as built, from its lineage) and the reports: text and JSON (`report`) and SARIF 2.1.0
(`sarif`, with the project's SARIF writer).

May import: the content layer (the catalog, its compiled id index `Catalog.hub_ids`), the lineage
readers, `scoring` (to assess), the policy, `license_risk.sarif` and the i18n helpers. Imported by
the CLI only.

    scan_tree(root, catalog) -> ScanResult          # hits with file:line, skipped files with reasons
    verdicts.assess_models(catalog, result, loaded, threshold, decider=None) -> list[ModelVerdict]
    verdicts.exit_code(models) -> 0 allowed, 1 denied, 3 review
"""

from __future__ import annotations

from license_risk.scan.found import CatalogMatch, Hit, ScanResult, Skipped
from license_risk.scan.tree import scan_tree

__all__ = ["CatalogMatch", "Hit", "ScanResult", "Skipped", "scan_tree"]
