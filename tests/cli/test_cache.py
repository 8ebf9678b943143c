"""The compiled content cache, as a user meets it: real `python -m scoring` processes, each with a cache folder of its own.

What a process did is read from its behaviour: the cache file (present or not, its inode and
mtime), and a count of how often the loader parsed the content, printed by a wrapper that runs
the CLI's own `main` (tests/cli/count_loads.py).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI
from inprocess import imported

from license_risk.content import compiled
from scoring.answers import dump_answers

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "japanese-saas-chatbot.yaml"
COUNT_LOADS = Path(__file__).with_name("count_loads.py")
MINI_ANSWERS = {
    "intake": {"organisation": "Acme", "users": 5, "distributes": True, "uses": ["none"]},
    "demo": {"ships_license": False, "lawsuit": "no"},
}


def scoring(*args: str, cache: Path | None, wrapper: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a new process; cache=None turns the cache off (LICENSE_RISK_NO_CACHE=1)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LICENSE_RISK_")}
    if cache is None:
        environ["LICENSE_RISK_NO_CACHE"] = "1"
    else:
        environ["LICENSE_RISK_CACHE_DIR"] = str(cache)
    environ.update(env)
    if wrapper:  # a script's folder goes first on sys.path; the project's must be there too
        environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), environ.get("PYTHONPATH")) if p)
    argv = [sys.executable, str(wrapper), *args] if wrapper else [sys.executable, "-m", "scoring", *args]
    return subprocess.run(argv, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120, check=False)


def loads(*args: str, cache: Path | None) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run the CLI and say how many times the content was parsed (0: it came from the cache)."""
    r = scoring(*args, cache=cache, wrapper=COUNT_LOADS)
    counted = [line for line in r.stderr.splitlines() if line.startswith("content parsed: ")]
    assert len(counted) == 1, r.stderr
    r = subprocess.CompletedProcess(r.args, r.returncode, r.stdout, r.stderr.replace(counted[0] + "\n", ""))
    return r, int(counted[0].split(": ")[1])


def entries(cache: Path) -> list[Path]:
    folder = cache / "catalog"
    return sorted(p for p in folder.iterdir() if p.suffix == ".catalog") if folder.is_dir() else []


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(MINI, copy)
    return copy


@pytest.fixture
def answers(tmp_path: Path, mini) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(dump_answers(mini, ["demo"], MINI_ANSWERS), encoding="utf-8")
    return path


def test_the_second_run_reads_the_cache_and_does_not_parse_the_content(tmp_path, content, answers):
    cache = tmp_path / "cache"
    first, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert first.returncode == 0, first.stderr
    assert parsed == 1
    (entry,) = entries(cache)
    before = entry.stat()
    second, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert parsed == 0  # the loader never ran
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    after = entry.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert entries(cache) == [entry]


def test_the_cache_file_is_private(tmp_path, content, answers):
    cache = tmp_path / "cache"
    assert scoring("--content", str(content), "assess", str(answers), cache=cache).returncode == 0
    (entry,) = entries(cache)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary file left behind


def test_a_cache_file_others_may_write_is_not_read(tmp_path, content, answers):
    """Reading an entry runs code it names: one that another user could have written is ignored."""
    cache = tmp_path / "cache"
    first, _ = loads("--content", str(content), "assess", str(answers), cache=cache)
    (entry,) = entries(cache)
    entry.chmod(0o666)
    second, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert parsed == 1 and second.stdout == first.stdout
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600  # written again, privately
    _, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert parsed == 0


def test_an_edit_to_the_content_shows_up_at_once(tmp_path, content, answers):
    cache = tmp_path / "cache"
    first, _ = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert "Demo Model License (1) — rating: HIGH" in first.stdout
    profile = content / "licenses" / "demo.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("name: Demo Model License", "name: Edited Licence"))
    second, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert parsed == 1
    assert "Edited Licence (1) — rating: HIGH" in second.stdout and "Demo Model License" not in second.stdout
    assert len(entries(cache)) == 1  # the entry for the old content was replaced, not kept beside it
    third, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert parsed == 0 and third.stdout == second.stdout


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: p.write_text("not valid YAML: ["), id="edited"),
        pytest.param(lambda p: p.unlink(), id="removed"),
        pytest.param(lambda p: p.with_name("NOTES.md").write_text("a new file"), id="added"),
        pytest.param(lambda p: p.rename(p.with_name("renamed.tests.yaml")), id="renamed"),
    ],
)
def test_every_content_file_is_part_of_the_key(tmp_path, content, answers, change):
    cache = tmp_path / "cache"
    scenarios = content / "questionnaires" / "demo.tests.yaml"
    first, parsed = loads("--content", str(content), "validate", cache=cache)
    assert parsed == 1 and len(entries(cache)) == 1, first.stderr
    change(scenarios)
    r, parsed = loads("--content", str(content), "validate", cache=cache)
    assert parsed == 1
    uncached = scoring("--content", str(content), "validate", cache=None)
    assert (r.returncode, r.stdout, r.stderr) == (uncached.returncode, uncached.stdout, uncached.stderr)


