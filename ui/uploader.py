"""`st.file_uploader` with its own words (the "Upload" button, "1MB per file • YAML, JSON") in the page's language.

Streamlit 1.67 writes those words in English and has no option for them (no locale setting, no
parameter: streamlit/streamlit issue #13500 asks for one). So on a page in another language a small
CSS rule, scoped to this one uploader (`.st-key-<key>`) and to Streamlit's data-testids, sets the
English text to size 0 and shows the translation in its place with `::after`. The input, the
button and what a screen reader is told (the widget's label) are unchanged. If a Streamlit
upgrade renames a test id, the rule matches nothing and the English shows again: nothing breaks.
The "Drag and drop a file here" shown only while a file is dragged over has no test id to scope
to, and stays English.

Size: Streamlit refuses a file over its limit with an error shown only when the pointer rests on the
file's line. So Streamlit takes in files up to `server.maxUploadSize` (.streamlit/config.toml, well
above any of ours), and each uploader checks its own limit here, saying in the page which file is too
large and what the limit is. The instructions under the button give that limit, on every page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from license_risk.content.printable import mark
from license_risk.i18n import ENGLISH
from ui.lang import _, current

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_BUTTON_TEXT = f'{_DROPZONE} button [data-testid="stMarkdownContainer"] p'
_INSTRUCTIONS = f'{_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"] span'
_FONT = "0.875rem"  # Streamlit's own size for both texts (14px)


def _css_string(text: str) -> str:
    """A CSS string literal: JSON's escaping of quotes and backslashes is valid CSS, and < cannot end the <style>."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3C ")


def megabytes(size: int) -> str:
    """A file's size as Streamlit's uploader shows it beside the file (millions of bytes, one decimal): "5.2 MB"."""
    return f"{size / 1e6:.1f} MB"


def limit_text(limit: int) -> str:
    """A limit as written in our words and code: 1 MB is 1024 × 1024 bytes."""
    return f"{limit / (1024 * 1024):g} MB"


def instructions(types: Sequence[str] | None, limit: int) -> str:
    """What Streamlit writes under the button, in the page's language: our size limit, then the types it accepts."""
    shown_limit = _("{size} per file").format(size=limit_text(limit).replace(" ", ""))
    shown = ", ".join(t.lstrip(".").upper() for t in types or ())
    return f"{shown_limit} • {shown}" if shown else shown_limit


def words_css(key: str, types: Sequence[str] | None, limit: int) -> str:
    """The rule that shows one uploader's words: our limit always (Streamlit would write its own, larger one),
    the button's word too on a page not in English."""
    scope = f".st-key-{key}"
    rules = []
    texts = [(_INSTRUCTIONS, instructions(types, limit))]
    if current() != ENGLISH:
        texts.insert(0, (_BUTTON_TEXT, _("Upload")))
    for selector, text in texts:
        rules.append(f"{scope} {selector}{{font-size:0}}")
        rules.append(f"{scope} {selector}::after{{content:{_css_string(text)};font-size:{_FONT}}}")
    return "<style>" + "".join(rules) + "</style>"


def too_large(name: str, size: int, limit: int) -> list[str]:
    """Why a file is refused for its size, as (message, the file's name) for the page; [] when it fits."""
    if size <= limit:
        return []
    return [
        _(
            "This file is too large: {size}. Files here can be at most {limit}. "
            "Nothing was read from it; remove it and choose another."
        ).format(size=megabytes(size), limit=limit_text(limit)),
        name,
    ]


def file_uploader(label: str, *, key: str, limit: int, types: Sequence[str] | None = None) -> UploadedFile | None:
    """One file, as st.file_uploader gives it, or None while there is none or it is over `limit` bytes
    (then the page says so, naming the file). Streamlit's words in the page's language, with our limit."""
    upload = st.file_uploader(label, type=list(types) if types else None, key=key)
    st.html(words_css(key, types, limit))  # style only: Streamlit puts it where it takes no space
    if upload is None:
        return None
    refused = too_large(upload.name, upload.size, limit)
    if refused:
        message, name = refused
        st.error(message)
        st.text(mark(name))  # a file's name is the user's text: never Markdown
        return None
    return upload
