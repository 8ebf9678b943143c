"""Reading a policy file: every problem named with file, line and the valid values; warnings for exceptions that lapsed."""

from __future__ import annotations

import datetime as dt

import pytest
from policy_support import EXAMPLE_POLICY, HEAD, TODAY, policy

from license_risk.policy import PolicyRefused, load_policy


def refused(body: str, catalog, *, raw: str | None = None) -> list[str]:
    with pytest.raises(PolicyRefused) as exc:
        policy(body, catalog) if raw is None else load_from(raw, catalog)
    return [str(p) for p in exc.value.problems]


def load_from(raw: str, catalog):
    from license_risk.policy import read_policy

    return read_policy(raw.encode("utf-8"), "policy.yaml", catalog, TODAY)


def test_the_example_policy_loads_cleanly(catalog):
    loaded = load_policy(EXAMPLE_POLICY, catalog, TODAY)
    assert loaded.policy.name.startswith("Sample Co.")
    # No exception in it has expired or gone stale on that day. If a finding's text changed, refresh the example's
    # fingerprints from `python -m scoring assess examples/japanese-saas-chatbot.yaml --json --policy examples/policy.yaml`.
    assert loaded.warnings == (), [str(w) for w in loaded.warnings]
    assert loaded.rule_place(0) == f"{EXAMPLE_POLICY}:27"  # the line of the first rule, to say which rule decided


def test_unknown_license_names_the_line_suggests_and_lists_the_valid_ones(catalog):
    (problem,) = refused("rules:\n  - license: lama-3.1\n    action: deny\n", catalog)
    assert problem.startswith("policy.yaml:5: rules[0].license: unknown license 'lama-3.1'. Did you mean 'llama-3.1'?")
    assert "Valid: " in problem and "gemma-2025-03" in problem and "apache-2.0" in problem


def test_unknown_kind_and_approval_license_are_each_named(catalog):
    problems = refused("rules:\n  - kind: changable-terms\n    action: review\napproval_required: [llama-3.1, nosuch]\n", catalog)
    assert problems[0].startswith("policy.yaml:5: rules[0].kind: unknown kind of risk 'changable-terms'. Did you mean")
    assert "'changeable-terms'" in problems[0] and "breach-termination" in problems[0]
    assert problems[1].startswith("policy.yaml:7: approval_required[1]: unknown license 'nosuch'.")


def test_unknown_category_lists_the_categories(catalog):
    (problem,) = refused("rules:\n  - category: restrictions\n    action: deny\n", catalog)
    assert problem.startswith("policy.yaml:5: rules[0].category:")
    assert all(c in problem for c in ("termination", "propagation", "obligation", "restriction", "openness"))


def test_unknown_finding_in_an_exception_lists_that_license_findings(catalog):
    body = (
        "exceptions:\n  - license: llama-3.1\n    finding: breach-terminates\n    verdict: accept\n"
        "    by: Legal\n    date: 2026-11-01\n    reason: Known.\n"
    )
    (problem,) = refused(body, catalog)
    assert problem.startswith("policy.yaml:6: exceptions[0].finding: unknown finding of llama-3.1 'breach-terminates'.")
    assert "Did you mean 'breach-can-terminate'?" in problem and "model-name-prefix-missing" in problem


def test_bad_yaml_is_named_with_its_line(catalog):
    (problem,) = refused("", catalog, raw=HEAD + "rules:\n  - license: llama-3.1\n   action: deny\n")
    assert problem.startswith("policy.yaml:6:") and "not valid YAML" in problem


def test_not_a_mapping_and_unknown_keys(catalog):
    assert refused("", catalog, raw="- allow\n") == [
        "policy.yaml:1: a policy file is a mapping: format, format_version, name, rules, ..."
    ]
    (problem,) = refused("rules:\n  - licence: llama-3.1\n    action: deny\n", catalog)
    assert problem == "policy.yaml:5: rules[0].licence: unknown key 'licence'; did you mean 'license'?"


@pytest.mark.parametrize("reason", ['"   "', '""'])
def test_a_blank_reason_is_refused(catalog, reason):
    body = (
        "exceptions:\n  - license: llama-3.1\n    finding: breach-can-terminate\n    verdict: accept\n"
        f"    by: Legal\n    date: 2026-11-01\n    reason: {reason}\n"
    )
    (problem,) = refused(body, catalog)
    assert problem.startswith("policy.yaml:10: exceptions[0].reason:")
    assert "blank" in problem or "must not be empty" in problem


