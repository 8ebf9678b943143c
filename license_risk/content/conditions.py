"""Conditions: what they refer to, how they evaluate, and whether they can ever hold.

Evaluation is three-valued (Kleene): a comparison on a question that is still
to be asked is unknown (None), so the engine can tell "does not apply" from
"cannot tell yet". A question that was not asked compares false for every
operator except `answered: false`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from license_risk.content.model import AllOf, AnyOf, Comparison, Condition, FindingRef, Not, Question


class State(Enum):
    ANSWERED = "answered"
    NOT_ASKED = "not asked"  # its condition was false: it will never have an answer
    PENDING = "pending"  # applies (or may apply) but has no answer yet


MISSING = object()  # the value of a question that was not asked

Lookup = Callable[[str], tuple[State, Any]]
FindingLookup = Callable[[str], bool | None]


@dataclass(frozen=True, slots=True)
class Cmp:
    question: str
    op: str
    value: Any


@dataclass(frozen=True, slots=True)
class FRef:
    finding: str


@dataclass(frozen=True, slots=True)
class AllC:
    parts: tuple[Compiled, ...]


@dataclass(frozen=True, slots=True)
class AnyC:
    parts: tuple[Compiled, ...]


@dataclass(frozen=True, slots=True)
class NotC:
    part: Compiled


Compiled = Cmp | FRef | AllC | AnyC | NotC


def compile_condition(cond: Condition | None) -> Compiled | None:
    """Plain, slotted objects: conditions are evaluated often and pydantic attribute access is slow."""
    if cond is None:
        return None
    if isinstance(cond, AllOf):
        return AllC(tuple(compile_condition(c) for c in cond.all))  # type: ignore[misc]
    if isinstance(cond, AnyOf):
        return AnyC(tuple(compile_condition(c) for c in cond.any))  # type: ignore[misc]
    if isinstance(cond, Not):
        return NotC(compile_condition(cond.not_))  # type: ignore[arg-type]
    if isinstance(cond, FindingRef):
        return FRef(cond.finding)
    ((op, value),) = cond.operators()
    return Cmp(cond.question, op, tuple(value) if isinstance(value, list) else value)


def leaves(cond: Compiled | None) -> Iterator[Cmp | FRef]:
    if cond is None:
        return
    if isinstance(cond, (AllC, AnyC)):
        for c in cond.parts:
            yield from leaves(c)
    elif isinstance(cond, NotC):
        yield from leaves(cond.part)
    else:
        yield cond


def leaves_with_paths(cond: Condition, path: tuple[Any, ...]) -> Iterator[tuple[Comparison | FindingRef, tuple[Any, ...]]]:
    """Leaves of the source condition with their location inside the YAML document (for error lines)."""
    if isinstance(cond, AllOf):
        for i, c in enumerate(cond.all):
            yield from leaves_with_paths(c, (*path, "all", i))
    elif isinstance(cond, AnyOf):
        for i, c in enumerate(cond.any):
            yield from leaves_with_paths(c, (*path, "any", i))
    elif isinstance(cond, Not):
        yield from leaves_with_paths(cond.not_, (*path, "not"))
    else:
        yield cond, path


def questions_in(cond: Compiled | None) -> list[str]:
    return list(dict.fromkeys(leaf.question for leaf in leaves(cond) if isinstance(leaf, Cmp)))


def findings_in(cond: Compiled | None) -> list[str]:
    return list(dict.fromkeys(leaf.finding for leaf in leaves(cond) if isinstance(leaf, FRef)))


def compare(c: Cmp, value: Any) -> bool:
    """Two-valued comparison of one answer; `value` is MISSING for a question not asked."""
    op, target = c.op, c.value
    if op == "answered":
        return (value is not MISSING) == target
    if value is MISSING:
        return False
    if op == "equals":
        return _same(value, target)
    if op == "not_equals":
        return not _same(value, target)
    if op == "in":
        return any(_same(value, t) for t in target)
    if op == "contains":
        return isinstance(value, list) and target in value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if op == "greater_than":
        return value > target
    if op == "at_least":
        return value >= target
    if op == "less_than":
        return value < target
    if op == "at_most":
        return value <= target
    raise AssertionError(f"unknown operator {op}")


def _same(a: Any, b: Any) -> bool:
    # True == 1 in Python; a yes/no answer must never equal a number.
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    return bool(a == b)


def evaluate(cond: Compiled | None, lookup: Lookup, finding: FindingLookup) -> bool | None:
    if cond is None:
        return True
    if isinstance(cond, Cmp):
        state, value = lookup(cond.question)
        if state is State.PENDING:
            return None
        return compare(cond, MISSING if state is State.NOT_ASKED else value)
    if isinstance(cond, (AllC, AnyC)):
        decisive = isinstance(cond, AnyC)  # one part with this value settles the whole: True for any, False for all
        unknown = False
        for c in cond.parts:
            r = evaluate(c, lookup, finding)
            if r is decisive:
                return decisive
            unknown = unknown or r is None
        return None if unknown else not decisive
    if isinstance(cond, NotC):
        inner = evaluate(cond.part, lookup, finding)
        return None if inner is None else not inner
    return finding(cond.finding)


def supporting(cond: Compiled | None, lookup: Lookup, finding: Callable[[str], Compiled | None]) -> list[str]:
    """The questions whose answers made a condition that holds true, for "because you answered ...".

    For `any`, only the branches that hold count; for `all`, every part does; under
    `not`, every answered question inside. A finding reference contributes the
    questions behind that finding.
    """
    out: list[str] = []

    def visit(c: Compiled | None, depth: int) -> None:
        if c is None or depth > 20:
            return
        if isinstance(c, Cmp):
            if lookup(c.question)[0] is State.ANSWERED:
                out.append(c.question)
        elif isinstance(c, AllC):
            for part in c.parts:
                visit(part, depth + 1)
        elif isinstance(c, AnyC):
            for part in c.parts:
                if evaluate(part, lookup, lambda f: evaluate(finding(f), lookup, lambda _: None)) is True:
                    visit(part, depth + 1)
        elif isinstance(c, NotC):
            out.extend(q for q in questions_in(c.part) if lookup(q)[0] is State.ANSWERED)
        else:
            visit(finding(c.finding), depth + 1)

    visit(cond, 0)
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- static checks


def type_error(c: Comparison, q: Question) -> str | None:
    """Why `c` compares `q`'s answer with something the question cannot produce, if it does."""
    op, target = c.operator, c.value
    if op == "answered":
        return None
    targets = target if op == "in" else [target]
    kind = q.kind
    if kind == "yes_no":
        if op not in ("equals", "not_equals", "in"):
            return f"'{op}' cannot be used with yes_no question '{q.id}' (use equals: yes / equals: no)"
        bad = [t for t in targets if not isinstance(t, bool)]
        if bad:
            return f"yes_no question '{q.id}' answers yes or no, never {bad[0]!r}"
    elif kind in ("one_of", "many_of"):
        allowed = q.option_values()
        if kind == "one_of" and op not in ("equals", "not_equals", "in"):
            return f"'{op}' cannot be used with one_of question '{q.id}' (use equals, not_equals or in)"
        if kind == "many_of" and op != "contains":
            return f"'{op}' cannot be used with many_of question '{q.id}' (use contains)"
        for t in targets:
            if t not in allowed:
                hint = " (YAML read an unquoted yes/no as a boolean: quote it)" if isinstance(t, bool) else ""
                return f"question '{q.id}' has no option {t!r}{hint}; its options are: {', '.join(allowed)}"
    elif kind == "number":
        if op == "contains":
            return f"'contains' cannot be used with number question '{q.id}'"
        for t in targets:
            if isinstance(t, bool) or not isinstance(t, (int, float)):
                return f"number question '{q.id}' cannot be compared with {t!r}"
        lo = q.minimum if q.minimum is not None else float("-inf")
        hi = q.maximum if q.maximum is not None else float("inf")
        if op in ("equals", "in") and all(not lo <= t <= hi for t in targets):
            return f"number question '{q.id}' only takes values from {lo:g} to {hi:g}"
        if (op == "greater_than" and target >= hi) or (op == "at_least" and target > hi):
            return f"number question '{q.id}' is at most {q.maximum:g}, so '{op}: {target:g}' can never hold"
        if (op == "less_than" and target <= lo) or (op == "at_most" and target < lo):
            return f"number question '{q.id}' is at least {q.minimum:g}, so '{op}: {target:g}' can never hold"
    elif kind == "text":
        if op not in ("equals", "not_equals", "in"):
            return f"'{op}' cannot be used with text question '{q.id}'"
        bad = [t for t in targets if not isinstance(t, str)]
        if bad:
            return f"text question '{q.id}' cannot be compared with {bad[0]!r}"
    return None


