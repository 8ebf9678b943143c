"""Near-identical versions told apart: the exact text wins, an edited copy goes to its closest version."""

from __future__ import annotations

import pytest
from identify_variants import CHANGED, rewrapped, sentence_changed

from license_risk.content.load import load_catalog
from license_risk.identify import identify_text
from license_risk.shipped import ROOT

CATALOG = load_catalog(ROOT)
FAMILIES = {
    "llama": ["llama-3.1.txt", "llama-3.2.txt", "llama-3.3.txt", "llama-4.txt"],
    "llama-aup": [
        "llama-2-aup.txt",
        "llama-3-aup.txt",
        "llama-3.1-aup.txt",
        "llama-3.2-aup.txt",
        "llama-3.3-aup.txt",
        "llama-4-aup.txt",
    ],
    "gemma": ["gemma-terms-2024-02.txt", "gemma-terms-2025-03.txt", "gemma-terms-2026-04.txt"],
    "nvidia": ["nvidia-open-model-license-2025-01.txt", "nvidia-open-model-license-2025-10.txt"],
    "openrail": ["creativeml-openrail-m.txt", "creativeml-openrailpp-m.txt"],
    "cc": ["cc-by-4.0.txt", "cc-by-nc-4.0.txt", "cc-by-sa-4.0.txt"],
}
VERSIONS = [(family, file) for family, files in FAMILIES.items() for file in files]


@pytest.mark.parametrize(("family", "file"), VERSIONS)
def test_the_exact_text_wins_and_a_sibling_is_the_runner_up(family, file):
    result = identify_text(CATALOG.texts[file], CATALOG)
    assert (result.verdict, result.best.file) == ("identical", file)
    assert result.runner_up is not None and result.runner_up.file in FAMILIES[family]
    assert result.runner_up.file != file and result.runner_up.score < 1.0


@pytest.mark.parametrize(("family", "file"), VERSIONS)
def test_an_edited_copy_goes_to_the_version_it_is_closest_to(family, file):
    result = identify_text(rewrapped(sentence_changed(CATALOG.texts[file])), CATALOG)
    assert (result.verdict, result.best.file) == ("modified", file)
    assert result.runner_up is not None and result.runner_up.file in FAMILIES[family]
    assert result.best.score > result.runner_up.score
    assert any(CHANGED.split()[1] in d.new for d in result.differences)


def test_llama_3_2_and_3_3_differ_in_names_and_dates_only_and_are_told_apart():
    llama32, llama33 = CATALOG.texts["llama-3.2.txt"], CATALOG.texts["llama-3.3.txt"]
    first = identify_text(llama32, CATALOG)
    assert first.best.profiles == ("llama-3.2",) and first.runner_up.profiles == ("llama-3.3",)
    assert first.runner_up.score > 0.98  # as near as two held texts get
    second = identify_text(llama33, CATALOG)
    assert second.best.profiles == ("llama-3.3",) and second.runner_up.profiles == ("llama-3.2",)


def test_a_3_2_text_dated_like_3_3_is_3_2_with_the_date_changed():
    text = CATALOG.texts["llama-3.2.txt"].replace("September 25, 2024", "December 6, 2024")
    result = identify_text(text, CATALOG)
    assert (result.verdict, result.best.profiles, result.runner_up.profiles) == ("modified", ("llama-3.2",), ("llama-3.3",))
    (difference,) = result.differences
    assert [(e.old, e.new) for e in difference.edits] == [("September 25", "December 6")]


def test_a_gemma_copy_of_2025_with_the_2024_definition_of_gemma_is_2025_modified():
    text = CATALOG.texts["gemma-terms-2025-03.txt"]
    old = "identified in the Appendix"
    assert old in text
    result = identify_text(text.replace(old, "identified at ai.google.dev/gemma"), CATALOG)
    assert (result.verdict, result.best.profiles) == ("modified", ("gemma-2025-03",))
    assert result.runner_up.profiles == ("gemma-2024-02",)
    (difference,) = result.differences
    assert [c.section for c in difference.clauses] == ["1.1(c)"]
