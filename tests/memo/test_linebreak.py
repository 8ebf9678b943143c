"""Kinsoku: where the PDF memo may break a line in Japanese text, and where it may not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from license_risk.memo.linebreak import NO_END, NO_START, ZWSP, breakable


def test_breaks_between_japanese_phrases_but_not_inside_english_words() -> None:
    marked = breakable("貴社は、Apache-2.0 の下で「モデル」を利用します。")
    assert marked.replace(ZWSP, "|") == "貴社は、|Apache-2.0 の|下で|「モデル」を|利用します。"


def test_a_phrase_too_long_for_a_narrow_column_may_break_inside() -> None:
    marked = breakable("本ツールは、ライセンシーが月間アクティブユーザー7億人を超える場合")
    phrases = marked.split(ZWSP)
    assert phrases[:2] == ["本ツールは、", "ライセンシーが"] and phrases[-2:] == ["超える", "場合"]
    assert len(phrases) > 6  # 月間アクティブユーザー7億人を (16 characters) breaks inside, kinsoku still kept
    assert "ュ" not in [p[:1] for p in phrases] and "ー" not in [p[:1] for p in phrases]


def test_text_without_kana_breaks_beside_any_character() -> None:
    assert breakable("中华人民共和国法律").count(ZWSP) == 8  # Chinese: BudouX's Japanese model does not apply
    assert ZWSP not in breakable("株式会社テスト")  # a company name with kana: one phrase


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


@given(
    st.lists(st.text(alphabet="abcdefg日本語漢字かなカナ、。", min_size=1, max_size=12), min_size=1, max_size=30),
    st.integers(min_value=14, max_value=90),
    st.integers(min_value=0, max_value=6),
)
def test_wrapped_lines_stay_within_the_width_and_keep_every_word(words: list[str], width: int, indent: int) -> None:
    from license_risk.memo.linebreak import columns, wrap

    text = " ".join(words)
    lines = wrap(text, width, indent).split("\n")
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")  # nothing lost or added
    for line in lines:
        # over the width only where no break was possible: a single piece longer than the line
        assert columns(line) <= width or " " not in line.strip(), (line, width)
    assert all(line.startswith(" " * indent) for line in lines)


def test_columns_counts_wide_characters_twice_and_combining_marks_not_at_all() -> None:
    from license_risk.memo.linebreak import columns

    assert columns("Llama 3.1") == 9 and columns("日本語") == 6 and columns("e\u0301") == 1 and columns(ZWSP) == 0


def test_english_with_typographic_characters_is_left_alone_without_compiling_the_wide_pattern():
    from license_risk.memo import linebreak

    linebreak._patterns.cache_clear()
    text = "“Licensee” may not use the Llama Materials — see §1.b.i (café, naïve, ±5 %, ½)."
    assert linebreak.breakable(text) == text
    assert linebreak._patterns.cache_info().currsize == 0  # an English `assess` does not pay for it
    assert linebreak.breakable("本契約 “x”") == "本\u200b契\u200b約 “x”"
    assert linebreak._patterns.cache_info().currsize == 1
