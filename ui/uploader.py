"""`st.file_uploader` with its own words (the "Upload" button, "1MB per file • YAML, JSON") in the page's language.

Streamlit 1.67 writes those words in English and has no option for them (no locale setting, no
parameter: streamlit/streamlit issue #13500 asks for one). So on a page in another language a small
CSS rule, scoped to this one uploader (`.st-key-<key>`) and to Streamlit's data-testids, sets the
English text to size 0 and shows the translation in its place with `::after`. The input, the
button and what a screen reader is told (the widget's label) are unchanged. If a Streamlit
upgrade renames a test id, the rule matches nothing and the English shows again: nothing breaks.
The "Drag and drop a file here" shown only while a file is dragged over has no test id to scope
to, and stays English.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from license_risk.i18n import ENGLISH
from ui.lang import _, current

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_BUTTON_TEXT = f'{_DROPZONE} button [data-testid="stMarkdownContainer"] p'
_INSTRUCTIONS = f'{_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"] span'
_FONT = "0.875rem"  # Streamlit's own size for both texts (14px)


def _css_string(text: str) -> str:
    """A CSS string literal: JSON's escaping of quotes and backslashes is valid CSS, and < cannot end the <style>."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3C ")


def instructions(types: Sequence[str] | None) -> str:
    """What Streamlit writes under the button, in the page's language: the size limit, then the types it accepts."""
    limit = _("{size} per file").format(size=f"{st.get_option('server.maxUploadSize')}MB")
    shown = ", ".join(t.lstrip(".").upper() for t in types or ())
    return f"{limit} • {shown}" if shown else limit


def words_css(key: str, types: Sequence[str] | None) -> str:
    """The rule that shows one uploader's words in the page's language."""
    scope = f".st-key-{key}"
    rules = []
    for selector, text in ((_BUTTON_TEXT, _("Upload")), (_INSTRUCTIONS, instructions(types))):
        rules.append(f"{scope} {selector}{{font-size:0}}")
        rules.append(f"{scope} {selector}::after{{content:{_css_string(text)};font-size:{_FONT}}}")
    return "<style>" + "".join(rules) + "</style>"


def file_uploader(label: str, *, key: str, types: Sequence[str] | None = None) -> UploadedFile | None:
    """One file, as st.file_uploader gives it; on a page not in English, with Streamlit's words translated."""
    upload = st.file_uploader(label, type=list(types) if types else None, key=key)
    if current() != ENGLISH:
        st.html(words_css(key, types))  # style only: Streamlit puts it where it takes no space
    return upload
