"""A Japanese paragraph wrapped in a folded YAML scalar reads without the spaces YAML puts at its line breaks."""

from __future__ import annotations

from license_risk.content.localized import localized
from license_risk.content.translation import join_folded


def test_a_line_break_between_japanese_words_adds_no_space():
    assert join_folded("の\u0020月間") == "の月間"
    assert join_folded("します。 EU、その他") == "します。EU、その他"
    assert join_folded("Hugging Face のモデル") == "Hugging Face のモデル"  # spaces beside Latin words stay
    assert join_folded('"the Llama Materials" とは') == '"the Llama Materials" とは'


def test_shipped_japanese_has_no_space_between_japanese_characters(catalog):
    ja = localized(catalog, "ja")
    texts = [q.text + (q.help or "") for t in ("intake", "llama-3.1", "gemma-2025-03") for q in ja.trees[t].order]
    assert texts and not [t for t in texts if join_folded(t) != t]
    assert ja.trees["intake"].questions["organisation"].text == "組織名"
