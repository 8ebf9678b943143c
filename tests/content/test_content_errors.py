"""Broken content gets a precise message: file, line, where, what is wrong."""

from __future__ import annotations

import shutil

import pytest
from conftest import MINI, messages

from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError


def line(file: str, needle: str) -> int:
    """The 1-based line of the fixture where `needle` starts."""
    text = (MINI / file).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def only(problems, level="error"):
    return [p for p in problems if p.level == level]


def test_unknown_key_names_file_line_and_suggests(broken):
    problems = broken("questionnaires/demo.yaml", "    help: Section 4.\n", "    hepl: Section 4.\n")
    (p,) = only(problems)
    assert p.file == "questionnaires/demo.yaml"
    assert p.line == line("questionnaires/demo.yaml", "    help: Section 4.")
    assert "questions[1] (lawsuit).hepl" in p.where
    assert "unknown key 'hepl'; did you mean 'help'?" in p.message


def test_unknown_key_inside_condition_suggests_operator(broken):
    problems = broken(
        "questionnaires/demo.yaml", "when: {question: distributes, equals: yes}", "when: {question: distributes, equal: yes}"
    )
    text = messages(problems)
    assert f"questionnaires/demo.yaml:{line('questionnaires/demo.yaml', '    when: {question: distributes')}" in text
    assert "did you mean 'equals'?" in text


def test_wrong_type_and_bad_literal(broken):
    problems = broken("questionnaires/demo.yaml", "    exposure: unmet\n", "    exposure: sometimes\n")
    (p,) = only(problems)
    assert (
        p.line == line("questionnaires/demo.yaml", "    exposure: unmet") and "findings[0] (missing-notice).exposure" in p.where
    )
    assert "'done', 'planned'" in p.message and "sometimes" in p.message


def test_missing_required_key(broken):
    problems = broken("licenses/demo.yaml", "    title: Notice\n", "")
    (p,) = only(problems)
    assert p.file == "licenses/demo.yaml" and "clauses[1] (notice)" in p.where
    assert "missing required key 'title'" in p.message


def test_malformed_yaml_points_at_line(broken):
    problems = broken("questionnaires/demo.yaml", "  - id: lawsuit\n", "  - id: lawsuit\n   bad indent: [\n")
    (p,) = only(problems)
    assert p.file == "questionnaires/demo.yaml" and p.line == line("questionnaires/demo.yaml", "  - id: lawsuit\n") + 1
    assert "not valid YAML" in p.message


def test_alias_bomb_is_refused(broken):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
    problems = broken("questionnaires/demo.yaml", replace_all=bomb)
    (p,) = only(problems)
    assert p.line == 1 and "anchors and aliases" in p.message


def test_duplicate_key_is_refused(broken):
    problems = broken("questionnaires/demo.yaml", "version: 1.2.0\n", "version: 1.2.0\nversion: 1.3.0\n")
    (p,) = only(problems)
    assert p.line == line("questionnaires/demo.yaml", "version:") + 1 and "duplicate key 'version'" in p.message


def test_dangling_question_reference(broken):
    problems = broken(
        "questionnaires/demo.yaml", "{question: distributes, equals: yes}", "{question: distributes_model, equals: yes}"
    )
    (p,) = only(problems)
    assert p.line == line("questionnaires/demo.yaml", "    when: {question: distributes")
    assert "no question 'distributes_model' in this tree or the intake; did you mean 'distributes'?" in p.message


def test_dangling_clause_and_finding_references(broken):
    problems = broken("questionnaires/demo.yaml", "    clauses: [threshold]\n", "    clauses: [treshold]\n")
    assert "clause 'treshold' does not exist in licenses/demo.yaml; did you mean 'threshold'?" in messages(problems)
    problems = broken("questionnaires/demo.yaml", "{finding: litigation-termination}", "{finding: litigation-ending}")
    assert "no finding 'litigation-ending' in this tree" in messages(problems)


def test_cycle_is_reported_with_its_path(broken):
    problems = broken(
        "questionnaires/demo.yaml",
        "    probes: [litigation]\n    options:",
        "    probes: [litigation]\n    when: {question: lawsuit_target, answered: true}\n    options:",
    )
    text = messages(problems)
    assert (
        "conditions form a cycle: lawsuit -> lawsuit_target -> lawsuit" in text
        or "lawsuit_target -> lawsuit -> lawsuit_target" in text
    )


def test_unreachable_question(broken):
    problems = broken(
        "questionnaires/demo.yaml",
        "when: {question: lawsuit, in: [maybe, filed]}",
        "when: {all: [{question: lawsuit, equals: maybe}, {question: lawsuit, equals: filed}]}",
    )
    (p,) = only(problems)
    assert p.line == line("questionnaires/demo.yaml", "    when: {question: lawsuit, in") and "can never be asked" in p.message


