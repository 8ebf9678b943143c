"""What a model's lineage answers for each license's tree, instead of the user.

Without a lineage the intake asks once, for every license, whether you modify the model and
whether you train on its outputs. With one, each license's tree sees these facts from that
license's own routes into the model (license_risk.lineage.reach), and the intake sees them for the
model as a whole (any component):
- modifies_model: some reach builds the model from its weights, changed (fine-tune, adapter...);
- trains_on_outputs: some reach trains the model on its outputs (distillation, synthetic data);
- uses_weights: some reach carries its weights into the model, changed or not;
- cc_training_data (Creative Commons trees): "known" when it reaches the model as a dataset;
- distributes_model, hosted_service: "no" when it reaches the model only through its outputs, since
  what you give or offer then holds none of its weights. Whether such a model is still bound (a
  "derivative" under Gemma, DeepSeek or RAIL; not under NVIDIA) each tree decides from
  trains_on_outputs and derived_model_shared, as its license's text does. These two stay "no" for
  such a license even where its text binds the derived model: "no" is true of its weights, and a
  tree whose text binds the sharing of the derived model asks about that model itself (the Gemma
  trees' gemma_derivative_hosted for offering it remotely, the RAIL trees' rail_derivative_files for
  giving out its files; each read with uses_weights and derived_model_shared).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from license_risk.content.conditions import State
from license_risk.i18n import ENGLISH, translator
from license_risk.lineage.model import Lineage
from license_risk.lineage.reach import Reach, describe, reach

# Intake questions a lineage answers, each with the test a reach must pass for "yes".
INTAKE_FACTS: dict[str, Callable[[Reach], bool]] = {
    "modifies_model": lambda r: r.modifies,
    "trains_on_outputs": lambda r: r.trains_on_outputs,
    "uses_weights": lambda r: r.route == "weights",
}
# License-tree questions a lineage answers only when a reach passes the test; otherwise they are asked.
TREE_FACTS: dict[str, tuple[Callable[[Reach], bool], Any]] = {
    "cc_training_data": (lambda r: r.route == "dataset", "known"),
}
# Intake questions about the model's own weights, which are "no" for a license reached only through its outputs.
OUTPUTS_ONLY_FACTS = ("distributes_model", "hosted_service")
WHOLE_MODEL = ""  # the key of the facts about the model as a whole, which the intake sees


@dataclass(frozen=True)
class RouteFacts:
    """The answers one license's routes give (or, under WHOLE_MODEL, the whole lineage's)."""

    license: str
    reaches: tuple[Reach, ...]
    values: dict[str, Any]  # question id -> value
    states: dict[str, tuple[State, Any]]  # the same, as the engine's lookups hold answers

    def supporting(self, question_id: str) -> tuple[Reach, ...]:
        """The reaches an answer rests on: those that pass its test, or all of them when none does."""
        if question_id in OUTPUTS_ONLY_FACTS:
            return self.reaches
        test = INTAKE_FACTS.get(question_id) or TREE_FACTS[question_id][0]
        return tuple(r for r in self.reaches if test(r)) or self.reaches


def _facts(license_id: str, reaches: tuple[Reach, ...]) -> RouteFacts:
    values: dict[str, Any] = {qid: any(test(r) for r in reaches) for qid, test in INTAKE_FACTS.items()}
    for qid, (test, value) in TREE_FACTS.items():
        if any(test(r) for r in reaches):
            values[qid] = value
    if license_id != WHOLE_MODEL and reaches and all(r.route == "outputs" for r in reaches):
        for qid in OUTPUTS_ONLY_FACTS:
            values[qid] = False
    return RouteFacts(license_id, reaches, values, {q: (State.ANSWERED, v) for q, v in values.items()})


def route_facts(lineage: Lineage) -> dict[str, RouteFacts]:
    """Facts per license that reaches the model, and (under WHOLE_MODEL) for the model as a whole."""
    every = tuple(reach(lineage, c) for c in lineage.components)
    by_license: dict[str, list[Reach]] = {}
    for r in every:
        for lic in r.component.licenses:
            by_license.setdefault(lic, []).append(r)
    out = {lic: _facts(lic, tuple(rs)) for lic, rs in by_license.items()}
    whole = _facts(WHOLE_MODEL, every)
    # The whole model answers only the intake's questions: a tree question is about one license's material.
    out[WHOLE_MODEL] = RouteFacts(
        WHOLE_MODEL,
        every,
        {q: whole.values[q] for q in INTAKE_FACTS},
        {q: whole.states[q] for q in INTAKE_FACTS},
    )
    return out


def route_text(license_name: str, reaches: tuple[Reach, ...], lang: str = ENGLISH) -> str:
    """'Llama 3.1 reaches your model by weights (fine-tune of Llama-3.1-8B)'."""
    _ = translator(lang)
    if not reaches:
        return _("no component of your model's lineage is under {license}").format(license=license_name)
    ways = _(" and ").join(dict.fromkeys(describe(r, lang) for r in reaches))
    return _("{license} reaches your model {ways}").format(license=license_name, ways=ways)


def routes_data(facts: dict[str, RouteFacts], lang: str = ENGLISH) -> dict[str, list[dict[str, Any]]]:
    """Per license, each route by which it reaches the model, as JSON-ready data (its text in `lang`)."""
    return {
        lic: [
            {
                "component": r.component.id,
                "route": r.route,
                "relations": list(r.relations),
                "path": list(r.path),
                "direct": r.direct,
                "modifies": r.modifies,
                "trains_on_outputs": r.trains_on_outputs,
                "text": describe(r, lang),
            }
            for r in f.reaches
        ]
        for lic, f in facts.items()
        if lic != WHOLE_MODEL
    }
