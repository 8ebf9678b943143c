"""The memo fonts' cache on disk: parsed once per machine, never trusted blindly, never required.

Every test points the cache at a folder of its own (the suite as a whole uses one of its run, see
conftest.py): none reads or writes the user's cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import platformdirs
import pypdf
import pytest
from memo_support import EMOJI, PREPARED_FOR, SCRIPTS, body_text, page_texts, sample_memo, squash

from license_risk import usercache
from license_risk.memo import fontcache
from license_risk.memo import pdf as memo_pdf
from license_risk.memo.facts import Memo
from license_risk.shipped import ROOT

SMALL = memo_pdf.FONTS[0]  # DejaVu Sans: the quickest of the four to parse


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LICENSE_RISK_CACHE_DIR", str(folder))
    monkeypatch.delenv("LICENSE_RISK_NO_CACHE", raising=False)
    return folder / "fonts"


class Counting:
    """pdf._parse_font, counting its calls (a cache hit makes none)."""

    def __init__(self, spec: memo_pdf.FontFile = SMALL) -> None:
        self.spec = spec
        self.calls = 0

    def __call__(self) -> fontcache.ParsedFont:
        self.calls += 1
        return memo_pdf._parse_font(self.spec)


def load(parse: Callable[[], fontcache.ParsedFont] | None = None, spec: memo_pdf.FontFile = SMALL) -> fontcache.ParsedFont:
    return fontcache.load(
        memo_pdf.FONT_DIR / spec.file, spec.key, spec.style, memo_pdf.RECIPE, parse or (lambda: memo_pdf._parse_font(spec))
    )


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*" + fontcache.SUFFIX)) if folder.is_dir() else []


def test_the_test_run_never_uses_the_users_cache() -> None:
    folder = fontcache.cache_dir()
    assert folder is not None
    assert not folder.is_relative_to(platformdirs.user_cache_dir("license-risk"))
    assert folder.parent == Path(os.environ["LICENSE_RISK_CACHE_DIR"])


def test_cache_folder_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("LICENSE_RISK_CACHE_DIR")
    monkeypatch.delenv("LICENSE_RISK_NO_CACHE", raising=False)
    assert fontcache.cache_dir() == Path(platformdirs.user_cache_dir("license-risk")) / "fonts"  # only computed
    monkeypatch.setenv("LICENSE_RISK_CACHE_DIR", str(tmp_path))
    assert fontcache.cache_dir() == tmp_path / "fonts"
    monkeypatch.setenv("LICENSE_RISK_NO_CACHE", "0")
    assert fontcache.cache_dir() == tmp_path / "fonts"
    monkeypatch.setenv("LICENSE_RISK_NO_CACHE", "1")
    assert fontcache.cache_dir() is None


def test_the_first_load_parses_and_stores_and_later_ones_read_it(cache: Path) -> None:
    first = Counting()
    parsed = load(first)
    assert first.calls == 1
    (entry,) = entries(cache)
    assert entry.name.startswith("DejaVuSans-")
    again = Counting()
    cached = load(again)
    assert again.calls == 0
    assert fontcache._equal(cached, parsed)
    assert fontcache._equal(cached, memo_pdf._parse_font(SMALL))  # and equal to a font parsed afresh
    assert not list(cache.glob("*.tmp"))


def test_every_shipped_font_is_cached_and_restored_exactly(cache: Path) -> None:
    """The whole font set from the cache equals, font for font and field for field, the parsed one."""
    cold = memo_pdf._FontSet()
    assert len(entries(cache)) == len(memo_pdf.FONTS)  # none of the four was refused as not cacheable
    warm = memo_pdf._FontSet()
    for key, font in cold.fonts.items():
        restored = warm.fonts[key]
        as_loaded = fontcache.ParsedFont(restored.data, restored.glyph_order, restored.template)
        assert fontcache._equal(as_loaded, memo_pdf._parse_font(font.spec)), key
        assert restored.codepoints == font.codepoints
    assert warm.uncovered.pattern == cold.uncovered.pattern


def test_turned_off_nothing_is_read_or_written(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load()
    monkeypatch.setenv("LICENSE_RISK_NO_CACHE", "1")
    counting = Counting()
    load(counting)
    assert counting.calls == 1  # the entry there was not read
    for entry in entries(cache):
        entry.unlink()
    load()
    assert entries(cache) == []


def _garbage(blob: bytes) -> dict[str, bytes]:
    """Ways a cache file can be wrong: each must be ignored and the entry written again."""
    header_end = blob.index(b"\n", len(fontcache.MAGIC))
    header = json.loads(blob[len(fontcache.MAGIC) : header_end])
    flipped = bytearray(blob)
    flipped[-5000] ^= 0x01  # inside the font data or arrays: only the checksum tells
    other_key = blob.replace(header["key"].encode(), b"0" * 64, 1)
    bad_sizes = json.dumps({**header, "sizes": [1, 2, 3]}).encode()
    bad_field = json.dumps({**header, "fields": {**header["fields"], "ttfont": "x"}}).encode()
    old_format = blob.replace(fontcache.MAGIC, b"license-risk font cache 0\n", 1)
    return {
        "empty": b"",
        "random bytes": os.urandom(4096),
        "text": b"not a font cache\n" * 100,
        "magic only": fontcache.MAGIC,
        "truncated in the header": blob[: header_end - 10],
        "truncated after the header": blob[: header_end + 1],
        "truncated in the body": blob[: len(blob) // 2],
        "one byte short": blob[:-1],
        "one byte too many": blob + b"\0",
        "a bit flipped": bytes(flipped),
        "made for another key": other_key,
        "an older format": old_format,
        "header not JSON": fontcache.MAGIC + b"{not json\n" + blob[header_end + 1 :],
        "header a list": fontcache.MAGIC + b"[1, 2]\n" + blob[header_end + 1 :],
        "section sizes wrong": fontcache.MAGIC + bad_sizes + blob[header_end:],
        "a per-document field stored": fontcache.MAGIC + bad_field + blob[header_end:],
    }


def test_corrupt_entries_are_ignored_and_rebuilt(cache: Path) -> None:
    reference = load()
    (entry,) = entries(cache)
    good = entry.read_bytes()
    for name, bad in _garbage(good).items():
        entry.write_bytes(bad)
        counting = Counting()
        font = load(counting)
        assert counting.calls == 1, name
        assert fontcache._equal(font, reference), name
        assert entry.read_bytes() == good, name  # written again, whole
        assert entries(cache) == [entry] and not list(cache.glob("*.tmp")), name


def test_garbage_entries_still_give_the_right_memo(cache: Path) -> None:
    """Every shipped font's entry replaced by garbage: the memo is the same as with a good cache."""
    memo = sample_memo(organisation=" / ".join(SCRIPTS.values()), prepared_for=PREPARED_FOR + " " + EMOJI)
    want = _render_fresh(memo)
    for entry in entries(cache):
        entry.write_bytes(os.urandom(1000))
    assert _render_fresh(memo) == want
    assert all(fontcache.decode(e.read_bytes(), e.stem.rsplit("-", 1)[1]) for e in entries(cache))