@dataclass(frozen=True, slots=True)
class Atom:
    leaf: Cmp | FRef
    negated: bool


MAX_TERMS = 256


def dnf(cond: Compiled, negated: bool = False) -> list[list[Atom]] | None:
    """Disjunctive normal form as lists of atoms; None when it would grow too large to check."""
    if isinstance(cond, NotC):
        return dnf(cond.part, not negated)
    if isinstance(cond, (AllC, AnyC)):
        conjunctive = isinstance(cond, AllC) != negated  # De Morgan
        sub = [dnf(p, negated) for p in cond.parts]
        if any(s is None for s in sub):
            return None
        if not conjunctive:
            out = [term for s in sub for term in s]  # type: ignore[union-attr]
            return out if len(out) <= MAX_TERMS else None
        terms: list[list[Atom]] = [[]]
        for s in sub:
            terms = [t + u for t in terms for u in s]  # type: ignore[union-attr]
            if len(terms) > MAX_TERMS:
                return None
        return terms
    return [[Atom(cond, negated)]]


def candidates(q: Question, comparisons: list[Cmp], may_be_missing: bool, may_have_value: bool) -> list[Any]:
    """A finite set of answers that represents every distinct outcome of `comparisons`."""
    out: list[Any] = [MISSING] if may_be_missing else []
    if not may_have_value:
        return out
    if q.kind == "yes_no":
        out += [True, False]
    elif q.kind == "one_of":
        out += q.option_values()
    elif q.kind == "many_of":
        mentioned = list(dict.fromkeys(c.value for c in comparisons if c.op == "contains"))[:10]
        out += [list(s) for n in range(len(mentioned) + 1) for s in itertools.combinations(mentioned, n)]
    elif q.kind == "number":
        lo = q.minimum if q.minimum is not None else float("-inf")
        hi = q.maximum if q.maximum is not None else float("inf")
        points: set[float] = set()
        for c in comparisons:
            for t in c.value if c.op == "in" else [c.value]:
                if isinstance(t, (int, float)) and not isinstance(t, bool):
                    points.add(float(t))
        edges = sorted(points | {p for p in (lo, hi) if abs(p) != float("inf")})
        probes = set(edges)
        probes.update((a + b) / 2 for a, b in itertools.pairwise(edges))
        if edges:
            probes.update({edges[0] - 1, edges[-1] + 1})
        else:
            probes.add(lo if lo != float("-inf") else 0.0)
        out += [p for p in sorted(probes) if lo <= p <= hi]
    else:  # text
        out += [t for c in comparisons for t in (c.value if c.op == "in" else [c.value]) if isinstance(t, str)]
        out.append("\x00any other text")
    return out
