"""Accessibility checks for the browser tests: axe-core run in the page, and the states a user meets.

axe-core's JavaScript comes bundled in axe-playwright-python (nothing is fetched at test time).
Violations of impact serious or critical fail, unless an entry of ALLOWED names the rule and the
Streamlit widget it comes from, with the reason: markup of Streamlit's own that the app cannot change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from license_risk.content.catalog import INTAKE, Catalog
from scoring.answers import parse_answers
from scoring.engine import walk
from scoring.interview import Interview

ROOT = Path(__file__).resolve().parent.parent
FAILING = ("serious", "critical")


@dataclass(frozen=True)
class Allowed:
    """A violation of Streamlit's own markup: `rule` on an element inside `within` (a CSS selector)."""

    rule: str
    within: str
    reason: str


# Kept as small as possible: each entry must be met by the scan, or tests/ui/test_accessibility.py fails.
ALLOWED: tuple[Allowed, ...] = ()


@dataclass
class Scan:
    """What the scan found over every page, and which allow-list entries it used."""

    failures: list[str] = field(default_factory=list)
    used: set[Allowed] = field(default_factory=set)


def allowed_for(page: Any, rule: str, target: str) -> Allowed | None:
    for entry in ALLOWED:
        if entry.rule == rule and page.evaluate(
            "([t, s]) => { const e = document.querySelector(t); return !!(e && e.closest(s)); }", [target, entry.within]
        ):
            return entry
    return None


def check(page: Any, name: str, scan: Scan) -> None:
    """Run axe on the page as it is and record each serious or critical violation not allowed, in words."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page).response
    for v in result["violations"]:
        if v["impact"] not in FAILING:
            continue
        for node in v["nodes"]:
            target = node["target"][-1] if isinstance(node["target"][-1], str) else node["target"][-1][-1]
            entry = allowed_for(page, v["id"], target)
            if entry is not None:
                scan.used.add(entry)
                continue
            why = "; ".join(c["message"] for c in node.get("any", []) + node.get("all", []) + node.get("none", []))
            scan.failures.append(f"[{name}] {v['id']} ({v['impact']}) at {target}: {why} {v['helpUrl']}")


def filled(catalog: Catalog, licenses: list[str], given: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Every question that applies answered: `given` first, then no, the first option, the last checkbox, 10, "x"."""
    answers: dict[str, dict[str, Any]] = {t: dict(a) for t, a in (given or {}).items()}
    for _ in range(300):
        nxt = walk(catalog, licenses, answers).next
        if nxt is None:
            return answers
        tree, q = nxt
        default: Any = {"yes_no": False, "number": 10, "text": "Example KK"}.get(q.kind)
        if q.kind == "one_of":
            default = q.option_values()[0]
        elif q.kind == "many_of":
            default = q.option_values()[-1:]
        answers.setdefault(tree, {})[q.id] = default
    raise AssertionError("the questionnaire did not end")


def question_of_kind(catalog: Catalog, kind: str) -> str:
    """The first intake question of a kind (yes_no, one_of, many_of, number, text)."""
    return next(q.id for q in catalog.trees[INTAKE].model.questions if q.kind == kind)


def distilled_student(catalog: Catalog, new_id: str, lang: str, step: str) -> Interview:
    """The example whose model is distilled from Llama and fine-tuned from Qwen: a lineage with a graph."""
    raw = (ROOT / "examples" / "distilled-student.yaml").read_bytes()
    loaded = parse_answers(raw, "distilled-student.yaml", catalog)
    return Interview(new_id, loaded.licenses, loaded.answers, step, lineage=loaded.lineage, lang=lang)  # type: ignore[arg-type]
