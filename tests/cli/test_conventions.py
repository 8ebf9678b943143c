"""The command line's conventions: every verb's --help has examples, results come as --json, `-` reads standard
input, --version names the tool's and the content's versions, and the help follows the user's locale."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI
from inprocess import run

from license_risk.cli.main import _app_arguments, main
from license_risk.content.fingerprint import content_version

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "japanese-saas-chatbot.yaml"


def helped(*args: str, prog: str = "python -m scoring") -> str:
    """What `--help` prints (argparse exits 0 after it)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as done:
        main([*args, "--help"], prog=prog)
    assert done.value.code == 0
    return out.getvalue()


def verbs() -> list[str]:
    (choices,) = re.findall(r"\{([a-z,-]+)\}", helped())[:1]
    return choices.split(",")


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_every_verb_has_help_with_an_example_of_itself() -> None:
    found = verbs()
    assert {"validate", "assess", "identify", "bom", "diff", "app"} <= set(found)
    for verb in found:
        text = helped(verb, prog="model-license-risk")
        assert "examples:" in text, verb
        examples = text.split("examples:", 1)[1]
        assert f"\n  model-license-risk {verb}" in examples or f"| model-license-risk {verb}" in examples, verb
        assert re.search(r"\n  # \S", examples), f"{verb}: an example without what it does"


def test_the_help_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    text = helped("validate")
    assert "使用例:" in text and "examples:" not in text
    assert "# コンテンツ全体を検査します" in text
    assert "  python -m scoring validate --strict" in text  # commands stay as typed


def test_version_names_the_tool_and_the_content() -> None:
    r = run("--version")
    assert r.returncode == 0, r.stderr
    from license_risk import __version__

    assert r.stdout.splitlines() == [f"open-model-license-risk {__version__}", f"content {content_version()}"]


def test_the_content_version_dates_the_newest_tree_and_changes_with_any_content_file(tmp_path: Path) -> None:
    content = tmp_path / "c"
    shutil.copytree(MINI, content)
    tree = content / "questionnaires" / "demo.yaml"
    tree.write_text(re.sub(r"(?m)^date: .*$", "date: 2026-03-04", tree.read_text(), count=1))
    before = run("--content", str(content), "--version").stdout.splitlines()[1]
    assert re.fullmatch(r"content 2026-03-04\+[0-9a-f]{12}", before)
    (text,) = sorted((content / "licenses" / "texts").iterdir())[:1]
    text.write_text(text.read_text() + "\n")  # a license text: no date changes, the digest does
    after = run("--content", str(content), "--version").stdout.splitlines()[1]
    assert after != before and after.startswith("content 2026-03-04+")


def test_the_version_of_content_that_cannot_be_loaded_says_so(tmp_path: Path) -> None:
    r = run("--content", str(tmp_path), "--version")
    assert r.returncode == 2
    assert re.fullmatch(r"open-model-license-risk \S+\ncontent [0-9a-f]{12}\n", r.stdout)
    assert "The content has 3 problem(s), so it has no date: validate lists them." in r.stderr


def test_no_verb_is_a_one_line_error() -> None:
    r = run()
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "give a verb, e.g. python -m scoring validate" in r.stderr


def test_assess_reads_the_answers_from_standard_input(tmp_path: Path) -> None:
    # a version 1 file, so that its notes show how they name the file they came from
    old = tmp_path / "old.yaml"
    old.write_bytes(EXAMPLE.read_bytes().replace(b"format_version: 2", b"format_version: 1"))
    from_file = run("assess", str(old), "--json")
    piped = subprocess.run(
        [sys.executable, "-m", "scoring", "assess", "-", "--json"],
        cwd=ROOT,
        input=old.read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert piped.returncode == from_file.returncode == 0, piped.stderr
    given, expected = json.loads(piped.stdout), json.loads(from_file.stdout)
    assert given.pop("notes") == [note.replace(str(old), "<stdin>") for note in expected.pop("notes")]
    assert given == expected
    assert b"<stdin>: its 2 licenses are compared as alternatives" in piped.stderr  # notes name it as the file


def test_identify_reads_standard_input() -> None:
    text = (ROOT / "licenses" / "texts" / "mit.txt").read_bytes()
    r = subprocess.run(
        [sys.executable, "-m", "scoring", "identify", "-", "--json"], cwd=ROOT, input=text, capture_output=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert (data["file"], data["verdict"]) == ("<stdin>", "identical")


def test_standard_input_is_refused_twice_and_over_the_limit() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "scoring", "assess", "-", "--card", "-"], cwd=ROOT, input=b"", capture_output=True, timeout=60
    )
    assert r.returncode == 2
    assert b"only one input can be read from standard input ('-'): ANSWERS --card both ask for it" in r.stderr
    big = b"#" * (1024 * 1024 + 1)
    r = subprocess.run([sys.executable, "-m", "scoring", "assess", "-"], cwd=ROOT, input=big, capture_output=True, timeout=60)
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert b"<stdin>: more than 1024 KB on standard input; answers files are at most 1024 KB" in r.stderr


