"""Labels the pages show for values of the engine (severities, categories, how a component was used), marked for translation.

Plain Python, no Streamlit: `blocks` and `heat_map` use them too. Each is translated where it is
shown, in the session's language (`translator(lang)(SEVERITY[level])`).
"""

from __future__ import annotations

from license_risk.i18n import N_
from license_risk.i18n.labels import CATEGORY, SEVERITY

__all__ = ["CATEGORY", "SEVERITY", "USES"]

# license_risk.lineage.edit.USES, in the words the model step shows (tests check that the keys are the same)
USES = {
    ("weights", "fine_tune"): N_("Its weights, fine-tuned"),
    ("weights", "adapter"): N_("Its weights, with an adapter (LoRA)"),
    ("weights", "merge"): N_("Its weights, merged with others"),
    ("weights", "quantization"): N_("Its weights, quantized"),
    ("weights", "pruning"): N_("Its weights, pruned or distilled in place"),
    ("weights", "unchanged"): N_("Its weights, unchanged"),
    ("outputs", "distillation"): N_("Its outputs, to distil a model"),
    ("outputs", "synthetic_data"): N_("Its outputs, as synthetic training data"),
    ("outputs", "evaluation"): N_("Its outputs, for evaluation only"),
    ("dataset", "training"): N_("A dataset, for training"),
    ("dataset", "fine_tuning"): N_("A dataset, for fine-tuning"),
    ("code", "training_code"): N_("Code used in training"),
}
