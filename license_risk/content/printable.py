"""Text from a file or a user, as every output shows it: what would act instead of show is marked.

Control characters (C0 but tab and line breaks, DEL, C1), bidirectional embeddings,
overrides and isolates (U+202A–U+202E, U+2066–U+2069), lone surrogates and the
non-characters U+FFFE and U+FFFF are shown as "[U+XXXX]". The CLI, the app, the PDF
and the HTML memo all use `mark`, so one input reads the same everywhere: a terminal
is not cleared or retitled, and no text is silently reordered in one output but not
in another. Stored answers keep what the user typed; only what is shown is marked.
"""

from __future__ import annotations

import re

# Every character that ends a line somewhere (CR LF as one): each output breaks the line there, the same way.
LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _code(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


def mark(text: object) -> str:
    """The text with every hidden or reordering character shown as [U+XXXX]."""
    return HIDDEN.sub(_code, str(text))


def json_safe(text: str) -> str:
    """JSON text with the same characters as \\uXXXX escapes: the data is unchanged, the terminal safe."""
    return HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
