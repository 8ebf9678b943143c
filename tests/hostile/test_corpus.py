"""Every file of the hostile corpus through every entry point: `assess`, `validate --content`, the app's upload.

Each must give a message naming the file and the place, the exact exit code, no traceback;
the app must show the messages as plain text and keep serving. cases.yaml says what each
file must give; make_corpus.py says how each was made.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from license_risk.cli.main import main

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MINI = HERE.parent / "fixtures" / "mini"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
ANSWERS = sorted(CASES["answers"])
CONTENT = sorted(CASES["content"])
# Text of the corpus that must never reach a Markdown element (bare URLs are linked even when escaped).
FROM_FILES = re.compile(r"evil|pwned|gnirts|\[U\+")


def test_the_corpus_and_its_cases_match() -> None:
    assert ANSWERS == sorted(p.name for p in (HERE / "answers").iterdir())
    assert CONTENT == sorted(p.name for p in (HERE / "content").iterdir())


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("name", ANSWERS)
def test_assess(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES["answers"][name]
    code, output = run_cli(capsys, "assess", str(HERE / "answers" / name))
    assert code == case["exit"], output[-2000:]
    for message in case["messages"]:
        assert message in output
    assert "Traceback" not in output
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output), "raw control characters printed"


@pytest.mark.parametrize("name", ANSWERS)
def test_validate_takes_the_file_as_content(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    shutil.copy(HERE / "answers" / name, content / "questionnaires" / "demo.yaml")
    code, output = run_cli(capsys, "--content", str(content), "validate")
    assert code == 2
    assert "questionnaires/demo.yaml:" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("case", CONTENT)
def test_validate_content(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    shutil.copytree(HERE / "content" / case, content, dirs_exist_ok=True)
    code, output = run_cli(capsys, "--content", str(content), "validate")
    assert code == 2, output[-2000:]
    for message in CASES["content"][case]:
        assert message in output
    assert "Traceback" not in output


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> AppTest:
    import os

    os.environ["LICENSE_RISK_DB"] = str(tmp_path_factory.mktemp("db") / "assessments.sqlite3")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    next(b for b in at.button if b.label.startswith("Resume from")).click().run()
    return at


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("name", ANSWERS)
def test_app_upload(name: str, app: AppTest) -> None:
    case = CASES["answers"][name]
    raw = (HERE / "answers" / name).read_bytes()
    app.file_uploader(key="upload").set_value((name, raw, "application/octet-stream")).run()
    assert not app.exception
    rendered = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success") for e in getattr(app, kind)]
    plain = [t.value for t in app.text]
    for body in rendered:
        assert not FROM_FILES.search(body), f"text from the file in a Markdown element: {body!r}"
    shown = "\n".join([*plain, *map(_unescape, rendered)])
    for message in case["messages"]:
        assert message in shown
    if case["exit"] == 0:
        assert any("answer(s) can be loaded" in _unescape(b) for b in rendered)
    else:
        assert any("cannot be used" in _unescape(b) for b in rendered)
    # the app still answers: the page reruns and its buttons work
    app.run()
    assert not app.exception and any(b.label == "Back" for b in app.button)


def test_assess_on_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_cli(capsys, "assess", str(HERE / "answers"))
    assert code == 2 and "answers: this is a folder; give a file" in output and "Traceback" not in output


def test_help_states_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_cli(capsys, "--help")
    assert code == 0
    assert "0  the input was read and used" in output and "2  input problems" in output
    assert "1 and 3 are reserved for policy verdicts" in output


def test_an_upload_is_parsed_once_however_often_the_page_reruns(app: AppTest) -> None:
    raw = (HERE / "answers" / "unknown-keys.yaml").read_bytes()
    app.file_uploader(key="upload").set_value(("unknown-keys.yaml", raw, "application/x-yaml")).run()
    first = app.session_state["upload_parsed"]
    app.run()
    app.run()
    assert app.session_state["upload_parsed"][1] is first[1]  # the same parse, not a new one per rerun
