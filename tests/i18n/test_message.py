"""A Message keeps its template and values, so that each reader gets it in their language; a Problem carrying
one says its whole line in that language, and the place (file, line, key) stays as the file names it."""

from __future__ import annotations

from license_risk.content.problems import Problem, listed
from license_risk.i18n import Message, Written, translator


def test_a_message_and_the_messages_inside_it_are_translated() -> None:
    inner = Message.of("expects yes or no")
    outer = Message.of("{value}: question '{question}' {error}; answer not kept", value="'maybe'", question="q", error=inner)
    assert str(outer) == "'maybe': question 'q' expects yes or no; answer not kept"
    assert outer.in_language("ja") == "'maybe'：質問 'q' には yes か no で答えます。回答は読み込みません"


def test_values_are_not_translated_even_when_they_match_a_template() -> None:
    # a user's answer that happens to be an English sentence of the catalog is their words, kept as typed
    m = Message.of("{value}: question '{question}' {error}; answer not kept", value="expects text", question="q", error="x")
    assert m.in_language("ja").startswith("expects text：")


def test_written_texts_are_chosen_by_language_and_fall_back_to_english() -> None:
    w = Written((("en", "the rate is 0"), ("ja", "レートが 0 です")))
    assert Message.of("{fault}; answer not kept", fault=w).in_language("ja") == "レートが 0 です。回答は読み込みません"
    assert str(Message.of("{fault}; answer not kept", fault=w)) == "the rate is 0; answer not kept"
    assert w.in_language("fr") == "the rate is 0"


def test_a_problem_says_its_line_in_a_language_and_compares_by_its_english() -> None:
    words = Message.of("no license '{license}' in this tool; not kept", license="nope")
    p = Problem.of("a.yaml", 3, "licenses[0]", words, level="warning")
    assert str(p) == "a.yaml:3: licenses[0]: warning: no license 'nope' in this tool; not kept"
    assert p.in_language("ja") == "a.yaml:3: licenses[0]: 警告：本ツールにライセンス 'nope' はありません。読み込みません"
    assert p == Problem("a.yaml", 3, "licenses[0]", str(words), "warning")  # sorted and compared as before
    plain = Problem("tree.yaml", 4, "questions", "a maintainer's diagnostic")
    assert plain.in_language("ja") == "tree.yaml:4: questions: a maintainer's diagnostic"


def test_the_count_of_problems_not_listed_is_in_the_language() -> None:
    problems = [Problem("a.yaml", n, "", "x") for n in range(1, 1203)]
    shown, more = listed(problems, lang="ja")
    assert len(shown) == 50 and more == translator("ja")("… and {n} more").format(n="1,152") == "…ほか 1,152 件"
    assert listed(problems)[1] == "… and 1,152 more"
