"""`python -m scoring scan PATH` as CI runs it: exit codes, text, JSON, and SARIF valid against the
official SARIF 2.1.0 schema with each result on the line that names the model."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
from inprocess import cli, run

from license_risk.scan import scan_tree
from license_risk.scan.verdicts import assess_models, exit_code
from scoring.answers import read_answers

ROOT = Path(__file__).resolve().parents[2]
REPO = ROOT / "tests" / "fixtures" / "scan-repo"
ANSWERS = ROOT / "tests" / "fixtures" / "scan" / "answers.yaml"
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_the_fixture_repository_gives_exit_1_and_valid_sarif_on_the_right_lines(tmp_path: Path):
    out = tmp_path / "scan.sarif"
    r = run("scan", str(REPO), "--answers", str(ANSWERS), "--format", "sarif", "--output", str(out))
    assert r.returncode == 1, r.stderr  # Llama 3.1 is rated high with these answers: denied
    assert "Traceback" not in r.stderr and r.stdout == ""
    sarif = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, SCHEMA)
    [run_] = sarif["runs"]
    located = {
        (
            res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            res["locations"][0]["physicalLocation"]["region"]["startLine"],
        ): (
            res["ruleId"],
            res["level"],
        )
        for res in run_["results"]
    }
    assert located[("app/chat.py", 4)] == ("license/llama-3.1", "error")
    assert located[("model/README.md", 4)] == ("license/llama-3.1", "error")
    assert located[("app/chat.py", 6)] == ("model-not-in-catalog", "warning")
    assert located[("config/train.toml", 3)] == ("license-not-held", "warning")
    assert located[("apache-only/serve.py", 3)] == ("license/apache-2.0", "note")
    assert located[("weights/adapter.safetensors", 1)] == ("license/mit", "warning")
    # 15 places: the two model cards (router/, vendor-model/) add one each; the card model/README.md is
    # now assessed as the model it describes (support-bot-7b, as built), on the same line, with the same rule
    assert len(run_["results"]) == 15
    llama = next(
        res
        for res in run_["results"]
        if res["locations"][0]["physicalLocation"]["region"]["startLine"] == 4 and "chat.py" in str(res)
    )
    assert "Llama 3.1 Community License Agreement §6" in llama["message"]["text"]  # the clause the worst finding cites
    assert llama["locations"][0]["physicalLocation"]["region"]["startColumn"] == 47
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert all(rule_ids[res["ruleIndex"]] == res["ruleId"] for res in run_["results"])


def test_a_tree_of_allowed_models_exits_0():
    r = cli("scan", str(REPO / "apache-only"), "--answers", str(ANSWERS))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "serve.py:3:48  Python: mistralai/Mistral-7B-Instruct-v0.3" in r.stdout
    assert "Rating: LOW; decision: allowed" in r.stdout


def test_a_model_that_cannot_be_assessed_exits_3(tmp_path: Path):
    (tmp_path / "app.py").write_text('m = AutoModel.from_pretrained("acme-internal/support-bot-7b")\n')
    r = cli("scan", str(tmp_path), "--answers", str(ANSWERS), "--format", "json")
    assert r.returncode == 3, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["exit_code"] == 3
    [model] = data["models"]
    assert (model["status"], model["decision"], model["hits"][0]["line"]) == ("not_in_catalog", "review", 1)


def test_the_fail_on_threshold_decides_what_is_denied():
    r = cli("scan", str(REPO / "apache-only"), "--answers", str(ANSWERS), "--fail-on", "low")
    assert r.returncode == 1 and "decision: denied" in r.stdout


def test_without_answers_the_scan_is_an_inventory_and_exits_0():
    r = cli("scan", str(REPO), "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {m["model"] for m in data["models"]} >= {"llama-3.1-8b-instruct", "gemma-2-9b", "phi-4", None}
    assert all(m["decision"] is None for m in data["models"])


def test_skipped_files_are_listed_in_every_format(tmp_path: Path):
    shutil.copytree(REPO / "apache-only", tmp_path / "repo")
    (tmp_path / "repo" / "blob.bin").write_bytes(b"\0\1\2")
    (tmp_path / "repo" / "loop").symlink_to("loop")
    text = cli("scan", str(tmp_path / "repo"))
    assert "Not scanned (2):" in text.stdout
    assert "blob.bin: binary file (a NUL byte in its first 8 KB)" in text.stdout
    assert "loop: symbolic link loop" in text.stdout
    sarif = json.loads(cli("scan", str(tmp_path / "repo"), "--format", "sarif").stdout)
    jsonschema.validate(sarif, SCHEMA)
    notes = [n["message"]["text"] for n in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    assert notes == ["blob.bin: binary file (a NUL byte in its first 8 KB)", "loop: symbolic link loop"]


def test_japanese_output():
    r = cli("scan", str(REPO), "--answers", str(ANSWERS), "--lang", "ja")
    assert r.returncode == 1
    # 10 models: router/'s card is a model of its own (as built); vendor-model/'s card cannot be used, so its
    # base model joins gemma-2-9b; model/'s card is support-bot-7b instead of Llama-3.1-8B (one for one)
    assert "モデル 10 件の記載が 15 か所にあります。" in r.stdout
    assert "  app/chat.py:4:47  Python コード: meta-llama/Llama-3.1-8B-Instruct\n  総合評価：高　判定：拒否\n" in r.stdout
    assert "acme-internal/support-bot-7b — モデルカタログにありません" in r.stdout
    assert "本ツールのモデルカタログにないモデルです。" in r.stdout
    data = json.loads(cli("scan", str(REPO), "--answers", str(ANSWERS), "--lang", "ja", "--format", "json").stdout)
    qwen = next(m for m in data["models"] if m["model"] == "qwen2.5-72b")
    assert qwen["reason"].startswith("モデルカタログにはありますが、そのライセンス（")


def test_input_problems_exit_2(tmp_path: Path):
    missing = cli("scan", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such file or folder to scan" in missing.stderr
    bad = tmp_path / "answers.yaml"
    bad.write_text("licenses: [\n")
    r = cli("scan", str(REPO), "--answers", str(bad))
    assert r.returncode == 2 and "Cannot read the answers" in r.stderr and "Traceback" not in r.stderr
    out = cli("scan", str(REPO), "--output", str(tmp_path / "no" / "such" / "dir" / "x.json"))
    assert out.returncode == 2 and "Cannot write the scan to" in out.stderr


def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path: Path):
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xffname.py"), "wb") as f:
        f.write(b'from_pretrained("meta-llama/Llama-3.1-8B")\n')
    text = cli("scan", str(tmp_path))
    assert "bad[U+DCFF]name.py:1:18  Python: meta-llama/Llama-3.1-8B" in text.stdout
    sarif = json.loads(cli("scan", str(tmp_path), "--format", "sarif").stdout)
    jsonschema.validate(sarif, SCHEMA)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FFname.py"
    data = json.loads(cli("scan", str(tmp_path), "--format", "json").stdout)
    assert data["models"][0]["hits"][0]["path"] == "bad\udcffname.py"
    out = tmp_path / "report.txt"
    assert cli("scan", str(tmp_path), "--output", str(out)).returncode == 0
    assert "bad[U+DCFF]name.py:1:18" in out.read_text(encoding="utf-8")


def test_japanese_sarif_is_valid_and_in_japanese():
    sarif = json.loads(cli("scan", str(REPO), "--answers", str(ANSWERS), "--format", "sarif", "--lang", "ja").stdout)
    jsonschema.validate(sarif, SCHEMA)
    rules = {r["id"]: r["shortDescription"]["text"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["model-not-in-catalog"] == "モデルカタログにないモデルです。本ツールではそのライセンスを評価できません。"
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any("総合評価：高　判定：拒否" in m for m in messages)


def test_a_decider_replaces_the_threshold_for_each_model(catalog):
    """The policy's hook: one function decides each model; the exit code follows its decisions."""
    loaded = read_answers(ANSWERS, catalog)
    result = scan_tree(str(REPO), catalog)
    seen = []

    def allow_all_but_gemma(m):
        seen.append((m.key, tuple(r.id for r in m.results)))
        return replace(m, decision="review" if m.key == "gemma-2-9b" else "allowed", reason="policy")

    models = assess_models(catalog, result, loaded, decider=allow_all_but_gemma)
    assert ("llama-3.1-8b-instruct", ("llama-3.1",)) in seen and ("acme-internal/support-bot-7b", ()) in seen
    assert exit_code(models) == 3


