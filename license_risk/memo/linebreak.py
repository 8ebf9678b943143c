"""Where a line may break in Japanese (and Chinese) text: kinsoku shori, as JIS X 4051 describes it.

fpdf2 breaks lines at spaces only (or anywhere, in its character mode, which cuts English words
in two). Japanese has no spaces: a line may end between any two characters, except that no line
may start with closing brackets, 、。 and similar punctuation, the prolonged sound mark or small
kana, and no line may end with an opening bracket. `breakable` marks the allowed places with a
zero-width space, which fpdf2 treats as a break opportunity and draws as nothing; English words
inside the text keep breaking at their spaces only. Plain Python, no fpdf here.

Japanese text is also kept in phrases (文節): BudouX, Google's small phrase-boundary model, says
where a phrase ends, and a line breaks only there, so 「ライセンシーが」 or 「終了する」 is never cut
in two. A phrase longer than PHRASE_MAX characters may still break inside (kinsoku still applies),
so that a long compound fits a narrow column. Text without kana (Chinese, a Japanese name in kanji)
breaks beside any character, as before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

ZWSP = "\u200b"
# Characters that may not start a line (行頭禁則): closing brackets and quotes, 、。 and their
# full-width kin, iteration marks, the prolonged sound mark, small kana.
NO_START = frozenset(
    "、。，．・：；？！‼⁇⁈⁉ー－～〜…‥"
    "）〕］｝〉》」』】〙〗〟’”)]}"
    "ゝゞ々〻ヽヾ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ".,:;!?%"
)
# Characters that may not end a line (行末禁則): opening brackets and quotes.
NO_END = frozenset("（〔［｛〈《「『【〘〖〝‘“([{")
FIRST_WIDE = "\u2e80"  # no character before it is wide (the ranges below): English text needs no pattern


@lru_cache(maxsize=1)  # compiled when text with such characters is laid out (its classes cost 3 ms to compile)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    wide = re.compile(
        "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
    )
    return wide, re.compile("[\u3040-\u30ff\uff66-\uff9f]")


PHRASE_MAX = 12  # characters; a longer phrase may break inside, so that it fits a narrow column


@lru_cache(maxsize=1)
def _phrases() -> Any:
    import budoux  # 10 ms to import: only when Japanese text is laid out, not at every CLI start

    return budoux.load_default_japanese_parser()


@lru_cache(maxsize=4096)  # a memo lays each paragraph out twice (a dry run, then the drawing)
def breakable(text: str) -> str:
    """`text` with a zero-width space wherever a line may break beside a Japanese or Chinese character."""
    if text.isascii() or max(text) < FIRST_WIDE:  # a break is added only beside a wide character
        return text
    wide_char, kana = _patterns()
    if not wide_char.search(text):
        return text
    inside = _inside_phrases(text) if kana.search(text) else frozenset()
    out: list[str] = []
    for i, ch in enumerate(text):
        if i and i not in inside:
            before = text[i - 1]
            wide = wide_char.match(before) or wide_char.match(ch)
            if wide and not before.isspace() and not ch.isspace() and ch not in NO_START and before not in NO_END:
                out.append(ZWSP)
        out.append(ch)
    return "".join(out)


def _inside_phrases(text: str) -> frozenset[int]:
    """The positions inside a phrase of at most PHRASE_MAX characters: no break there."""
    inside: set[int] = set()
    start = 0
    for phrase in _phrases().parse(text):
        if len(phrase) <= PHRASE_MAX:
            inside.update(range(start + 1, start + len(phrase)))
        start += len(phrase)
    return frozenset(inside)


def columns(text: str) -> int:
    """The width of `text` in a terminal: Japanese and other wide characters take two columns."""
    if text.isascii():  # every ASCII character takes one column: the common case, without a lookup per character
        return len(text)
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 0 if ch == ZWSP or unicodedata.combining(ch) else 1 for ch in text
    )


def wrap(text: str, width: int, indent: int) -> str:
    """Lines of at most `width` terminal columns (wide characters count two), indented, broken where
    English breaks (spaces) and where Japanese may (see breakable)."""
    pad = " " * indent
    pieces = re.split(f"( |{ZWSP})", breakable(" ".join(text.split())))
    lines: list[str] = []
    line = ""
    used = 0  # the columns of the line up to its last piece (the separators after it are `waiting`)
    waiting = 0  # the columns of the separators after the last piece: they count only once a piece follows
    for piece in pieces:
        if piece in (" ", ZWSP):
            if line:
                line += piece
                waiting += piece == " "
            continue
        if not piece:
            continue
        wide = columns(piece)
        if line and indent + used + waiting + wide > width:  # counted as it grows: measuring the whole line again was quadratic
            lines.append(line.rstrip(" " + ZWSP))
            line, used, waiting = "", 0, 0
        line += piece
        used += waiting + wide
        waiting = 0
    if line.strip(" " + ZWSP):
        lines.append(line.rstrip(" " + ZWSP))
    return "\n".join(pad + line.replace(ZWSP, "") for line in lines)
