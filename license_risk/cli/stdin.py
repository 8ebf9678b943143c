"""`-` as a file name: read the input from standard input, with the same size limit as the file it stands for.

Only one input of a command can come from standard input; `StdinInputs` refuses a second one with
a message naming both options rather than reading an empty stream the second time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from license_risk.cli.language import cli_translator
from license_risk.content.problems import InputError, Problem

STDIN: Final = "-"
NAME: Final = "<stdin>"  # how messages name it, with the line: "<stdin>:3: ..."


def is_stdin(path: Path | str | None) -> bool:
    return path is not None and str(path) == STDIN


def read_stdin(max_bytes: int, what: str) -> bytes:
    """The bytes on standard input; InputError if there are more than max_bytes (`what`, marked with N_: "answers files", ...)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        raw = stream.read(max_bytes + 1)
    else:  # a text stream put in place of stdin (a test, an embedding program)
        raw = sys.stdin.read().encode("utf-8", "surrogateescape")
    if len(raw) > max_bytes:
        _ = cli_translator()
        message = _("more than {limit} KB on standard input; {what} are at most {limit} KB")
        raise InputError(Problem(NAME, None, "", message.format(limit=max_bytes // 1024, what=_(what))))
    return raw


def only_one_stdin(named: dict[str, Path | None]) -> str | None:
    """A message if more than one of the named inputs (option -> path) is `-`, else None."""
    from_stdin = [option for option, path in named.items() if is_stdin(path)]
    if len(from_stdin) > 1:
        _ = cli_translator()
        return _("only one input can be read from standard input ('-'): {options} both ask for it").format(
            options=" ".join(from_stdin)
        )
    return None
