"""Copies of a held text as people make them: re-wrapped, with curly quotes, as Markdown, and edited.

The edits work on the paragraphs the identifier itself sees (`normalize(text).paragraphs`), in the
middle of the text, so each one lands on a real paragraph of every held text.
"""

from __future__ import annotations

import re
import textwrap

from license_risk.identify.normalize import normalize

ADDED = (
    "Notwithstanding anything else in this Agreement, the Licensee may not use the Materials to train any model "
    "intended for military targeting, and any such use ends this Agreement at once."
)
CHANGED = "The Licensor may change these terms at any time without notice."


def middle_paragraph(text: str) -> tuple[int, int]:
    """The character span of a paragraph of 15 to 200 words near the middle of the text."""
    spans = normalize(text).paragraphs
    fit = [(s, e) for s, e in spans if 15 <= len(text[s:e].split()) <= 200]
    return fit[len(fit) // 2]


def clause_added(text: str) -> str:
    _, end = middle_paragraph(text)
    return text[:end] + "\n\n" + ADDED + "\n\n" + text[end:].lstrip("\n")


def paragraph_removed(text: str) -> str:
    start, end = middle_paragraph(text)
    return text[:start] + text[end:].lstrip("\n")


def removed_paragraph_text(text: str) -> str:
    start, end = middle_paragraph(text)
    return " ".join(text[start:end].split())


def sentence_changed(text: str) -> str:
    """One sentence of the middle paragraph (of 4 words or more) replaced by CHANGED."""
    start, end = middle_paragraph(text)
    paragraph = text[start:end]
    sentences = [m for m in re.finditer(r"[^.;:]+[.;:]", paragraph) if len(m.group().split()) >= 4]
    m = sentences[len(sentences) // 2] if sentences else re.match(r"[\s\S]*", paragraph)
    assert m is not None
    return text[:start] + paragraph[: m.start()] + " " + CHANGED + paragraph[m.end() :] + text[end:]


def rewrapped(text: str, width: int = 72) -> str:
    """Every blank-line paragraph joined and wrapped again (words never split)."""
    blocks = re.split(r"\n\s*\n", text)
    return "\n\n".join(textwrap.fill(" ".join(b.split()), width, break_long_words=False, break_on_hyphens=False) for b in blocks)


def curly(text: str) -> str:
    out: list[str] = []
    opening = True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        elif ch == "'":
            out.append("’")
        elif ch == "-" and out and out[-1] == " ":
            out.append("–")
        else:
            out.append(ch)
    return "".join(out)


def markdown(text: str) -> str:
    """A Markdown rendering: title as a heading, defined terms in bold, bare addresses as links."""
    blocks = re.split(r"\n\s*\n", text)
    out = []
    for i, block in enumerate(blocks):
        block = re.sub(r'(?<![*\w])"([A-Z][^"\n]{0,40})"', r'**"\1"**', block)
        block = re.sub(r"(?<=\s)(https?://[^\s()<>\[\]]+[^\s()<>\[\].,;])(?=[\s.,;]|$)", r"[\1](\1)", block)
        out.append(("# " + block.lstrip()) if i == 0 and block.strip() else block)
    return "\n\n".join(out)


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")
