"""A focus ring on radio options and checkboxes, for people who use the keyboard.

Streamlit marks a focused option only with a faint grey background behind its label (about 1.1:1
against the page), hard to see; buttons and fields already show a ring. Style only: no text.
"""

from __future__ import annotations

FOCUS_CSS = (
    "<style>"
    '[data-testid="stRadioOption"]:has(input:focus-visible),[data-testid="stCheckbox"] label:has(input:focus-visible)'
    "{outline:2px solid currentColor;outline-offset:2px;border-radius:.25rem}"
    "</style>"
)
