"""The lineage of an assessed model, as data: components, each reached by a route.

    lineage = Lineage(model_name="Sample Assistant", components=[
        Component(id="base", name="Llama-3.1-8B-Instruct", model="llama-3.1-8b", licenses=["llama-3.1"],
                  route="weights", relation="fine_tune"),
        Component(id="teacher", name="DeepSeek-R1", model="deepseek-r1", licenses=["mit-deepseek-r1"],
                  route="outputs", relation="distillation", into="base"),
    ])

A component reaches the model it was used for (`into`, another component's id; none means the
assessed model itself) by one route:
- weights: the model is built from its weights (fine-tune, adapter, merge, quantization, pruning,
  or shipped unchanged);
- outputs: its outputs trained the model (distillation, synthetic training data) or only evaluated it;
- dataset: data used for training or fine-tuning;
- code: code used in training.
Routes nest: a base model can itself be a fine-tune of another model (`into` points at it).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from license_risk.i18n import N_

Route = Literal["weights", "outputs", "dataset", "code"]
# A component's license_note is stored in English. The fixed ones are marked for translation, so that
# a page or memo in another language shows them in its words (license_risk.combined.words.license_note).
NOTE_NOT_GIVEN = N_("license not given")
NOTE_DATASET_CARD = N_("the model card lists it as training data; its license is not stated there: read the data set's own card")
WEIGHTS_RELATIONS = ("fine_tune", "adapter", "merge", "quantization", "pruning", "unchanged")
OUTPUTS_RELATIONS = ("distillation", "synthetic_data", "evaluation")
DATASET_RELATIONS = ("training", "fine_tuning")
CODE_RELATIONS = ("training_code",)
RELATIONS: dict[str, tuple[str, ...]] = {
    "weights": WEIGHTS_RELATIONS,
    "outputs": OUTPUTS_RELATIONS,
    "dataset": DATASET_RELATIONS,
    "code": CODE_RELATIONS,
}
MAX_COMPONENTS = 200  # far above any real model; a bigger lineage is an error, not a slow page
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"


class Component(BaseModel):
    """One thing the model was built from, and how it reached the model."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first validation: see scoring.answers

    id: str = Field(pattern=ID_PATTERN, description="Unique within the lineage; other components refer to it by `into`.")
    name: str = Field(min_length=1, max_length=300, description="As the user or the imported file names it.")
    model: str | None = Field(default=None, description="The model catalog's id (licenses/models.yaml), when it is listed.")
    licenses: list[str] = Field(
        default_factory=list,
        description="License profile ids that govern it. Empty when unknown or not held: see license_note.",
    )
    license_note: str | None = Field(
        default=None,
        max_length=2000,
        description="What is known about a license this tool cannot assess: an SPDX id, a name, an identification result.",
    )
    route: Route
    relation: str = Field(description="How, within the route: see RELATIONS.")
    into: str | None = Field(default=None, description="The component it was used to build; none: the assessed model.")
    source: str | None = Field(default=None, max_length=500, description="Where this was read: a card's line, a BOM's path.")

    @model_validator(mode="after")
    def _relation_fits_route(self) -> Component:
        allowed = RELATIONS[self.route]
        if self.relation not in allowed:
            raise ValueError(f"relation '{self.relation}' is not one of the {self.route} route's: {', '.join(allowed)}")
        return self


class Lineage(BaseModel):
    """The assessed model and its components."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first validation: see scoring.answers

    model_name: str = Field(min_length=1, max_length=300)
    components: list[Component] = Field(default_factory=list, max_length=MAX_COMPONENTS)
    release_license: str | None = Field(
        default=None,
        description="The license profile id the assessed model will be released under (e.g. apache-2.0); "
        "none when it is not released or not decided. Conflicts with pass-through and copyleft terms turn on it.",
    )

    @model_validator(mode="after")
    def _links(self) -> Lineage:
        ids: dict[str, int] = {}
        for i, c in enumerate(self.components):
            if c.id in ids:
                raise ValueError(f"components[{i}]: id '{c.id}' is used twice (also components[{ids[c.id]}])")
            ids[c.id] = i
        for i, c in enumerate(self.components):
            if c.into is not None and c.into not in ids:
                raise ValueError(f"components[{i}] ({c.id}): into '{c.into}' names no component")
        for c in self.components:  # a cycle: following `into` comes back to where it started
            seen = [c.id]
            step = c
            while step.into is not None:
                if step.into in seen:
                    raise ValueError(f"components form a cycle: {' -> '.join([*seen[seen.index(step.into) :], step.into])}")
                seen.append(step.into)
                step = self.components[ids[step.into]]
        return self

    def component(self, component_id: str) -> Component:
        return next(c for c in self.components if c.id == component_id)

    def chain(self, component_id: str) -> list[Component]:
        """The component, then each one it was used to build, up to the assessed model."""
        out = [self.component(component_id)]
        while out[-1].into is not None:
            out.append(self.component(out[-1].into))
        return out

    @property
    def licenses(self) -> list[str]:
        """Every license that reaches the model, once each, in component order."""
        return list(dict.fromkeys(lic for c in self.components for lic in c.licenses))