def policy_file(tmp_path: Path, rules: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(
        "format: open-model-license-risk/policy\nformat_version: 1\nname: Scan test policy\ndefault: allow\nrules:\n" + rules,
        encoding="utf-8",
    )
    return path


def test_with_a_policy_the_policy_decides_each_model(tmp_path: Path):
    # Apache-2.0 is rated low with these answers: allowed without a policy, and by a policy allowing low...
    lenient = policy_file(tmp_path, "  - severity: critical\n    action: deny\n    reason: not licensed\n")
    r = cli("scan", str(REPO / "apache-only"), "--answers", str(ANSWERS), "--policy", str(lenient))
    assert r.returncode == 0, r.stdout + r.stderr
    assert 'Decided by the organisation policy "Scan test policy"' in r.stdout
    # ...denied by a policy that denies the license outright, whatever --fail-on says
    strict = policy_file(tmp_path, "  - license: apache-2.0\n    action: deny\n    reason: we ship no Apache models\n")
    r = cli("scan", str(REPO / "apache-only"), "--answers", str(ANSWERS), "--policy", str(strict), "--format", "json")
    assert r.returncode == 1, r.stdout + r.stderr
    assert [m["decision"] for m in json.loads(r.stdout)["models"]] == ["denied"]


def test_a_policy_naming_an_unknown_license_is_an_input_problem_with_its_line(tmp_path: Path):
    broken = policy_file(tmp_path, "  - license: apache-9.9\n    action: deny\n    reason: typo\n")
    r = cli("scan", str(REPO / "apache-only"), "--answers", str(ANSWERS), "--policy", str(broken))
    assert r.returncode == 2 and "policy.yaml:6" in r.stderr and "Traceback" not in r.stderr
    r = cli("scan", str(REPO / "apache-only"), "--policy", str(broken))  # no answers: nothing to decide on
    assert r.returncode == 2


def test_json_is_the_same_as_format_json_and_answers_can_come_from_stdin():
    import subprocess
    import sys

    short = cli("scan", str(REPO / "apache-only"), "--json")
    long = cli("scan", str(REPO / "apache-only"), "--format", "json")
    assert short.returncode == long.returncode == 0 and json.loads(short.stdout) == json.loads(long.stdout)
    piped = subprocess.run(
        [sys.executable, "-m", "scoring", "scan", str(REPO / "apache-only"), "--answers", "-", "--json"],
        cwd=ROOT,
        input=ANSWERS.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.returncode == 0, piped.stderr
    assert [m["decision"] for m in json.loads(piped.stdout)["models"]] == ["allowed"]
