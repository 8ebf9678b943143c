"""The memo's colours, shared by its PDF and Word renderings (RGB): ink, rules, fills, severity badges.

Severity is always named in text too; colour only helps the eye.
"""

from __future__ import annotations

INK = (30, 30, 30)
WHITE = (255, 255, 255)
MUTED = (95, 95, 95)
RULE = (180, 180, 180)
QUOTE_FILL = (243, 243, 240)
NOTICE_FILL = (255, 246, 222)
HEAD_FILL = (232, 232, 232)  # a table's header row
SEVERITY_FILL: dict[str, tuple[int, int, int]] = {
    "critical": (120, 0, 0),
    "high": (196, 32, 32),
    "medium": (232, 140, 20),
    "low": (245, 212, 80),
    "info": (200, 220, 240),
    "none": (226, 240, 226),
}
SEVERITY_INK: dict[str, tuple[int, int, int]] = {"critical": (255, 255, 255), "high": (255, 255, 255)}