def test_validate_json_lists_each_problem_with_its_place(tmp_path: Path) -> None:
    content = tmp_path / "c"
    shutil.copytree(MINI, content)
    tree = content / "questionnaires" / "demo.yaml"
    text = tree.read_text()
    line = text.splitlines().index("    exposure: unmet") + 1
    tree.write_text(text.replace("exposure: unmet", "exposure: sometimes", 1))
    r = run("--content", str(content), "validate", "--format", "json")
    assert r.returncode == 2 and r.stderr == ""
    data = json.loads(r.stdout)
    assert data["ok"] is False
    problem = next(p for p in data["problems"] if p["line"] == line)
    assert problem["file"] == "questionnaires/demo.yaml"
    assert (problem["severity"], problem["rule"], problem["column"]) == ("error", "content-error", None)
    assert "exposure" in problem["where"] and problem["message"]


def test_validate_json_strict_fails_on_warnings_and_counts_them() -> None:
    lenient = json.loads(run("--content", str(MINI), "validate", "--json").stdout)
    strict = run("--content", str(MINI), "validate", "--json", "--strict")
    assert strict.returncode == 2
    data = json.loads(strict.stdout)
    assert lenient["ok"] is True and data["ok"] is False
    assert data["summary"]["warnings"] == len(data["problems"]) > 0
    assert {p["severity"] for p in data["problems"]} == {"warning"}
    both = run("--content", str(MINI), "validate", "--json", "--format", "sarif")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


def test_validate_json_reports_a_failing_scenario_at_its_line(tmp_path: Path) -> None:
    content = tmp_path / "c"
    shutil.copytree(MINI, content)
    tests = content / "questionnaires" / "demo.tests.yaml"
    tests.write_text(tests.read_text().replace("rating: info", "rating: low"))
    data = json.loads(run("--content", str(content), "validate", "--json").stdout)
    (failing,) = [p for p in data["problems"] if p["rule"] == "scenario-fails"]
    assert failing["file"] == "questionnaires/demo.tests.yaml" and failing["line"]
    assert "scenario 'quiet internal use' fails: rating: expected low, got info" in failing["message"]


def test_translations_json_and_stub_refuses_it() -> None:
    r = run("translations", "--json")
    data = json.loads(r.stdout)
    assert r.returncode == (2 if data["problems"] else 0)
    assert any(c["target"] == "intake" and c["lang"] == "ja" for c in data["coverage"])
    stub = run("translations", "--stub", "tree", "intake", "--json")
    assert stub.returncode == 2 and "not JSON" in stub.stderr


def test_what_follows_app_goes_to_streamlit_untouched() -> None:
    assert _app_arguments(["app", "--server.port", "8080"]) == (["app"], ["--server.port", "8080"])
    assert _app_arguments(["--content", "app", "app", "-x"]) == (["--content", "app", "app"], ["-x"])
    assert _app_arguments(["assess", "app"]) == (["assess", "app"], [])  # a file named app
    assert _app_arguments(["app", "--help"]) == (["app", "--help"], [])  # our help, with the examples


BABEL_LOADED = """
import sys
from license_risk.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:  # --help
    pass
print("BABEL", "babel" in sys.modules, file=sys.stderr)
"""


def test_a_japanese_locale_costs_a_command_nothing_unless_help_is_shown(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "LANG": "ja_JP.UTF-8", "HOME": str(tmp_path), "LICENSE_RISK_CACHE_DIR": str(tmp_path)}
    for args, loaded in ((["--content", str(MINI), "validate"], False), (["validate", "--help"], True)):
        r = subprocess.run(
            [sys.executable, "-c", BABEL_LOADED, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert f"BABEL {loaded}" in r.stderr, (args, r.stderr[-2000:])


def test_bom_reads_its_answers_from_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "bom.json"
    answers = ROOT / "examples" / "distilled-student.yaml"
    r = subprocess.run(
        [sys.executable, "-m", "scoring", "bom", str(out), "--answers", "-"],
        cwd=ROOT,
        input=answers.read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text())["bomFormat"] == "CycloneDX"


def test_the_installed_command_is_python_m_scoring_under_another_name() -> None:
    for verb in ("", "assess", "app"):
        args = [verb] if verb else []
        installed, module = (
            helped(*args, prog="model-license-risk"),
            helped(*args).replace("python -m scoring", "model-license-risk"),
        )
        assert installed.split() == module.split()  # the usage line wraps at another place: the name is longer


def test_app_refuses_content_it_would_not_serve() -> None:
    r = run("--content", str(MINI), "app")
    assert r.returncode == 2 and "--content does not apply to app" in r.stderr
