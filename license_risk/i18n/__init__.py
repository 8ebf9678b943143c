"""Translations of the app's own words: the gettext catalogs in `locale/` and the language a locale asks for.

Owns `license_risk/i18n/locale/<lang>/LC_MESSAGES/messages.po` (managed with Babel: `make i18n`;
inside the package, so a wheel carries it as package data) and reading it. There
is no current language here: Streamlit serves many sessions in one process, so a caller passes the
language in and gets that language's functions back. A bottom layer: imports nothing from the
project (Babel only, when a catalog is first read).

The `.po` file is compiled in memory once per process (a few milliseconds), so no binary `.mo`
is committed beside it to drift from its source. Text from the content (questions, findings,
quotes) is not translated here.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

ENGLISH: Final = "en"
LANGUAGES: Final = ("en", "ja")  # English is the source language: its "catalog" is the code itself
NAMES: Final = {"en": "English", "ja": "日本語"}  # each in its own language, as a switch shows them
DOMAIN: Final = "messages"
LOCALE: Final = Path(__file__).parent / "locale"


def catalog_file(lang: str, locale: Path = LOCALE) -> Path:
    """The `.po` catalog of a language other than English."""
    return locale / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def N_(message: str) -> str:  # gettext's name for "mark for extraction, translate later"
    """Marks a string for extraction where it is defined (a table of labels); it is translated where it is shown."""
    return message


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The translations of a language, compiled once per process. English, or an unknown language, gives the text as written."""
    if lang not in LANGUAGES or lang == ENGLISH:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_file(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy entry is a guess: shown in English until reviewed
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def listed(items: list[str], lang: str) -> str:
    """Items as a list in running text: "a, b" in English, "a、b" (the enumeration comma) in Japanese."""
    return ("、" if lang == "ja" else ", ").join(items)


@dataclass(frozen=True)
class Message:
    """Words for a person, kept as their template (marked with `N_` where it is written) and the values put
    into it, so that each reader gets them in their language: an upload's diagnostics in the app's language,
    `assess`'s in the command's. A value may be a Message itself, translated too. `str()` gives the English,
    which is what logs and `--json` carry."""

    template: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, template: str, **values: object) -> Message:
        return cls(template, tuple(values.items()))

    def in_language(self, lang: str) -> str:
        values = {k: v.in_language(lang) if isinstance(v, Message | Written) else v for k, v in self.values}
        return translator(lang)(self.template).format(**values)

    def __str__(self) -> str:
        return self.in_language(ENGLISH)


@dataclass(frozen=True)
class Written:
    """Words already written in each language, by code that takes the language as a parameter: a value
    for a Message whose part comes from such code (an exchange rate's faults)."""

    texts: tuple[tuple[str, str], ...]  # (language, text), English first

    def in_language(self, lang: str) -> str:
        return dict(self.texts).get(lang, self.texts[0][1])

    def __str__(self) -> str:
        return self.in_language(ENGLISH)


def translator(lang: str) -> Callable[[str], str]:
    """The gettext function of one language: what a page calls `_`."""
    return translations(lang).gettext


def format_date(date: dt.date, lang: str) -> str:
    """A date as a reader of the language writes it: 2026年12月4日 in Japanese, ISO 8601 otherwise."""
    if lang == "ja":
        return f"{date.year}年{date.month}月{date.day}日"
    return date.isoformat()


def format_datetime(moment: dt.datetime, lang: str) -> str:
    """A date and time to the minute as a reader of the language writes it: 2026年12月4日 14:03 in Japanese,
    2026-12-04 14:03 otherwise (in the time zone `moment` carries)."""
    return f"{format_date(moment.date(), lang)} {moment:%H:%M}"


def language_of_locale(locale: str | None) -> str:
    """The language for a browser's locale ("ja", "ja-JP", "ja_JP" -> "ja"); anything else, or none, is English."""
    if locale and locale.strip().replace("_", "-").casefold().split("-")[0] == "ja":
        return "ja"
    return ENGLISH


def language(value: object) -> str:
    """A stored or requested language, checked: what is not a known one reads as English."""
    return value if isinstance(value, str) and value in LANGUAGES else ENGLISH
