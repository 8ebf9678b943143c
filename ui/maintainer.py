"""The maintainer page: see a question tree as a graph, its validation report and its scenario results.

It only displays; everything it shows is built in `license_risk.maintain` (`overview`,
`graph`, `tree_text`). The content is re-read whenever a file changed (the cache is
keyed on a hash of the files), so editing a YAML file and reloading the page shows
the change without restarting the server, and a broken file shows its errors, with
file and line, instead of breaking the app. Set LICENSE_RISK_CONTENT to a folder to
look at other content than this project's.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from license_risk.maintain.consistency import overrides, table_rows
from license_risk.maintain.graph import legend, tree_dot
from license_risk.maintain.overview import (
    MaintainerReport,
    build_report,
    content_root,
    coverage_rows,
    excerpt,
    fingerprint,
    problem_rows,
    scenario_rows,
)
from license_risk.maintain.tree_text import tree_text
from ui.plain import md, plain

MAX_EXCERPTS = 20


@st.cache_resource(max_entries=4, show_spinner=False)
def _report(root: str, key: str) -> MaintainerReport:
    """Keyed on the files' hash (`key`): a changed file gives a new key, so a fresh report."""
    return build_report(Path(root))


def render() -> None:
    root = content_root()
    st.title("Maintainers: question trees")
    # st.markdown, not st.caption: a caption is drawn at 60% opacity, and its code spans came to 3.0:1 (WCAG AA: 4.5:1)
    st.markdown(
        f"Content folder: `{root}`. Edit a YAML file there and reload the page to see the change. "
        "`python -m scoring validate --strict` runs the same checks on the command line."
    )
    report = _report(str(root), fingerprint(root))
    if report.catalog is None:
        st.error(
            f"The content has {len(report.errors)} error(s), so it cannot be loaded. "
            "Fix them (file and line below) and reload the page."
        )
        _problems(root, report.errors + report.warnings)
        return
    catalog = report.catalog
    if report.errors:
        st.error(f"{len(report.errors)} scenario test(s) fail; see the Scenarios tab of the trees concerned.")

    tree_id = st.selectbox(
        "Question tree",
        report.trees,
        format_func=lambda t: f"{t} — {catalog.trees[t].model.title}",
        key="maint_tree",
    )
    tree = catalog.trees[tree_id]
    outcomes = report.outcomes_of(tree_id)
    warnings = report.warnings_of(tree_id)
    failing = [o for o in outcomes if not o.passed]
    cols = st.columns(5)
    cols[0].metric("Questions", len(tree.model.questions))
    cols[1].metric("Findings", len(tree.model.findings))
    cols[2].metric("Scenarios", len(outcomes), delta=f"{len(failing)} failing" if failing else None, delta_color="inverse")
    cols[3].metric("Warnings", len(warnings))
    cols[4].metric("Version", tree.model.version)
    st.caption(md("File: {} · dated {}", tree.file, tree.model.date))

    graph_tab, validation_tab, scenarios_tab, text_tab, rubric_tab = st.tabs(
        ["Graph", "Validation", "Scenarios", "As text", "Rubric across licenses"]
    )
    with graph_tab:
        left, right = st.columns(2)
        show_clauses = left.checkbox("Show clauses", value=True, key="maint_clauses")
        show_intake = right.checkbox("Show intake questions", value=True, key="maint_intake")
        dot = tree_dot(catalog, tree_id, clauses=show_clauses, intake=show_intake)
        st.graphviz_chart(dot, width="stretch")
        with st.expander("What the shapes mean"):
            for shape, meaning in legend():
                st.markdown(f"- **{shape}**: {meaning}")
        st.download_button(
            "Download the graph (Graphviz DOT)", dot, file_name=f"{tree_id}.dot", mime="text/vnd.graphviz", on_click="ignore"
        )
    with validation_tab:
        coverage = report.coverage.get(tree_id)
        if coverage is not None:
            st.subheader("Coverage by the scenario tests")
            st.table(coverage_rows(coverage))
        st.subheader("Warnings")
        if warnings:
            st.caption("Files: " + plain(", ".join(sorted(report.files_of(tree_id)))))
            _problems(root, warnings)
        else:
            st.success("No warnings for this tree, its scenarios or its license profiles.")
        others = len(report.warnings) - len(warnings)
        if others:
            st.caption(f"{others} more warning(s) concern other files.")
        if tree.model.not_probed:
            st.subheader("Clauses not probed, with the reasons")
            st.table([{"Clause": plain(n.clause), "Reason": plain(" ".join(n.reason.split()))} for n in tree.model.not_probed])
    with scenarios_tab:
        if not outcomes:
            st.info(f"No scenario tests for this tree (questionnaires/{tree_id}.tests.yaml).")
        else:
            if failing:
                st.error(f"{len(failing)} of {len(outcomes)} scenario(s) fail.")
            else:
                st.success(f"All {len(outcomes)} scenario(s) pass.")
            if tree_id == "intake":
                st.caption("The intake has no scenarios of its own: every license tree's scenarios answer it.")
            st.dataframe(scenario_rows(outcomes), hide_index=True)
    with text_tab:
        st.code(tree_text(catalog, tree_id), language=None)
    with rubric_tab:
        if catalog.rubric is None:
            st.info("No rubric (licenses/rubric.yaml).")
        else:
            st.markdown(  # not st.caption: its code span would fall under WCAG AA's contrast, as above
                "Every kind of risk of licenses/rubric.yaml, as each license family rates it: each exposure with the "
                "severity the rubric gives it; * marks an override. `python -m scoring consistency` prints the same table."
            )
            st.dataframe(table_rows(catalog), hide_index=True)
            found = overrides(catalog)
            st.subheader(f"Overrides ({len(found)})")
            if found:
                st.dataframe(
                    [
                        {
                            "Tree": t,
                            "Finding": f.id,
                            "Kind": f.kind,
                            "Rated": f"{f.severity} {f.category}",
                            "Reason": f.override.reason,
                        }  # type: ignore[union-attr]
                        for t, f in found
                    ],
                    hide_index=True,
                )
            else:
                st.success("None: every finding is rated by its kind.")


def _problems(root: Path, problems: list) -> None:
    st.dataframe(problem_rows(problems), hide_index=True)
    for p in problems[:MAX_EXCERPTS]:
        snippet = excerpt(root, p)
        if snippet is not None:
            st.markdown(md("**{}:{}** {}: {}", p.file, p.line, p.where, p.message))
            st.code(snippet, language=None)
    if len(problems) > MAX_EXCERPTS:
        st.caption(f"Source excerpts are shown for the first {MAX_EXCERPTS} problems.")
