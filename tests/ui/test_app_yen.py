"""Revenue typed in yen, with the exchange rate and its date: driven with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from apphelpers import default_value, new_app, set_answer, shown, start

from license_risk.numbers import Conversion

REVENUE = ("intake", "group_annual_revenue_usd")


@pytest.fixture
def db(tmp_path):
    return tmp_path / "assessments.sqlite3"


def to_revenue(at):
    """Answer plainly until the revenue question is shown."""
    for _ in range(40):
        current = shown(at)
        assert current is not None, "the revenue question was never asked"
        if current == REVENUE:
            return at
        set_answer(at, *current, default_value(*current))
        at.button(key="q_next").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
    raise AssertionError("the revenue question was never asked")


def key(at, suffix=""):
    epoch = at.session_state["epoch"] if "epoch" in at.session_state else 0
    return f"w{epoch}:intake:group_annual_revenue_usd{suffix}"


def captions(at) -> str:
    """The captions and notes under the field, as read (the Markdown escapes of plain() removed)."""
    shown = " | ".join(c.value for c in at.caption) + " | " + " ".join(h.proto.body for h in at.get("html"))
    return html.unescape(re.sub(r"\\(.)", r"\1", shown))


def test_revenue_in_yen_with_rate_and_date(db):
    at = to_revenue(start(new_app(db), ["stability-community"]))
    at.text_input(key=key(at)).input("15億円").run()
    # instead of a refusal, the rate and its date are asked for under the field
    assert at.text_input(key=key(at, ":rate")) is not None
    assert at.date_input(key=key(at, ":rate_date")).value is None
    assert "give the exchange rate you use" in captions(at)

    # Next without a rate: refused with the reason, and everything typed stays
    at.button(key="q_next").click().run()
    assert at.error and "Give the exchange rate" in " ".join(t.value for t in at.text)
    assert shown(at) == REVENUE and at.text_input(key=key(at)).value == "15億円"
    assert REVENUE[1] not in at.session_state["iv"].answers.get("intake", {})

    # a bad rate is named under the field; then a good one (full-width digits) and its date
    at.text_input(key=key(at, ":rate")).input("0").run()
    assert "out of range" in captions(at)
    at.text_input(key=key(at, ":rate")).input("１５０．２５")
    at.date_input(key=key(at, ":rate_date")).set_value(dt.date(2026, 1, 5))
    at.text_input(key=key(at, ":rate_source")).input("MUFG TTM").run()
    assert "Read as ¥1,500,000,000 ÷ 150.25 = $9,983,361 (rate of 5 January 2026)" in captions(at)
    at.button(key="q_next").click().run()
    assert not at.exception and not at.error
    iv = at.session_state["iv"]
    assert iv.answers["intake"]["group_annual_revenue_usd"] == 9_983_361  # scored in dollars
    assert iv.conversions[REVENUE] == Conversion("15億円", 1_500_000_000, Decimal("150.25"), dt.date(2026, 1, 5), "MUFG TTM")
    assert shown(at) != REVENUE
    side = html.unescape(" ".join(h.proto.body for h in at.sidebar.get("html")))
    assert "$9,983,361 (entered as ¥1,500,000,000 at 150.25 JPY per USD, rate of 5 January 2026; source: MUFG TTM)" in side

    # back to the question: the yen as typed, the rate and its date again
    at.button(key="q_back").click().run()
    assert shown(at) == REVENUE
    assert at.text_input(key=key(at)).value == "15億円"
    assert at.text_input(key=key(at, ":rate")).value == "150.25"
    assert at.date_input(key=key(at, ":rate_date")).value == dt.date(2026, 1, 5)
    assert at.text_input(key=key(at, ":rate_source")).value == "MUFG TTM"

    # the saved assessment's link brings the record back
    again = new_app(db, {"a": iv.id})
    assert again.session_state["iv"].conversions == iv.conversions
    assert again.session_state["iv"].answers["intake"]["group_annual_revenue_usd"] == 9_983_361

    # a dollar amount instead drops the record
    at.text_input(key=key(at)).input("$5M").run()
    assert not any(w.key == key(at, ":rate") for w in at.text_input)
    at.button(key="q_next").click().run()
    iv = at.session_state["iv"]
    assert iv.answers["intake"]["group_annual_revenue_usd"] == 5_000_000 and REVENUE not in iv.conversions
    assert new_app(db, {"a": iv.id}).session_state["iv"].conversions == {}


def test_near_the_stability_threshold_the_page_says_a_rate_matters(db):
    at = to_revenue(start(new_app(db), ["stability-community"]))
    at.text_input(key=key(at)).input("1.5億円").run()
    at.text_input(key=key(at, ":rate")).input("150")
    at.date_input(key=key(at, ":rate_date")).set_value(dt.date(2026, 1, 5)).run()
    text = captions(at)
    assert "$1,000,000 (rate of" in text  # 150,000,000 / 150
    assert "within 10% of $1,000,000" in text and "Stability AI Community License" in text
    at.text_input(key=key(at)).input("15億円").run()
    assert "within 10%" not in captions(at)


def test_rate_without_its_date_is_refused_and_the_date_stops_at_today(db):
    at = to_revenue(start(new_app(db), ["stability-community"]))
    at.text_input(key=key(at)).input("¥1.5bn").run()
    at.text_input(key=key(at, ":rate")).input("150.25").run()
    assert at.date_input(key=key(at, ":rate_date")).proto.max == dt.date.today().isoformat()
    at.button(key="q_next").click().run()
    assert at.error and "Give the date of the exchange rate" in " ".join(t.value for t in at.text)
    assert REVENUE[1] not in at.session_state["iv"].answers.get("intake", {})
    assert at.text_input(key=key(at, ":rate")).value == "150.25"


def test_in_japanese(db):
    at = new_app(db)
    at.segmented_control(key="lang_switch").set_value("ja").run()
    at = to_revenue(start(at, ["stability-community"]))
    at.text_input(key=key(at)).input("１５億円").run()  # full-width, as a Japanese keyboard types it
    assert at.text_input(key=key(at, ":rate")).label == "為替レート（1米ドルあたりの円）"
    at.text_input(key=key(at, ":rate")).input("１５０．２５")
    at.date_input(key=key(at, ":rate_date")).set_value(dt.date(2026, 12, 1)).run()
    assert "¥1,500,000,000" not in captions(at)
    assert "1,500,000,000円 ÷ 150.25 = 9,983,361米ドル として読み取りました（2026年12月1日のレート）" in captions(at)
    at.button(key="q_next").click().run()
    assert at.session_state["iv"].answers["intake"]["group_annual_revenue_usd"] == 9_983_361
