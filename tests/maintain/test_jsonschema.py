"""Editor support: JSON Schemas generated from the models, committed, current, and named by every file."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from conftest import MINI
from inprocess import cli

from license_risk.content.load import content_files, load_catalog
from license_risk.content.problems import ContentError
from license_risk.maintain.jsonschema import SCHEMA_DIR, SCHEMAS, render, stale, write
from license_risk.shipped import ROOT

SIDE_FILES = {
    "models.yaml": "model-catalog",
    "background.yaml": "background",
    "rubric.yaml": "rubric",
}  # licenses/ files that are not profiles
SHIPPED = [*content_files(ROOT), *content_files(MINI), *(ROOT / "licenses" / name for name in SIDE_FILES)]


def test_committed_schemas_equal_a_fresh_generation():
    assert not stale(), "run `python -m scoring schema` (or `make schema`) and commit schema/"
    r = cli("schema", "--check")
    assert r.returncode == 0 and "OK" in r.stdout


def test_check_names_a_stale_schema_and_write_fixes_it(tmp_path):
    write(tmp_path)
    assert stale(tmp_path) == []
    (tmp_path / "questionnaire.schema.json").write_text("{}\n")
    (tmp_path / "scenarios.schema.json").unlink()
    assert stale(tmp_path) == ["questionnaire.schema.json", "scenarios.schema.json"]
    assert {p.name for p in write(tmp_path)} == {"questionnaire.schema.json", "scenarios.schema.json"}
    assert stale(tmp_path) == []


def test_schemas_come_from_the_models():
    tree = json.loads(render("questionnaire.schema.json"))
    assert tree["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert tree["additionalProperties"] is False  # unknown keys are flagged as you type
    assert set(tree["else"]["required"]) == {"id", "kind", "title", "version", "date", "questions"}
    assert set(tree["then"]["required"]) == {"id", "extends"}  # a version states only what differs
    finding = tree["$defs"]["Finding"]["properties"]
    assert finding["severity"]["anyOf"][0]["enum"] == ["info", "low", "medium", "high", "critical"]
    assert "standing" in finding["exposure"]["enum"]
    comparison = tree["$defs"]["Comparison"]
    assert "in" in comparison["properties"] and comparison["maxProperties"] == 2  # the alias, and one operator
    assert "not_probed" in tree["properties"]
    assert set(SCHEMAS) == {p.name for p in SCHEMA_DIR.glob("*.schema.json")}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(ROOT).as_posix() for p in SHIPPED])
def test_every_content_file_names_its_schema_on_the_first_line(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target.parent == SCHEMA_DIR and target.is_file()
    expected = (
        SIDE_FILES[path.name]
        if path.name in SIDE_FILES
        else "license-profile"
        if path.parent.name == "licenses"
        else "scenarios"
        if path.name.endswith(".tests.yaml")
        else "questionnaire"
    )
    assert target.name == f"{expected}.schema.json"


class _Yaml12ish(yaml.SafeLoader):
    """Dates stay strings, as an editor's YAML language server reads them."""


_Yaml12ish.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _validator(path):
    jsonschema = pytest.importorskip("jsonschema")
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    schema = json.loads((path.parent / first.split("$schema=", 1)[1]).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(ROOT).as_posix() for p in SHIPPED])
def test_shipped_files_pass_their_schema(path):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12ish)
    errors = [e.message for e in _validator(path).iter_errors(data)]
    assert not errors


def test_an_editor_would_flag_a_misspelt_key_and_a_bad_exposure():
    path = ROOT / "questionnaires" / "llama-3.1.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12ish)
    data["findings"][0]["exposure"] = "sometimes"
    data["questions"][0]["hepl"] = "typo"
    messages = " ".join(e.message for e in _validator(path).iter_errors(data))
    assert "'sometimes' is not one of" in messages and "'hepl' was unexpected" in messages


def test_the_schema_line_does_not_shift_reported_lines(tmp_path):
    """The first line is a comment: errors still point at the right line of the shipped files."""
    content = tmp_path / "c"
    for folder in ("licenses", "questionnaires"):
        shutil.copytree(ROOT / folder, content / folder)
    tree = content / "questionnaires" / "llama-3.1.yaml"
    lines = tree.read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("# yaml-language-server")
    n = next(i for i, line in enumerate(lines) if line.startswith("    action:"))  # the first finding's action
    lines[n] = lines[n].replace("action:", "acton:")
    tree.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(content)
    (p,) = [p for p in info.value.problems if p.level == "error"]
    assert (p.file, p.line) == ("questionnaires/llama-3.1.yaml", n + 1)
