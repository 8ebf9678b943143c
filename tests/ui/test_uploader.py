"""The file uploader's own words (Streamlit writes them in English) are shown in Japanese on the Japanese page only."""

from __future__ import annotations

from apphelpers import html_source, new_app, open_resume


def resume_page(db, lang: str):
    at = open_resume(new_app(db), lang)
    assert not at.exception, at.exception
    return at


def test_japanese_page_shows_the_uploader_words_in_japanese(tmp_path) -> None:
    source = html_source(resume_page(tmp_path / "a.sqlite3", "ja"))
    rule = '.st-key-upload [data-testid="stFileUploaderDropzone"] [data-testid="stFileUploaderDropzoneInstructions"] span'
    assert f"{rule}{{font-size:0}}" in source
    assert f'{rule}::after{{content:"1ファイルあたり 1MB まで • YAML, YML, JSON";' in source
    assert 'content:"アップロード"' in source


def test_english_page_keeps_streamlits_button_word_and_shows_our_limit(tmp_path) -> None:
    """Streamlit takes in larger files than we accept (so that it never refuses one where only a hover shows
    why); the instructions give our limit, never Streamlit's."""
    source = html_source(resume_page(tmp_path / "b.sqlite3", "en"))
    assert 'content:"1MB per file • YAML, YML, JSON";' in source
    assert 'stFileUploaderDropzone"] button' not in source  # the button's own "Upload" is English already


def test_a_file_over_the_limit_is_named_with_its_size_and_the_limit() -> None:
    from ui import uploader  # outside a page the words are English

    limit = 1024 * 1024
    assert uploader.too_large("a.yaml", limit, limit) == []
    message, name = uploader.too_large("big <b>.yaml", 5 * limit, limit)
    assert name == "big <b>.yaml"
    assert "too large: 5.2 MB" in message and "at most 1 MB" in message  # the size as the uploader shows it
    assert uploader.limit_text(2 * limit) == "2 MB" and uploader.limit_text(limit // 2) == "0.5 MB"


def test_a_translation_cannot_end_the_style_element() -> None:
    from ui.uploader import _css_string

    assert _css_string('a"b\\</style><script>') == '"a\\"b\\\\\\3C /style>\\3C script>"'
