"""The app page, driven with Streamlit's AppTest (no browser)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from apphelpers import html_source, html_text
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_lists_every_license_with_version_and_date(catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("LICENSE_RISK_DB", str(tmp_path / "db.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "not legal advice" in at.info[0].value
    covered = " ".join(c.value for c in at.caption)
    assert all(catalog.license_of(i).model.name in covered for i in catalog.license_ids)
    next(b for b in at.button if b.label.startswith("Resume from")).click().run()
    # one HTML table, every cell escaped (blocks.py), so that no page imports pandas for a table
    rows = [
        [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(<td>.*?)</tr>", html_source(at))
    ]
    assert [r[0] for r in rows] == [catalog.license_of(i).model.name for i in catalog.license_ids]
    llama = next(r for r in rows if r[0] == "Llama 3.1 Community License Agreement")
    assert llama[1:3] == ["3.1", "2024-07-23"]
    notes = html_text(at)
    assert all(f"{catalog.license_of(i).model.name}: " in notes for i in catalog.license_ids)
