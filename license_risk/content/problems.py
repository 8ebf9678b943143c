"""Problems found in content or answers, each pinned to a file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from license_risk.i18n import ENGLISH, N_, Message, translator


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    where: str
    message: str  # English
    level: Literal["error", "warning"] = "error"
    # The message as a template and its values, where a business user reads it (an uploaded answers file,
    # `assess`): then it can be shown in their language. Maintainers' diagnostics have none and stay English.
    words: Message | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, file: str, line: int | None, where: str, words: Message, level: Literal["error", "warning"] = "error") -> Problem:
        return cls(file, line, where, str(words), level, words)

    def message_in(self, lang: str) -> str:
        return self.message if self.words is None else self.words.in_language(lang)

    def in_language(self, lang: str) -> str:
        """The whole line, as `str()` gives it in English: file:line: where: message."""
        place = f"{self.file}:{self.line}" if self.line else self.file
        where = f" {self.where}:" if self.where else ""
        prefix = "" if self.level == "error" else translator(lang)(N_("warning: "))
        return f"{place}:{where} {prefix}{self.message_in(lang)}"

    def __str__(self) -> str:
        return self.in_language(ENGLISH)


class ContentError(Exception):
    """The bundled (or given) content cannot be used; every problem is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.where, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(Exception):
    """A user-supplied file (answers) cannot be read at all."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class InputRefused(InputError):
    """A user-supplied file that cannot be used, with every problem (each naming the file and the place)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0])
        self.problems = tuple(problems)
        self.args = ("\n".join(str(p) for p in problems),)

    def __str__(self) -> str:
        return self.args[0]


MAX_SHOWN = 50  # problems listed in full; a file with thousands of them gets a count for the rest


def listed(problems: list[Problem], limit: int = MAX_SHOWN, lang: str = ENGLISH) -> tuple[list[Problem], str | None]:
    """The first `limit` problems, and a line saying how many more there are (or None)."""
    if len(problems) <= limit:
        return problems, None
    return problems[:limit], translator(lang)(N_("… and {n} more")).format(n=f"{len(problems) - limit:,}")
