"""Translation files: loading with file:line errors, the checks of validate --strict, and the fallback to English."""

from __future__ import annotations

from pathlib import Path

import pytest
from translations.translation_support import HEADER, copy_content, full_translation, write

from license_risk.content.catalog import Catalog
from license_risk.content.load import load_catalog
from license_risk.content.localized import localized, text_of
from license_risk.content.problems import ContentError
from license_risk.maintain.translations import read_glossary, translation_report

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(MINI, tmp_path / "content")


def demo(root: Path) -> dict:
    return full_translation(load_catalog(root), "tree", "demo")


def errors(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    return [str(p) for p in info.value.problems]


def warnings(root: Path, glossary_dir: Path | None = None) -> list[str]:
    return [str(p) for p in translation_report(load_catalog(root), glossary_dir or root).warnings]


# ---------------------------------------------------------------- loading


def test_a_complete_translation_loads_with_no_warning(content: Path) -> None:
    write(content, "tree", "demo", demo(content))
    catalog = load_catalog(content)
    assert "questionnaires/demo.ja.yaml" in catalog.translations["ja"]
    assert "demo.ja" not in catalog.trees  # a translation is not a tree
    assert warnings(content) == []
    [coverage] = [c for c in translation_report(catalog).coverage if c.target == "demo"]
    assert (coverage.current, coverage.total) == (coverage.total, 10)


def test_malformed_yaml_names_file_and_line(content: Path) -> None:
    (content / "questionnaires" / "demo.ja.yaml").write_text(
        HEADER + "translates: demo\nlanguage: [ja\nreview: x\n", encoding="utf-8"
    )
    [message] = errors(content)
    assert message.startswith("questionnaires/demo.ja.yaml:4:") and "not valid YAML" in message


def test_an_unknown_key_names_file_line_and_the_close_match(content: Path) -> None:
    data = demo(content)
    data["findings"]["missing-notice"]["titel"] = data["findings"]["missing-notice"].pop("title")
    write(content, "tree", "demo", data)
    found = errors(content)
    assert any(
        m.startswith("questionnaires/demo.ja.yaml:") and "unknown key 'titel'; did you mean 'title'?" in m for m in found
    ), found
    assert all(":None:" not in m for m in found)


def test_a_hash_of_the_wrong_form_is_refused(content: Path) -> None:
    data = demo(content)
    data["questions"]["lawsuit"]["source"] = "not-a-hash"
    path = write(content, "tree", "demo", data)
    line = path.read_text(encoding="utf-8").splitlines().index("    source: not-a-hash") + 1
    [message] = errors(content)
    assert message.startswith(f"questionnaires/demo.ja.yaml:{line}: questions.lawsuit.source:")


def test_odd_unicode_is_refused_with_its_line(content: Path) -> None:
    path = content / "questionnaires" / "demo.ja.yaml"
    path.write_text(HEADER + "translates: demo\nlanguage: ja\nreview: {translator: \x07}\n", encoding="utf-8")
    [message] = errors(content)
    assert message.startswith("questionnaires/demo.ja.yaml:4:") and "U+0007" in message


def test_a_file_named_for_another_target_is_refused(content: Path) -> None:
    data = demo(content)
    data["translates"] = "intake"
    write(content, "tree", "demo", data)
    [message] = errors(content)
    assert message.startswith("questionnaires/demo.ja.yaml:2: translates:") and "demo.ja.yaml" in message


# ---------------------------------------------------------------- the checks


def test_a_missing_entry_is_warned_with_its_section_line(content: Path) -> None:
    data = demo(content)
    del data["findings"]["big-platform"]
    path = write(content, "tree", "demo", data)
    line = path.read_text(encoding="utf-8").splitlines().index("findings:") + 1
    assert warnings(content) == [
        f"questionnaires/demo.ja.yaml:{line}: findings: warning: no translation of finding 'big-platform': add it"
    ]


def test_a_translation_under_way_is_not_warned_about_what_is_left(content: Path) -> None:
    data = demo(content)
    del data["findings"]["big-platform"]
    data["complete"] = False
    write(content, "tree", "demo", data)
    assert warnings(content) == []
    [coverage] = [c for c in translation_report(load_catalog(content)).coverage if c.target == "demo"]
    assert (coverage.current, coverage.total) == (9, 10) and "under way" in coverage.line()


def test_a_missing_field_and_option_are_warned(content: Path) -> None:
    data = demo(content)
    del data["findings"]["missing-notice"]["action"]
    del data["questions"]["lawsuit"]["options"]["maybe"]
    write(content, "tree", "demo", data)
    found = warnings(content)
    assert any("finding 'missing-notice': the English has 'action' but the translation does not" in m for m in found)
    assert any("question 'lawsuit': option 'maybe' has no translation" in m for m in found)


def test_a_stale_entry_is_warned_at_its_source_line_with_the_new_hash(content: Path) -> None:
    path = write(content, "tree", "demo", demo(content))
    tree = content / "questionnaires" / "demo.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("title: Above the user threshold", "title: Over it"), "utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("  big-platform:") + 2
    [message] = warnings(content)
    assert message.startswith(f"questionnaires/demo.ja.yaml:{line}: findings.big-platform.source: warning: stale:")
    assert "then set source: " in message
    # and until it is refreshed, the view shows the English
    assert localized(load_catalog(content), "ja").trees["demo"].findings["big-platform"].title == "Over it"


def test_reflowing_the_english_does_not_make_an_entry_stale(content: Path) -> None:
    write(content, "tree", "demo", demo(content))
    tree = content / "questionnaires" / "demo.yaml"
    text = tree.read_text(encoding="utf-8").replace(
        "title: Above the user threshold", "title: >-\n      Above the user\n      threshold"
    )
    tree.write_text(text, "utf-8")
    assert warnings(content) == []


def test_an_entry_for_an_id_the_english_lacks_is_warned(content: Path) -> None:
    data = demo(content)
    data["findings"]["no-such-finding"] = dict(data["findings"]["big-platform"])
    data["questions"]["lawsuit"]["options"]["perhaps"] = "訳:Perhaps"
    path = write(content, "tree", "demo", data)
    lines = path.read_text(encoding="utf-8").splitlines()
    found = warnings(content)
    line = lines.index("  no-such-finding:") + 1
    assert (
        f"questionnaires/demo.ja.yaml:{line}: findings.no-such-finding: warning: the English has no finding 'no-such-finding': remove the entry or correct its id"
        in found
    )
    assert any("question 'lawsuit' has no option 'perhaps'" in m for m in found)


def test_a_translation_of_a_tree_that_does_not_exist_is_warned(content: Path) -> None:
    data = demo(content)
    data["translates"] = "gone"
    write(content, "tree", "gone", data)
    found = warnings(content)
    assert found == [
        "questionnaires/gone.ja.yaml:2: translates: warning: there is no tree 'gone' to translate: remove the file or correct its name"
    ]


def test_a_discouraged_rendering_of_a_glossary_term_is_flagged(content: Path, tmp_path: Path) -> None:
    data = demo(content)
    data["findings"]["missing-notice"]["action"] = "ライセンスの写しを添えて配布してください。"
    data["findings"]["big-platform"]["title"] = "頒布の基準"  # the preferred term: no warning
    write(content, "tree", "demo", data)
    glossary = tmp_path / "glossary-ja.md"
    glossary.write_text(
        "# 用語集\n\n| English | 訳語 | 避ける表記 |\n| --- | --- | --- |\n| distribution | 頒布 | 配布、配信 |\n| license | ライセンス | - |\n",
        encoding="utf-8",
    )
    assert [(t.english, t.preferred, t.discouraged) for t in read_glossary(glossary)] == [
        ("distribution", "頒布", ("配布", "配信"))
    ]
    [message] = warnings(content, tmp_path)
    assert "findings.missing-notice.action: warning: 「配布」: the glossary renders 'distribution' as 「頒布」" in message


def test_a_file_nobody_reviewed_is_reported_beside_the_coverage_not_as_a_warning(content: Path) -> None:
    data = demo(content)
    data["review"]["reviewer"] = None
    write(content, "tree", "demo", data)
    assert warnings(content) == []
    [coverage] = [c for c in translation_report(load_catalog(content)).coverage if c.target == "demo"]
    assert "NOT REVIEWED by a second reader yet (questionnaires/demo.ja.yaml:6" in coverage.line()


# ---------------------------------------------------------------- the views


def test_the_view_gives_the_translation_and_falls_back_to_english(content: Path) -> None:
    data = demo(content)
    del data["findings"]["big-platform"]
    data["complete"] = False
    write(content, "tree", "demo", data)
    catalog = load_catalog(content)
    ja = localized(catalog, "ja")
    english = catalog.trees["demo"]
    tree = ja.trees["demo"]
    assert tree.findings["missing-notice"].title == "訳:" + english.findings["missing-notice"].title
    assert tree.findings["big-platform"].title == english.findings["big-platform"].title  # missing: English
    assert tree.questions["lawsuit"].option_label("maybe") == "訳:Maybe"
    assert [q.id for q in tree.order] == [q.id for q in english.order]
    assert tree.order[0] is tree.questions[tree.order[0].id]
    # the intake has no translation here: English
    assert ja.trees["intake"] is catalog.trees["intake"]
    assert localized(catalog, "en") is catalog
    assert text_of(catalog, "ja", "tree", "demo", "questions", "lawsuit")["options"]["filed"]["label"] == "訳:Already filed"


def test_quotes_are_never_translated(content: Path) -> None:
    catalog = load_catalog(content)
    write(content, "profile", "demo", full_translation(catalog, "profile", "demo"))
    catalog = load_catalog(content)
    ja = localized(catalog, "ja")
    for clause_id, clause in catalog.profiles["demo"].clauses.items():
        translated = ja.profiles["demo"].clauses[clause_id]
        assert translated.summary == "訳:" + clause.summary
        assert translated.quote == clause.quote
        assert translated.section == clause.section


def test_a_profiles_own_words_are_translated_and_a_stale_one_falls_back(content: Path) -> None:
    """The governing law, the venue, the notes on the text and the openness note: the memo prints them."""
    profile = content / "licenses" / "demo.yaml"
    text = profile.read_text(encoding="utf-8").replace(
        "  commit: 0123456789abcdef0123456789abcdef01234567\n",
        "  commit: 0123456789abcdef0123456789abcdef01234567\n  caveats:\n    - First note.\n    - Second note.\n",
    )
    profile.write_text(text, encoding="utf-8")
    catalog = load_catalog(content)
    data = full_translation(catalog, "profile", "demo")
    assert set(data["profile"]) == {"licensor", "law", "venue", "caveat-1", "caveat-2", "openness"}
    data["profile"]["venue"]["source"] = "0" * 12  # translated from other English: stale
    write(content, "profile", "demo", data)
    catalog = load_catalog(content)
    m = localized(catalog, "ja").profiles["demo"].model
    assert (m.governing_law.law, m.governing_law.venue) == ("訳:Ruritania", "not stated")
    assert m.governing_law.clause == "law" and m.licensor == "訳:Demo Corp"
    assert m.text.caveats == ["訳:First note.", "訳:Second note."]
    assert m.open_source.note == "訳:A test fixture." and m.open_source.osd_compliant is True
    assert catalog.profiles["demo"].model.governing_law.law == "Ruritania"  # the English catalog is untouched
    [stale] = [w for w in warnings(content) if "stale" in w]
    assert "profile.venue.source" in stale and "profile text 'venue'" in stale


MODELS = """models:
  - id: demo-7b
    name: Demo 7B
    license: demo
    modalities: [text]
    note: Repository names are not verified.
  - id: other-7b
    name: Other 7B
    license: null
    not_held: the Other License (May 1, 2024)
    modalities: [text, image]
    note: Not the  Demo license.
"""


def test_the_model_catalogs_words_are_translated_and_a_stale_one_falls_back(content: Path) -> None:
    """The notes under a model in the search, and a license whose text is not held: the checkpoints stay English."""
    from license_risk.content.checkpoints import checkpoint_lines

    (content / "licenses" / "models.yaml").write_text(MODELS, encoding="utf-8")
    catalog = load_catalog(content)
    data = full_translation(catalog, "models", "models")
    assert set(data["catalog"]) == {"demo-7b.note", "other-7b.not-held", "other-7b.note"}
    data["catalog"]["demo-7b.note"]["source"] = "0" * 12  # translated from other English: stale
    write(content, "models", "models", data)
    catalog = load_catalog(content)
    ja = localized(catalog, "ja")
    demo, other = ja.models
    assert other.note == "Not the  Demo license."  # the checkpoints are data, kept in English
    assert ja.model_word("Not the Demo license.") == "訳:Not the  Demo license."  # whitespace runs read as one space
    assert ja.model_word("Repository names are not verified.") == "Repository names are not verified."  # stale
    head, note = checkpoint_lines(other, {"demo": "Demo License"}, "ja", ja.model_word)
    assert head.startswith("本ツールでは評価できません。訳:the Other License (May 1, 2024)が適用されます")
    assert head.endswith("テキスト、画像") and note == "訳:Not the Demo license."
    assert checkpoint_lines(demo, {"demo": "Demo License"}, "ja", ja.model_word) == [
        "Demo License · テキスト",
        "Repository names are not verified.",
    ]
    assert catalog.model_word(other.note) == other.note  # English: as written
    [stale] = [w for w in warnings(content) if "stale" in w]
    assert "models.ja.yaml" in stale and "catalog.demo-7b.note.source" in stale


def test_failed_criteria_are_keyed_by_their_criterion() -> None:
    from types import SimpleNamespace

    from license_risk.content.translation import osd_keys

    failures = [
        SimpleNamespace(criterion=c) for c in ("osd#fields-of-endeavor", "osd#persons-or-groups", "osd#fields-of-endeavor")
    ]
    assert osd_keys(failures) == ["osd-fields-of-endeavor", "osd-persons-or-groups", "osd-fields-of-endeavor-2"]


def _unused(catalog: Catalog) -> None:  # keeps the import used by type checkers only
    del catalog


def test_every_section_has_a_name_for_its_warnings() -> None:
    """A stale model catalog note was reported by a KeyError: each section needs the word its warnings use."""
    from license_risk.content.translation import SECTIONS
    from license_risk.maintain.translations import _what

    for section in SECTIONS:
        assert _what(section, "an-id")
    assert _what("catalog", "falcon-7b.note") == "model catalog text 'falcon-7b.note'"
