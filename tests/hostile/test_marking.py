"""Control characters and bidirectional overrides read the same in every output: the CLI, JSON, HTML, PDF, the app."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from license_risk.cli.main import main
from license_risk.content.printable import mark

ROOT = Path(__file__).resolve().parents[2]
ORG = "Sample \u202eKK\u202c"  # would show as "Sample KK" reversed where the override is obeyed
SHOWN = "Sample [U+202E]KK[U+202C]"
BAD_LICENSE = "x\u202e\x1b[2J"


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = (ROOT / "examples" / "japanese-saas-chatbot.yaml").read_text(encoding="utf-8")
    text = text.replace("organisation: 株式会社サンプル", 'organisation: "Sample \\u202eKK\\u202c"')
    text = text.replace("licenses: [llama-3.1, gemma-2025-03]", 'licenses: [llama-3.1, gemma-2025-03, "x\\u202e\\e[2J"]')
    path = tmp_path_factory.mktemp("a") / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_mark_shows_what_would_act(answers: Path) -> None:
    assert mark(ORG) == SHOWN
    assert mark("tab\tand\nnew line stay; \x1b and \x9b and \u2066 do not") == (
        "tab\tand\nnew line stay; [U+001B] and [U+009B] and [U+2066] do not"
    )


def test_cli_text_and_json(answers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(answers)]) == 2  # the unknown license is refused
    out = capsys.readouterr()
    assert "no license 'x[U+202E][U+001B][2J' in this tool" in out.err
    assert "\u202e" not in out.out + out.err and "\x1b" not in out.out + out.err
    main(["assess", str(answers), "--json"])
    printed = capsys.readouterr().out
    assert "\u202e" not in printed and "\\u202e" in printed
    data = json.loads(printed)  # the JSON still holds the value exactly
    assert any(BAD_LICENSE in p for p in data["problems"])


def test_pdf_and_html_memos(answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(answers), "--pdf", str(tmp_path / "m.pdf"), "--html", str(tmp_path / "m.html"), "--date", "2026-01-15"])
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert SHOWN in html and "\u202e" not in html
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed; .ci/run installs it")
    text = subprocess.run(["pdftotext", str(tmp_path / "m.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert SHOWN in text and "\u202e" not in text


def test_the_app(answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICENSE_RISK_DB", str(tmp_path / "db.sqlite3"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    next(b for b in at.button if b.label.startswith("Resume from")).click().run()
    at.file_uploader(key="upload").set_value(("answers.yaml", answers.read_bytes(), "application/x-yaml")).run()
    assert any("no license 'x[U+202E][U+001B][2J'" in t.value for t in at.text)
    next(b for b in at.button if b.label.startswith("Continue with")).click().run()
    top = next(b.proto.body for b in at.get("html") if "<h1>Results</h1>" in b.proto.body)  # the decision block
    assert "Prepared for" in top and html.escape(SHOWN) in top  # the organisation, hidden characters shown
    texts = [t.value for t in at.text] + [b.proto.body for b in at.get("html")]
    assert not any("\u202e" in t for t in texts)
