"""Changing a lineage as a user does in the app: add components, remove one (with what was nested under it).

Pure functions on the frozen models: each returns a new Lineage, checked like any other.
"""

from __future__ import annotations

from license_risk.lineage.imported import Ids
from license_risk.lineage.model import Component, Lineage

# How a component was used, as one choice: (route, relation) -> what users read.
USES: dict[tuple[str, str], str] = {
    ("weights", "fine_tune"): "Its weights, fine-tuned",
    ("weights", "adapter"): "Its weights, with an adapter (LoRA)",
    ("weights", "merge"): "Its weights, merged with others",
    ("weights", "quantization"): "Its weights, quantized",
    ("weights", "pruning"): "Its weights, pruned or distilled in place",
    ("weights", "unchanged"): "Its weights, unchanged",
    ("outputs", "distillation"): "Its outputs, to distil a model",
    ("outputs", "synthetic_data"): "Its outputs, as synthetic training data",
    ("outputs", "evaluation"): "Its outputs, for evaluation only",
    ("dataset", "training"): "A dataset, for training",
    ("dataset", "fine_tuning"): "A dataset, for fine-tuning",
    ("code", "training_code"): "Code used in training",
}


def ids_of(lineage: Lineage | None) -> Ids:
    """An id maker that knows the ids already taken."""
    ids = Ids()
    if lineage is not None:
        ids.taken.update(c.id for c in lineage.components)
    return ids


def with_components(lineage: Lineage | None, model_name: str, components: list[Component]) -> Lineage:
    existing = list(lineage.components) if lineage is not None else []
    return Lineage(model_name=model_name, components=[*existing, *components])


def without(lineage: Lineage, component_id: str) -> Lineage | None:
    """The lineage without the component and everything used to build it; None when nothing is left."""
    gone = {component_id}
    changed = True
    while changed:  # a component used to build a removed one goes too
        changed = False
        for c in lineage.components:
            if c.into in gone and c.id not in gone:
                gone.add(c.id)
                changed = True
    kept = [c for c in lineage.components if c.id not in gone]
    return Lineage(model_name=lineage.model_name, components=kept) if kept else None
