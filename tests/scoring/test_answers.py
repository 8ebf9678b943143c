"""Answers files: round trip, older tree versions, bad values, hostile files."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from license_risk.content.problems import InputError
from scoring.answers import MAX_ANSWERS_BYTES, dump_answers, parse_answers

ANSWERS = {
    "intake": {
        "organisation": "株式会社サンプル 🚀 <script>alert(1)</script> \u202e",
        "users": 10,
        "distributes": True,
        "uses": ["chat"],
    },
    "demo": {"ships_license": True, "lawsuit": "no"},
}


@pytest.mark.parametrize("as_json", [False, True])
def test_round_trip_keeps_every_answer_and_records_versions(mini, as_json):
    text = dump_answers(mini, ["demo"], ANSWERS, as_json=as_json)
    name = "a.json" if as_json else "a.yaml"
    loaded = parse_answers(text.encode("utf-8"), name, mini)
    assert loaded.answers == ANSWERS and loaded.licenses == ["demo"]
    assert not loaded.problems and not loaded.notes
    data = json.loads(text) if as_json else yaml.safe_load(text)
    assert data["answered_against"]["demo"] == {"tree_version": "1.2.0", "license_version": "1", "license_date": "2024-01-01"}


def test_older_tree_version_keeps_what_fits_and_lists_the_rest(mini):
    data = yaml.safe_load(dump_answers(mini, ["demo"], ANSWERS))
    data["answered_against"]["demo"]["tree_version"] = "1.0.0"
    data["answers"]["demo"] = {"includes_copy": False, "lawsuit": "perhaps", "retired_question": True}
    loaded = parse_answers(yaml.safe_dump(data, allow_unicode=True).encode(), "old.yaml", mini)
    assert loaded.answers["demo"] == {"ships_license": False}  # carried over from its former id
    assert loaded.answers["intake"] == ANSWERS["intake"]
    assert any("tree version 1.0.0" in n and "1.2.0" in n for n in map(str, loaded.notes))
    text = "\n".join(str(p) for p in loaded.problems)
    assert "old.yaml:" in text
    assert "'perhaps': question 'lawsuit' expects one of: no, maybe, filed; answer not kept" in text
    assert "tree 'demo' has no question 'retired_question'; answer not kept" in text


def test_problems_name_the_line(mini):
    text = dump_answers(mini, ["demo"], {"intake": {"users": -5}, "demo": {"lawsuit": "no"}})
    loaded = parse_answers(text.encode(), "a.yaml", mini)
    (p,) = loaded.problems
    assert p.line == text.splitlines().index("    users: -5") + 1
    assert "question 'users' expects a number of at least 0" in p.message


def test_unknown_license_and_tree_are_listed(mini):
    data = yaml.safe_load(dump_answers(mini, ["demo"], ANSWERS))
    data["licenses"].append("nonesuch")
    data["answers"]["nonesuch"] = {"x": 1}
    loaded = parse_answers(yaml.safe_dump(data).encode(), "a.yaml", mini)
    assert loaded.licenses == ["demo"]
    assert "no license 'nonesuch' in this tool" in "\n".join(str(p) for p in loaded.problems)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"format: [unclosed\n", "a.yaml:2: not valid YAML"),
        (b"- just\n- a list\n", "an answers file is a mapping"),
        (b"format: something-else\nformat_version: 1\nlicenses: []\n", "a.yaml:1: format:"),
        (b"a: &a [1,2,3]\nb: [*a, *a, *a]\n", "anchors and aliases"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"{" * 5000, "a.json"),
    ],
)
def test_malformed_files_raise_a_clear_error(mini, raw, expected):
    name = "a.json" if raw.startswith(b"{") else "a.yaml"
    with pytest.raises(InputError) as info:
        parse_answers(raw, name, mini)
    assert expected in str(info.value)


def test_huge_file_is_refused_before_parsing(mini):
    with pytest.raises(InputError) as info:
        parse_answers(b"a: " + b"x" * (MAX_ANSWERS_BYTES + 1), "big.yaml", mini)
    assert "answers files are at most 1024 KB" in str(info.value)


def test_text_answers_keep_any_unicode(mini):
    odd = "日本語 العربية 👩‍💻 \x07 [link](javascript:alert(1)) <b>x</b>"
    loaded = parse_answers(dump_answers(mini, ["demo"], {"intake": {"organisation": odd}}).encode(), "u.yaml", mini)
    assert loaded.answers["intake"]["organisation"] == odd


@pytest.mark.parametrize("blank", ["", "   ", "\u3000\t"])
def test_blank_text_is_no_answer_and_says_so(mini, blank):
    loaded = parse_answers(dump_answers(mini, ["demo"], {"intake": {"organisation": blank}}).encode(), "u.yaml", mini)
    assert "organisation" not in loaded.answers.get("intake", {})
    assert any("blank" in str(p) for p in loaded.problems)


@pytest.mark.parametrize(("typed", "value"), [("200万", 2_000_000), ("50M", 50_000_000), ("１，５００", 1_500)])
def test_a_number_typed_as_text_in_a_file_is_read_as_the_app_reads_it(mini, typed, value):
    number = next(q for q in mini.trees["intake"].model.questions if q.kind == "number")
    loaded = parse_answers(dump_answers(mini, ["demo"], {"intake": {number.id: typed}}).encode(), "u.yaml", mini)
    assert loaded.answers["intake"][number.id] == value


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200).filter(str.strip))  # blank text is no answer (below)
def test_any_unicode_text_answer_survives_a_round_trip(mini, text):
    for as_json in (False, True):
        dumped = dump_answers(mini, ["demo"], {"intake": {"organisation": text}}, as_json=as_json)
        loaded = parse_answers(dumped.encode("utf-8"), "u.json" if as_json else "u.yaml", mini)
        assert loaded.answers["intake"]["organisation"] == text
