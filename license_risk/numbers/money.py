"""Yen entered for a question in US dollars: the conversion, and the record kept beside the answer.

License thresholds are in US dollars, so a revenue question stays a dollar question and is scored on
the dollar amount. A user who knows the figure in yen gives it with the exchange rate and the rate's
date; the `Conversion` keeps all of it, so the memo can say what was typed and which rate made it
dollars, and a reviewer can redo the arithmetic. The dollar amount is the yen amount divided by the
rate, rounded to the nearest dollar (halves up, as a person rounds).

Plain Python (no Streamlit): the app, the answers files and the memo share it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from license_risk.i18n import ENGLISH, format_date, translator
from license_risk.numbers.read import read_number

MIN_RATE = Decimal(1)  # yen for one US dollar: it has been between 75 and 360 since 1949; these bounds catch typos
MAX_RATE = Decimal(10_000)  # (a rate typed the wrong way round, 0.0067, or with a slipped decimal point)
RATE_DECIMALS = 6  # banks quote 2 to 4 decimals; more is a typo (and would not survive a YAML float exactly)
MAX_SOURCE_CHARS = 200
NEAR = Decimal("0.10")  # a converted amount this close to a threshold could cross it at another rate

_RATE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Conversion:
    """A yen amount, the rate that made it dollars, and that rate's date and source."""

    entered: str  # the yen amount as typed ("15億円"), never changed
    yen: int
    rate: Decimal  # yen for one US dollar, e.g. 150.25
    rate_date: dt.date
    source: str = ""  # where the rate came from ("MUFG TTM"); optional

    @property
    def usd(self) -> int:
        return usd_of(self.yen, self.rate)


@dataclass(frozen=True)
class Fault:
    """Why part of a conversion cannot be used: `field` is "yen", "rate", "rate_date" or "source"."""

    field: str
    message: str


