"""Fuzzing the loaders: whatever the bytes, the only exceptions are the project's own problem types.

A short run in `make test`; `make fuzz` runs many more examples (FUZZ_EXAMPLES, default 100 here).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError, InputError
from license_risk.content.yamlsource import parse
from scoring.answers import LoadedAnswers, parse_answers

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
CATALOG = load_catalog()  # module-level, not a fixture: hypothesis would print its whole repr on a failure
MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.dates()
)
structures = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=30
)
# Pieces of YAML that have tripped parsers: tags, anchors, nesting, numbers, dates, escapes, odd characters.
FRAGMENTS = [
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!timestamp ",
    "!!set ",
    "!!map ",
    "!!seq ",
    "!!str ",
    "!!binary ",
    "!!omap ",
    "!!pairs ",
    "!!null ",
    "!!python/object:os.system ",
    "!custom ",
    "&a ",
    "*a ",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    "- ",
    "? ",
    ": ",
    ", ",
    "\n",
    "\n  ",
    "\n    ",
    "'",
    '"',
    "|\n  ",
    ">\n  ",
    "#",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "9" * 120,
    "2024-02-30",
    "2024-01-01 25:00:00",
    "1e999",
    ".inf",
    ".nan",
    "0x",
    "0o9",
    "1_000",
    "-0",
    "yes",
    "maybe",
    "~",
    "\\ud800",
    '"\\ud800"',
    '"\\e[2J"',
    "\u202e",
    "\x00",
    "\x85",
    "\ufeff",
    "日本語",
    "👩‍💻",
    "format: open-model-license-risk/answers\n",
    "format_version: 1\n",
    "licenses: [llama-3.1]\n",
    "answers:\n  intake:\n    ",
    "group_monthly_active_users: ",
    "sensitive_uses: ",
    "organisation: ",
]
yaml_soup = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40).map("".join)


def _answers_file(answers: Any) -> dict[str, Any]:
    return {"format": "open-model-license-risk/answers", "format_version": 1, "licenses": ["llama-3.1"], "answers": answers}


@FUZZ
@given(yaml_soup)
def test_parse_yaml_raises_only_input_errors(text: str) -> None:
    try:
        parse(text, "fuzz.yaml")
    except InputError:
        pass


@FUZZ
@given(st.binary(max_size=400) | yaml_soup.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_answers_from_any_bytes(raw: bytes) -> None:
    for name in ("fuzz.yaml", "fuzz.json"):
        try:
            assert isinstance(parse_answers(raw, name, CATALOG), LoadedAnswers)
        except InputError:
            pass


@FUZZ
@given(structures, st.sampled_from(["yaml", "json"]))
def test_answers_files_with_any_structure(answers: Any, kind: str) -> None:
    data = _answers_file({"intake": answers} if isinstance(answers, dict) else answers)
    if kind == "json":
        text = json.dumps(data, default=str)
    else:
        text = yaml.safe_dump(data, allow_unicode=True)
    try:
        loaded = parse_answers(text.encode("utf-8", "surrogatepass"), f"fuzz.{kind}", CATALOG)
    except InputError:
        return
    # every answer kept is one the question accepts, and can be written back
    for tree_id, values in loaded.answers.items():
        for qid in values:
            assert CATALOG.question(tree_id, qid) is not None
    json.dumps(loaded.answers, default=str).encode("utf-8")


@settings(
    max_examples=max(10, EXAMPLES // 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(yaml_soup)
def test_content_files_with_any_text(tmp_path_factory, text: str) -> None:
    root = tmp_path_factory.mktemp("content")
    shutil.copytree(MINI, root, dirs_exist_ok=True)
    (root / "questionnaires" / "demo.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_catalog(root)
    except ContentError as exc:
        assert all(p.file for p in exc.problems)
