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
from ui.lang import _, language_switch
from ui.plain import md, plain

MAX_EXCERPTS = 20


@st.cache_resource(max_entries=4, show_spinner=False)
def _report(root: str, key: str) -> MaintainerReport:
    """Keyed on the files' hash (`key`): a changed file gives a new key, so a fresh report."""
    return build_report(Path(root))


def render() -> None:
    root = content_root()
    language_switch(lambda _lang: None)  # this page keeps no assessment: the choice lives in the session only
    st.title(_("Maintainers: question trees"))
    # st.markdown, not st.caption: a caption is drawn at 60% opacity, and its code spans came to 3.0:1 (WCAG AA: 4.5:1)
    st.markdown(
        _(
            "Content folder: `{root}`. Edit a YAML file there and reload the page to see the change. "
            "`python -m scoring validate --strict` runs the same checks on the command line."
        ).format(root=root)
    )
    report = _report(str(root), fingerprint(root))
    if report.catalog is None:
        st.error(
            _(
                "The content has {count} error(s), so it cannot be loaded. Fix them (file and line below) and reload the page."
            ).format(count=len(report.errors))
        )
        _problems(root, report.errors + report.warnings)
        return
    catalog = report.catalog
    if report.errors:
        st.error(
            _("{count} scenario test(s) fail; see the Scenarios tab of the trees concerned.").format(count=len(report.errors))
        )

    tree_id = st.selectbox(
        _("Question tree"),
        report.trees,
        format_func=lambda t: f"{t} — {catalog.trees[t].model.title}",
        key="maint_tree",
    )
    tree = catalog.trees[tree_id]
    outcomes = report.outcomes_of(tree_id)
    warnings = report.warnings_of(tree_id)
    failing = [o for o in outcomes if not o.passed]
    cols = st.columns(5)
    cols[0].metric(_("Questions"), len(tree.model.questions))
    cols[1].metric(_("Findings"), len(tree.model.findings))
    cols[2].metric(
        _("Scenarios"),
        len(outcomes),
        delta=_("{count} failing").format(count=len(failing)) if failing else None,
        delta_color="inverse",
    )
    cols[3].metric(_("Warnings"), len(warnings))
    cols[4].metric(_("Version"), tree.model.version)
    st.caption(md(_("File: {} · dated {}"), tree.file, tree.model.date))

    graph_tab, validation_tab, scenarios_tab, text_tab, rubric_tab = st.tabs(
        [_("Graph"), _("Validation"), _("Scenarios"), _("As text"), _("Rubric across licenses")]
    )
    with graph_tab:
        left, right = st.columns(2)
        show_clauses = left.checkbox(_("Show clauses"), value=True, key="maint_clauses")
        show_intake = right.checkbox(_("Show intake questions"), value=True, key="maint_intake")
        dot = tree_dot(catalog, tree_id, clauses=show_clauses, intake=show_intake)
        st.graphviz_chart(dot, width="stretch")
        with st.expander(_("What the shapes mean")):
            for shape, meaning in legend(_):
                st.markdown(f"- **{shape}**: {meaning}")
        st.download_button(
            _("Download the graph (Graphviz DOT)"), dot, file_name=f"{tree_id}.dot", mime="text/vnd.graphviz", on_click="ignore"
        )
    with validation_tab:
        coverage = report.coverage.get(tree_id)
        if coverage is not None:
            st.subheader(_("Coverage by the scenario tests"))
            st.table(coverage_rows(coverage, _))
        st.subheader(_("Warnings"))
        if warnings:
            st.caption(_("Files:") + " " + plain(", ".join(sorted(report.files_of(tree_id)))))
            _problems(root, warnings)
        else:
            st.success(_("No warnings for this tree, its scenarios or its license profiles."))
        others = len(report.warnings) - len(warnings)
        if others:
            st.caption(_("{count} more warning(s) concern other files.").format(count=others))
        if tree.model.not_probed:
            st.subheader(_("Clauses not probed, with the reasons"))
            st.table(
                [{_("Clause"): plain(n.clause), _("Reason"): plain(" ".join(n.reason.split()))} for n in tree.model.not_probed]
            )
    with scenarios_tab:
        if not outcomes:
            st.info(_("No scenario tests for this tree (questionnaires/{tree}.tests.yaml).").format(tree=tree_id))
        else:
            if failing:
                st.error(_("{failing} of {total} scenario(s) fail.").format(failing=len(failing), total=len(outcomes)))
            else:
                st.success(_("All {total} scenario(s) pass.").format(total=len(outcomes)))
            if tree_id == "intake":
                st.caption(_("The intake has no scenarios of its own: every license tree's scenarios answer it."))
            st.dataframe(scenario_rows(outcomes, _), hide_index=True)
    with text_tab:
        st.code(tree_text(catalog, tree_id), language=None)
    with rubric_tab:
        if catalog.rubric is None:
            st.info(_("No rubric (licenses/rubric.yaml)."))
        else:
            st.markdown(  # not st.caption: its code span would fall under WCAG AA's contrast, as above
                _(
                    "Every kind of risk of licenses/rubric.yaml, as each license family rates it: each exposure with the "
                    "severity the rubric gives it; * marks an override. `python -m scoring consistency` prints the same table."
                )
            )
            st.dataframe(table_rows(catalog, _), hide_index=True)
            found = overrides(catalog)
            st.subheader(_("Overrides ({count})").format(count=len(found)))
            if found:
                st.dataframe(
                    [
                        {
                            _("Tree"): t,
                            _("Finding"): f.id,
                            _("Kind"): f.kind,
                            _("Rated"): f"{f.severity} {f.category}",
                            _("Reason"): f.override.reason,
                        }  # type: ignore[union-attr]
                        for t, f in found
                    ],
                    hide_index=True,
                )
            else:
                st.success(_("None: every finding is rated by its kind."))


def _problems(root: Path, problems: list) -> None:
    st.dataframe(problem_rows(problems, _), hide_index=True)
    for p in problems[:MAX_EXCERPTS]:
        snippet = excerpt(root, p)
        if snippet is not None:
            st.markdown(md("**{}:{}** {}: {}", p.file, p.line, p.where, p.message))
            st.code(snippet, language=None)
    if len(problems) > MAX_EXCERPTS:
        st.caption(_("Source excerpts are shown for the first {count} problems.").format(count=MAX_EXCERPTS))