def usd_of(yen: int, rate: Decimal) -> int:
    """Yen divided by the rate, to the nearest dollar (halves up, away from zero)."""
    return int((Decimal(yen) / rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def read_rate(raw: object, lang: str = ENGLISH) -> tuple[Decimal | None, str | None]:
    """A rate as typed ("150.25", "１５０．２５", "150.25円") or as a YAML number: (rate, None) or (None, why not)."""
    _ = translator(lang)
    if isinstance(raw, bool) or raw is None:
        return None, _("Give the exchange rate: how many yen one US dollar buys (e.g. 150.25).")
    if isinstance(raw, int | float | Decimal):
        text = repr(raw) if isinstance(raw, float) else str(raw)  # repr: the shortest text that reads back the same
    elif isinstance(raw, str):
        text = raw
    else:
        return None, _("Give the exchange rate: how many yen one US dollar buys (e.g. 150.25).")
    s = unicodedata.normalize("NFKC", text).strip().casefold()
    for word in ("jpy", "yen", "円"):
        s = s.removesuffix(word).strip()
    s = s.removeprefix("¥").strip()
    if not s:
        return None, _("Give the exchange rate: how many yen one US dollar buys (e.g. 150.25).")
    shown = text.strip() if len(text.strip()) <= 30 else text.strip()[:27] + "…"
    if re.fullmatch(r"\d+,\d{1,2}", s):
        return None, _("“{text}” has a decimal comma: write the rate with a point (150.25).").format(text=shown)
    if not _RATE.match(s):
        return None, _("Could not read “{text}” as an exchange rate: give yen per US dollar as digits (e.g. 150.25).").format(
            text=shown
        )
    try:
        rate = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern lets only decimals through
        return None, _("Could not read “{text}” as an exchange rate: give yen per US dollar as digits (e.g. 150.25).").format(
            text=shown
        )
    if not MIN_RATE <= rate <= MAX_RATE:
        return None, _("An exchange rate of {rate} yen per US dollar is out of range: give one between {low} and {high}.").format(
            rate=shown, low=f"{MIN_RATE:,}", high=f"{MAX_RATE:,}"
        )
    exponent = rate.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > RATE_DECIMALS:
        return None, _("Give the exchange rate with at most {n} decimals.").format(n=RATE_DECIMALS)
    return rate, None


def read_rate_date(raw: object, today: dt.date, lang: str = ENGLISH) -> tuple[dt.date | None, str | None]:
    """The rate's date, a date or YYYY-MM-DD: (date, None) or (None, why not). Never after `today`."""
    _ = translator(lang)
    if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        try:
            raw = dt.date.fromisoformat(raw.strip())
        except ValueError:
            return None, _("“{text}” is not a date that exists.").format(text=raw.strip())
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if not isinstance(raw, dt.date):
        return None, _("Give the date of the exchange rate (YYYY-MM-DD).")
    if raw > today:
        return None, _("The exchange rate's date, {date}, is in the future: give the date of a rate already published.").format(
            date=format_date(raw, lang)
        )
    return raw, None


def convert(
    entered: object, rate: object, rate_date: object, source: object = None, *, today: dt.date, lang: str = ENGLISH
) -> tuple[Conversion | None, list[Fault]]:
    """A conversion from its parts as typed (in the app) or written (in an answers file); every fault, by field."""
    _ = translator(lang)
    faults: list[Fault] = []
    yen: int | None = None
    text = str(entered) if isinstance(entered, int) and not isinstance(entered, bool) else entered
    if not isinstance(text, str) or not text.strip():
        faults.append(Fault("yen", _("Give the amount in yen (e.g. 15億円).")))
    else:
        reading = read_number(text, lang)
        if reading.value is None:
            faults.append(Fault("yen", reading.problem or ""))
        elif reading.currency == "USD":
            faults.append(Fault("yen", _("“{text}” is in US dollars, not yen.").format(text=text.strip())))
        else:
            yen = reading.value
    got_rate, problem = read_rate(rate, lang)
    if problem:
        faults.append(Fault("rate", problem))
    got_date, problem = read_rate_date(rate_date, today, lang)
    if problem:
        faults.append(Fault("rate_date", problem))
    where = "" if source is None else source
    if not isinstance(where, str):
        faults.append(Fault("source", _("Give where the rate came from as text (e.g. MUFG TTM).")))
    elif re.search("[\ud800-\udfff]", where):  # half of a character pair: no file or page could hold it
        faults.append(Fault("source", _("Give where the rate came from as text (e.g. MUFG TTM).")))
    elif len(where) > MAX_SOURCE_CHARS:
        faults.append(Fault("source", _("Say where the rate came from in at most {n} characters.").format(n=MAX_SOURCE_CHARS)))
    if faults or yen is None or got_rate is None or got_date is None or not isinstance(text, str) or not isinstance(where, str):
        return None, faults
    return Conversion(text.strip(), yen, got_rate, got_date, where.strip()), []


def show_rate(rate: Decimal) -> str:
    """150.25, 1,234.5, 150 (as given, without trailing zeros)."""
    shown = f"{rate:,f}"
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def show_usd(amount: int, lang: str = ENGLISH) -> str:
    _ = translator(lang)
    return _("${amount}").format(amount=f"{amount:,}")


def show_yen(amount: int, lang: str = ENGLISH) -> str:
    _ = translator(lang)
    return _("¥{amount}").format(amount=f"{amount:,}")


def rate_day(date: dt.date, lang: str = ENGLISH) -> str:
    """1 December 2026 (unambiguous, for a rate that changes daily); 2026年12月1日 in Japanese."""
    return format_date(date, lang) if lang == "ja" else f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def reading_text(c: Conversion, lang: str = ENGLISH) -> str:
    """What the app shows under the field: Read as ¥1,500,000,000 ÷ 150.25 = $9,983,361 (rate of 1 December 2026)."""
    _ = translator(lang)
    return _("Read as {yen} ÷ {rate} = {usd} (rate of {date})").format(
        yen=show_yen(c.yen, lang), rate=show_rate(c.rate), usd=show_usd(c.usd, lang), date=rate_day(c.rate_date, lang)
    )


def conversion_text(c: Conversion, lang: str = ENGLISH) -> str:
    """The answer as the memo gives it: the dollars, then what was entered and at which rate."""
    _ = translator(lang)
    values = {
        "usd": show_usd(c.usd, lang),
        "yen": show_yen(c.yen, lang),
        "rate": show_rate(c.rate),
        "date": rate_day(c.rate_date, lang),
        "source": c.source,
    }
    if c.source:
        return _("{usd} (entered as {yen} at {rate} JPY per USD, rate of {date}; source: {source})").format(**values)
    return _("{usd} (entered as {yen} at {rate} JPY per USD, rate of {date})").format(**values)


def near(usd: int, thresholds: list[int | float]) -> list[int | float]:
    """The thresholds the converted amount is within 10% of: another day's rate could put it on their other side."""
    return [t for t in thresholds if t > 0 and abs(Decimal(usd) - Decimal(str(t))) <= NEAR * Decimal(str(t))]


def near_text(usd: int, threshold: int | float, licenses: str, lang: str = ENGLISH) -> str:
    """One sentence: the amount is close to a threshold, so a different rate could put it on the other side."""
    _ = translator(lang)
    return _(
        "{usd} is within 10% of {threshold}, a threshold of {licenses}: "
        "at a different exchange rate the company could fall on the other side of it."
    ).format(usd=show_usd(usd, lang), threshold=show_usd(int(threshold), lang), licenses=licenses)
