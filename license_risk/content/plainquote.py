"""A quote as it is displayed: the source's Markdown (emphasis, links, escapes) as plain text.

Some official texts are Markdown (Gemma's): a clause quoted from them carries `**Distribution**` or
`[ai.google.dev/...](https://...)`. The memo, the HTML and the app show `plain_quote(quote)`; the
verbatim check still compares the original quote with the official text, word for word.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]\n]+)\]\((\S+?)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
# Single markers only where Markdown reads them as emphasis: never inside a word (snake_case, 2*3*4).
_EM = re.compile(r"(?<![\w*])([*_])(?=\w)([^\n]+?)(?<=\w)\1(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|\"'])")


def _link(match: re.Match[str]) -> str:
    text, url = match.group(1), match.group(2)
    bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    # the address once: as the link's text when the text is the address, else after it
    return text if _unescape(text).rstrip("/") in (bare, url) else f"{text} ({url})"


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def plain_quote(text: str) -> str:
    """The quote without Markdown markup: emphasis markers dropped, a link as its text (and address)."""
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM.sub(r"\2", text)
    return _unescape(text)
