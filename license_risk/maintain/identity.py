"""Each license and policy profile's identity ids, checked against license-expression's ScanCode index.

    identity_problems(catalog) -> list[Problem]    # warnings, each with the profile's file and line

A profile states `spdx` and `scancode` in its own file (null where there is none), never by
inheritance from the version it extends: the ids name one text, and a later version is another.
`scancode` must be a key of the ScanCode license index that the `license-expression` package
bundles (not deprecated), and `spdx` the SPDX id that index gives that key (its
`LicenseRef-scancode-<key>` where SPDX has none); a profile without a ScanCode key has no SPDX id
either (every SPDX license has a key). NEWER_SPDX lists the SPDX ids the SPDX License List added
after the list the bundled index follows; each is reported once the index knows it, so the list
empties as the package is upgraded.

Not in the content load path: `assess` never imports license-expression. The tests run this check
(tests/identify/test_ids.py).
"""

from __future__ import annotations

from typing import Any

from license_risk.content.catalog import Catalog
from license_risk.content.inherit import MergedDocument
from license_risk.content.problems import Problem

HELD_KINDS = ("license", "policy")
# SPDX id -> its ScanCode key, for ids newer than the SPDX License List 3.27 that license-expression
# 30.4.4 bundles. OpenMDW-1.0: added to the SPDX License List in 2026 (spdx/license-list-XML #2929).
NEWER_SPDX = {"OpenMDW-1.0": "openmdw-1.0"}


def identity_problems(catalog: Catalog) -> list[Problem]:
    """Every way a profile's `spdx` / `scancode` does not fit the index (empty when all is well)."""
    from license_expression import get_license_index, get_scancode_licensing, get_spdx_licensing

    index: dict[str, dict[str, Any]] = {entry["license_key"]: entry for entry in get_license_index()}
    spdx_ids = {entry["spdx_license_key"] for entry in index.values() if entry.get("spdx_license_key")}
    scancode, spdx_licensing = get_scancode_licensing(), get_spdx_licensing()
    problems: list[Problem] = []

    for profile in sorted(catalog.profiles.values(), key=lambda p: p.model.id):
        model = profile.model
        if model.kind not in HELD_KINDS:
            continue
        doc = catalog.documents[profile.file]
        own = doc.sources[-1] if isinstance(doc, MergedDocument) else doc

        def warn(field: str, message: str, file: str = profile.file, doc: Any = doc) -> None:
            problems.append(Problem(file, doc.line_of((field,)) or doc.line_of(("id",)), field, message, "warning"))

        for field in ("spdx", "scancode"):
            if not (isinstance(own.data, dict) and field in own.data):
                warn(field, f"state '{field}:' in this file (null if there is none): ids are not inherited, they name one text")
        key, spdx = model.scancode, model.spdx
        if key is None:
            if spdx is not None:
                warn("spdx", f"'{spdx}' has no ScanCode key beside it: every SPDX license has one; give 'scancode:'")
            continue
        entry = index.get(key)
        if entry is None or scancode.validate(key).errors:
            warn("scancode", f"'{key}' is not a key of ScanCode's license index (license-expression)")
            continue
        if entry.get("is_deprecated"):
            warn("scancode", f"'{key}' is deprecated in ScanCode's license index")
        expected = entry.get("spdx_license_key")
        if spdx == expected and not spdx_licensing.validate(spdx).errors:
            continue
        if spdx is not None and NEWER_SPDX.get(spdx) == key and spdx not in spdx_ids:
            continue
        warn("spdx", f"give the SPDX id ScanCode gives '{key}': {expected} (found {spdx or 'none'})")

    for spdx, key in NEWER_SPDX.items():
        if spdx in spdx_ids:
            problems.append(
                Problem(
                    "license_risk/maintain/identity.py",
                    None,
                    "NEWER_SPDX",
                    f"license-expression now knows '{spdx}' ({key}): remove it from NEWER_SPDX",
                    "warning",
                )
            )
    return problems
