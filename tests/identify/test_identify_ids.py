"""Every license and policy profile names its SPDX and ScanCode ids, checked with license-expression."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import MINI
from inprocess import cli
from license_expression import get_license_index, get_scancode_licensing, get_spdx_licensing

from license_risk.content.load import load_catalog
from license_risk.maintain.identity import NEWER_SPDX, identity_problems
from license_risk.shipped import ROOT

EXAMPLE = ROOT / "examples" / "japanese-saas-chatbot.yaml"


def test_the_shipped_profiles_ids_all_fit_the_index(catalog):
    assert identity_problems(catalog) == []


def test_every_license_and_policy_file_states_both_ids_itself():
    for path in sorted((ROOT / "licenses").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "id" in data and data.get("kind") != "definition":  # a version may inherit its kind
            assert "spdx" in data and "scancode" in data, path.name


def test_each_id_is_known_to_license_expression(catalog):
    spdx, scancode = get_spdx_licensing(), get_scancode_licensing()
    named = 0
    for profile in catalog.profiles.values():
        m = profile.model
        if m.scancode:
            named += 1
            assert not scancode.validate(m.scancode).errors, m.id
            info = spdx.validate(m.spdx)
            assert (not info.errors and info.normalized_expression == m.spdx) or m.spdx in NEWER_SPDX, m.id
    assert named == 23


@pytest.mark.parametrize(
    ("profile", "spdx", "scancode"),
    [
        ("apache-2.0", "Apache-2.0", "apache-2.0"),
        ("gpl-3.0", "GPL-3.0-only", "gpl-3.0"),
        ("cc-by-nc-4.0", "CC-BY-NC-4.0", "cc-by-nc-4.0"),
        ("mit-deepseek-r1", "MIT", "mit"),
        ("openmdw-1.0", "OpenMDW-1.0", "openmdw-1.0"),
        ("llama-2", "LicenseRef-scancode-llama-2-license-2023", "llama-2-license-2023"),
        ("llama-3", None, None),
        ("llama-3.1", "LicenseRef-scancode-llama-3.1-license-2024", "llama-3.1-license-2024"),
        ("llama-3.2", "LicenseRef-scancode-llama-3.2-license-2024", "llama-3.2-license-2024"),
        ("llama-3.3", "LicenseRef-scancode-llama-3.3-license-2024", "llama-3.3-license-2024"),
        ("llama-4", "LicenseRef-scancode-llama-4-cla-2025", "llama-4-cla-2025"),
        ("llama-4-aup", "LicenseRef-scancode-llama-4-license-2025", "llama-4-license-2025"),
        ("llama-3.1-aup", None, None),
        ("gemma-prohibited-use-policy", None, None),
        ("gemma-2024-02", None, None),
        ("creativeml-openrail-m", "LicenseRef-scancode-stable-diffusion-2022-08-22", "stable-diffusion-2022-08-22"),
        ("creativeml-openrailpp-m", None, None),
        ("qwen-research", None, None),
        ("tongyi-qianwen", "LicenseRef-scancode-tongyi-qianwen-2023", "tongyi-qianwen-2023"),
    ],
)
def test_ids_of_versions_are_their_own_not_inherited(catalog, profile, spdx, scancode):
    m = catalog.profiles[profile].model
    assert (m.spdx, m.scancode) == (spdx, scancode)


def test_openmdw_is_newer_than_the_bundled_spdx_list():
    """When license-expression learns OpenMDW-1.0, identity_problems says to drop it from NEWER_SPDX."""
    entry = {e["license_key"]: e for e in get_license_index()}["openmdw-1.0"]
    assert entry["spdx_license_key"] == "LicenseRef-scancode-openmdw-1.0"


def _content(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    path = root / "licenses" / "demo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("ids", "says"),
    [
        ("", "state 'spdx:' in this file"),
        ("spdx: MIT\nscancode: not-a-key\n", "'not-a-key' is not a key of ScanCode's license index"),
        ("spdx: Apache-2.0\nscancode: mit\n", "give the SPDX id ScanCode gives 'mit': MIT (found Apache-2.0)"),
        ("spdx: LicenseRef-scancode-mit\nscancode: mit\n", "give the SPDX id ScanCode gives 'mit': MIT"),
        ("spdx: MIT\nscancode: null\n", "'MIT' has no ScanCode key beside it"),
        ("spdx: null\nscancode: llama-3.2-license-2024\n", "LicenseRef-scancode-llama-3.2-license-2024 (found none)"),
        ("spdx: GPL-3.0\nscancode: gpl-3.0\n", "GPL-3.0-only (found GPL-3.0)"),  # a deprecated SPDX id
        ("spdx: OpenMDW-1.0\nscancode: mit\n", "gives 'mit': MIT (found OpenMDW-1.0)"),
    ],
)
def test_the_check_names_the_file_line_and_what_is_wrong(tmp_path, ids, says):
    root = _content(tmp_path, "governing_law:", ids + "governing_law:")
    problems = identity_problems(load_catalog(root))
    assert problems and all(p.file == "licenses/demo.yaml" and p.level == "warning" for p in problems)
    assert any(says in p.message for p in problems), [str(p) for p in problems]
    if ids:
        line = (root / "licenses" / "demo.yaml").read_text(encoding="utf-8").split("\n").index(ids.split("\n")[0]) + 1
        assert any(p.line in (line, line + 1) for p in problems)


def test_assess_json_carries_each_licenses_ids():
    r = cli("assess", str(EXAMPLE), "--json")
    data = json.loads(r.stdout)
    by_id = {lic["id"]: lic for lic in data["licenses"]}
    assert by_id, r.stderr
    for lic in by_id.values():
        assert "spdx" in lic and "scancode" in lic
    if "llama-3.1" in by_id:
        assert (by_id["llama-3.1"]["spdx"], by_id["llama-3.1"]["scancode"]) == (
            "LicenseRef-scancode-llama-3.1-license-2024",
            "llama-3.1-license-2024",
        )
