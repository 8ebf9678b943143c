"""Verbatim quotes: the one normalisation allowed when comparing with an official text."""

from __future__ import annotations


def normalise(text: str) -> str:
    """Collapse runs of white space to one space.

    Official copies wrap lines differently (hard-wrapped Markdown, ScanCode's
    one-space blank lines); words, punctuation and quote marks must match exactly.
    """
    return " ".join(text.split())
