"""Reading a typed number: digits with Japanese (千 万 億 兆) or English (k M bn, thousand million
billion) multipliers, full-width forms, thousands separators, a currency sign or word, 約 (about).

Refused, with the reason: text with no number in it, a decimal comma ("1,5"), separators in the wrong
places ("1,50,000"), a fraction where a whole number is needed ("1.2345k"), a number beyond what a
browser holds exactly, and anything left over ("50 apples"). Negative numbers are read (the caller's
minimum decides); Japanese multipliers must come from the largest down ("1億5000万", not "5000万1億").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from license_risk.i18n import ENGLISH, N_, Message

MAX_WHOLE = 2**53 - 1  # the largest whole number a browser (JavaScript) holds exactly

_LATIN_SCALE = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mm": 10**6,
    "million": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
    "t": 10**12,
    "tn": 10**12,
    "trillion": 10**12,
}
_BIG = (("兆", 10**12), ("億", 10**8), ("万", 10**4))
_SMALL = (("千", 1000), ("百", 100), ("十", 10))
_KANJI_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CURRENCY = (  # longest first, so that "us$" is not read as "$" with "us" left over
    ("us$", "USD"),
    ("usd", "USD"),
    ("us dollars", "USD"),
    ("dollars", "USD"),
    ("米ドル", "USD"),
    ("ドル", "USD"),
    ("$", "USD"),
    ("jpy", "JPY"),
    ("yen", "JPY"),
    ("円", "JPY"),
    ("¥", "JPY"),
)
_COUNT_WORDS = ("users", "people", "人", "名", "ユーザー")
_DECIMAL = r"\d+(?:,\d{3})*(?:\.\d+)?"
_LATIN = re.compile(rf"^(?P<num>-?{_DECIMAL}(?:e[+-]?\d+)?)\s*(?P<scale>[a-z]+)?$")
_PLAIN = re.compile(rf"^{_DECIMAL}$")


@dataclass(frozen=True)
class Reading:
    """What a typed text was read as: a whole number, or the reason it could not be."""

    text: str  # as typed, never changed
    value: int | None
    currency: str | None = None  # "USD" or "JPY" when the text names one
    problem: str | None = None  # in the caller's language
    why: Message | None = None  # the problem, for a reader in another language (an answers file's diagnostics)

    @property
    def ok(self) -> bool:
        return self.value is not None


def read_number(text: str, lang: str = ENGLISH) -> Reading:
    """Read `text` as a whole number. See the module's docstring for what is accepted."""

    def refused(currency: str | None, template: str, **values: object) -> Reading:
        why = Message.of(template, **values)
        return Reading(text, None, currency, why.in_language(lang), why)

    # NFKC makes full-width digits and signs ASCII ("２億" -> "2億", "，" -> ","); the text as typed is kept.
    s = unicodedata.normalize("NFKC", text).strip().casefold()
    s = s.replace("−", "-").replace("‐", "-")
    if not s:
        return refused(None, N_("Type a number."))
    for about in ("約", "about", "approx.", "approximately", "~", "およそ"):
        if s.startswith(about):
            s = s.removeprefix(about).strip()
    currency = None
    for word, code in _CURRENCY:
        if s.startswith(word):
            s, currency = s.removeprefix(word).strip(), code
            break
        if s.endswith(word):
            s, currency = s.removesuffix(word).strip(), code
            break
    for word in _COUNT_WORDS:
        if currency is None and s.endswith(word):
            s = s.removesuffix(word).strip()
            break
    s = s.replace(" ", "") if any(c in s for c in "千万億兆") else s
    try:
        amount = _japanese(s) if any(c in s for c in "千百十万億兆") or any(c in _KANJI_DIGIT for c in s) else _latin(s)
    except _Unreadable as exc:  # the message quotes the text as typed, not as normalised
        return refused(currency, exc.reason, **{**exc.values, "text": _quoted(text)})
    if amount != amount.to_integral_value():
        return refused(currency, N_("Give a whole number: {text} is {amount}."), text=_quoted(text), amount=_plain(amount))
    value = int(amount)
    if abs(value) > MAX_WHOLE:
        return refused(currency, N_("The number is too large: at most {most} can be entered."), most=f"{MAX_WHOLE:,}")
    return Reading(text, value, currency)


