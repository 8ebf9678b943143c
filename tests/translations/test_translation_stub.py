"""The translation stub: every entry with its hash, and the same English filled in from a current translation."""

from __future__ import annotations

from pathlib import Path

import yaml
from translations.translation_support import copy_content

from license_risk.content.load import load_catalog
from license_risk.content.localized import text_of
from license_risk.content.translation import english_entries, source_hash
from license_risk.maintain.translation_stub import stub

ROOT = Path(__file__).parents[2]


def _filled(text: str) -> dict[str, str]:
    """field path -> the 'filled in from' source, read from the stub's comments."""
    out: dict[str, str] = {}
    pending = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("# (filled in from "):
            pending = stripped.removeprefix("# (filled in from ").split(",")[0]
        elif pending and not stripped.startswith("#"):
            out[stripped.split(":")[0] + "@" + pending] = stripped
            pending = None
    return out


def test_the_stub_carries_every_entry_and_fills_the_same_english_from_a_current_translation(tmp_path: Path) -> None:
    root = copy_content(ROOT, tmp_path / "content")
    (root / "questionnaires" / "llama-3.ja.yaml").unlink(missing_ok=True)  # as before llama-3 was translated
    catalog = load_catalog(root)
    text = stub(catalog, "tree", "llama-3", "ja")
    data = yaml.safe_load(text)
    english = english_entries("tree", catalog.trees["llama-3"].model)
    for section in ("questions", "findings"):
        assert {k: v["source"] for k, v in data[section].items()} == {k: source_hash(f) for k, f in english[section].items()}
    # Llama 3 and 3.1 share a finding word for word: it comes filled in with 3.1's current Japanese.
    other = english_entries("tree", catalog.trees["llama-3.1"].model)["findings"]
    shared = next(fid for fid, fields in english["findings"].items() if other.get(fid, {}).get("title") == fields["title"])
    # Filled in from a file with the very same English, named in the comment, and its Japanese is that file's.
    [source] = [where.split("@")[1] for where in _filled(text) if where.endswith(f" findings.{shared}.title")]
    origin = source.split()[0]
    other_english = english_entries("tree", catalog.trees[origin].model)["findings"][shared]["title"]
    assert other_english == english["findings"][shared]["title"]
    assert data["findings"][shared]["title"] == text_of(catalog, "ja", "tree", origin, "findings", shared)["title"]
    # An English text nobody translated yet stays empty for the translator.
    assert any(v.get("text") == "" for v in data["questions"].values())


def test_a_stale_translation_is_not_offered(tmp_path: Path) -> None:
    root = copy_content(ROOT, tmp_path / "content")
    for other in ("llama-3", "llama-2", "llama-3.2", "llama-3.3", "llama-4"):  # 3.1 alone offers its words
        (root / "questionnaires" / f"{other}.ja.yaml").unlink(missing_ok=True)
    source = root / "questionnaires" / "llama-3.1.yaml"
    catalog = load_catalog(root)
    english = english_entries("tree", catalog.trees["llama-3.1"].model)["findings"]
    mine = english_entries("tree", catalog.trees["llama-3"].model)["findings"]
    shared = next(fid for fid, f in english.items() if mine.get(fid, {}).get("explanation") == f["explanation"])
    before = stub(catalog, "tree", "llama-3", "ja")
    assert f"llama-3.1 findings.{shared}." in before
    # Change the 3.1 finding's explanation: its translation is now stale, so it must not fill llama-3.
    old = english[shared]["explanation"].split()[0]
    text = source.read_text(encoding="utf-8")
    marker = f"  - id: {shared}\n"
    at = text.index(marker)
    cut = text.index("explanation:", at)
    source.write_text(text[:cut] + text[cut:].replace(old, old + " (changed)", 1), encoding="utf-8")
    after = stub(load_catalog(root), "tree", "llama-3", "ja")
    assert f"llama-3.1 findings.{shared}." not in after


def test_the_background_notes_translate_and_go_stale_like_the_rest(tmp_path: Path) -> None:
    from license_risk.content.localized import localized
    from license_risk.maintain.translations import stale_entries

    root = copy_content(ROOT, tmp_path / "content")
    japanese = localized(load_catalog(root), "ja").background
    assert japanese is not None and japanese.jurisdictions["japan"].name == "日本"
    source = root / "licenses" / "background.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Switzerland is in neither", "Switzerland is in none of"), encoding="utf-8"
    )
    catalog = load_catalog(root)
    stale = stale_entries(catalog)
    assert [(p.file, p.where) for p in stale] == [("licenses/background.ja.yaml", "jurisdictions.switzerland.source")]
    swiss = localized(catalog, "ja").background.jurisdictions["switzerland"]  # type: ignore[union-attr]
    assert swiss.note.startswith("Switzerland is in none of")  # a stale entry shows the English, as Babel's fuzzy ones
