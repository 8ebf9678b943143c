"""Read a license file as text, or refuse it with a message naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

from license_risk.content.problems import InputError, Problem
from license_risk.content.yamlsource import read_bytes

MAX_BYTES = 1_000_000  # a license file is tens of kilobytes; the longest held text is 35 KB
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def read_license(path: Path, name: str | None = None) -> str:
    """The text of a license file: UTF-8 (with or without a byte order mark), or UTF-16 with one.

    Refused with an InputError naming the file: a folder, a file that cannot be read, one over
    MAX_BYTES, binary content, text in another encoding, and a file with no text at all.
    """
    name = name if name is not None else str(path)
    return decode_license(read_bytes(path, name, MAX_BYTES), name)


def decode_license(raw: bytes, name: str) -> str:
    """See read_license; `raw` is the file's bytes."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise _refuse(
                    name, f"the file starts with a {label} byte order mark but is not {label} text (byte {exc.start + len(bom)})"
                ) from None
            break
    else:
        if b"\x00" in raw:
            raise _refuse(name, "the file is binary, not text (it holds NUL bytes)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise _refuse(
                name, "the file is not UTF-8 text (nor UTF-16 with a byte order mark); save it as UTF-8 and try again", line
            ) from None
    if "\x00" in text:
        raise _refuse(name, "the file is binary, not text (it holds NUL characters)")
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    if controls > max(8, len(text) // 100):
        raise _refuse(name, f"the file looks binary, not text ({controls} control characters)")
    if not text.strip():
        raise _refuse(name, "the file is empty: there is no text to identify")
    return text


def _refuse(name: str, message: str, line: int | None = None) -> InputError:
    return InputError(Problem(name, line, "", message))
