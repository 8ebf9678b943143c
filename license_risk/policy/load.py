"""Read a policy file: YAML or JSON through the trees' reader, every problem with file and line.

The shape is checked by pydantic (`problems_from` names the line and the key); then every id is
checked against the content: a license, a kind of risk or a finding the tool does not know is an
error that lists the valid ones (and the closest, when one is close). An exception that has expired,
or was made on a finding that changed since, is a warning: it loads, and does not apply.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from license_risk.content.catalog import Catalog
from license_risk.content.problems import InputError, InputRefused, Problem
from license_risk.content.schema_errors import problems_from
from license_risk.content.yamlsource import Document, decode, parse, read_bytes
from license_risk.decisions import WHOLE_LICENSE, Decision, Status, fingerprint, license_fingerprint, status
from license_risk.i18n import N_
from license_risk.policy.model import Policy

MAX_POLICY_BYTES = 512 * 1024  # a policy is a page or two; this leaves room for thousands of exceptions


class PolicyRefused(InputRefused):
    """The policy file cannot be used; every problem names the file and the line."""


@dataclass(frozen=True)
class LoadedPolicy:
    policy: Policy
    file: str
    rule_lines: tuple[int | None, ...]  # of each rule, to say which rule decided
    exception_lines: tuple[int | None, ...]
    warnings: tuple[Problem, ...] = field(default=())

    def rule_place(self, index: int) -> str:
        line = self.rule_lines[index]
        return f"{self.file}:{line}" if line else self.file

    def exceptions(self) -> list[tuple[Decision, str]]:
        """The exceptions with where each is written, as license_risk.decisions takes them."""
        return [
            (d, f"{self.file}:{line}" if line else self.file)
            for d, line in zip(self.policy.exceptions, self.exception_lines, strict=True)
        ]


def load_policy(path: Path, catalog: Catalog, today: dt.date, *, name: str | None = None) -> LoadedPolicy:
    shown = name or str(path)
    return read_policy(read_bytes(path, shown, MAX_POLICY_BYTES, what=N_("policy files")), shown, catalog, today)


def read_policy(raw: bytes, name: str, catalog: Catalog, today: dt.date) -> LoadedPolicy:
    """The policy in `raw` (a file's bytes or an upload's); PolicyRefused lists what is wrong, with lines."""
    try:
        if len(raw) > MAX_POLICY_BYTES:
            size = f"{len(raw) / 1e6:.1f} MB"
            raise InputError(
                Problem(name, None, "", f"the file is {size}; policy files are at most {MAX_POLICY_BYTES // 1024} KB")
            )
        doc = parse(decode(raw, name), name, json_ok=True)
    except InputError as exc:
        raise PolicyRefused([exc.problem]) from None
    if not isinstance(doc.data, dict):
        raise PolicyRefused([Problem(name, 1, "", "a policy file is a mapping: format, format_version, name, rules, ...")])
    try:
        policy = Policy.model_validate(doc.data)
    except ValidationError as exc:
        raise PolicyRefused(problems_from(exc, doc, Policy)) from None
    errors = list(_unknown_ids(policy, doc, catalog))
    if errors:
        raise PolicyRefused(errors)
    return LoadedPolicy(
        policy,
        name,
        tuple(doc.line_of(("rules", i)) for i in range(len(policy.rules))),
        tuple(doc.line_of(("exceptions", i)) for i in range(len(policy.exceptions))),
        tuple(_no_longer_apply(policy, doc, catalog, today)),
    )


def _unknown(doc: Document, loc: tuple[Any, ...], what: str, value: str, valid: Iterable[str]) -> Problem:
    known = sorted(valid)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    where = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")
    return Problem(*doc.locate(loc), where, f"unknown {what} '{value}'.{hint} Valid: {', '.join(known)}")


def _unknown_ids(policy: Policy, doc: Document, catalog: Catalog) -> Iterable[Problem]:
    licenses = set(catalog.license_ids)
    kinds = {k.id for k in catalog.rubric.kinds} if catalog.rubric is not None else set()
    for i, rule in enumerate(policy.rules):
        if rule.license is not None and rule.license not in licenses:
            yield _unknown(doc, ("rules", i, "license"), "license", rule.license, licenses)
        if rule.kind is not None and rule.kind not in kinds:
            yield _unknown(doc, ("rules", i, "kind"), "kind of risk", rule.kind, kinds)
    for i, license_id in enumerate(policy.approval_required):
        if license_id not in licenses:
            yield _unknown(doc, ("approval_required", i), "license", license_id, licenses)
    for i, d in enumerate(policy.exceptions):
        if d.license not in licenses:
            yield _unknown(doc, ("exceptions", i, "license"), "license", d.license, licenses)
        elif d.finding != WHOLE_LICENSE and d.finding not in catalog.trees[d.license].findings:
            valid = [*catalog.trees[d.license].findings, WHOLE_LICENSE]
            yield _unknown(doc, ("exceptions", i, "finding"), f"finding of {d.license}", d.finding, valid)


def _no_longer_apply(policy: Policy, doc: Document, catalog: Catalog, today: dt.date) -> Iterable[Problem]:
    """Warnings for the exceptions that are expired or stale on `today`: said once, where they are written."""
    for i, d in enumerate(policy.exceptions):
        tree = catalog.trees[d.license]
        current = (
            license_fingerprint(catalog.license_of(d.license).model)
            if d.finding == WHOLE_LICENSE
            else fingerprint(tree.findings[d.finding])
        )
        found = status(d, current, today)
        if found is Status.expired:
            yield Problem(
                *doc.locate(("exceptions", i, "expires")),
                f"exceptions[{i}]",
                f"expired on {d.expires}: it no longer applies (decided by {d.by} on {d.date})",
                "warning",
            )
        elif found is Status.stale:
            yield Problem(
                *doc.locate(("exceptions", i, "fingerprint")),
                f"exceptions[{i}]",
                f"the finding changed since this decision (fingerprint {d.fingerprint}, now {current}): "
                "it no longer applies until someone looks at it again",
                "warning",
            )