def test_a_license_text_is_part_of_the_key(tmp_path, content, answers):
    cache = tmp_path / "cache"
    first = scoring("--content", str(content), "validate", cache=cache)
    assert first.returncode == 0, first.stderr
    text = content / "licenses" / "texts" / "demo.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nA line added.\n", encoding="utf-8")
    r, parsed = loads("--content", str(content), "validate", cache=cache)
    assert parsed == 1
    uncached = scoring("--content", str(content), "validate", cache=None)
    assert (r.returncode, r.stdout, r.stderr) == (uncached.returncode, uncached.stdout, uncached.stderr)


def test_two_folders_with_the_same_files_have_entries_of_their_own(tmp_path, content, answers):
    cache = tmp_path / "cache"
    other = tmp_path / "other"
    shutil.copytree(content, other)
    loads("--content", str(content), "assess", str(answers), cache=cache)
    _, parsed = loads("--content", str(other), "assess", str(answers), cache=cache)
    assert parsed == 1 and len(entries(cache)) == 2
    _, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert parsed == 0


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:40], id="truncated-in-header"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b[:-5000], id="tail-cut"),
        pytest.param(lambda b: b.replace(b"catalog cache %d\n" % compiled.FORMAT, b"catalog cache 9\n", 1), id="other-format"),
        pytest.param(lambda b: b[:200] + bytes([b[200] ^ 0xFF]) + b[201:], id="one-byte-flipped"),
        pytest.param(lambda b: os.urandom(len(b)), id="garbage"),
    ],
)
def test_a_damaged_cache_file_is_ignored_and_written_again(tmp_path, content, answers, damage):
    cache = tmp_path / "cache"
    first, _ = loads("--content", str(content), "assess", str(answers), "--json", cache=cache)
    (entry,) = entries(cache)
    good = entry.read_bytes()
    damaged = damage(good)
    entry.write_bytes(damaged)
    second, parsed = loads("--content", str(content), "assess", str(answers), "--json", cache=cache)
    assert "Traceback" not in second.stderr
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert parsed == 1
    assert entries(cache) == [entry] and entry.read_bytes() != damaged  # written again (pickles of sets vary by run)
    third, parsed = loads("--content", str(content), "assess", str(answers), "--json", cache=cache)
    assert parsed == 0 and third.stdout == first.stdout


def test_a_damaged_last_section_is_noticed_when_it_is_used(tmp_path, content, answers):
    """The documents and scenarios are checked and read when first used (`validate`), never by `assess`."""
    cache = tmp_path / "cache"
    first = scoring("--content", str(content), "validate", cache=cache)
    (entry,) = entries(cache)
    blob = entry.read_bytes()
    entry.write_bytes(blob[:-5000] + bytes(5000))  # the same size: only the checksum tells
    r, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
    assert parsed == 0 and r.returncode == 0
    second, parsed = loads("--content", str(content), "validate", cache=cache)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert parsed == 1 and entries(cache) == []  # removed, to be written again
    _, parsed = loads("--content", str(content), "validate", cache=cache)
    assert parsed == 1 and entries(cache) == [entry]
    fourth, parsed = loads("--content", str(content), "validate", cache=cache)
    assert parsed == 0 and fourth.stdout == first.stdout


def test_no_cache_writes_nothing(tmp_path, content, answers):
    cache = tmp_path / "cache"
    r = scoring("--content", str(content), "assess", str(answers), cache=cache, LICENSE_RISK_NO_CACHE="1")
    assert r.returncode == 0, r.stderr
    assert not cache.exists()
    r, parsed = loads("--content", str(content), "assess", str(answers), cache=None)
    assert parsed == 1 and r.returncode == 0
    r, parsed = loads("--content", str(content), "assess", str(answers), cache=None)
    assert parsed == 1


