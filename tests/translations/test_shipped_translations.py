"""The shipped Japanese: current, complete where claimed, and seen through the views."""

from __future__ import annotations

from license_risk.content.catalog import Catalog
from license_risk.content.localized import localized
from license_risk.maintain.jsonschema import stale
from license_risk.maintain.lint import SCHEMA_LINE
from license_risk.maintain.translations import translation_report


def test_the_shipped_translations_have_no_warning_and_cover_the_intake_and_rubric(catalog: Catalog) -> None:
    report = translation_report(catalog)
    assert report.warnings == []
    full = {c.target for c in report.coverage if c.file and c.current == c.total}
    assert {"intake", "rubric"} <= full


def test_every_translation_file_names_its_schema(catalog: Catalog) -> None:
    for loaded in catalog.translations["ja"].values():
        assert loaded.doc.text.startswith(SCHEMA_LINE + "../schema/translation.schema.json"), loaded.file
    assert "translation.schema.json" not in stale()


def test_the_intake_and_rubric_read_in_japanese(catalog: Catalog) -> None:
    ja = localized(catalog, "ja")
    assert ja.intake.questions["establishment"].option_label("japan") == "日本"
    assert ja.rubric is not None and catalog.rubric is not None
    assert ja.rubric.scale["critical"] != catalog.rubric.scale["critical"]
    kind = ja.rubric.kind("threshold")
    assert kind is not None and kind.severity == catalog.rubric.kind("threshold").severity  # type: ignore[union-attr]
    assert localized(catalog, "en") is catalog
