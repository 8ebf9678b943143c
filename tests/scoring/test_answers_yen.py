"""Answers files with a dollar answer given in yen: the record round-trips, bad records are named with
file and line and lose nothing else, and files without yen are written and read as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from license_risk.numbers import Conversion
from scoring.answers import dump_answers, parse_answers

REF = ("intake", "group_annual_revenue_usd")
RECORD = Conversion("15億円", 1_500_000_000, Decimal("150.25"), dt.date(2026, 12, 1), "MUFG TTM")


def file(revenue: str, version: int = 3) -> str:
    return f"""format: open-model-license-risk/answers
format_version: {version}
licenses: [stability-community]
answers:
  intake:
    establishment: japan
    group_annual_revenue_usd:
{revenue}
    hosted_service: true
"""


@pytest.mark.parametrize("as_json", [False, True])
def test_round_trip_keeps_the_record(catalog, as_json):
    answers = {"intake": {"establishment": "japan", "group_annual_revenue_usd": RECORD.usd}}
    text = dump_answers(catalog, ["stability-community"], answers, conversions={REF: RECORD}, as_json=as_json)
    loaded = parse_answers(text.encode(), "a.json" if as_json else "a.yaml", catalog)
    assert not loaded.problems
    assert loaded.answers == answers and loaded.conversions == {REF: RECORD}
    if not as_json:
        assert (
            "format_version: 3" in text and "yen: 15億円" in text and "rate: 150.25" in text and "rate_source: MUFG TTM" in text
        )
        assert "9983361" not in text  # the dollars are computed from the yen and rate, never written to disagree with them


def test_without_yen_the_file_is_version_2_as_before(catalog):
    answers = {"intake": {"group_annual_revenue_usd": 5_000_000}}
    assert "format_version: 2" in dump_answers(catalog, ["stability-community"], answers)
    # a record the answer no longer matches (changed to dollars since) is not written
    text = dump_answers(catalog, ["stability-community"], answers, conversions={REF: RECORD})
    assert "format_version: 2" in text and "yen" not in text
    loaded = parse_answers(text.encode(), "a.yaml", catalog)
    assert loaded.answers == answers and loaded.conversions == {}


def test_hand_written_yen_in_a_version_2_file_is_read(catalog):
    revenue = "      {yen: 15億円, rate: 150.25, rate_date: 2026-12-01}"
    loaded = parse_answers(file(revenue, version=2).encode(), "hand.yaml", catalog)
    assert not loaded.problems
    assert loaded.answers["intake"]["group_annual_revenue_usd"] == 9_983_361
    assert loaded.conversions[REF] == Conversion("15億円", 1_500_000_000, Decimal("150.25"), dt.date(2026, 12, 1))


def test_a_version_5_file_is_refused_naming_the_versions_read(catalog):
    from license_risk.content.problems import InputError

    with pytest.raises(InputError) as info:
        parse_answers(file("      5000000", version=5).encode(), "new.yaml", catalog)
    assert "this tool reads 1, 2, 3, 4" in str(info.value.problem)


@pytest.mark.parametrize(
    ("revenue", "line", "where", "says"),
    [
        ("      yen: 15億円\n      rate: 0\n      rate_date: 2026-12-01", 9, ".rate", "out of range"),
        ("      yen: 15億円\n      rate: -150\n      rate_date: 2026-12-01", 9, ".rate", "Could not read “-150”"),
        ("      yen: 15億円\n      rate: about 150\n      rate_date: 2026-12-01", 9, ".rate", "Could not read"),
        ("      yen: 15億円\n      rate: 150.25\n      rate_date: 2999-01-01", 10, ".rate_date", "is in the future"),
        ("      yen: 15億円\n      rate: 150.25\n      rate_date: '2026-02-30'", 10, ".rate_date", "not a date that exists"),
        ("      yen: 15億のりんご\n      rate: 150.25\n      rate_date: 2026-12-01", 8, ".yen", "Could not read"),
        ("      yen: $5M\n      rate: 150.25\n      rate_date: 2026-12-01", 8, ".yen", "in US dollars, not yen"),
        ("      yen: 15億円\n      rate_date: 2026-12-01", 8, "", "Give the exchange rate"),
        (
            "      yen: 15億円\n      rate: 150.25\n      rate_date: 2026-12-01\n      rate_sauce: x",
            11,
            ".rate_sauce",
            "unknown key",
        ),
        (
            "      yen: 15億円\n      rate: 150.25\n      rate_date: 2026-12-01\n      rate_source: [a]",
            11,
            ".rate_source",
            "as text",
        ),
        ("      15億円", 8, "", "give the yen with its exchange rate"),
    ],
)
def test_bad_records_name_file_and_line_and_lose_nothing_else(catalog, revenue, line, where, says):
    loaded = parse_answers(file(revenue).encode(), "hand.yaml", catalog)
    problems = [p for p in loaded.problems if p.where.startswith("answers.intake.group_annual_revenue_usd")]
    assert problems, loaded.problems
    shown = str(problems[0])
    assert shown.startswith(f"hand.yaml:{line}: answers.intake.group_annual_revenue_usd{where}:"), shown
    assert says in shown and shown.endswith("answer not kept"), shown
    assert loaded.answers["intake"] == {"establishment": "japan", "hosted_service": True}  # the rest is kept
    assert loaded.conversions == {}


def test_yen_for_a_question_not_in_dollars_is_refused(catalog):
    text = file("      5000000").replace(
        "    hosted_service: true", "    group_monthly_active_users: {yen: 5, rate: 150, rate_date: 2026-12-01}"
    )
    loaded = parse_answers(text.encode(), "hand.yaml", catalog)
    assert [str(p) for p in loaded.problems] == [
        "hand.yaml:9: answers.intake.group_monthly_active_users: question 'group_monthly_active_users' is not asked in"
        " US dollars, so it takes no yen amount with a rate; answer not kept"
    ]
