"""Text drift: a profile records the SHA-256 of the official text it was built from.

When the text changes, validation warns and names every quote that no longer
matches; such a quote also stays an error, because users would otherwise be shown
words the license does not contain.
"""

from __future__ import annotations

import hashlib
import shutil

import pytest
from conftest import MINI
from inprocess import cli

from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError


def line(file: str, needle: str) -> int:
    text = (MINI / file).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "c"
    shutil.copytree(MINI, target)
    return target


def test_changed_text_whose_quotes_still_match_is_a_warning(content):
    text = content / "licenses" / "texts" / "demo.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n6. A new closing sentence.\n", encoding="utf-8")
    new_hash = hashlib.sha256(text.read_bytes()).hexdigest()
    catalog = load_catalog(content)  # loads: a warning, not an error
    (w,) = catalog.warnings
    assert w.level == "warning" and w.file == "licenses/demo.yaml" and w.line == line("licenses/demo.yaml", "  sha256:")
    assert "licenses/texts/demo.txt has changed since this profile was written" in w.message
    assert "all 5 quotes still match" in w.message and f"record sha256: {new_hash}" in w.message
    r = cli("--content", str(content), "validate")
    assert r.returncode == 0 and "has changed since this profile was written" in r.stdout
    assert cli("--content", str(content), "validate", "--strict").returncode == 2


def test_changed_text_names_the_quotes_that_no_longer_match(content):
    text = content / "licenses" / "texts" / "demo.txt"
    old = text.read_text(encoding="utf-8")
    assert "this License terminates" in old and "governed by the laws of Ruritania" in old
    text.write_text(
        old.replace("this License terminates", "this License ends").replace("laws of Ruritania", "laws of Freedonia"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load_catalog(content)
    problems = info.value.problems
    (w,) = [p for p in problems if p.level == "warning"]
    assert w.line == line("licenses/demo.yaml", "  sha256:")
    assert "2 of 5 quotes no longer match: 'litigation' (section 4), 'law' (section 5)" in w.message
    errors = [p for p in problems if p.level == "error"]
    assert {(p.where, p.line) for p in errors} == {
        ("clauses[3] (litigation).quote", line("licenses/demo.yaml", "    quote: this License terminates")),
        ("clauses[4] (law).quote", line("licenses/demo.yaml", "    quote: This License is governed")),
    }
    assert all("is not word for word in licenses/texts/demo.txt" in p.message for p in errors)
    r = cli("--content", str(content), "validate")
    assert r.returncode == 2 and "2 of 5 quotes no longer match" in r.stderr and "'litigation' (section 4)" in r.stderr


def test_recording_the_new_hash_clears_the_warning(content):
    text = content / "licenses" / "texts" / "demo.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    profile = content / "licenses" / "demo.yaml"
    old_hash = hashlib.sha256((MINI / "licenses" / "texts" / "demo.txt").read_bytes()).hexdigest()
    new_hash = hashlib.sha256(text.read_bytes()).hexdigest()
    profile.write_text(profile.read_text(encoding="utf-8").replace(old_hash, new_hash), encoding="utf-8")
    assert load_catalog(content).warnings == []


def test_a_quote_that_never_matched_is_an_error_without_a_drift_warning(broken):
    problems = broken("licenses/demo.yaml", "quote: this License terminates", "quote: this License ends")
    assert [p.level for p in problems] == ["error"]
