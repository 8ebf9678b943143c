"""Write a lineage and its assessment as a CycloneDX 1.6 ML-BOM (JSON).

How each part is written, and why:
- the assessed model is `metadata.component` (type machine-learning-model, bom-ref `assessed-model`);
- each lineage component is one of `components`, bom-ref `lineage:<id>`: type machine-learning-model
  for the weights and outputs routes, data for a dataset, application for code;
- its licenses: one entry per license profile, `license.id` = the profile's SPDX id where it has one
  the schema knows, else `license.name` = `LicenseRef-scancode-<key>` (ScanCode's key) or
  `LicenseRef-license-risk-<profile id>`; each entry carries the property `license-risk:license` =
  the profile id, because an SPDX id can stand for several profiles (MIT is both `mit` and
  `mit-deepseek-r1`);
- what the lineage knows beyond that, as component properties: `license-risk:id`, `:route`,
  `:relation`, `:into` (the lineage id of the component it built; absent: the assessed model),
  `:model` (the model catalog's id), `:license-note`, `:source`;
- the nesting, also as the BOM's `dependencies`: the model a component built (the assessed model, or
  the `into` component) depends on it, a graph every CycloneDX reader follows.
  Not as `pedigree.ancestors`: an ancestor is a second copy of the component nested in the one
  derived from it, with no route or relation; a model's teacher, its data and its training code are
  not its ancestors, and writing fine-tuned bases twice would only invite the two copies to differ;
- the tool's conclusions, as properties of the assessed model: `license-risk:rating:<license>` =
  the license's rating (none, low, medium, high...), and `license-risk:finding:<license>:<finding>`
  = that finding's severity, for every finding that applies.
"""

from __future__ import annotations

import datetime as dt
import json
from uuid import UUID, uuid4

from cyclonedx.model import Property
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.component import Component as CdxComponent
from cyclonedx.model.component import ComponentType
from cyclonedx.model.license import DisjunctiveLicense
from cyclonedx.output.json import JsonV1Dot6
from cyclonedx.schema import SchemaVersion
from cyclonedx.spdx import is_supported_id
from cyclonedx.validation.json import JsonStrictValidator

from license_risk import __version__
from license_risk.content.catalog import Catalog
from license_risk.lineage.imported import LICENSE_REF_PREFIX, SCANCODE_REF_PREFIX
from license_risk.lineage.model import Component, Lineage
from scoring.rating import Assessment

TOOL_NAME = "open-model-license-risk"
PREFIX = "license-risk:"
ASSESSED_REF = "assessed-model"
_TYPES = {
    "weights": ComponentType.MACHINE_LEARNING_MODEL,
    "outputs": ComponentType.MACHINE_LEARNING_MODEL,
    "dataset": ComponentType.DATA,
    "code": ComponentType.APPLICATION,
}


class BomInvalid(RuntimeError):
    """The BOM this tool wrote fails the CycloneDX schema: a bug in the export, never the user's input."""


def component_ref(component_id: str) -> str:
    return f"lineage:{component_id}"


def license_entry(catalog: Catalog, profile_id: str) -> DisjunctiveLicense:
    """One license profile as a CycloneDX license, tagged with its profile id."""
    model = catalog.profiles[profile_id].model
    tag = [Property(name=f"{PREFIX}license", value=profile_id)]
    if model.spdx and is_supported_id(model.spdx):
        return DisjunctiveLicense(id=model.spdx, properties=tag)
    if model.scancode:
        return DisjunctiveLicense(name=f"{SCANCODE_REF_PREFIX}{model.scancode}", properties=tag)
    return DisjunctiveLicense(name=f"{LICENSE_REF_PREFIX}{profile_id.replace('_', '-')}", properties=tag)


def _properties(c: Component) -> list[Property]:
    values = {
        "id": c.id,
        "route": c.route,
        "relation": c.relation,
        "into": c.into,
        "model": c.model,
        "license-note": c.license_note,
        "source": c.source,
    }
    return [Property(name=f"{PREFIX}{k}", value=v) for k, v in values.items() if v is not None]


def _conclusions(assessment: Assessment | None) -> list[Property]:
    if assessment is None:
        return []
    out = []
    for result in assessment.results:
        lic = result.license.model.id
        out.append(Property(name=f"{PREFIX}rating:{lic}", value=result.rating.name))
        out += [Property(name=f"{PREFIX}finding:{lic}:{f.finding.id}", value=f.severity.name) for f in result.findings]
    return out


def build_bom(
    catalog: Catalog,
    lineage: Lineage,
    assessment: Assessment | None = None,
    *,
    serial_number: UUID | None = None,
    timestamp: dt.datetime | None = None,
) -> str:
    """The lineage and the assessment's conclusions as CycloneDX 1.6 JSON, checked against the schema."""
    tool = CdxComponent(type=ComponentType.APPLICATION, name=TOOL_NAME, version=__version__)
    model = CdxComponent(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=lineage.model_name,
        bom_ref=ASSESSED_REF,
        licenses=[license_entry(catalog, lineage.release_license)] if lineage.release_license else [],
        properties=_conclusions(assessment),
    )
    when = timestamp or dt.datetime.now(dt.UTC)
    bom = Bom(
        serial_number=serial_number or uuid4(),
        metadata=BomMetaData(component=model, timestamp=when),
    )
    bom.metadata.tools.components.add(tool)
    built: dict[str, CdxComponent] = {}
    for c in lineage.components:
        built[c.id] = CdxComponent(
            type=_TYPES[c.route],
            name=c.name,
            bom_ref=component_ref(c.id),
            licenses=[license_entry(catalog, lic) for lic in c.licenses],
            properties=_properties(c),
        )
        bom.components.add(built[c.id])
    for c in lineage.components:
        bom.register_dependency(built[c.into] if c.into else model, [built[c.id]])
    for c in lineage.components:  # every component appears in the graph, leaves too
        bom.register_dependency(built[c.id], [])
    text = JsonV1Dot6(bom).output_as_string(indent=2)
    errors = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text, all_errors=True)
    if errors:
        raise BomInvalid("; ".join(f"{e.data.json_path}: {e.data.message}" for e in list(errors)[:5]))
    return json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