def test_change_severity_needs_a_severity_and_expiry_follows_the_decision(catalog):
    base = "exceptions:\n  - license: llama-3.1\n    finding: breach-can-terminate\n    by: Legal\n    reason: Known.\n"
    (problem,) = refused(base + "    verdict: change_severity\n    date: 2026-11-01\n", catalog)
    assert problem.startswith("policy.yaml:5: exceptions[0]:") and "needs 'severity'" in problem
    (problem,) = refused(base + "    verdict: accept\n    date: 2026-11-01\n    expires: 2026-10-01\n", catalog)
    assert "expires (2026-10-01) is before the day it was decided (2026-11-01)" in problem


def test_an_expired_exception_loads_with_a_warning_at_its_line(catalog):
    body = (
        "exceptions:\n  - license: llama-3.1\n    finding: breach-can-terminate\n    verdict: accept\n"
        "    by: Legal (A. Ito)\n    date: 2026-01-10\n    reason: Accepted for the pilot.\n    expires: 2026-06-30\n"
    )
    loaded = policy(body, catalog)
    (warning,) = loaded.warnings
    assert warning.level == "warning" and warning.line == 11
    assert "expired on 2026-06-30: it no longer applies (decided by Legal (A. Ito) on 2026-01-10)" in warning.message
    assert policy(body, catalog, today=dt.date(2026, 6, 30)).warnings == ()  # the expiry date is the last day it applies


def test_a_stale_fingerprint_loads_with_a_warning(catalog):
    body = (
        "exceptions:\n  - license: llama-3.1\n    finding: breach-can-terminate\n    verdict: accept\n"
        "    by: Legal\n    date: 2026-11-01\n    reason: Known.\n    fingerprint: 0123456789abcdef\n"
    )
    (warning,) = policy(body, catalog).warnings
    assert warning.line == 11 and "the finding changed since this decision (fingerprint 0123456789abcdef" in warning.message


def test_a_yaml_date_key_on_would_be_a_boolean_so_the_field_is_date(catalog):
    # YAML 1.1 reads a bare `on:` key as true: the field is named `date` so that trap cannot happen.
    body = (
        "exceptions:\n  - license: llama-3.1\n    finding: breach-can-terminate\n    verdict: accept\n"
        "    by: Legal\n    on: 2026-11-01\n    reason: Known.\n"
    )
    problems = refused(body, catalog)
    assert any("missing required key 'date'" in p for p in problems)


def test_odd_bytes_and_unicode_are_named_not_tracebacks(catalog):
    from license_risk.policy import read_policy

    with pytest.raises(PolicyRefused) as exc:
        read_policy(HEAD.encode() + b"rules: []\n\xff\xfe\n", "policy.yaml", catalog, TODAY)
    assert str(exc.value) == "policy.yaml:5: the file is not UTF-8 text"
    bom = read_policy(b"\xef\xbb\xbf" + HEAD.encode(), "policy.yaml", catalog, TODAY)  # a byte order mark is fine
    assert bom.policy.name == "Test policy"
    with pytest.raises(PolicyRefused, match=r"policy.yaml:4: not valid YAML: the character U\+0007"):
        read_policy((HEAD + "rules: \a\n").encode(), "policy.yaml", catalog, TODAY)


def test_a_json_policy_reads_like_yaml(catalog):
    from license_risk.policy import read_policy

    text = '{"format": "open-model-license-risk/policy", "format_version": 1, "name": "J",\n "rules": [{"kind": "nope", "action": "deny"}]}'
    with pytest.raises(PolicyRefused) as exc:
        read_policy(text.encode(), "policy.json", catalog, TODAY)
    assert str(exc.value).startswith("policy.json:2: rules[0].kind: unknown kind of risk 'nope'.")


def test_any_text_is_read_or_refused_with_a_message(catalog):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from license_risk.policy import read_policy

    keys = st.sampled_from(["rules", "exceptions", "approval_required", "default", "name", "license", "kind", "- ", ":", "\n  "])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.one_of(keys, st.text(max_size=8)), max_size=20))
    def read(parts: list[str]) -> None:
        try:
            loaded = read_policy((HEAD + "".join(parts)).encode("utf-8", "surrogatepass"), "p.yaml", catalog, TODAY)
        except PolicyRefused as exc:
            assert exc.problems and all(p.file == "p.yaml" and p.message for p in exc.problems)
        else:
            assert loaded.policy.name

    read()
