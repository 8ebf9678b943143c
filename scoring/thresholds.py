"""The numbers licenses compare an answer with: their thresholds (a revenue limit, a user count).

A dollar answer converted from yen is only as exact as its exchange rate; near one of these numbers,
another day's rate could put it on the other side. They are read from the trees' compiled conditions
(a question compared with `greater_than`, `at_least`, `less_than` or `at_most` a number), so a
threshold added to a tree is found without a list kept here.
"""

from __future__ import annotations

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.conditions import Cmp, leaves
from license_risk.numbers import Conversion, near, near_text

_ORDER = ("greater_than", "at_least", "less_than", "at_most")


def thresholds(catalog: Catalog, license_ids: list[str], tree_id: str, question_id: str) -> dict[int | float, list[str]]:
    """Each number the licenses' trees compare this question with -> the licenses whose trees do."""
    found: dict[int | float, list[str]] = {}
    for license_id in license_ids:
        tree = catalog.trees.get(license_id)
        if tree is None:
            continue
        # A license's tree sees an intake question by its bare id, unless it has a question of that id itself.
        if license_id != tree_id and not (tree_id == INTAKE and question_id not in tree.questions):
            continue
        for cond in [*tree.question_when.values(), *tree.finding_when.values()]:
            for leaf in leaves(cond):
                if (
                    isinstance(leaf, Cmp)
                    and leaf.question == question_id
                    and leaf.op in _ORDER
                    and isinstance(leaf.value, int | float)
                    and not isinstance(leaf.value, bool)
                ):
                    names = found.setdefault(leaf.value, [])
                    if license_id not in names:
                        names.append(license_id)
    return dict(sorted(found.items()))


def rate_warnings(
    catalog: Catalog, license_ids: list[str], tree_id: str, question_id: str, c: Conversion, lang: str
) -> list[str]:
    """One sentence per threshold the converted amount is within 10% of (none when it is clear of them all)."""
    limits = thresholds(catalog, license_ids, tree_id, question_id)
    out = []
    for limit in near(c.usd, list(limits)):
        names = ", ".join(catalog.license_of(lic).model.name for lic in limits[limit])
        out.append(near_text(c.usd, limit, names, lang))
    return out
