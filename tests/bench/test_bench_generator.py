"""The benchmark's generated trees must stay valid, or the benchmark measures an error path."""

from __future__ import annotations

from bench.generate import full_answers, write_content
from license_risk.content.load import load_catalog
from scoring.rating import assess


def test_generated_tree_is_valid_and_can_be_answered_in_full(tmp_path):
    catalog = load_catalog(write_content(tmp_path / "c", 200))
    assert len(catalog.trees["demo"].questions) == 200
    answers = full_answers(catalog, ["demo"])
    result = assess(catalog, ["demo"], answers)
    assert result.walk.complete
    assert len(result.results[0].findings) == 20  # one finding per ten questions, each on an answered question