def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path, content, answers):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = blocker / "cache"  # cannot be created, even by root
    expected = scoring("--content", str(content), "assess", str(answers), cache=None)
    for _ in range(2):
        r, parsed = loads("--content", str(content), "assess", str(answers), cache=cache)
        assert (r.returncode, r.stdout, r.stderr) == (expected.returncode, expected.stdout, expected.stderr)
        assert parsed == 1


def test_a_content_error_is_reported_as_without_the_cache(tmp_path, content, answers):
    cache = tmp_path / "cache"
    assert scoring("--content", str(content), "assess", str(answers), cache=cache).returncode == 0
    assert scoring("assess", str(EXAMPLE), cache=cache).returncode == 0  # warm for the shipped content too
    tree = content / "questionnaires" / "demo.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("exposure: unmet", "exposure: sometimes", 1), encoding="utf-8")
    for verb in (("assess", str(answers)), ("validate",)):
        uncached = scoring("--content", str(content), *verb, cache=None)
        assert uncached.returncode == 2 and "questionnaires/demo.yaml:" in uncached.stderr
        cached = scoring("--content", str(content), *verb, cache=cache)
        assert (cached.returncode, cached.stdout, cached.stderr) == (uncached.returncode, uncached.stdout, uncached.stderr)
    assert len(entries(cache)) == 2  # content with errors is never stored


@pytest.mark.parametrize("as_json", [False, True])
def test_assess_output_is_the_same_with_and_without_the_cache(tmp_path, as_json):
    cache = tmp_path / "cache"
    args = ("assess", str(EXAMPLE), *(["--json"] if as_json else []))
    without = scoring(*args, cache=None)
    cold = scoring(*args, cache=cache)
    warm, parsed = loads(*args, cache=cache)
    assert parsed == 0
    assert without.returncode == 0, without.stderr
    for r in (cold, warm):
        assert (r.returncode, r.stdout, r.stderr) == (without.returncode, without.stdout, without.stderr)


@pytest.mark.parametrize("strict", [False, True])
def test_validate_reports_the_same_from_the_cache(tmp_path, strict):
    cache = tmp_path / "cache"
    args = ("validate", *(["--strict"] if strict else []))
    without = scoring(*args, cache=None)
    scoring("assess", str(EXAMPLE), cache=cache)  # warm, and the documents never read back yet
    warm, parsed = loads(*args, cache=cache)
    assert parsed == 0
    assert "OK:" in without.stdout or "FAILED" in without.stderr
    assert (warm.returncode, warm.stdout, warm.stderr) == (without.returncode, without.stdout, without.stderr)


def test_the_other_verbs_read_the_cache_too(tmp_path):
    cache = tmp_path / "cache"
    scoring("assess", str(EXAMPLE), cache=cache)
    for args in (("consistency",), ("questions", "intake")):
        without = scoring(*args, cache=None)
        warm, parsed = loads(*args, cache=cache)
        assert parsed == 0
        assert (warm.returncode, warm.stdout, warm.stderr) == (without.returncode, without.stdout, without.stderr)


@pytest.mark.parametrize("warm", [False, True])
def test_assess_imports_only_what_it_uses(tmp_path, warm):
    cache = tmp_path / "cache"
    if warm:
        scoring("assess", str(EXAMPLE), cache=cache)
    for args in (("assess", str(EXAMPLE)), ("assess", str(EXAMPLE), "--json")):
        modules = imported(*args, cache=cache)
        assert "license_risk.memo.report" in modules  # the wrapper did run the verb
        for unwanted in ("streamlit", "fpdf", "fontTools", "ui", "license_risk.maintain", "license_risk.store", "pypdf"):
            found = sorted(m for m in modules if m == unwanted or m.startswith(unwanted + "."))
            assert not found, f"assess imported {found}"
        if warm:
            assert "importlib.metadata" not in modules  # no pydantic validator was built: see answers._plain_header


def test_validate_does_not_import_the_memo_or_the_app(tmp_path):
    modules = imported("validate", cache=tmp_path / "cache")
    assert "license_risk.maintain.scenarios" in modules
    for unwanted in ("streamlit", "fpdf", "fontTools", "ui"):
        assert not any(m == unwanted or m.startswith(unwanted + ".") for m in modules), unwanted


def test_a_memo_is_still_written_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    scoring("assess", str(EXAMPLE), cache=cache)
    html = tmp_path / "memo.html"
    r = scoring("assess", str(EXAMPLE), "--html", str(html), "--date", "2026-01-02", cache=cache)
    assert r.returncode == 0, r.stderr
    uncached = tmp_path / "uncached.html"
    r = scoring("assess", str(EXAMPLE), "--html", str(uncached), "--date", "2026-01-02", cache=None)
    assert html.read_bytes() == uncached.read_bytes()


