"""Every held official text, as shipped and as people copy it, identifies as itself; edited copies as modified."""

from __future__ import annotations

import pytest
from identify_variants import (
    ADDED,
    CHANGED,
    clause_added,
    crlf,
    curly,
    markdown,
    paragraph_removed,
    removed_paragraph_text,
    rewrapped,
    sentence_changed,
)

from license_risk.content.load import load_catalog
from license_risk.identify import CONTAINED, KEPT, SIMILAR, identify_text
from license_risk.identify.match import HELD_KINDS
from license_risk.shipped import ROOT

CATALOG = load_catalog(ROOT)  # module level: the parametrize lists below need the held texts
HELD = sorted({p.model.text.file for p in CATALOG.profiles.values() if p.model.kind in HELD_KINDS})


def profiles_of(file: str) -> set[str]:
    return {p.model.id for p in CATALOG.profiles.values() if p.model.text.file == file and p.model.kind in HELD_KINDS}


def test_every_license_and_policy_text_is_held_and_definitions_are_not():
    assert len(HELD) == 42
    assert "osd.txt" not in HELD  # the Open Source Definition is no license a file carries


@pytest.mark.parametrize("file", HELD)
def test_each_held_text_is_identical_to_itself(file):
    result = identify_text(CATALOG.texts[file], CATALOG)
    assert result.verdict == "identical"
    assert result.best is not None and result.best.file == file and result.best.score == 1.0
    assert set(result.best.profiles) == profiles_of(file)
    assert not result.needs_legal_review and result.review_reason is None
    assert result.differences == ()
    assert result.runner_up is None or result.runner_up.file != file


@pytest.mark.parametrize("variant", [rewrapped, curly, markdown, crlf], ids=lambda f: f.__name__)
@pytest.mark.parametrize("file", HELD)
def test_reformatted_copies_are_still_identical(file, variant):
    result = identify_text(variant(CATALOG.texts[file]), CATALOG)
    assert (result.verdict, result.best.file if result.best else None) == ("identical", file)


@pytest.mark.parametrize("file", HELD)
def test_a_clause_added_is_listed_with_its_text(file):
    result = identify_text(clause_added(CATALOG.texts[file]), CATALOG)
    assert result.verdict == "modified" and result.best.file == file
    (difference,) = result.differences
    assert difference.kind == "added" and difference.new == ADDED
    assert result.needs_legal_review and "1 difference" in result.review_reason
    assert result.best.score >= 0.92 and result.best.held_coverage == 1.0


@pytest.mark.parametrize("file", HELD)
def test_a_paragraph_removed_is_listed_with_the_held_words(file):
    text = CATALOG.texts[file]
    result = identify_text(paragraph_removed(text), CATALOG)
    assert result.verdict == "modified" and result.best.file == file
    (difference,) = result.differences
    assert difference.kind == "removed"
    held = removed_paragraph_text(text)  # the shown words start at the first word: a "* " or "## " before it is markup
    assert held.endswith(difference.old) and len(difference.old) >= len(held) - 3
    assert result.best.score >= 0.92 and result.best.file_coverage == 1.0


@pytest.mark.parametrize("file", HELD)
def test_a_sentence_changed_is_listed_old_and_new(file):
    result = identify_text(sentence_changed(CATALOG.texts[file]), CATALOG)
    assert result.verdict == "modified" and result.best.file == file
    (difference,) = result.differences
    assert difference.kind == "changed" and CHANGED in difference.new and CHANGED not in difference.old
    assert "change these terms" in " ".join(e.new for e in difference.edits)
    assert result.best.score >= 0.92


def test_mit_without_its_disclaimer_is_mit_with_a_paragraph_removed():
    """The largest share of a held text one paragraph can be: 44% of MIT's words."""
    mit = CATALOG.texts["mit.txt"]
    result = identify_text(mit[: mit.index("THE SOFTWARE IS")], CATALOG)
    assert result.verdict == "modified" and result.best.profiles[0] == "mit"
    assert result.best.score < SIMILAR and result.best.file_coverage >= CONTAINED and result.best.held_coverage >= KEPT
    assert round(result.best.score, 2) == 0.72
    (difference,) = result.differences
    assert difference.kind == "removed" and difference.old.startswith("THE SOFTWARE IS PROVIDED")


