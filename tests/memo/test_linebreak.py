"""Kinsoku: where the PDF memo may break a line in Japanese text, and where it may not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from license_risk.memo.linebreak import NO_END, NO_START, ZWSP, breakable


def test_breaks_between_japanese_characters_but_not_inside_english_words() -> None:
    marked = breakable("貴社は、Apache-2.0 の下で「モデル」を利用します。")
    assert marked.replace(ZWSP, "|") == "貴|社|は、|Apache-2.0 の|下|で|「モ|デ|ル」|を|利|用|し|ま|す。"


def test_english_text_is_left_alone() -> None:
    text = "Licensed under the Apache License, Version 2.0"
    assert breakable(text) is text


@given(st.text(alphabet=st.sampled_from(list("貴社はモデルを利用しますっャー、。「」（）AaZ1 .-")), max_size=60))
def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_one(text: str) -> None:
    marked = breakable(text)
    assert marked.replace(ZWSP, "") == text  # nothing but break marks added
    for i, ch in enumerate(marked):
        if ch == ZWSP:
            after, before = marked[i + 1], marked[i - 1]
            assert after not in NO_START and before not in NO_END
            assert not (before.isascii() and after.isascii())  # English words break at their spaces only
