"""Files that are not usable text are refused with a message naming the file; nothing crashes."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from license_risk.content.load import load_catalog
from license_risk.content.problems import InputError
from license_risk.identify import MAX_BYTES, identify_file, read_license
from license_risk.shipped import ROOT

CATALOG = load_catalog(ROOT)
MIT = CATALOG.texts["mit.txt"]


def refused(path, name=None) -> str:
    with pytest.raises(InputError) as info:
        read_license(path, name)
    return str(info.value)


def test_a_file_over_1_mb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    message = refused(path, "weights/LICENSE")
    assert message.startswith("weights/LICENSE:") and "1.0 MB" in message


def test_a_file_of_exactly_1_mb_is_read(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_bytes((MIT.encode() + b"\n") * (MAX_BYTES // (len(MIT) + 1)))
    assert read_license(path).startswith("MIT License")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 32)) * 20 + b"text", "binary"),
        ("Licence accordée à l'utilisateur".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
        (b" \n\t\r\n  ", "empty"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "UTF-16"),  # a lone surrogate
        (codecs.BOM_UTF8 + b"\xff\xfe", "UTF-8"),
    ],
    ids=["png", "controls", "latin-1", "empty", "blank", "broken-utf-16", "broken-utf-8-after-bom"],
)
def test_unusable_content_is_refused_naming_the_file(tmp_path, content, says):
    path = tmp_path / "LICENSE.txt"
    path.write_bytes(content)
    message = refused(path)
    assert message.startswith(str(path)) and says in message


def test_the_line_of_the_first_bad_byte_is_named(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_bytes(b"MIT License\n\nCopyright \xa9 2024 Acme\n")
    assert refused(path, "LICENSE").startswith("LICENSE:3:")


def test_a_folder_and_a_missing_file_are_refused(tmp_path):
    assert "folder" in refused(tmp_path)
    assert "cannot read" in refused(tmp_path / "nope.txt")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_utf_8_with_a_bom_and_utf_16_with_a_bom_are_read(tmp_path, encoding):
    path = tmp_path / "LICENSE"
    raw = MIT.encode(encoding)
    if encoding == "utf-16-le":
        raw = codecs.BOM_UTF16_LE + raw
    elif encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    path.write_bytes(raw)
    result = identify_file(path, CATALOG)
    assert result.verdict == "identical" and result.best.profiles[0] == "mit"


def test_terminal_escapes_in_a_file_do_not_make_it_binary(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_text(MIT.replace("MIT License", "MIT License\x1b]0;owned\x07"), encoding="utf-8")
    assert identify_file(path, CATALOG).best.file == "mit.txt"


def test_one_file_is_identified_well_under_a_second():
    identify_file(ROOT / "licenses" / "texts" / "gpl-3.0.txt", CATALOG)  # the held texts are prepared once
    for name in ("gpl-3.0.txt", "llama-3.2.txt", "mit.txt", "gemma-terms-2026-04.txt"):
        start = time.perf_counter()
        identify_file(ROOT / "licenses" / "texts" / name, CATALOG)
        assert time.perf_counter() - start < 0.5, name


def test_a_large_file_of_repeated_license_text_finishes(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_text(("\n\n".join([MIT] * 20) + "\n\n") * 20, encoding="utf-8")
    result = identify_file(path, CATALOG)
    assert result.verdict == "modified" and result.best.file == "mit.txt"


def test_the_hostile_corpus_never_gives_a_traceback():
    """Every file of tests/hostile/ through `identify`: a verdict (exit 0) or a one-line refusal (exit 2)."""
    from inprocess import cli

    files = sorted(
        p for p in (Path(__file__).parents[1] / "hostile").rglob("*") if p.is_file() and p.suffix in (".yaml", ".json")
    )
    assert len(files) > 30
    for path in files:
        r = cli("identify", str(path))
        assert r.returncode in (0, 2), path
        assert "Traceback" not in r.stderr and ("verdict:" in r.stdout or r.stderr.startswith("Cannot identify")), path
        assert "\x1b" not in r.stdout and "\u202e" not in r.stdout, path
