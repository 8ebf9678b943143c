"""An answer changed in two places at once: both values shown, and the user keeps theirs or takes the other.

Display and collect only: the store finds the conflicts (`license_risk.store`), the page
(`ui.assessment`) settles them through the two callbacks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from license_risk.content.catalog import Catalog
from license_risk.content.printable import mark
from license_risk.store.assessments import Conflict
from license_risk.store.history import CHOICES, LOCAL_USER
from scoring.rating import answer_text
from ui.lang import _
from ui.lang import current as session_lang
from ui.plain import md


def subject(catalog: Catalog, conflict: Conflict) -> str:
    """What was changed, in the page's language: the question's text, or which of the assessment's choices."""
    if conflict.tree_id == CHOICES:
        return {
            "licenses": _("The licenses chosen"),
            "models": _("The models chosen"),
            "lineage": _("How your model was built"),
        }.get(conflict.question_id, conflict.question_id)
    found = catalog.question(conflict.tree_id, conflict.question_id)
    return found[1].text if found is not None else f"{conflict.tree_id}/{conflict.question_id}"


def value_text(catalog: Catalog, conflict: Conflict, value: Any) -> str:
    """One side's value in words (plain text: it may hold what someone typed)."""
    if value is None:
        return _("(no answer)")
    if conflict.tree_id == CHOICES:
        if conflict.question_id == "licenses":
            return ", ".join(catalog.license_of(lic).model.name if lic in catalog.license_ids else lic for lic in value)
        if conflict.question_id == "lineage":
            return _("{n} component(s)").format(n=len(value.get("components", [])) if isinstance(value, dict) else 0)
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    if isinstance(value, dict) and "yen" in value:  # a yen answer, as the answers file keeps it
        return _("{yen} at {rate} yen to the dollar ({date})").format(
            yen=value["yen"], rate=value.get("rate"), date=value.get("rate_date")
        )
    found = catalog.question(conflict.tree_id, conflict.question_id)
    if found is None:
        return str(value)
    try:
        return answer_text(found[1], value, session_lang())
    except (TypeError, ValueError, KeyError):  # a value the question no longer offers: shown as stored
        return str(value)


def conflict_notice(
    catalog: Catalog, conflicts: list[Conflict], keep: Callable[[Conflict], None], take: Callable[[Conflict], None]
) -> None:
    for i, c in enumerate(conflicts):
        st.warning(
            md(
                _(
                    "Someone else changed this answer while you were answering it: {}. "
                    "Your answer is kept in this page but not saved. Choose which one to keep."
                ),
                subject(catalog, c),
            )
        )
        st.text(_("Your answer: {value}").format(value=mark(value_text(catalog, c, c.yours))))
        st.text(
            _("Their answer (saved by {author}, {at}): {value}").format(
                author=_("local user") if c.author == LOCAL_USER else mark(c.author),
                at=c.at.replace("T", " ").replace("+00:00", " UTC"),
                value=mark(value_text(catalog, c, c.theirs)),
            )
        )
        left, right = st.columns(2)
        left.button(_("Keep my answer"), key=f"conflict_keep:{i}:{c.tree_id}:{c.question_id}", on_click=keep, args=(c,))
        right.button(_("Take their answer"), key=f"conflict_take:{i}:{c.tree_id}:{c.question_id}", on_click=take, args=(c,))
