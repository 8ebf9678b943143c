"""Labels for the engine's values (severities, categories), marked for translation.

Shared by the app's pages and the memo; each is translated where it is shown:
`translator(lang)(SEVERITY[level])`.
"""

from __future__ import annotations

from license_risk.i18n import N_

SEVERITY = {
    "none": N_("NONE"),
    "info": N_("INFO"),
    "low": N_("LOW"),
    "medium": N_("MEDIUM"),
    "high": N_("HIGH"),
    "critical": N_("CRITICAL"),
}
CATEGORY = {
    "termination": N_("Termination"),
    "propagation": N_("Propagation"),
    "obligation": N_("Obligation"),
    "restriction": N_("Restriction"),
    "openness": N_("Openness"),
}
MODALITY = {
    "text": N_("text"),
    "code": N_("code"),
    "image": N_("image"),
    "video": N_("video"),
    "audio": N_("audio"),
}

# The author of every answer until people sign in. Stored as these words (license_risk.store), shown translated.
LOCAL_USER = N_("local user")
