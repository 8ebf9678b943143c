"""Reading typed numbers: what people type in Japan and elsewhere, and what is refused with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from license_risk.numbers import MAX_WHOLE, read_number, show_number


@pytest.mark.parametrize(
    ("typed", "value", "currency"),
    [
        ("200万", 2_000_000, None),
        ("２億", 200_000_000, None),  # full-width digits
        ("1,500万", 15_000_000, None),
        ("１，５００万", 15_000_000, None),  # full-width comma
        ("1億5000万", 150_000_000, None),
        ("3千万", 30_000_000, None),
        ("七億", 700_000_000, None),
        ("十万", 100_000, None),
        ("約7億人", 700_000_000, None),
        ("1.5億", 150_000_000, None),
        ("50M", 50_000_000, None),
        ("1.5k", 1_500, None),
        ("2.5 million", 2_500_000, None),
        ("1e12", 10**12, None),
        ("1,000,000", 1_000_000, None),
        ("$2.5bn", 2_500_000_000, "USD"),
        ("USD 1,000,000", 1_000_000, "USD"),
        ("1000万円", 10_000_000, "JPY"),
        ("-5", -5, None),  # read; the question's minimum refuses it with its own message
        ("  5000  ", 5_000, None),
    ],
)
def test_accepted(typed: str, value: int, currency: str | None) -> None:
    reading = read_number(typed)
    assert (reading.value, reading.currency, reading.problem) == (value, currency, None)
    assert reading.text == typed  # kept as typed


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Type a number"),
        ("   ", "Type a number"),
        ("50 Apples", "Could not read “50 Apples”"),  # quoted as typed, not lower-cased
        ("1,5", "decimal comma"),
        ("1,50,000", "do not separate thousands"),
        ("5000万1億", "from the largest down"),
        ("1.2345k", "whole number: 1.2345k is 1,234.5"),
        ("1e999999", "too large"),
        (str(MAX_WHOLE + 1), "too large"),
        ("万", "with no number before it"),
        ("50MM apples", "Could not read"),
    ],
)
def test_refused_with_the_reason(typed: str, says: str) -> None:
    reading = read_number(typed)
    assert reading.value is None and reading.problem is not None and says in reading.problem
    assert reading.text == typed


def test_the_reason_comes_in_the_pages_language() -> None:
    assert read_number("50 Apples", "ja").problem == (
        "「50 Apples」を数として読み取れませんでした。数字で入力してください。万・億や k、M、million も使えます（例：200万、1.5 million）。"
    )


@given(st.integers(min_value=0, max_value=MAX_WHOLE))
def test_what_is_shown_reads_back_as_the_same_number(n: int) -> None:
    assert read_number(f"{n:,}").value == n
    assert read_number(str(n)).value == n
    shown = show_number(n, "ja")
    kanji = shown.split("（")[1].rstrip("）") if "（" in shown else shown
    assert read_number(kanji).value == n  # 1億5,000万 reads as what it shows


def test_japanese_shows_the_man_oku_form_beside_the_digits() -> None:
    assert show_number(150_000_000, "ja") == "150,000,000（1億5,000万）"
    assert show_number(9_999, "ja") == "9,999"
    assert show_number(700_000_000, "en") == "700,000,000"
