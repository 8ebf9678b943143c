"""The combined result's short words (routes, relations, ratings, a duty's status), marked for translation.

The values in the data stay the English ids (`weights`, `fine_tune`, `not met`); these tables give
the words shown for them, translated where they are shown: `translator(lang)(ROUTE[route])`.
English shows the words exactly as before (a relation's id with spaces), so nothing changes there.
"""

from __future__ import annotations

from collections.abc import Callable

from license_risk.i18n import N_, translator

ROUTE = {
    "weights": N_("weights"),
    "outputs": N_("outputs"),
    "dataset": N_("dataset"),
    "code": N_("code"),
}
RELATION = {
    "fine_tune": N_("fine tune"),
    "adapter": N_("adapter"),
    "merge": N_("merge"),
    "quantization": N_("quantization"),
    "pruning": N_("pruning"),
    "unchanged": N_("unchanged"),
    "distillation": N_("distillation"),
    "synthetic_data": N_("synthetic data"),
    "evaluation": N_("evaluation"),
    "training": N_("training"),
    "fine_tuning": N_("fine tuning"),
    "training_code": N_("training code"),
}
RATING = {  # a node's rating as the graph writes it (the severity's name, lower case; none reads "no finding")
    "critical": N_("critical"),
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "info": N_("info"),
}
STATUS = {  # checklist.STATUS_ORDER
    "not met": N_("not met"),
    "unsettled": N_("unsettled"),
    "to do": N_("to do"),
    "met": N_("met"),
}


def word(table: dict[str, str], key: str, lang: str) -> str:
    """A key's word in the language; a key the table does not know is shown as it is, underscores as spaces."""
    text = table.get(key)
    return translator(lang)(text) if text is not None else key.replace("_", " ")


def route_label(route: str, relation: str, lang: str) -> str:
    """'weights · fine tune': how a component was used, as a graph edge and the lineage table write it."""
    return f"{word(ROUTE, route, lang)} · {word(RELATION, relation, lang)}"


def license_note(note: str, lang: str, model_word: Callable[[str], str] = str) -> str:
    """A stored license note in `lang`: a fixed note (NOTE_* in license_risk.lineage.model) by the app's catalog, a model catalog
    note (a license whose text is not held) by `model_word` (Catalog.model_word), anything else as stored."""
    translated = translator(lang)(note)
    return translated if translated != note else model_word(note)
