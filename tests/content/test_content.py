"""The legal content shipped with the project: quotes, texts, scenarios, coverage."""

from __future__ import annotations

import hashlib
import re

import pytest

from license_risk.content.load import load_catalog
from license_risk.content.openness import FILE as MOF_FILE
from license_risk.maintain.scenarios import run_all
from license_risk.memo.listing import readme_licenses
from license_risk.shipped import ROOT
from scoring.rating import assess, compare

CATALOG = load_catalog(ROOT)
TEXTS = ROOT / "licenses" / "texts"


def _flat(text: str) -> str:
    # Written out again here rather than imported, so the test does not trust the code it checks.
    return re.sub(r"\s+", " ", text).strip()


QUOTES = [(pid, c.id, c.quote, p.model.text.file) for pid, p in CATALOG.profiles.items() for c in p.model.clauses]


@pytest.mark.parametrize(("profile", "clause", "quote", "file"), QUOTES, ids=[f"{p}#{c}" for p, c, _, _ in QUOTES])
def test_every_quote_is_word_for_word_in_its_official_text(profile, clause, quote, file):
    text = (TEXTS / file).read_text(encoding="utf-8")
    assert _flat(quote) in _flat(text), f"{profile}#{clause} is not verbatim in licenses/texts/{file}"


@pytest.mark.parametrize("profile", sorted(CATALOG.profiles))
def test_each_profile_records_the_hash_and_source_of_its_text(profile):
    model = CATALOG.profiles[profile].model
    raw = (TEXTS / model.text.file).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == model.text.sha256
    sources = (TEXTS / "SOURCES.md").read_text(encoding="utf-8")
    row = next(line for line in sources.splitlines() if line.startswith(f"| {model.text.file} |"))
    assert model.text.repository in row and model.text.commit in row


def test_every_shipped_text_is_used_and_listed():
    used = {p.model.text.file for p in CATALOG.profiles.values()} | {MOF_FILE}  # the MOF components are read as data
    shipped = {p.name for p in TEXTS.glob("*.txt")}
    assert shipped == used
    sources = (TEXTS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"| {name} |" in sources for name in shipped)


OUTCOMES = run_all(CATALOG)


@pytest.mark.parametrize("outcome", OUTCOMES, ids=[f"{o.tree}: {o.name}" for o in OUTCOMES])
def test_scenario(outcome):
    assert outcome.passed, f"{outcome.file}:{outcome.line}: " + "; ".join(outcome.failures)


@pytest.mark.parametrize("tree", CATALOG.license_ids)
def test_every_finding_is_fired_by_some_scenario(tree):
    fired = {f for o in OUTCOMES if o.tree == tree for f in o.fired}
    never = sorted(set(CATALOG.trees[tree].findings) - fired)
    assert not never, f"no scenario of {tree} fires: {', '.join(never)}"


@pytest.mark.parametrize("tree", CATALOG.license_ids)
def test_every_license_tree_has_an_always_on_openness_finding(tree):
    findings = CATALOG.trees[tree].model.findings
    assert any(f.category == "openness" and f.when is None for f in findings)


def test_same_intake_gives_different_results_under_llama_and_gemma():
    """An IP claim against the licensor ends the Llama 3.1 license (§5.c); Gemma has no such clause."""
    intake = {
        "organisation": "Example KK",
        "prepared_for": "Legal",
        "establishment": "japan",
        "part_of_group": False,
        "group_monthly_active_users": 1_000_000,
        "group_annual_revenue_usd": 50_000_000,
        "distributes_model": False,
        "hosted_service": False,
        "modifies_model": False,
        "trains_on_outputs": False,
        "ip_claims": "pending",
        "removes_safety_measures": False,
        "sensitive_uses": ["none"],
        "claims_open_source": False,
    }
    answers = {"intake": intake, "llama-3.1": {"ip_claim_subject": "llama", "llama_claim_against_others": "none"}}
    a = assess(CATALOG, ["llama-3.1", "gemma-2025-03"], answers)
    llama, gemma = a.result("llama-3.1"), a.result("gemma-2025-03")
    assert "ip-claim-terminates" in [f.finding.id for f in llama.findings]
    assert llama.levels["termination"].level.name == "critical"
    assert gemma.levels["termination"].level < llama.levels["termination"].level
    assert compare(a)[0].license == "llama-3.1"
    sections = {cc.clause.section for f in llama.findings if f.finding.id == "ip-claim-terminates" for cc in f.clauses}
    assert "5.c" in sections


def test_the_readme_lists_every_license_and_the_model_catalog(catalog):
    """The README's "Licenses covered" section is generated (license_risk.memo.listing.readme_licenses): regenerate it when content changes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_licenses(catalog) in readme, "paste license_risk.memo.listing.readme_licenses(load_catalog()) into README.md"