def test_a_license_with_a_long_rider_is_still_that_license_modified():
    mit = CATALOG.texts["mit.txt"]
    rider = "\n\n".join(
        f"Rider clause {i}: the licensee shall send the licensor a postcard every {i} days." for i in range(1, 40)
    )
    result = identify_text(mit + "\n\n" + rider, CATALOG)
    assert result.verdict == "modified" and result.best.held_coverage == 1.0 and result.best.score < 0.5
    assert [d.kind for d in result.differences] == ["added"]
    assert result.differences[0].new.startswith("Rider clause 1:")


def test_a_changed_clause_is_named_by_its_section():
    text = CATALOG.texts["llama-3.2.txt"]
    old = "then any licenses granted to you under this Agreement shall terminate as of the date such litigation or claim is filed or instituted"
    assert old in text
    result = identify_text(text.replace(old, "then this Agreement continues"), CATALOG)
    assert result.verdict == "modified" and result.best.profiles == ("llama-3.2",)
    (difference,) = result.differences
    assert [(c.section, c.id) for c in difference.clauses] == [("5.c", "ip-litigation-termination")]
    (edit,) = difference.edits
    assert "shall terminate" in edit.old and edit.new.endswith("continues")


def test_an_added_paragraph_names_the_clause_it_follows():
    text = CATALOG.texts["llama-3.2.txt"]
    anchor = "Sections 3, 4 and 7 shall survive the termination of this Agreement."
    result = identify_text(text.replace(anchor, anchor + "\n\nAcme may also end this Agreement for convenience."), CATALOG)
    (difference,) = result.differences
    assert difference.kind == "added" and difference.new == "Acme may also end this Agreement for convenience."
    assert difference.context.startswith("6. Term and Termination.")
    assert "6" in {c.section for c in difference.clauses}


def test_another_copyright_line_is_the_same_license_and_says_so():
    mit = CATALOG.texts["mit.txt"].replace("Copyright (c) 2023 DeepSeek", "Copyright © 2019-2026 Tabby Cat Labs, Inc.")
    result = identify_text(mit, CATALOG)
    assert result.verdict == "identical"
    assert result.best.profiles == ("mit",)  # DeepSeek's profile models DeepSeek's own copyright line
    assert any("copyright notice" in note for note in result.notes)
    deepseek = identify_text(CATALOG.texts["mit.txt"], CATALOG)
    assert set(deepseek.best.profiles) == {"mit", "mit-deepseek-r1"} and deepseek.notes == ()


def test_a_copy_without_its_title_line_is_identical_with_a_note():
    mit = CATALOG.texts["mit.txt"]
    result = identify_text(mit[mit.index("Copyright") :], CATALOG)
    assert result.verdict == "identical" and any("title line 'MIT License'" in note for note in result.notes)


def test_spdx_equivalences_hold():
    """Quote marks, dashes, http/https, licence/license, © and (c) are the same (SPDX matching guidelines)."""
    text = CATALOG.texts["apache-2.0.txt"]
    varied = text.replace("http://www.apache.org/licenses/", "https://www.apache.org/licences/").replace('"', "«")
    assert identify_text(varied, CATALOG).verdict == "identical"
    gpl = CATALOG.texts["gpl-3.0.txt"].replace("Copyright (C) 2007", "Copyright © 2007")
    assert identify_text(gpl, CATALOG).verdict == "identical"


def test_punctuation_that_changes_meaning_is_a_difference():
    text = CATALOG.texts["mit.txt"].replace("to use, copy, modify,", "to use, copy; modify,")
    result = identify_text(text, CATALOG)
    assert result.verdict == "modified"
    (difference,) = result.differences
    assert [(e.old, e.new) for e in difference.edits] == [(",", ";")]


def test_japanese_and_chinese_text_is_compared_character_by_character():
    text = CATALOG.texts["chatglm3.txt"]
    cjk = [i for i in range(1, len(text)) if "\u4e00" <= text[i - 1] <= "\u9fff" and "\u4e00" <= text[i] <= "\u9fff"]
    breaks = set(cjk[::29])  # a line break between two Chinese characters every 29 or so
    wrapped = "".join(("\n" if i in breaks else "") + ch for i, ch in enumerate(text))
    assert identify_text(wrapped, CATALOG).verdict == "identical"
    one_char = text.replace("许可", "授权", 1)
    result = identify_text(one_char, CATALOG)
    assert result.verdict == "modified" and result.best.file == "chatglm3.txt"
    assert [(e.old, e.new) for d in result.differences for e in d.edits] == [("许可", "授权")]


def test_thresholds_are_ordered():
    assert 0 < KEPT < SIMILAR < CONTAINED <= 1
