"""The roles, read from an ID-token claim or from a roles file that maps e-mail addresses to roles.

A roles file (LICENSE_RISK_ROLES_FILE) is YAML, one e-mail address per line:

    alice@example.com: [maintainer, legal-reviewer]
    bob@example.com: legal-reviewer

Every mistake in it is a Problem with the file and line; the file is read whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from license_risk.content.problems import ContentError, Problem
from license_risk.content.yamlsource import Document, load_file

MAX_ROLES_FILE_BYTES = 1024 * 1024


class Role(StrEnum):
    """What a person may do. Written in claims and roles files as the value."""

    BUSINESS_USER = "business-user"  # answers questionnaires and reads results: every signed-in person
    LEGAL_REVIEWER = "legal-reviewer"  # reviews assessments and decides on findings
    MAINTAINER = "maintainer"  # keeps the licenses and questions (the Maintainers page)


EVERY_ROLE = frozenset(Role)
_NAMES = ", ".join(r.value for r in Role)


def claim_value(claims: Mapping[str, Any], claim: str) -> Any:
    """The value of `claim` in an ID token's claims; a dotted name reaches into objects (`realm_access.roles`).

    None when the token does not carry it. A name with a dot that is itself a claim wins over the path.
    """
    if claim in claims:
        return claims[claim]
    value: Any = claims
    for part in claim.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def roles_in_claim(value: Any) -> tuple[frozenset[Role], list[str]]:
    """The roles a claim's value names, and the values it holds that are not this app's roles.

    A claim is a list of strings or one string. Values that are not this app's roles are left out
    (an organisation's claim often carries other applications' roles too) and returned, for the log.
    """
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else [value]
    roles: set[Role] = set()
    others: list[str] = []
    for item in items:
        if isinstance(item, str) and item.strip() in Role._value2member_map_:
            roles.add(Role(item.strip()))
        else:
            others.append(repr(item))
    return frozenset(roles), others


@dataclass(frozen=True)
class RolesFile:
    """The roles file read: e-mail address (compared without regard to case) -> roles."""

    name: str
    by_email: Mapping[str, frozenset[Role]] = field(default_factory=dict)

    def roles_of(self, email: str) -> frozenset[Role] | None:
        """The roles listed for `email`, or None if the file does not list it."""
        return self.by_email.get(email.strip().casefold())


def read_roles_file(path: Path, name: str | None = None) -> RolesFile:
    """Read and check a roles file; ContentError lists every problem with its line, InputError an unreadable file."""
    shown = name or str(path)
    doc = load_file(path, shown, max_bytes=MAX_ROLES_FILE_BYTES)
    return parse_roles(doc)


def parse_roles(doc: Document) -> RolesFile:
    data = doc.data
    if data is None:
        return RolesFile(doc.name)  # an empty file lists nobody
    if not isinstance(data, dict):
        raise ContentError(
            [
                Problem(
                    doc.name, doc.line_of(()), "", "a roles file maps e-mail addresses to roles (alice@example.com: [maintainer])"
                )
            ]
        )
    problems: list[Problem] = []
    by_email: dict[str, frozenset[Role]] = {}
    first_line: dict[str, int | None] = {}
    for email, value in data.items():
        line = doc.key_line((email,))
        roles = _roles_of_entry(doc, email, value, problems)
        if "@" not in email or any(c.isspace() for c in email.strip()) or email != email.strip():
            problems.append(Problem(doc.name, line, email, "not an e-mail address (name@domain, no spaces)"))
            continue
        key = email.casefold()
        if key in by_email:
            problems.append(
                Problem(doc.name, line, email, f"listed twice: line {first_line[key]} has it too (e-mail addresses ignore case)")
            )
            continue
        first_line[key] = line
        if roles is not None:
            by_email[key] = roles
    if problems:
        raise ContentError(problems)
    return RolesFile(doc.name, by_email)


def _roles_of_entry(doc: Document, email: str, value: Any, problems: list[Problem]) -> frozenset[Role] | None:
    items: Iterable[Any] = [value] if isinstance(value, str) else value if isinstance(value, list) else [value]
    if isinstance(value, list) and not value:
        problems.append(Problem(doc.name, doc.key_line((email,)), email, f"no roles given; give one or more of {_NAMES}"))
        return None
    roles: set[Role] = set()
    ok = True
    for index, item in enumerate(items):
        line = doc.line_of((email, index)) if isinstance(value, list) else doc.line_of((email,))
        if isinstance(item, str) and item in Role._value2member_map_:
            roles.add(Role(item))
        else:
            ok = False
            problems.append(Problem(doc.name, line, email, f"{item!r} is not a role; the roles are {_NAMES}"))
    return frozenset(roles) if ok else None
