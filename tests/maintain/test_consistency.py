"""The consistency table in the docs is generated from the content and current; each kind is rated by one rule."""

from __future__ import annotations

from pathlib import Path

from license_risk.maintain.consistency import DOC, departures, markdown, table_rows

ROOT = Path(__file__).resolve().parents[2]


def test_the_docs_table_is_current(catalog) -> None:
    assert (ROOT / DOC).read_text(encoding="utf-8") == markdown(catalog), (
        "run: python -m scoring consistency > docs/consistency.md"
    )


def test_every_recurring_kind_is_rated_by_one_rule_across_all_trees(catalog) -> None:
    assert departures(catalog) == []
    rows = {row["Kind"]: row for row in table_rows(catalog)}
    families_rating = {fam for fam, cell in rows["breach-termination"].items() if fam not in ("Kind", "Category") and cell}
    assert {"llama", "gemma", "stability"} <= families_rating
    # the same exposure reads the same in every family that has it
    labels = {
        label
        for fam, cell in rows["open-source-claim"].items()
        if fam not in ("Kind", "Category")
        for label in cell.split(", ")
        if label
    }
    assert labels == {"planned → medium", "met → info"}  # an inaccurate claim, and an accurate one


def test_every_finding_names_its_kind_and_every_open_question_is_used(catalog) -> None:
    for tree_id in catalog.license_ids:
        model = catalog.trees[tree_id].model
        used = {q for f in model.findings for q in f.open_questions}
        assert {oq.id for oq in model.open_questions} <= used, tree_id
        assert all(f.kind and f.exposure and f.severity and f.category for f in model.findings), tree_id