def test_an_entry_that_is_a_folder_is_only_a_miss(cache: Path) -> None:
    reference = load()
    (entry,) = entries(cache)
    entry.unlink()
    entry.mkdir()
    counting = Counting()
    assert fontcache._equal(load(counting), reference)
    assert counting.calls == 1 and entry.is_dir() and not list(cache.glob("*.tmp"))


def test_an_unwritable_cache_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # the cache folder cannot be made under it (even as root)
    monkeypatch.setenv("LICENSE_RISK_CACHE_DIR", str(blocker))
    reference = memo_pdf._parse_font(SMALL)
    for _ in range(2):
        counting = Counting()
        assert fontcache._equal(load(counting), reference)
        assert counting.calls == 1
    fonts = memo_pdf._FontSet()  # and the whole set, as a memo loads it
    assert set(fonts.fonts) == {spec.key for spec in memo_pdf.FONTS}


def test_a_failed_write_leaves_no_partial_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(usercache.os, "replace", full_disk)
    counting = Counting()
    load(counting)
    assert counting.calls == 1
    assert list(cache.iterdir()) == []  # neither the entry nor the temporary file


def test_entries_appear_whole_by_rename(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    rename = os.replace

    def watch(src: str, dst: str) -> None:
        key = Path(dst).stem.rsplit("-", 1)[1]
        seen.append((Path(dst).exists(), Path(src).parent == Path(dst).parent, fontcache.decode(Path(src).read_bytes(), key)))
        rename(src, dst)

    monkeypatch.setattr(usercache.os, "replace", watch)
    load()
    assert len(seen) == 1
    exists_before, same_folder, complete = seen[0]
    assert not exists_before and same_folder and complete


def test_the_key_changes_with_the_font_and_the_versions(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = (memo_pdf.FONT_DIR / SMALL.file).read_bytes()
    key = fontcache.entry_key(source, SMALL.key, SMALL.style, memo_pdf.RECIPE)
    assert fontcache.entry_key(source[:-1] + b"\0", SMALL.key, SMALL.style, memo_pdf.RECIPE) != key
    assert fontcache.entry_key(source, SMALL.key, SMALL.style, memo_pdf.RECIPE + " changed") != key
    load()
    monkeypatch.setattr(fontcache, "FPDF_VERSION", "0.0.1")
    assert fontcache.entry_key(source, SMALL.key, SMALL.style, memo_pdf.RECIPE) != key
    counting = Counting()
    load(counting)
    assert counting.calls == 1 and len(entries(cache)) == 2  # a new entry, the old one not reused
    monkeypatch.setattr(fontcache.platform, "python_version", lambda: "3.99.0")
    assert fontcache.entry_key(source, SMALL.key, SMALL.style, memo_pdf.RECIPE) != key


def test_a_font_that_does_not_round_trip_is_not_cached(cache: Path) -> None:
    def odd() -> fontcache.ParsedFont:
        parsed = memo_pdf._parse_font(SMALL)
        parsed.template.palette_index = object()  # type: ignore[assignment]  # a kind of field the format does not know
        return parsed

    font = load(odd)
    assert isinstance(font.template.palette_index, object) and entries(cache) == []


# ---------------------------------------------------------------- the memo, from a cold and a warm cache


_RENDER = """
import sys
sys.path.insert(0, "tests")
from memo_support import *
from license_risk.memo import pdf
calls = []
parse = pdf._parse_font
pdf._parse_font = lambda spec: calls.append(spec.key) or parse(spec)
data = pdf.render_pdf(sample_memo(organisation=" / ".join(SCRIPTS.values()), prepared_for=PREPARED_FOR + " " + EMOJI))
sys.stderr.write("parsed:" + ",".join(calls) + "\\n")
sys.stdout.buffer.write(data)
"""


def _render_in_a_new_process(cache_root: Path) -> tuple[bytes, list[str]]:
    env = {**os.environ, "LICENSE_RISK_CACHE_DIR": str(cache_root)}
    done = subprocess.run([sys.executable, "-c", _RENDER], cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    (line,) = [x for x in done.stderr.decode().splitlines() if x.startswith("parsed:")]
    return done.stdout, [k for k in line.removeprefix("parsed:").split(",") if k]


def _fonts_in(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(BytesIO(pdf))
    return sorted(
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"].get_object().get("/Font", {}).values()
    )


def test_a_memo_from_a_cold_and_from_a_warm_cache_is_the_same(tmp_path: Path) -> None:
    """Two new processes, the first with the cache empty (it parses every font), the second reading it."""
    cold, cold_parsed = _render_in_a_new_process(tmp_path)
    warm, warm_parsed = _render_in_a_new_process(tmp_path)
    assert cold_parsed == [spec.key for spec in memo_pdf.FONTS]
    assert warm_parsed == []
    assert len(pypdf.PdfReader(BytesIO(warm)).pages) == len(pypdf.PdfReader(BytesIO(cold)).pages)
    assert page_texts(warm) == page_texts(cold)
    assert all(squash(sample) in body_text(warm) for sample in SCRIPTS.values())
    assert _fonts_in(warm) == _fonts_in(cold)
    assert any("IPAexGothic" in f for f in _fonts_in(warm)) and any("Droid" in f for f in _fonts_in(warm))
    assert warm == cold  # byte for byte, in fact


def _render_fresh(memo: Memo) -> bytes:
    """A memo rendered with a font set loaded now (not the process's), through the cache."""
    fonts = memo_pdf._FontSet()
    saved = memo_pdf._FONTSET
    memo_pdf._FONTSET = fonts
    try:
        return memo_pdf.render_pdf(memo)
    finally:
        memo_pdf._FONTSET = saved
