"""The language of the command line's help and messages: the user's locale, read as gettext reads it.

`LANGUAGE`, `LC_ALL`, `LC_MESSAGES` then `LANG`, the first that is set: `LANG=ja_JP.UTF-8` gives
Japanese, anything else English. `assess --lang` chooses the language of the results, separately.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

from license_risk.i18n import ENGLISH, language_of_locale, translator

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def cli_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the user's locale asks for ("ja" or "en")."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            return language_of_locale(value.split(":")[0])  # LANGUAGE may list several: the first is preferred
    return ENGLISH


def cli_translator(environ: Mapping[str, str] | None = None) -> Callable[[str], str]:
    """The gettext function for the command line's own words, in the locale's language."""
    return translator(cli_language(environ))


HELP_FLAGS = ("-h", "--help")


def help_translator(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Callable[[str], str]:
    """The gettext function for the parser's help texts: the locale's when help is asked for, else the texts as
    written, since they are not shown (reading the Japanese catalog costs a command some 80 ms)."""
    if any(arg in HELP_FLAGS for arg in argv):
        return cli_translator(environ)
    return _as_written


def _as_written(text: str) -> str:
    return text
