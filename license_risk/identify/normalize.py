"""A license text as a list of comparable words, in the spirit of the SPDX matching guidelines.

Each token keeps where it stands in the text it came from (so a difference can be shown in the
file's own words) and which paragraph it belongs to. What is compared:

- case, Unicode compatibility forms (NFKC) and HTML entities are folded; white space and line
  breaks do not count at all, so a re-wrapped copy is the same text;
- every kind of quote mark (straight, curly, guillemets, primes) is one mark; dashes, hyphens,
  bullets and the characters Markdown uses for formatting (`* _ # ` > < | = ~ [ ]`) are not
  compared, so `**“Agreement”**`, `"Agreement"` and `- Agreement` are the same words;
- a Markdown link `[text](address)` and a few HTML tags count as their visible text; `https` and
  `http` are the same word, and so are a few British/American spellings SPDX lists;
- `Copyright ©`, `Copyright (c)` and `Copyright` are one word, and the first words of a line that
  is a copyright notice (`Copyright 2024 Acme`, `(c) 2024 Acme`, `© Acme`) are marked as such: the
  matcher does not count a difference made only of them, so a copy with its own copyright line is
  the same license (SPDX treats the notice as replaceable).

Everything else, punctuation included (a comma can change what a clause means), is compared.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# One token: an HTML entity, a run of letters and digits, or one other (non-space) character.
# Chinese, Japanese and Korean characters are words of one character each: those scripts put no
# space between words, and a line may break between any two characters.
_CJK = "\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
_TOKEN = re.compile(rf"&(?:#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,10}});|[{_CJK}]|[^\W_{_CJK}]+|\S")
WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")  # words alone, for the prefilter
_QUOTES = frozenset("\"'`´‘’‚‛“”„‟«»‹›′″‵‶＂＇")
# Formatting, not wording: dashes and hyphens (SPDX treats all dashes alike; a list's "-" bullet
# and Markdown's emphasis, headings, quotes, tables and link brackets are markup).
_FORMATTING = frozenset("-‐‑‒–—―−⁃﹘﹣－•·◦▪▫‣●○■□∙⦁*_#>|=~^[]<\\")
_MARKUP_LINE = _FORMATTING | {" ", "\t", ":"}  # "---", "***", "|:---|---|", "=====": no words
_SPELLING = {
    "https": "http",
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "organisation": "organization",
    "organisations": "organizations",
    "authorised": "authorized",
    "authorise": "authorize",
    "analyse": "analyze",
    "favour": "favor",
    "behaviour": "behavior",
    "judgement": "judgment",
    "offence": "offense",
    "defence": "defense",
}
# A line that is a copyright notice, after any Markdown or list prefix.
_COPYRIGHT_LINE = re.compile(
    r"^[\s#>*+\-•]*(?:copyright\s*(?:©|\(c\)|&copy;)|copyright\s+(?:\d{4}|\[yyyy\]|<year>|\[year\])|©|\(c\)\s*\d{4}|&copy;)",
    re.IGNORECASE,
)
# Markup whose text is not part of the wording: a Markdown link's address (the part in brackets
# after `]`), with an optional title, and a few HTML tags.
_LINK_TARGET = re.compile(r"\]\(\s*<?[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|br|p|div|span|sup|sub|hr|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|code|pre|small)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# Where a new paragraph starts without a blank line: a heading, a list item, a numbered or
# lettered clause ("1.", "1.1", "4.a", "(b)", "iv)"), "Section 2", "Article 3".
_PARAGRAPH_START = re.compile(
    r"""^(?:\#{1,6}\s
        | [-*+•·◦▪‣●]\s
        | \(?\d{1,3}[.)]\s
        | \d{1,3}(?:\.\d{1,3})+\.?\s
        | \d{1,3}\.[a-z]{1,3}\.?\s
        | \([a-z]{1,2}\)\s | [a-z][.)]\s
        | \(?[ivxlc]{1,6}[.)]\s
        | (?:section|article|part|appendix|exhibit|attachment|schedule)\b
        )""",
    re.IGNORECASE | re.VERBOSE,
)


NOTICE_WORDS = 20  # the words of a copyright line that count as its notice


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # the compared form
    start: int  # where it stands in the (NFC) text
    end: int
    paragraph: int  # index of the paragraph it belongs to
    notice: bool  # part of a copyright notice: a difference made only of such words does not count


@dataclass(frozen=True)
class Normalized:
    text: str  # the text the tokens point into (Unicode NFC, line ends as "\n")
    tokens: tuple[Token, ...]
    words: tuple[str, ...]  # each token's compared form
    paragraphs: tuple[tuple[int, int], ...]  # each paragraph's (start, end) character span in text

    def excerpt(self, first: int, end: int) -> str:
        """The text of tokens [first, end), white space collapsed."""
        if first >= end:
            return ""
        return " ".join(self.text[self.tokens[first].start : self.tokens[end - 1].end].split())

    def paragraph_text(self, index: int) -> str:
        start, end = self.paragraphs[index]
        return " ".join(self.text[start:end].split())


def normalize(raw: str) -> Normalized:
    """Tokens of a text, with their paragraphs; see the module docstring for what is folded."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    skipped = sorted([m.span() for m in _LINK_TARGET.finditer(text)] + [m.span() for m in _HTML_TAG.finditer(text)])
    tokens: list[Token] = []
    spans: list[tuple[int, int]] = []
    paragraph = -1
    blank = True
    offset = 0
    skip = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped or set(stripped) <= _MARKUP_LINE:
            blank = True  # a blank line, or a rule, underline or table border: ends the paragraph
            continue
        if blank or _PARAGRAPH_START.match(stripped):
            paragraph += 1
            spans.append((line_start + len(line) - len(line.lstrip()), line_start + len(line.rstrip())))
        blank = False
        spans[-1] = (spans[-1][0], line_start + len(line.rstrip()))
        notice = NOTICE_WORDS if _COPYRIGHT_LINE.match(stripped) else 0
        for m in _TOKEN.finditer(text, line_start, line_start + len(line)):
            s, e = m.span()
            while skip < len(skipped) and skipped[skip][1] <= s:
                skip += 1
            if skip < len(skipped) and skipped[skip][0] <= s:
                continue
            for word in _words(m.group()):
                tokens.append(Token(word, s, e, paragraph, notice > 0))
                notice -= 1
    tokens = _fold_copyright(tokens)
    return Normalized(text, tuple(tokens), tuple(t.word for t in tokens), tuple(spans))


_PLAIN = re.compile(r"[a-z0-9]+")


def _words(token: str) -> list[str]:
    """The compared forms of one token: usually one word, none for formatting."""
    if token.isascii():
        lower = token.lower()
        if _PLAIN.fullmatch(lower):
            return [_SPELLING.get(lower, lower)]
    if token.startswith("&") and token.endswith(";") and len(token) > 2:
        token = html.unescape(token)
    out: list[str] = []
    for part in _TOKEN.findall(unicodedata.normalize("NFKC", token).lower()):
        if part in _QUOTES:
            out.append("'")
        elif part not in _FORMATTING:
            out.append(_SPELLING.get(part, part))
    return out


def _fold_copyright(tokens: list[Token]) -> list[Token]:
    """'copyright (c)', 'copyright ©' and '©' are the one word 'copyright'."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.word in ("copyright", "©"):
            out.append(Token("copyright", t.start, t.end, t.paragraph, t.notice))
            i += 1
            if [x.word for x in tokens[i : i + 3]] == ["(", "c", ")"]:
                i += 3
            elif i < len(tokens) and tokens[i].word == "©":
                i += 1
            continue
        out.append(t)
        i += 1
    return out
