"""What changed between versions, on the shipped Gemma and Llama texts (read in licenses/texts/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from license_risk.content.catalog import Catalog
from license_risk.content.load import load_catalog
from license_risk.content.model import Severity
from license_risk.content.problems import ContentError
from license_risk.versions import version_steps
from scoring.answers import read_answers
from scoring.rating import assess

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
GEMMAS = ROOT / "examples" / "gemma-versions.yaml"  # keeps one Gemma version for a long time


def _gemma_steps(catalog: Catalog, stays_on_version: bool):
    loaded = read_answers(GEMMAS, catalog)
    answers = {tree: dict(values) for tree, values in loaded.answers.items()}
    answers["gemma-2024-02"]["gemma_stays_on_version"] = stays_on_version
    return version_steps(catalog, assess(catalog, loaded.licenses, answers))


def test_the_2024_duty_to_use_the_latest_gemma_is_the_difference_and_section_4_1_its_cause(catalog):
    first, second = _gemma_steps(catalog, stays_on_version=True)
    assert (first.older, first.newer, second.older, second.newer) == (
        "gemma-2024-02",
        "gemma-2025-03",
        "gemma-2025-03",
        "gemma-2026-04",
    )
    duty = next(f for f in first.findings if f.finding == "latest-version-duty")
    assert (duty.before, duty.after) == (Severity.medium, None)  # fires under February 2024 only
    (cause,) = duty.causes
    assert (cause.section, cause.change) == ("4.1", "changed")
    assert "you must make reasonable efforts to use the latest version of Gemma" in (cause.before or "")
    assert cause.after == "Google may update Gemma from time to time."
    # the possible breach it feeds fires under 2024 only, and cites no changed clause of its own
    breach = next(f for f in first.findings if f.finding == "termination-possible")
    assert (breach.before, breach.after, breach.causes) == (Severity.medium, None, ())


def test_moving_to_new_versions_still_shows_a_difference_but_a_low_one(catalog):
    first, _second = _gemma_steps(catalog, stays_on_version=False)
    kept = next(f for f in first.findings if f.finding == "latest-version-kept")
    assert (kept.before, kept.after) == (Severity.low, None)
    assert [f.finding for f in first.findings] == ["latest-version-kept"]


def test_clauses_are_judged_on_the_texts_not_on_how_far_a_profile_quotes(catalog):
    first, second = _gemma_steps(catalog, stays_on_version=False)
    changed = {(c.section, c.change) for c in first.clauses}
    # 1.1(c): "identified at ai.google.dev/gemma" became "identified in the Appendix"; 4.1 lost its duty
    assert changed == {("1.1(c)", "changed"), ("4.1", "changed")}
    definition = next(c for c in first.clauses if c.section == "1.1(c)")
    assert "identified at ai.google.dev/gemma" in (definition.before or "")
    assert "identified in the Appendix" in (definition.after or "")
    # 3.1(1) is quoted shorter in the 2024 profile, but the sentence is the same in both texts: not listed.
    # April 2026: the body is word for word March 2025's (a numbered Markdown list aside); the page adds a
    # header and the Appendix.
    assert {c.change for c in second.clauses} == {"added"}
    assert any("Gemma 4" in (c.after or "") for c in second.clauses)
    assert any(c.section == "Appendix" for c in second.clauses)
    assert second.findings == ()


def test_llama_3_1_drops_the_ban_on_improving_other_models(catalog):
    loaded = read_answers(ROOT / "examples" / "japanese-saas-chatbot.yaml", catalog)
    intake = loaded.answers["intake"]
    answers = {"intake": {**intake, "trains_on_outputs": True}, "llama-3": {}, "llama-3.1": {}}
    steps = version_steps(catalog, assess(catalog, ["llama-3.1", "llama-3"], answers))
    (step,) = steps
    assert (step.older, step.newer) == ("llama-3", "llama-3.1")  # date order, whatever order they were chosen in
    removed = {c.section for c in step.clauses if c.change == "removed"}
    assert "1.b.v" in removed  # "You will not use the Llama Materials ... to improve any other large language model"


def _llama_steps(catalog: Catalog, *trees: str):
    loaded = read_answers(ROOT / "examples" / "japanese-saas-chatbot.yaml", catalog)
    answers = {"intake": {**loaded.answers["intake"], "trains_on_outputs": True}, **{t: {} for t in trees}}
    return {(s.older, s.newer): s for s in version_steps(catalog, assess(catalog, list(trees), answers))}


def test_a_clause_that_differs_only_by_the_version_name_is_not_a_change(catalog):
    steps = _llama_steps(catalog, "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")
    first = steps["llama-3", "llama-3.1"]
    listed = {c.ref.split("#")[1] for c in first.clauses}
    # "Meta's proprietary Meta Llama 3" / "Llama 3.1", "on the Meta Llama 3 version release date" / "Llama 3.1",
    # "If you access or use Llama 3" / "Llama 3.1": the version's own name, nothing else
    assert not listed & {"definition-llama-materials", "additional-commercial-terms", "agreement-to-policy", "deceive"}
    # the real changes stay: "Built with Meta Llama 3" became "Built with Llama", the Mark "Llama 3" became
    # "Llama", outputs now count for the name prefix, the ban on improving other models is gone
    assert {"built-with-llama", "mark-license", "model-name-prefix", "no-improve-other-llm"} <= listed
    built = next(c for c in first.clauses if c.ref.endswith("#built-with-llama"))
    assert "Built with Meta Llama 3" in (built.before or "") and "Built with Llama”" in (built.after or "")
    # 3.2 to 3.3 and 3.3 to 4 changed only the version's name, in the text and in the policy's address
    # (".../llama3_2/use-policy", ".../llama4/use-policy")
    assert steps["llama-3.2", "llama-3.3"].clauses == () and steps["llama-3.3", "llama-4"].clauses == ()
    # 3.1 to 3.2: the policy's new clauses, and its address moved from llama.meta.com to www.llama.com
    second = {(c.ref.split("#")[1], c.change) for c in steps["llama-3.1", "llama-3.2"].clauses}
    assert {("safety-circumvention", "added"), ("eu-multimodal", "added"), ("acceptable-use", "changed")} <= second


def test_one_version_of_a_license_or_unrelated_licenses_have_no_steps(catalog):
    loaded = read_answers(ROOT / "examples" / "japanese-saas-chatbot.yaml", catalog)
    assert version_steps(catalog, assess(catalog, loaded.licenses, loaded.answers)) == []


def _two_versions(tmp_path: Path, second: str) -> list[str]:
    """The mini content with a second version of its demo license; the messages loading reports."""
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    demo = target / "licenses" / "demo.yaml"
    demo.write_text(demo.read_text(encoding="utf-8").replace("family: demo\n", "family: demo\nversion_of: demo-license\n"))
    (target / "licenses" / "demo-2.yaml").write_text(f"id: demo-2\nextends: demo\nversion: '2'\n{second}", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(target)
    return [p.message for p in info.value.problems]


def test_versions_of_a_license_need_distinct_dates_in_one_family(tmp_path):
    same_date = _two_versions(tmp_path / "a", "effective_date: 2024-01-01\n")
    assert any("'demo' is a version of 'demo-license' with the same date 2024-01-01" in m for m in same_date), same_date
    undated = _two_versions(tmp_path / "b", "effective_date: null\nfamily: other\n")
    assert any("needs an effective_date" in m for m in undated), undated
    assert any("must be in one family" in m for m in undated), undated


def test_only_a_license_is_a_version_of_one(tmp_path):
    messages = _two_versions(tmp_path, "effective_date: 2025-01-01\nkind: policy\n")
    assert any("version_of is for licenses" in m for m in messages), messages
