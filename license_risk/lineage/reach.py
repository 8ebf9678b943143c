"""How each license reaches the assessed model, composed along the lineage's chains.

A license can reach the model by several routes at once (Llama as the base's weights and as a
teacher's outputs). Along a chain the route that carries the least of the component decides:
a teacher's outputs that trained a base model which was then fine-tuned reach the final model as
outputs; weights of weights stay weights. Data and code reach the model as data and code, and are
marked indirect when another model's training, not this model's, used them.
"""

from __future__ import annotations

from dataclasses import dataclass

from license_risk.i18n import ENGLISH, N_, translator
from license_risk.lineage.model import Component, Lineage

MODIFYING = frozenset({"fine_tune", "adapter", "merge", "quantization", "pruning"})
TRAINING_ON_OUTPUTS = frozenset({"distillation", "synthetic_data"})
_CARRIES = {"weights": 0, "code": 1, "dataset": 1, "outputs": 2}  # higher: carries less of the component along


@dataclass(frozen=True)
class Reach:
    """One way a component's licenses reach the assessed model."""

    component: Component
    route: str  # weights, outputs, dataset, code: the route as seen from the assessed model
    relations: tuple[str, ...]  # the relation of each link, from the component up to the assessed model
    path: tuple[str, ...]  # component names, from the component up to the last before the assessed model
    trains_on_outputs: bool  # its outputs trained a model on the chain (not only evaluated it)

    @property
    def direct(self) -> bool:
        return len(self.path) == 1

    @property
    def modifies(self) -> bool:
        """The model is built from this component's weights, changed on the way (quantized, tuned, merged...)."""
        return self.route == "weights" and any(r in MODIFYING for r in self.relations)


def reach(lineage: Lineage, component: Component) -> Reach:
    chain = lineage.chain(component.id)
    # Data and code stay data and code, however far up they were used; a model's weights or outputs
    # reach the model as outputs as soon as any link on the way is an outputs link.
    route = component.route if component.route in ("dataset", "code") else max((c.route for c in chain), key=_CARRIES.__getitem__)
    trained = route == "outputs" and any(c.relation in TRAINING_ON_OUTPUTS for c in chain if c.route == "outputs")
    return Reach(component, route, tuple(c.relation for c in chain), tuple(c.name for c in chain), trained)


def reaches_by_license(lineage: Lineage) -> dict[str, list[Reach]]:
    """Each license that reaches the model, with every way it does, in component order."""
    out: dict[str, list[Reach]] = {}
    for c in lineage.components:
        r = reach(lineage, c)
        for lic in c.licenses:
            out.setdefault(lic, []).append(r)
    return out


_ROUTE_WORDS = {
    "weights": N_("by weights"),
    "outputs": N_("by outputs"),
    "dataset": N_("as a dataset"),
    "code": N_("as code"),
}
_RELATION_WORDS = {
    "fine_tune": N_("fine-tune of {}"),
    "adapter": N_("adapter on {}"),
    "merge": N_("merge with {}"),
    "quantization": N_("quantization of {}"),
    "pruning": N_("pruning of {}"),
    "unchanged": N_("{} used unchanged"),
    "distillation": N_("distillation from {}"),
    "synthetic_data": N_("synthetic data from {}"),
    "evaluation": N_("evaluation with {}"),
    "training": N_("training on {}"),
    "fine_tuning": N_("fine-tuning on {}"),
    "training_code": N_("training with {}"),
}


def describe(r: Reach, lang: str = ENGLISH) -> str:
    """The reach in words, from the component up: 'by outputs (distillation from X, then fine-tune of Y)'."""
    _ = translator(lang)
    links = _(", then ").join(_(_RELATION_WORDS[rel]).format(name) for rel, name in zip(r.relations, r.path, strict=True))
    return _("{route} ({links})").format(route=_(_ROUTE_WORDS[r.route]), links=links)
