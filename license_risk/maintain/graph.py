"""A question tree as a Graphviz graph (DOT text), for maintainers to see at a glance.

Nodes: the tree's questions (blue), the intake questions its conditions read
(grey), its findings (coloured by severity) and the clauses they rest on (notes).
Edges: an answer a condition reads (labelled with the comparison), a finding
another finding's condition refers to, the clauses a question probes (dashed)
and the clauses a finding rests on (dotted). Streamlit draws it with
st.graphviz_chart; `dot -Tsvg` does too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.conditions import Cmp, FRef, NotC, compile_condition
from license_risk.content.model import Condition
from license_risk.maintain.tree_text import condition_text

SEVERITY_COLOURS = {
    "critical": "#f4a6a6",
    "high": "#f8c99b",
    "medium": "#fbe7a1",
    "low": "#cfe8c4",
    "info": "#e4e4e4",
}
_OPS = {
    "equals": "=",
    "not_equals": "≠",
    "in": "in",
    "contains": "has",
    "greater_than": ">",
    "at_least": "≥",
    "less_than": "<",
    "at_most": "≤",
}


def _q(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(text: str, width: int = 28, lines: int = 3) -> str:
    parts = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1] + "…"
    return "\n".join(parts)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, tuple | list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _edge_labels(cond: Condition | None) -> dict[str, list[str]]:
    """For each question a condition reads, the comparisons made on it ('not' marks negated ones)."""
    out: dict[str, list[str]] = {}

    def walk(c: Any, negated: bool) -> None:
        if isinstance(c, Cmp):
            if c.op == "answered":
                text = "answered" if c.value else "not answered"
            else:
                text = f"{_OPS[c.op]} {_value(c.value)}"
            labels = out.setdefault(c.question, [])
            if ("not " if negated else "") + text not in labels:
                labels.append(("not " if negated else "") + text)
        elif isinstance(c, FRef):
            out.setdefault("#" + c.finding, []).append("not" if negated else "")
        elif isinstance(c, NotC):
            walk(c.part, not negated)
        elif c is not None:
            for part in c.parts:
                walk(part, negated)

    walk(compile_condition(cond), False)
    return out


def tree_dot(catalog: Catalog, tree_id: str, *, clauses: bool = True, intake: bool = True) -> str:
    """DOT text for one tree. `clauses` and `intake` choose whether those nodes are drawn."""
    tree = catalog.trees[tree_id]
    lines = [
        f"digraph {_q(tree_id)} {{",
        "  rankdir=LR;",
        '  graph [fontname="Helvetica", fontsize=10, nodesep=0.25, ranksep=0.6];',
        '  node [fontname="Helvetica", fontsize=10, style="rounded,filled", shape=box];',
        '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
    ]
    intake_used: set[str] = set()

    def source(qid: str) -> str | None:
        if qid in tree.questions:
            return f"q:{qid}"
        if tree_id != INTAKE and qid in catalog.intake.questions:
            intake_used.add(qid)
            return f"q:{qid}" if intake else None
        return None

    edges: list[str] = []
    for q in tree.order:
        tooltip = f"{q.text}\nAsked when: {condition_text(q.when)}"
        label = f"{q.id}\n[{q.kind}]\n{_wrap(q.text)}"
        lines.append(f'  {_q("q:" + q.id)} [label={_q(label)}, tooltip={_q(tooltip)}, fillcolor="#d7e8fb"];')
        for qid, labels in _edge_labels(q.when).items():
            src = source(qid)
            if src:
                edges.append(f"  {_q(src)} -> {_q('q:' + q.id)} [label={_q(', '.join(labels))}];")
    for f in tree.model.findings:
        colour = SEVERITY_COLOURS[f.severity]
        review = "\nneeds legal review" if f.needs_legal_review else ""
        review += "" if f.when is not None else "\nalways fires"
        label = f"{f.id}\n{f.severity} · {f.category}{review}\n{_wrap(f.title)}"
        tooltip = f"{f.title}\nWhen: {condition_text(f.when)}"
        shape = "octagon" if f.severity == "critical" else "box"
        lines.append(f'  {_q("f:" + f.id)} [label={_q(label)}, tooltip={_q(tooltip)}, fillcolor="{colour}", shape={shape}];')
        for key, labels in _edge_labels(f.when).items():
            if key.startswith("#"):
                style = ', style=bold, color="#b03030"' if "not" in labels else ', style=bold, color="#3070b0"'
                text = "does not fire" if "not" in labels else "fires"
                edges.append(f"  {_q('f:' + key[1:])} -> {_q('f:' + f.id)} [label={_q(text)}{style}];")
                continue
            src = source(key)
            if src:
                edges.append(f"  {_q(src)} -> {_q('f:' + f.id)} [label={_q(', '.join(labels))}];")
    if intake and intake_used:
        lines.append('  subgraph "cluster_intake" {')
        lines.append('    label="shared intake"; style="rounded,dashed"; color="#999999";')
        for qid in sorted(intake_used, key=lambda i: [q.id for q in catalog.intake.order].index(i)):
            q = catalog.intake.questions[qid]
            label = f"{q.id}\n[{q.kind}]\n{_wrap(q.text)}"
            lines.append(f'    {_q("q:" + qid)} [label={_q(label)}, tooltip={_q(q.text)}, fillcolor="#eeeeee"];')
        lines.append("  }")
    if clauses and tree.model.kind == "license":
        seen: set[str] = set()

        def clause_node(ref: str) -> str | None:
            resolved = catalog.clause(tree_id, ref)
            if resolved is None:
                return None
            profile, clause = resolved
            key = f"c:{profile.model.id}#{clause.id}"
            if key not in seen:
                seen.add(key)
                where = "" if profile.model.id == tree.model.license else f"{profile.model.name}\n"
                label = f"{where}§{clause.section}\n{_wrap(clause.title, 30, 2)}"
                tooltip = f"{profile.model.name} §{clause.section} {clause.title}: “{clause.quote}”"
                lines.append(f'  {_q(key)} [label={_q(label)}, tooltip={_q(tooltip)}, shape=note, fillcolor="#fffbea"];')
            return key

        for q in tree.model.questions:
            for ref in q.probes:
                key = clause_node(ref)
                if key:
                    edges.append(f'  {_q("q:" + q.id)} -> {_q(key)} [style=dashed, color="#8a8a8a", arrowhead=none];')
        for f in tree.model.findings:
            for ref in f.clauses:
                key = clause_node(ref)
                if key:
                    edges.append(f'  {_q("f:" + f.id)} -> {_q(key)} [style=dotted, color="#8a8a8a", arrowhead=none];')
    lines += edges
    lines.append("}")
    return "\n".join(lines) + "\n"


def legend(_: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """What the shapes and lines mean, for the page."""
    return [
        (_("blue box"), _("a question of this tree (its condition's answers point into it)")),
        (_("grey box"), _("a question of the shared intake that a condition reads")),
        (_("coloured box"), _("a finding, coloured by severity (octagon: critical)")),
        (_("note"), _("a clause of the license or a policy it incorporates")),
        (_("solid arrow"), _("the answer to a question is read by a condition; the label is the comparison")),
        (_("bold arrow"), _("a finding's condition refers to another finding (fires / does not fire)")),
        (_("dashed line"), _("a question probes a clause")),
        (_("dotted line"), _("a finding rests on a clause")),
    ]
