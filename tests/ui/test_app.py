"""The app page, driven with Streamlit's AppTest (no browser)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.plain import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_lists_every_license_with_version_and_date(catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("LICENSE_RISK_DB", str(tmp_path / "db.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "not legal advice" in at.info[0].value
    covered = " ".join(c.value for c in at.caption)
    assert all(catalog.license_of(i).model.name in covered for i in catalog.license_ids)
    next(b for b in at.button if b.label.startswith("Resume from")).click().run()
    table = at.table[0].value  # cells are Markdown: each value is escaped to show as written
    assert list(table["License"]) == [plain(catalog.license_of(i).model.name) for i in catalog.license_ids]
    assert plain("Llama 3.1 Community License Agreement") in set(table["License"])
    row = table[table["Version"] == plain("3.1")].iloc[0]
    assert row["Effective date"] == plain("2024-07-23")
