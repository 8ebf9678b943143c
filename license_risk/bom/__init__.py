"""AI bills of materials this tool writes: a lineage and its assessment as a CycloneDX 1.6 ML-BOM.

    from license_risk.bom import build_bom
    text = build_bom(catalog, lineage, assessment, serial_number=uuid, timestamp=when)

`build_bom(catalog, lineage, assessment=None, *, serial_number=None, timestamp=None) -> str` returns
the BOM as JSON, built with cyclonedx-python-lib's model classes and checked against the CycloneDX
1.6 strict JSON schema before it is returned (`BomInvalid` if it ever fails: a bug, not bad input).
With a fixed serial number and timestamp the text is the same on every run. How the lineage and the
conclusions are written is in `license_risk.bom.export`; `license_risk.lineage.cyclonedx` reads such a
BOM back to the same components and licenses.

Owns the export only. Imports the engine (`scoring`, for the assessment's results), the lineage and
the content layer; it sits beside the memo, the maintainers' tools and the store, which do not import it.
"""

from license_risk.bom.export import BomInvalid, build_bom

__all__ = ["BomInvalid", "build_bom"]
