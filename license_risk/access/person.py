"""The person using the app: what the history records as its author, and the roles they hold.

Two cases:
- No identity provider configured (the local default): one user, `LOCAL_PERSON`, holding every
  role and recorded as "local user", as before sign-in existed.
- Signed in through OpenID Connect: `signed_in_person` decides the roles from the ID token's claims.

The rule, in order:
1. the roles claim (LICENSE_RISK_ROLES_CLAIM, default "roles"), if it names any of this app's roles:
   the identity provider is the organisation's own record, and a role removed there is gone here
   at the next sign-in;
2. else the roles file (LICENSE_RISK_ROLES_FILE), for organisations whose provider cannot add a
   claim; it is matched on the e-mail address, so only when the provider has not said the address
   is unverified (`email_verified: false`);
3. else none beyond the base role.
Everyone signed in is a business user (may answer questionnaires and read results); the claim or
the file adds legal reviewer and maintainer.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from license_risk.access.roles import EVERY_ROLE, Role, RolesFile, claim_value, roles_in_claim
from license_risk.store.history import LOCAL_USER

ROLES_CLAIM_ENV = "LICENSE_RISK_ROLES_CLAIM"
ROLES_FILE_ENV = "LICENSE_RISK_ROLES_FILE"
DEFAULT_CLAIM = "roles"


class RolesFrom(StrEnum):
    """Where a person's roles came from (shown to them, and in the log)."""

    LOCAL = "local"  # single-user mode: every role
    CLAIM = "claim"
    FILE = "file"
    DEFAULT = "default"  # signed in, listed nowhere: business user only


@dataclass(frozen=True)
class Person:
    author: str  # what saved answers record as their author: the e-mail address, or "local user"
    name: str
    email: str | None
    roles: frozenset[Role]
    roles_from: RolesFrom
    signed_in: bool

    def holds(self, role: Role) -> bool:
        return role in self.roles

    @property
    def can_review(self) -> bool:
        """May take a legal reviewer's actions (decisions on findings)."""
        return self.holds(Role.LEGAL_REVIEWER)

    @property
    def can_maintain(self) -> bool:
        """May open the Maintainers page."""
        return self.holds(Role.MAINTAINER)


LOCAL_PERSON = Person(
    author=LOCAL_USER, name=LOCAL_USER, email=None, roles=EVERY_ROLE, roles_from=RolesFrom.LOCAL, signed_in=False
)


@dataclass(frozen=True)
class AccessSettings:
    """The project's own sign-in settings, from the environment (the provider itself is in Streamlit's secrets)."""

    claim: str = DEFAULT_CLAIM
    roles_file: Path | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> AccessSettings:
        env = os.environ if environ is None else environ
        claim = env.get(ROLES_CLAIM_ENV, "").strip() or DEFAULT_CLAIM
        roles_file = env.get(ROLES_FILE_ENV, "").strip()
        return cls(claim, Path(roles_file) if roles_file else None)


@dataclass(frozen=True)
class Decision:
    person: Person
    ignored_claim_values: list[str]  # values of the claim that are not this app's roles, for the log


def signed_in_person(claims: Mapping[str, Any], settings: AccessSettings, roles_file: RolesFile | None) -> Decision:
    """The person an ID token's claims describe, with their roles decided by the rule above."""
    email = claims.get("email") if isinstance(claims.get("email"), str) and claims.get("email") else None
    sub = str(claims.get("sub") or "")
    author = email or f"sub:{sub}"  # a provider that gives no address still names the person uniquely
    name = claims.get("name") if isinstance(claims.get("name"), str) and claims.get("name") else author
    base = frozenset({Role.BUSINESS_USER})
    value = claim_value(claims, settings.claim)
    from_claim, ignored = roles_in_claim(value) if value is not None else (frozenset(), [])
    if from_claim:
        roles, source = base | from_claim, RolesFrom.CLAIM
    else:
        listed = roles_file.roles_of(email) if roles_file and email and claims.get("email_verified") is not False else None
        roles, source = (base | listed, RolesFrom.FILE) if listed else (base, RolesFrom.DEFAULT)
    return Decision(Person(author, name, email, roles, source, signed_in=True), ignored)
