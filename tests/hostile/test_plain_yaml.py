"""The node-graph constructor (`_load_plain`) gives exactly the data `_Loader` gives, or hands over to it.

`parse` builds data straight from libyaml's nodes and falls back to the full constructor on anything
unusual. Whatever the text, the fast path must never accept what `_Loader` refuses, and where it
accepts, the data must be the same, value for value and type for type (True is not 1, a date not a
string). On the project's own files the fast path must be the one taken.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from test_fuzz import FUZZ, structures, yaml_soup

from license_risk.content.problems import InputError
from license_risk.content.yamlsource import _check_depth, _load_plain, _Loader, parse

ROOT = Path(__file__).resolve().parents[2]
OWN = sorted(
    p
    for folder in ("licenses", "questionnaires", "examples", "tests/fixtures")
    for p in (ROOT / folder).rglob("*.yaml")
    if "hostile" not in p.parts
)
HOSTILE = sorted((ROOT / "tests" / "hostile").rglob("*.yaml"))


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 == True == 1.0 in Python; nan != nan)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        keys_same = list(a) == list(b) and all(type(x) is type(y) for x, y in zip(a, b, strict=True))
        return keys_same and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dt.datetime):
        return a == b and a.tzinfo == b.tzinfo
    return bool(a == b)


def full(text: str) -> tuple[bool, Any]:
    """What the full constructor gives: (True, data) or (False, the error's text)."""
    try:
        return True, yaml.load(text, Loader=_Loader)  # _Loader derives from CSafeLoader
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return False, str(exc)


def check(text: str) -> bool:
    """Assert the fast path agrees with the full constructor; True when the fast path was taken."""
    try:
        _check_depth(text, "t.yaml")
    except InputError:
        return False  # parse refuses it before either constructor runs
    ok, expected = full(text)
    try:
        data = _load_plain(text)
    except Exception:  # any refusal hands over to _Loader
        return False
    assert ok, f"the fast path accepted what _Loader refuses: {expected}"
    assert same(data, expected), (data, expected)
    return True


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_projects_own_files_take_the_fast_path(path: Path) -> None:
    assert check(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_hostile_files(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    check(text)
    try:
        parse(text, "t.yaml")
    except InputError:
        pass


@pytest.mark.parametrize(
    "text",
    [
        "a: &x b\nc: *x\n",
        "&x a: 1\nb: *x\n",
        "a: &x b\n*x : 1\n",
        "- &a [1]\n- *a\n",
        "a: 1\na: 2\n",
        "a: 1\n'a': 2\n",
        "1: a\n'1': b\n",
        "1: a\n01: b\n",
        "<<: {a: 1}\nb: 2\n",
        "=: 1\n",
        "a: =\n",
        "a: !!bool maybe\n",
        "a: !!int 0x1F\n",
        "a: !!float 1_000.5\n",
        "a: 190:20:30\n",
        "a: 0o17\n",
        "a: 017\n",
        "a: !!str 12\n",
        "a: !!null ''\n",
        "a: !!timestamp 2024-02-30\n",
        "a: 2001-12-14t21:59:43.10-05:00\n",
        "a: !!map [1]\n",
        "a: !!seq {b: 1}\n",
        "a: !!set {b, c}\n",
        "a: !custom x\n",
        "? [a]\n: 1\n",
        "yes: no\n",
        "~: 1\n",
        "a: " + "9" * 120 + "\n",
        "a: .inf\nb: -.Inf\nc: .NaN\n",
        "--- a\n--- b\n",
        "",
        "# only a comment\n",
        "plain\n",
        "a: R&D\n",
    ],
)
def test_unusual_texts(text: str) -> None:
    check(text)


@FUZZ
@given(yaml_soup)
def test_any_text(text: str) -> None:
    check(text)


@FUZZ
@given(structures)
def test_any_structure(data: Any) -> None:
    check(yaml.safe_dump(data, allow_unicode=True))