def test_unreachable_through_a_question_never_asked(broken):
    # ships_license is only asked when distributes is yes; asking "distributes is no and ships_license answered" is impossible
    problems = broken(
        "questionnaires/demo.yaml",
        "when: {question: lawsuit, in: [maybe, filed]}",
        "when: {all: [{question: distributes, equals: no}, {question: ships_license, answered: true}]}",
    )
    assert "can never be asked" in messages(problems)


def test_finding_that_can_never_fire(broken):
    problems = broken(
        "questionnaires/demo.yaml",
        "when: {question: users, greater_than: 100000000}",
        "when: {all: [{question: users, greater_than: 100}, {question: users, less_than: 50}]}",
    )
    assert "the finding can never fire" in messages(problems)


def test_comparison_with_impossible_value(broken):
    problems = broken(
        "questionnaires/demo.yaml",
        "when: {question: lawsuit, in: [maybe, filed]}\n    explanation",
        "when: {question: lawsuit, in: [maybe, settled]}\n    explanation",
    )
    assert "question 'lawsuit' has no option 'settled'; its options are: no, maybe, filed" in messages(problems)
    problems = broken("questionnaires/demo.yaml", "{question: distributes, equals: yes}", "{question: distributes, equals: 3}")
    assert "yes_no question 'distributes' answers yes or no, never 3" in messages(problems)
    problems = broken("questionnaires/demo.yaml", "{question: users, greater_than: 100000000}", "{question: users, less_than: 0}")
    assert "number question 'users' is at least 0, so 'less_than: 0' can never hold" in messages(problems)
    problems = broken(
        "questionnaires/demo.yaml", "{question: users, greater_than: 100000000}", "{question: users, contains: chat}"
    )
    assert "'contains' cannot be used with number question 'users'" in messages(problems)


def test_unquoted_no_option_gets_a_hint(broken):
    problems = broken("questionnaires/demo.yaml", '- {value: "no", label: "No"}', '- {value: no, label: "No"}')
    assert "YAML read this as a boolean; quote it" in messages(problems)


def test_duplicate_ids(broken):
    problems = broken("questionnaires/demo.yaml", "  - id: lawsuit_target\n", "  - id: lawsuit\n")
    assert "question id 'lawsuit' is defined twice" in messages(problems)
    problems = broken("questionnaires/demo.yaml", "  - id: ships_license\n", "  - id: users\n")
    assert "question id 'users' is already an intake question" in messages(problems)
    problems = broken("licenses/demo.yaml", "  - id: law\n", "  - id: grant\n")
    assert "clause id 'grant' is defined twice" in messages(problems)


def test_quote_not_in_text_names_where_it_differs(broken):
    problems = broken(
        "licenses/demo.yaml",
        "quote: You may use, copy and modify the Demo Model.",
        "quote: You may use, copy and change the Demo Model.",
    )
    (p,) = only(problems)
    assert p.file == "licenses/demo.yaml" and p.line == line("licenses/demo.yaml", "    quote: You may use")
    assert "not word for word in licenses/texts/demo.txt" in p.message and "differs from 'change'" in p.message


def test_scenario_naming_an_unknown_finding(broken):
    problems = broken("questionnaires/demo.tests.yaml", "findings: [always-info]", "findings: [always-infos]")
    assert "no finding 'always-infos'" in messages(problems)


def test_huge_file_and_bad_encoding(broken, tmp_path):
    problems = broken("questionnaires/demo.yaml", replace_all="a: " + "x" * (6 * 1024 * 1024))
    assert "questionnaires/demo.yaml: the file is 6.3 MB; the limit is 5.2 MB" in messages(problems)
    target = tmp_path / "bin"
    shutil.copytree(MINI, target)
    (target / "questionnaires" / "demo.yaml").write_bytes(b"id: demo\ntitle: \xff\xfe\n")
    with pytest.raises(ContentError) as info:
        load_catalog(target)
    assert "questionnaires/demo.yaml:2: the file is not UTF-8 text" in str(info.value)


def test_all_problems_are_listed_not_just_the_first(broken):
    problems = broken("questionnaires/demo.yaml", "    exposure: unmet\n", "    exposure: sometimes\n    colour: red\n")
    assert len(only(problems)) == 2


@pytest.fixture
def shipped_copy(tmp_path):
    from license_risk.shipped import ROOT

    copy = tmp_path / "shipped"
    for folder in ("licenses", "questionnaires"):
        shutil.copytree(ROOT / folder, copy / folder)
    return copy


def test_a_misspelt_modality_is_an_error_not_a_silent_absent(broken, shipped_copy):
    # "images" would never match a model's modalities, so the question would be answered "text only" for every model
    problems = broken("questionnaires/llama-3.2.yaml", "modality: image,", "modality: images,", root=shipped_copy)
    (p,) = only(problems)
    assert p.file == "questionnaires/llama-3.2.yaml" and "from_models.modality" in p.where
    assert "images" in p.message and "'image'" in p.message and "'audio'" in p.message
    problems = broken("licenses/models.yaml", "modalities: [image]", "modalities: [imgae]", root=shipped_copy)
    (p,) = only(problems)
    assert p.file == "licenses/models.yaml" and "imgae" in p.message and "'image'" in p.message
