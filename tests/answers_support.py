"""Random answers to a tree and the intake, for property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.model import Question

NUMBERS = [0, 1, 999, 1_000_000, 1_000_001, 99_999_999, 100_000_001, 700_000_000, 700_000_001, 10**9]


def value(q: Question) -> st.SearchStrategy[Any]:
    if q.kind == "yes_no":
        return st.booleans()
    if q.kind == "one_of":
        return st.sampled_from(q.option_values())
    if q.kind == "many_of":
        return st.lists(st.sampled_from(q.option_values()), min_size=1, max_size=3, unique=True)
    if q.kind == "number":
        lo = q.minimum if q.minimum is not None else float("-inf")
        hi = q.maximum if q.maximum is not None else float("inf")
        return st.sampled_from([n for n in NUMBERS if lo <= n <= hi])
    return st.just("Example KK")


@st.composite
def answered(draw: st.DrawFn, catalog: Catalog, tree: str) -> tuple[str, dict[str, dict[str, Any]]]:
    answers: dict[str, dict[str, Any]] = {}
    for tree_id in (INTAKE, tree):
        for q in catalog.trees[tree_id].order:
            if draw(st.integers(0, 9)):  # leave about one in ten unanswered
                answers.setdefault(tree_id, {})[q.id] = draw(value(q))
    return tree, answers
