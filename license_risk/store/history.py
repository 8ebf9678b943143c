"""Answer history as plain data: what an assessment's values are, and how two sessions' edits meet.

No database here. A value is keyed by (tree id, question id) and is what the answers
file writes for it (a yen answer is its yen record); the assessment's own choices
are keyed by ("", "licenses" | "models" | "lineage"). A session remembers what it last
saw (`Seen`); on saving, the values it changed since are written, the values others
changed that it did not touch are taken in, and a value both changed is a `Conflict`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from license_risk.i18n.labels import LOCAL_USER as LOCAL_USER  # the author of every event until people sign in

Key = tuple[str, str]  # (tree id, question id)
CHOICES = ""  # the "tree" of the assessment's own choices


@dataclass(frozen=True)
class Seen:
    """What a session last read or wrote: the assessment's version and every value at it."""

    version: int = 0
    values: Mapping[Key, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Conflict:
    """A value this session changed that someone else changed too, since this session last saw it."""

    tree_id: str
    question_id: str
    yours: Any  # None: this session cleared it
    theirs: Any  # what is stored now
    author: str  # who wrote theirs
    at: str


@dataclass(frozen=True)
class Event:
    """One change of one value, as `answer_events` keeps it."""

    seq: int
    author: str
    at: str
    tree_id: str
    question_id: str
    old_value: Any
    new_value: Any
    tree_version: str | None


@dataclass(frozen=True)
class Reconciled:
    writes: dict[Key, Any]  # this session's changes to write
    merged: list[Key]  # others' changes this session takes in
    conflicts: list[Key]  # changed on both sides to different values


def values_of(doc: Mapping[str, Any], models: Iterable[str] = ()) -> dict[Key, Any]:
    """Every value of an answers document (as `dump_answers` writes it) and the models picked."""
    values: dict[Key, Any] = {
        (tree, q): value for tree, answers in (doc.get("answers") or {}).items() for q, value in answers.items()
    }
    if doc.get("licenses"):
        values[CHOICES, "licenses"] = list(doc["licenses"])
    if models := list(models):
        values[CHOICES, "models"] = models
    if doc.get("lineage") is not None:
        values[CHOICES, "lineage"] = doc["lineage"]
    return values


def reconcile(mine: Mapping[Key, Any], seen: Seen, stored: Mapping[Key, Any]) -> Reconciled:
    """Which of this session's values to write, which of the others' to take, and which collide."""
    writes: dict[Key, Any] = {}
    conflicts: list[Key] = []
    for key in sorted(mine.keys() | seen.values.keys()):
        ours, base, now = mine.get(key), seen.values.get(key), stored.get(key)
        if ours == base or ours == now:
            continue  # not changed here, or already what is stored
        if now != base:
            conflicts.append(key)  # the other side changed it since this session saw it
        else:
            writes[key] = ours
    merged = [
        key
        for key in sorted(stored.keys() | seen.values.keys())
        if stored.get(key) != seen.values.get(key) and mine.get(key) == seen.values.get(key)
    ]
    return Reconciled(writes, merged, conflicts)


def rebuild(events: Iterable[Event]) -> dict[Key, Any]:
    """The values the events add up to: the truth the snapshot row is checked against."""
    values: dict[Key, Any] = {}
    for e in sorted(events, key=lambda e: e.seq):
        if e.new_value is None:
            values.pop((e.tree_id, e.question_id), None)
        else:
            values[e.tree_id, e.question_id] = e.new_value
    return values


def encode(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)
