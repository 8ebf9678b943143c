"""Texts the tool does not hold are unknown: the closest is named, never asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from license_risk.content.load import load_catalog
from license_risk.identify import identify_file, identify_text
from license_risk.shipped import ROOT

CATALOG = load_catalog(ROOT)
FIXTURES = Path(__file__).parents[1] / "fixtures" / "identify"


@pytest.mark.parametrize(
    ("name", "closest", "at_most"),
    [
        ("unlicense.txt", "mit.txt", 0.42),  # shares MIT's disclaimer word for word: the closest unrelated text
        ("bsd-3-clause.txt", "mit.txt", 0.24),
        ("acme-model-license.md", None, 0.1),
        ("prose.txt", None, 0.05),
    ],
)
def test_unrelated_texts_are_unknown(name, closest, at_most):
    result = identify_file(FIXTURES / name, CATALOG)
    assert result.verdict == "unknown" and result.asserted is None and result.differences == ()
    assert result.needs_legal_review and "not close enough" in (result.review_reason or "")
    if result.best is not None:
        assert result.best.score <= at_most
    if closest:
        assert result.best.file == closest


def test_distinct_licenses_of_different_families_are_not_each_others_copies():
    """The closest pairs of different families (measured): a file of one is not a modified copy of the other."""
    from license_risk.identify.match import _clearly, _compare, library, normalize

    held = library(CATALOG).by_file
    for a, b in [
        ("apache-2.0.txt", "nvidia-nemotron-open-model-license-2025-12.txt"),
        ("nvidia-nemotron-open-model-license-2025-12.txt", "apache-2.0.txt"),
        ("gpl-2.0.txt", "lgpl-2.1.txt"),
        ("lgpl-2.1.txt", "gpl-2.0.txt"),
        ("nvidia-open-model-license-2025-01.txt", "nvidia-nemotron-open-model-license-2025-12.txt"),
        ("mit.txt", "openmdw-1.0.txt"),
    ]:
        comparison = _compare(held[a], normalize(CATALOG.texts[b]))
        assert comparison.score < 0.62 and not _clearly(comparison), (a, b, comparison.score)


def test_falcon_holds_apache_2_0_almost_whole_so_it_reads_as_apache_with_additions():
    from license_risk.identify.match import _clearly, _compare, library, normalize

    comparison = _compare(library(CATALOG).by_file["apache-2.0.txt"], normalize(CATALOG.texts["falcon-180b-tii.txt"]))
    assert comparison.held_coverage >= 0.95 and _clearly(comparison)


def test_a_mention_of_a_license_is_not_that_license():
    result = identify_text("This model is licensed under the Apache License, Version 2.0.", CATALOG)
    assert result.verdict == "unknown"


def test_a_text_without_words_is_unknown_with_a_note():
    result = identify_text("§ … — ***", CATALOG)
    assert (result.verdict, result.best) == ("unknown", None) and result.notes


def test_a_long_file_no_license_could_be_is_not_compared_word_by_word():
    result = identify_text((FIXTURES / "prose.txt").read_text() * 300, CATALOG)
    assert result.verdict == "unknown"
    assert result.best is None or any("estimated" in note for note in result.notes)
