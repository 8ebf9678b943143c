"""The model catalog: users pick a checkpoint and get the license versions that govern it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINI

from license_risk.content.catalog import Catalog
from license_risk.content.checkpoints import checkpoint_lines, search
from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError

# Every model family the knowledge-base issue names, by a name users type, and the license
# version that governs it. A wrong edit of licenses/models.yaml shows up here.
NAMED = [
    ("Llama-2-7b-chat", "llama-2"),
    ("Meta-Llama-3-8B-Instruct", "llama-3"),
    ("Llama-3.1-70B-Instruct", "llama-3.1"),
    ("Llama-3.2-11B-Vision-Instruct", "llama-3.2"),
    ("Llama-3.2-3B-Instruct", "llama-3.2"),
    ("Llama-3.3-70B-Instruct", "llama-3.3"),
    ("Llama-4-Scout-17B-16E-Instruct", "llama-4"),
    ("Llama-4-Maverick", "llama-4"),
    ("google/gemma-7b-it", "gemma-2026-04"),
    ("gemma-2-27b-it", "gemma-2026-04"),
    ("gemma-3-27b-it", "gemma-2026-04"),
    ("gemma-4-E4B-it", "apache-2.0"),
    ("NVIDIA-Nemotron-3-Nano-30B-A3B-BF16", "nvidia-nemotron-2025-12"),
    ("Llama-3_1-Nemotron-Ultra-253B-v1", "nvidia-open-model-2025-10"),
    ("Cosmos-1.0-Autoregressive-13B-Video2World", "nvidia-open-model-2025-01"),
    ("bigscience/bloom", "bigscience-bloom-rail-1.0"),
    ("stable-diffusion-v1-5", "creativeml-openrail-m"),
    ("stable-diffusion-2-1", "creativeml-openrailpp-m"),
    ("stable-diffusion-xl-base-1.0", "creativeml-openrailpp-m"),
    ("stable-diffusion-3.5-large", "stability-community"),
    ("DeepSeek-V2", "deepseek-license-1.0"),
    ("DeepSeek-V3", "deepseek-license-1.0"),
    ("deepseek-ai/DeepSeek-R1", "mit-deepseek-r1"),
    ("Qwen-72B", "tongyi-qianwen"),
    ("Qwen1.5-7B", "tongyi-qianwen"),
    ("Qwen/Qwen2-7B", "apache-2.0"),
    ("Qwen2-72B-Instruct", "tongyi-qianwen"),
    ("Qwen/Qwen2.5-7B", "apache-2.0"),
    ("Qwen2.5-3B-Instruct", "qwen-research"),
    ("chatglm3-6b", "chatglm3"),
    ("glm-4-9b-chat", "glm-4"),
    ("falcon-180B", "falcon-180b-tii-1.0"),
    ("Mistral-7B-Instruct-v0.3", "apache-2.0"),
    ("Phi-3-mini-4k-instruct", "mit"),
]


@pytest.mark.parametrize(("query", "license_id"), NAMED, ids=[q for q, _ in NAMED])
def test_a_named_model_maps_to_the_license_version_that_governs_it(catalog: Catalog, query: str, license_id: str) -> None:
    found = search(catalog.models, query)
    assert found, f"no model in licenses/models.yaml matches {query!r}"
    assert {m.license for m in found} == {license_id}


def test_a_distilled_model_brings_its_base_models_license_too(catalog: Catalog) -> None:
    (llama8b,) = search(catalog.models, "DeepSeek-R1-Distill-Llama-8B")
    assert llama8b.licenses == ["mit-deepseek-r1", "llama-3.1"]
    (llama70b,) = search(catalog.models, "DeepSeek-R1-Distill-Llama-70B")
    assert llama70b.licenses == ["mit-deepseek-r1", "llama-3.3"]
    label = {lic: catalog.license_of(lic).model.name for lic in catalog.license_ids}
    assert "Also governed by Llama 3.3 Community License Agreement" in checkpoint_lines(llama70b, label)


def test_a_model_whose_text_is_not_held_is_listed_but_cannot_be_assessed(catalog: Catalog) -> None:
    (qwen72,) = search(catalog.models, "Qwen2.5-72B-Instruct")
    assert qwen72.license is None and qwen72.licenses == []
    label = {lic: catalog.license_of(lic).model.name for lic in catalog.license_ids}
    first = checkpoint_lines(qwen72, label)[0]
    assert first.startswith("Cannot be assessed here") and "Qwen LICENSE AGREEMENT" in first


def test_every_model_names_a_modality_and_every_alias_is_unique(catalog: Catalog) -> None:
    seen: dict[str, str] = {}
    for m in catalog.models:
        for alias in m.aliases:
            assert seen.setdefault(alias, m.id) == m.id, f"alias {alias} is listed under {seen[alias]} and {m.id}"
        assert set(m.modalities) <= {"text", "image", "code", "video", "audio"}, m.id


def _with_catalog(tmp_path: Path, models_yaml: str) -> list[str]:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    (root / "licenses" / "models.yaml").write_text(models_yaml, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    return [str(p) for p in info.value.problems]


def test_an_unknown_license_in_also_is_named_with_file_and_line(tmp_path: Path) -> None:
    problems = _with_catalog(
        tmp_path,
        "models:\n  - id: a\n    name: A\n    license: demo\n    also: [demo, llama-9]\n    modalities: [text]\n",
    )
    assert problems == ["licenses/models.yaml:5: models[0] (a).also.1: no license 'llama-9' in this tool"]


def test_a_model_needs_a_license_or_the_name_of_the_text_not_held(tmp_path: Path) -> None:
    problems = _with_catalog(tmp_path, "models:\n  - id: a\n    name: A\n    license: null\n    modalities: [text]\n")
    assert len(problems) == 1 and problems[0].startswith("licenses/models.yaml:2:")
    assert "either license" in problems[0] and "not_held" in problems[0]


def test_a_model_listed_twice_is_refused(tmp_path: Path) -> None:
    entry = "  - id: a\n    name: A\n    license: demo\n    modalities: [text]\n"
    problems = _with_catalog(tmp_path, "models:\n" + entry + entry)
    assert problems == ["licenses/models.yaml:6: models[1].id: 'a' is listed twice"]
