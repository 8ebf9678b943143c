"""Roles: from the ID token's claim first, then the roles file, else business user; a bad roles file names file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from license_risk.access.person import LOCAL_PERSON, AccessSettings, RolesFrom, signed_in_person
from license_risk.access.roles import EVERY_ROLE, Role, read_roles_file
from license_risk.content.problems import ContentError, InputError
from license_risk.store.history import LOCAL_USER

ROOT = Path(__file__).resolve().parents[2]
B, R, M = Role.BUSINESS_USER, Role.LEGAL_REVIEWER, Role.MAINTAINER


def roles_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roles.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_local_person_holds_every_role_and_is_recorded_as_local_user() -> None:
    assert LOCAL_PERSON.roles == EVERY_ROLE and LOCAL_PERSON.author == LOCAL_USER == "local user"
    assert LOCAL_PERSON.can_review and LOCAL_PERSON.can_maintain and not LOCAL_PERSON.signed_in


def test_claim_wins_over_the_file_and_unknown_claim_values_are_left_out(tmp_path: Path) -> None:
    file = read_roles_file(roles_file(tmp_path, "alice@example.com: [maintainer]\n"))
    claims = {"sub": "1", "email": "alice@example.com", "name": "Alice", "roles": ["legal-reviewer", "hr-admin"]}
    decision = signed_in_person(claims, AccessSettings(), file)
    p = decision.person
    assert p.roles == {B, R} and p.roles_from is RolesFrom.CLAIM
    assert p.can_review and not p.can_maintain
    assert p.author == "alice@example.com" and p.name == "Alice"
    assert decision.ignored_claim_values == ["'hr-admin'"]


def test_file_when_the_claim_names_none_of_our_roles_and_business_user_otherwise(tmp_path: Path) -> None:
    file = read_roles_file(roles_file(tmp_path, "Alice@Example.com: [maintainer, legal-reviewer]\n"))
    alice = signed_in_person({"sub": "1", "email": "alice@example.COM", "roles": ["hr-admin"]}, AccessSettings(), file).person
    assert alice.roles == {B, R, M} and alice.roles_from is RolesFrom.FILE
    bob = signed_in_person({"sub": "2", "email": "bob@example.com"}, AccessSettings(), file).person
    assert bob.roles == {B} and bob.roles_from is RolesFrom.DEFAULT and not bob.can_review


def test_an_unverified_address_is_not_matched_in_the_file(tmp_path: Path) -> None:
    file = read_roles_file(roles_file(tmp_path, "alice@example.com: maintainer\n"))
    claims = {"sub": "x", "email": "alice@example.com", "email_verified": False}
    assert signed_in_person(claims, AccessSettings(), file).person.roles == {B}
    claims["email_verified"] = True
    assert signed_in_person(claims, AccessSettings(), file).person.roles == {B, M}


def test_configured_claim_name_reaches_into_nested_claims() -> None:
    settings = AccessSettings.from_environ({"LICENSE_RISK_ROLES_CLAIM": "realm_access.roles"})
    assert settings.claim == "realm_access.roles" and settings.roles_file is None
    claims = {"sub": "k", "email": "k@example.com", "realm_access": {"roles": ["maintainer", "offline_access"]}, "roles": []}
    assert signed_in_person(claims, settings, None).person.roles == {B, M}
    # the default claim is "roles"; a single string is one role
    assert signed_in_person({"sub": "k", "roles": "legal-reviewer"}, AccessSettings(), None).person.roles == {B, R}


def test_no_email_the_subject_names_the_author() -> None:
    p = signed_in_person({"sub": "abc-123"}, AccessSettings(), None).person
    assert p.author == "sub:abc-123" and p.email is None and p.name == "sub:abc-123"


def test_bad_roles_file_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = roles_file(
        tmp_path,
        "# who may do what\n"
        "alice@example.com: [maintainer]\n"
        "bob@example.com: [legal-reviewer, reviewer]\n"
        "not an address: maintainer\n"
        "ALICE@example.com: legal-reviewer\n"
        "carol@example.com: []\n"
        "dave@example.com: Maintainer\n",
    )
    with pytest.raises(ContentError) as err:
        read_roles_file(path, "roles.yaml")
    shown = [str(p) for p in err.value.problems]
    assert shown == [
        "roles.yaml:3: bob@example.com: 'reviewer' is not a role; the roles are business-user, legal-reviewer, maintainer",
        "roles.yaml:4: not an address: not an e-mail address (name@domain, no spaces)",
        "roles.yaml:5: ALICE@example.com: listed twice: line 2 has it too (e-mail addresses ignore case)",
        "roles.yaml:6: carol@example.com: no roles given; give one or more of business-user, legal-reviewer, maintainer",
        "roles.yaml:7: dave@example.com: 'Maintainer' is not a role; the roles are business-user, legal-reviewer, maintainer",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- alice@example.com\n", "roles.yaml:1: a roles file maps e-mail addresses to roles"),
        ("alice@example.com: [maintainer\n", "roles.yaml:2: not valid YAML"),
        ("a@example.com: maintainer\na@example.com: maintainer\n", "roles.yaml:2: not valid YAML: duplicate key"),
    ],
)
def test_a_file_that_is_not_a_roles_mapping_says_where(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises((ContentError, InputError)) as err:
        read_roles_file(roles_file(tmp_path, text), "roles.yaml")
    assert str(err.value).startswith(expected), str(err.value)


def start_check(tmp_path: Path, roles: Path) -> subprocess.CompletedProcess[str]:
    """ui.serve's check of the roles file, in a process of its own (as `make run` runs it)."""
    env = {"LICENSE_RISK_ROLES_FILE": str(roles), "LICENSE_RISK_DB": str(tmp_path / "db.sqlite3"), "PATH": "/usr/bin:/bin"}
    code = "import sys; from ui.serve import roles_file_usable; sys.exit(0 if roles_file_usable() else 3)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_a_missing_or_bad_roles_file_stops_the_server_start_with_its_reason(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    done = start_check(tmp_path, missing)
    assert done.returncode == 3
    assert (
        f"Cannot start: the roles file (LICENSE_RISK_ROLES_FILE) cannot be read: {missing}: cannot read the file" in done.stderr
    )
    bad = roles_file(tmp_path, "alice@example.com: [maintainer]\nbob@example.com: [admin]\n")
    done = start_check(tmp_path, bad)
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        "Cannot start: the roles file (LICENSE_RISK_ROLES_FILE) has 1 problem(s):",
        f"  {bad}:2: bob@example.com: 'admin' is not a role; the roles are business-user, legal-reviewer, maintainer",
    ]
    good = roles_file(tmp_path, "alice@example.com: [maintainer]\n")
    assert start_check(tmp_path, good).returncode == 0