def _quoted(text: str) -> str:
    """The typed text as a message quotes it: whole, unless it is long (an answers file is not limited to 60 characters)."""
    text = text.strip()
    return text if len(text) <= 60 else text[:57] + "…"


def show_number(value: int, lang: str = ENGLISH) -> str:
    """A number as the app shows what it read: 200,000,000, and in Japanese also 2億 where that is exact."""
    plain = f"{value:,}"
    if lang != "ja" or abs(value) < 10**4:
        return plain
    sign, rest, parts = "-" if value < 0 else "", abs(value), []
    for unit, size in _BIG:
        if rest >= size:
            parts.append(f"{rest // size:,}{unit}")
            rest %= size
    if rest:
        parts.append(f"{rest:,}")
    return f"{plain}（{sign}{''.join(parts)}）"


class _Unreadable(Exception):
    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason, self.values = reason, values


_NOT_A_NUMBER = N_(
    "Could not read “{text}” as a number. Type digits, with 万, 億 or k, M, million if you like (e.g. 200万, 1.5 million)."
)


def _latin(s: str) -> Decimal:
    m = _LATIN.match(s)
    if m is None:
        if re.fullmatch(r"-?\d+,\d{1,2}", s):
            raise _Unreadable(
                N_("“{text}” has a decimal comma: use a point for decimals (1.5), commas only between thousands."), text=s
            )
        if re.search(r"\d,\d", s):
            raise _Unreadable(N_("The commas in “{text}” do not separate thousands (1,500,000)."), text=s)
        raise _Unreadable(_NOT_A_NUMBER, text=s)
    scale = m["scale"]
    if scale is not None and scale not in _LATIN_SCALE:
        raise _Unreadable(_NOT_A_NUMBER, text=s)
    try:
        number = Decimal(m["num"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        raise _Unreadable(_NOT_A_NUMBER, text=s) from None
    if number.adjusted() > 30:  # "1e999999" would take Decimal a long time to make whole
        raise _Unreadable(N_("The number is too large: at most {most} can be entered."), most=f"{MAX_WHOLE:,}")
    return number * (_LATIN_SCALE[scale] if scale else 1)


def _japanese(s: str) -> Decimal:
    negative = s.startswith("-")
    rest, total = s.removeprefix("-"), Decimal(0)
    for unit, size in _BIG:
        if unit in rest:
            head, rest = rest.split(unit, 1)
            if not head:
                raise _Unreadable(N_("“{text}” has {unit} with no number before it."), text=s, unit=unit)
            total += _below_man(head, s) * size
    if rest:
        total += _below_man(rest, s)
    return -total if negative else total


def _below_man(part: str, whole: str) -> Decimal:
    """A number below 万: digits ("1,500", "1.5"), kanji digits, or with 千 百 十 ("3千5百", "三千")."""
    if _PLAIN.match(part):
        return Decimal(part.replace(",", ""))
    total, rest = Decimal(0), part
    for unit, size in _SMALL:
        if unit in rest:
            head, rest = rest.split(unit, 1)
            total += (_digits(head, whole) if head else 1) * size
    if rest:
        total += _digits(rest, whole)
    return total


def _digits(part: str, whole: str) -> Decimal:
    if _PLAIN.match(part):
        return Decimal(part.replace(",", ""))
    if part and all(c in _KANJI_DIGIT for c in part):
        return Decimal("".join(str(_KANJI_DIGIT[c]) for c in part))
    raise _Unreadable(
        N_("Could not read “{text}” as a number: 千, 万, 億 and 兆 go from the largest down (1億5000万)."), text=whole
    )


def _plain(amount: Decimal) -> str:
    return f"{amount:,f}".rstrip("0").rstrip(".") if "." in f"{amount:f}" else f"{amount:,f}"