def _no_reading(*_args: object) -> None:
    raise AssertionError("a content file was read")


def test_the_key_is_remembered_while_no_file_changes(tmp_path, content, monkeypatch):
    monkeypatch.setattr(compiled, "_SETTLED", 0.0)  # the copy was just made: take it as settled
    folder = tmp_path / "cache"
    key = compiled.entry_key(content, folder)
    assert key == compiled.entry_key(content)  # the same key as reading every file
    monkeypatch.setattr(compiled, "hash_file", _no_reading)
    assert compiled.entry_key(content, folder) == key


def test_a_file_written_with_its_old_size_and_times_still_gives_a_new_key(tmp_path, content, monkeypatch):
    monkeypatch.setattr(compiled, "_SETTLED", 0.0)
    folder = tmp_path / "cache"
    key = compiled.entry_key(content, folder)
    tree = content / "questionnaires" / "demo.yaml"
    before = tree.stat()
    text = tree.read_bytes()
    tree.write_bytes(text.replace(b"Demo license", b"DEMO license", 1))  # the same size
    os.utime(tree, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old times: only the status-change time moved
    assert tree.stat().st_size == before.st_size
    changed = compiled.entry_key(content, folder)
    assert changed != key and changed == compiled.entry_key(content)


def test_files_changed_just_now_are_not_remembered(tmp_path, content, monkeypatch):
    folder = tmp_path / "cache"
    compiled.entry_key(content, folder)  # the copy is younger than _SETTLED seconds
    assert list(folder.glob("*" + compiled.KEYS_SUFFIX)) == []


def test_a_remembered_key_others_may_write_is_not_used(tmp_path, content, monkeypatch):
    monkeypatch.setattr(compiled, "_SETTLED", 0.0)
    folder = tmp_path / "cache"
    compiled.entry_key(content, folder)
    (remembered,) = folder.glob("*" + compiled.KEYS_SUFFIX)
    remembered.write_text(remembered.read_text().split()[0] + " " + "0" * 64 + "\n")
    remembered.chmod(0o666)
    read: list[str] = []
    real = compiled.hash_file
    monkeypatch.setattr(compiled, "hash_file", lambda h, name, path: (read.append(name), real(h, name, path)))
    assert compiled.entry_key(content, folder) == compiled.entry_key(content) != "0" * 64
    assert read


def test_a_warm_read_takes_the_first_section_and_reads_the_others_when_used(tmp_path, content, monkeypatch):
    """An English `assess` reads a fifth of the entry: the translations and the documents are read from
    the file, kept open, only when a field they hold is first used."""
    from license_risk import usercache

    monkeypatch.setenv("LICENSE_RISK_CACHE_DIR", str(tmp_path / "cache"))
    fresh = compiled.cached_catalog(content)  # written
    (entry,) = entries(tmp_path / "cache")
    header, body = usercache.unpack(entry.read_bytes(), compiled.MAGIC, compiled.entry_key(content), "catalog")
    start = entry.stat().st_size - len(body)
    ends = [start + sum(header["sizes"][: i + 1]) for i in range(len(header["sizes"]))]  # where each section ends
    read: list[tuple[int, int]] = []
    real = os.pread
    monkeypatch.setattr(os, "pread", lambda fd, n, offset: (read.append((offset, offset + n)), real(fd, n, offset))[1])
    warm = compiled.cached_catalog(content)
    assert warm.trees.keys() == fresh.trees.keys()
    assert max(end for _, end in read) == ends[0]  # the header and the first section, nothing past it
    read.clear()
    assert warm.translations == fresh.translations and read == [(ends[0], ends[1])]  # its section, once
    assert warm.documents.keys() == fresh.documents.keys() and read == [(ends[0], ends[1]), (ends[1], ends[2])]


def test_an_entry_cut_short_after_it_was_opened_loads_the_content_instead(tmp_path, content, monkeypatch):
    monkeypatch.setenv("LICENSE_RISK_CACHE_DIR", str(tmp_path / "cache"))
    fresh = compiled.cached_catalog(content)
    (entry,) = entries(tmp_path / "cache")
    warm = compiled.cached_catalog(content)
    os.truncate(entry, entry.stat().st_size // 2)  # in place, while the catalog still holds it open
    assert warm.documents.keys() == fresh.documents.keys()  # loaded from the content, no exception
    assert not entry.exists()  # dropped, to be written again
