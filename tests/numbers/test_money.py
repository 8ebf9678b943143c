"""Yen converted to US dollars at the user's rate: arithmetic, bounds and the messages for bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from license_risk.numbers.money import (
    Conversion,
    conversion_text,
    convert,
    near,
    read_rate,
    read_rate_date,
    reading_text,
    usd_of,
)

TODAY = dt.date(2026, 12, 5)


def test_fifteen_oku_yen_at_150_25():
    c, faults = convert("15億円", "150.25", "2026-12-01", "MUFG TTM", today=TODAY)
    assert faults == [] and c is not None
    assert (c.entered, c.yen, c.rate, c.rate_date, c.source) == (
        "15億円",
        1_500_000_000,
        Decimal("150.25"),
        dt.date(2026, 12, 1),
        "MUFG TTM",
    )
    assert c.usd == 9_983_361  # 1,500,000,000 / 150.25 = 9,983,361.06


@pytest.mark.parametrize(
    ("yen", "rate", "usd"),
    [
        (1_501, "100", 15),  # 15.01 rounds down
        (1_550, "100", 16),  # a half rounds up, not to even (15.5 -> 16)
        (1_450, "100", 15),  # 14.5 -> 15 (half-even would give 14)
        (1_549, "100", 15),
        (0, "150", 0),
        (10**15, "1", 10**15),
    ],
)
def test_rounding_to_the_nearest_dollar_halves_up(yen, rate, usd):
    assert usd_of(yen, Decimal(rate)) == usd


@pytest.mark.parametrize(
    ("typed", "rate"),
    [
        ("150.25", "150.25"),
        ("１５０．２５", "150.25"),  # full-width digits and point
        (" 150.25円 ", "150.25"),
        ("¥149.8", "149.8"),
        ("1,234.5", "1234.5"),
        (150.25, "150.25"),  # a YAML float
        (150, "150"),
        ("1", "1"),
        ("10000", "10000"),
    ],
)
def test_rates_read(typed, rate):
    assert read_rate(typed) == (Decimal(rate), None)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Give the exchange rate"),
        (None, "Give the exchange rate"),
        (True, "Give the exchange rate"),
        ("0", "out of range"),
        ("-150", "Could not read"),
        ("0.0067", "out of range"),  # typed the wrong way round: dollars per yen
        ("15025", "out of range"),
        ("150,25", "decimal comma"),
        ("about 150", "Could not read"),
        ("150.1234567", "at most 6 decimals"),
        ("1e3", "Could not read"),
        ("x" * 500, "Could not read"),
    ],
)
def test_bad_rates_say_why(typed, says):
    rate, problem = read_rate(typed)
    assert rate is None and problem is not None and says in problem
    assert len(problem) < 200  # a long text is shortened in the message


def test_rate_date_not_in_the_future():
    assert read_rate_date("2026-12-05", TODAY) == (TODAY, None)
    assert read_rate_date(dt.date(2026, 12, 6), TODAY)[1] == (
        "The exchange rate's date, 2026-12-06, is in the future: give the date of a rate already published."
    )
    assert "not a date that exists" in (read_rate_date("2026-02-30", TODAY)[1] or "")
    assert "YYYY-MM-DD" in (read_rate_date("1 Dec", TODAY)[1] or "")
    assert "YYYY-MM-DD" in (read_rate_date(20261201, TODAY)[1] or "")


def test_every_fault_is_named_by_its_field():
    c, faults = convert("$5M", "0", "2027-01-01", ["MUFG"], today=TODAY)
    assert c is None
    assert [f.field for f in faults] == ["yen", "rate", "rate_date", "source"]
    assert "in US dollars, not yen" in faults[0].message
    _, faults = convert("15億のりんご", "150", "2026-12-01", today=TODAY)
    assert [f.field for f in faults] == ["yen"] and "Could not read" in faults[0].message
    _, faults = convert(None, "150", "2026-12-01", today=TODAY)
    assert [f.field for f in faults] == ["yen"]


def test_an_amount_without_a_currency_in_the_yen_field_is_yen():
    c, _ = convert(1_500_000_000, 150, "2026-12-01", today=TODAY)
    assert c is not None and c.yen == 1_500_000_000 and c.entered == "1500000000" and c.usd == 10_000_000


def test_messages_in_japanese():
    _, faults = convert("15億円", "0", "2026-12-01", today=TODAY, lang="ja")
    assert faults[0].message != read_rate("0")[1]  # translated, not the English


def test_wording_in_english_and_japanese():
    c = Conversion("15億円", 1_500_000_000, Decimal("150.25"), dt.date(2026, 12, 1), "MUFG TTM")
    assert conversion_text(c) == (
        "$9,983,361 (entered as ¥1,500,000,000 at 150.25 JPY per USD, rate of 1 December 2026; source: MUFG TTM)"
    )
    assert conversion_text(c, "ja") == (
        "9,983,361米ドル（入力：1,500,000,000円、1米ドル＝150.25円、2026年12月1日のレート、出典：MUFG TTM）"
    )
    bare = Conversion("15億円", 1_500_000_000, Decimal("150.25"), dt.date(2026, 12, 1))
    assert conversion_text(bare) == "$9,983,361 (entered as ¥1,500,000,000 at 150.25 JPY per USD, rate of 1 December 2026)"
    assert "出典" not in conversion_text(bare, "ja")
    assert reading_text(c) == "Read as ¥1,500,000,000 ÷ 150.25 = $9,983,361 (rate of 1 December 2026)"
    assert reading_text(c, "ja").endswith("2026年12月1日のレート）") or "2026年12月1日" in reading_text(c, "ja")


def test_near_a_threshold_within_ten_percent():
    assert near(950_000, [1_000_000]) == [1_000_000]
    assert near(1_100_000, [1_000_000]) == [1_000_000]
    assert near(1_100_001, [1_000_000]) == []
    assert near(899_999, [1_000_000, 900_000]) == [900_000]
    assert near(5, [0]) == []


def test_a_source_is_plain_text_of_reasonable_length():
    assert convert("15億円", "150", "2026-12-01", "x" * 201, today=TODAY)[1][0].field == "source"
    assert convert("15億円", "150", "2026-12-01", "MUFG \ud800", today=TODAY)[1][0].field == "source"
    c, _ = convert("15億円", "150", "2026-12-01", "  三菱UFJ銀行 TTM 🏦 ", today=TODAY)
    assert c is not None and c.source == "三菱UFJ銀行 TTM 🏦"  # kept as typed, trimmed
