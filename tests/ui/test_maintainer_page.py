"""The maintainer page, driven with Streamlit's AppTest, and the plain-Python parts behind it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINI
from streamlit.testing.v1 import AppTest

from license_risk.content.load import load_catalog
from license_risk.maintain.graph import tree_dot
from license_risk.maintain.overview import CONTENT_ENV, build_report, excerpt, fingerprint

PAGE = str(Path(__file__).resolve().parent / "pages" / "maintainer_app.py")


def graph_of(at: AppTest) -> str:
    (chart,) = at.get("graphviz_chart")
    return chart.proto.spec


def frame(at: AppTest, index: int = 0):
    return at.dataframe[index].value


@pytest.fixture
def content(tmp_path, monkeypatch):
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    monkeypatch.setenv(CONTENT_ENV, str(target))
    return target


def test_shipped_trees_graph_report_and_scenarios(catalog, monkeypatch):
    monkeypatch.delenv(CONTENT_ENV, raising=False)
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.exception
    assert [o.split(" — ")[0] for o in at.selectbox(key="maint_tree").options] == ["intake", *catalog.license_ids]
    at.selectbox(key="maint_tree").select("llama-3.1").run()
    assert not at.exception and not at.error
    dot = graph_of(at)
    assert '"f:ip-claim-terminates"' in dot and '"q:ip_claim_subject" -> "f:ip-claim-terminates"' in dot
    assert '"c:llama-3.1#ip-litigation-termination"' in dot  # clauses are drawn for license trees
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Questions"] == str(len(catalog.trees["llama-3.1"].model.questions))
    assert metrics["Warnings"] == "0"
    scenarios = frame(at)
    assert len(scenarios) == sum(len(f.scenarios) for f, _ in catalog.scenarios["llama-3.1"])
    assert set(scenarios["Result"]) == {"passes"}
    assert [t.label for t in at.tabs] == ["Graph", "Validation", "Scenarios", "As text", "Rubric across licenses"]
    assert "No warnings for this tree" in at.success[0].value
    assert "Llama 3.1 Community License Agreement (3.1)" in at.code[-1].value  # the tree as text
    at.checkbox(key="maint_clauses").uncheck().run()
    assert '"c:' not in graph_of(at)


def test_an_edit_on_disk_shows_on_reload_without_restarting(content):
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.selectbox(key="maint_tree").select("demo").run()
    assert "Could you sue Demo Corp?" in at.code[-1].value
    tree = content / "questionnaires" / "demo.yaml"
    tree.write_text(tree.read_text().replace("Could you sue Demo Corp?", "Could you bring a claim against Demo Corp?"))
    at.run()  # what a browser reload does: the script runs again in the same server
    assert not at.exception
    assert "Could you bring a claim against Demo Corp?" in at.code[-1].value
    assert "Could you bring a claim" in graph_of(at)


def test_a_broken_file_shows_file_and_line_instead_of_breaking_the_page(content):
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.error
    tree = content / "questionnaires" / "demo.yaml"
    good = tree.read_text()
    lines = good.split("\n")
    n = lines.index("    exposure: unmet")
    tree.write_text(good.replace("    exposure: unmet", "    exposure: sometimes", 1))
    at.run()
    assert not at.exception
    assert "cannot be loaded" in at.error[0].value
    problems = frame(at)
    row = problems.iloc[0]
    assert (row["File"], row["Line"], row["Where"]) == (
        "questionnaires/demo.yaml",
        n + 1,
        "findings[0] (missing-notice).exposure",
    )
    assert "sometimes" in row["Problem"]
    assert f"> {n + 1} |     exposure: sometimes" in at.code[0].value  # the source around the error
    tree.write_text(good)  # fixed: the page is back
    at.run()
    assert not at.exception and not at.error and at.selectbox(key="maint_tree").options


def test_failing_scenarios_and_warnings_show_on_the_page(content):
    tests = content / "questionnaires" / "demo.tests.yaml"
    tests.write_text(tests.read_text().replace("rating: info", "rating: low"))
    tree = content / "questionnaires" / "demo.yaml"
    tree.write_text(tree.read_text().replace("    action: Note it.\n", ""))
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert "1 scenario test(s) fail" in at.error[0].value
    at.selectbox(key="maint_tree").select("demo").run()
    scenarios = frame(at, 1)
    failing = scenarios[scenarios["Result"] == "FAILS"]
    assert (
        list(failing["Scenario"]) == ["quiet internal use"]
        and "rating: expected low, got info" in failing.iloc[0]["What is wrong"]
    )
    warnings = frame(at, 0)
    assert "finding has no recommended action" in " ".join(warnings["Problem"])


# ---------------------------------------------------------------- the plain-Python parts


def test_fingerprint_changes_with_any_content_file_or_text(tmp_path):
    shutil.copytree(MINI, tmp_path / "c")
    root = tmp_path / "c"
    first = fingerprint(root)
    assert fingerprint(root) == first
    (root / "licenses" / "texts" / "demo.txt").write_text("changed\n")
    second = fingerprint(root)
    assert second != first
    (root / "questionnaires" / "demo.tests.yaml").write_text("tree: demo\n")
    assert fingerprint(root) != second


def test_report_and_excerpt_on_broken_content(tmp_path):
    shutil.copytree(MINI, tmp_path / "c")
    root = tmp_path / "c"
    (root / "questionnaires" / "demo.yaml").write_text("id: demo\nkind: [\n")
    report = build_report(root)
    assert report.catalog is None and not report.ok
    (p,) = report.errors
    assert (p.file, p.line) == ("questionnaires/demo.yaml", 3)  # libyaml points past the last line
    assert excerpt(root, p) == "  1 | id: demo\n  2 | kind: [\n> 3 | "
    assert excerpt(root, type(p)("../outside.yaml", 1, "", "")) is None


def test_graph_of_every_tree_is_wellformed_dot(catalog, tmp_path):
    for tree_id in catalog.trees:
        dot = tree_dot(catalog, tree_id)
        assert dot.startswith(f'digraph "{tree_id}" {{') and dot.rstrip().endswith("}")
        for f in catalog.trees[tree_id].findings:
            assert f'"f:{f}"' in dot
    mini = load_catalog(MINI)
    dot = tree_dot(mini, "demo")
    assert '"q:lawsuit" -> "q:lawsuit_target" [label="in [maybe, filed]"]' in dot
    assert '"f:litigation-termination" -> "f:litigation-filed" [label="fires"' in dot
    assert '"q:users" -> "f:big-platform" [label="> 100,000,000"]' in dot
    assert '"q:ships_license" -> "c:demo#notice" [style=dashed' in dot
    if shutil.which("dot"):
        import subprocess

        for tree_id in catalog.trees:
            done = subprocess.run(["dot", "-Tsvg"], input=tree_dot(catalog, tree_id), capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stderr


def test_the_page_reads_in_japanese_after_the_switch(content) -> None:
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert at.title[0].value == "Maintainers: question trees"
    at.segmented_control(key="lang_switch").set_value("ja").run()
    assert not at.exception
    assert at.title[0].value == "メンテナー：質問ツリー"
    assert {m.label for m in at.metric} == {"質問数", "指摘事項", "シナリオ", "警告", "バージョン"}
    assert [t.label for t in at.tabs][:3] == ["グラフ", "検証", "シナリオ"]
    # the mini content's one warning, under Japanese column names; the message itself stays English (file:line)
    assert list(frame(at).columns) == ["ファイル", "行", "場所", "水準", "問題"]
    assert "not answered by any scenario" in frame(at)["問題"][0]
