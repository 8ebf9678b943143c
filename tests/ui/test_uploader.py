"""The file uploader's own words (Streamlit writes them in English) are shown in Japanese on the Japanese page only."""

from __future__ import annotations

from apphelpers import html_source, new_app

from license_risk.i18n import translator


def resume_page(db, lang: str):
    at = new_app(db)
    if lang != "en":
        at.segmented_control(key="lang_switch").set_value(lang).run()
    _ = translator(lang)
    next(b for b in at.button if b.label == _("Resume from a link or an answers file")).click().run()
    assert not at.exception, at.exception
    return at


def test_japanese_page_shows_the_uploader_words_in_japanese(tmp_path) -> None:
    source = html_source(resume_page(tmp_path / "a.sqlite3", "ja"))
    rule = '.st-key-upload [data-testid="stFileUploaderDropzone"] [data-testid="stFileUploaderDropzoneInstructions"] span'
    assert f"{rule}{{font-size:0}}" in source
    assert f'{rule}::after{{content:"1ファイルあたり 1MB まで • YAML, YML, JSON";' in source
    assert 'content:"アップロード"' in source


def test_english_page_keeps_streamlits_own_words(tmp_path) -> None:
    source = html_source(resume_page(tmp_path / "b.sqlite3", "en"))
    assert "stFileUploaderDropzone" not in source and "::after" not in source


def test_a_translation_cannot_end_the_style_element() -> None:
    from ui.uploader import _css_string

    assert _css_string('a"b\\</style><script>') == '"a\\"b\\\\\\3C /style>\\3C script>"'
