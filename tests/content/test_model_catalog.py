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
    found = [hit.model for hit in search(catalog.models, query)]
    assert found, f"no model in licenses/models.yaml matches {query!r}"
    assert {m.license for m in found} == {license_id}


def test_a_distilled_model_brings_its_base_models_license_too(catalog: Catalog) -> None:
    (llama8b,) = [hit.model for hit in search(catalog.models, "DeepSeek-R1-Distill-Llama-8B")]
    assert llama8b.licenses == ["mit-deepseek-r1", "llama-3.1"]
    (llama70b,) = [hit.model for hit in search(catalog.models, "DeepSeek-R1-Distill-Llama-70B")]
    assert llama70b.licenses == ["mit-deepseek-r1", "llama-3.3"]
    label = {lic: catalog.license_of(lic).model.name for lic in catalog.license_ids}
    assert "Also governed by Llama 3.3 Community License Agreement" in checkpoint_lines(llama70b, label)


def test_a_model_whose_text_is_not_held_is_listed_but_cannot_be_assessed(catalog: Catalog) -> None:
    (qwen72,) = [hit.model for hit in search(catalog.models, "Qwen2.5-72B-Instruct")]
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


# ---------------------------------------------------------------- lineage

ENTRY = "  - id: {id}\n    name: {id}\n    license: demo\n    modalities: [text]\n"


def _link(target: str, route: str = "weights", relation: str = "fine_tune", key: str = "model") -> str:
    return (
        f"    lineage:\n      - {key}: {target}\n        route: {route}\n        relation: {relation}\n"
        "        source: 'a card: \"built on it\"'\n"
    )


def test_a_lineage_link_to_a_model_not_in_the_catalog_is_named_with_file_and_line(tmp_path: Path) -> None:
    problems = _with_catalog(tmp_path, "models:\n" + ENTRY.format(id="a") + _link("llama-9"))
    assert problems == ["licenses/models.yaml:7: models[0] (a).lineage.0.model: no model 'llama-9' in this catalog"]


def test_a_lineage_cycle_is_named_once_at_the_link_that_closes_it(tmp_path: Path) -> None:
    yaml_text = "models:\n" + ENTRY.format(id="a") + _link("b") + ENTRY.format(id="b") + _link("a")
    problems = _with_catalog(tmp_path, yaml_text)
    assert problems == ["licenses/models.yaml:16: models[1] (b).lineage.0.model: lineage forms a cycle: a -> b -> a"]
    problems = _with_catalog(tmp_path / "self", "models:\n" + ENTRY.format(id="a") + _link("a"))
    assert problems == ["licenses/models.yaml:7: models[0] (a).lineage.0.model: lineage forms a cycle: a -> a"]


def test_a_license_the_lineage_reaches_must_be_the_license_or_in_also(tmp_path: Path) -> None:
    base = ENTRY.format(id="base")
    held_elsewhere = "  - id: tuned\n    name: Tuned\n    license: null\n    not_held: Its own terms\n    modalities: [text]\n"
    problems = _with_catalog(tmp_path, "models:\n" + base + held_elsewhere + _link("base"))
    assert problems == [
        "licenses/models.yaml:12: models[1] (tuned).lineage.0: license 'demo' reaches this model through its lineage "
        "(base) but is not its license or in also"
    ]
    # through a chain: top is distilled from a fine-tune of base; base's license reaches top too
    chain = "models:\n" + base + ENTRY.format(id="mid") + _link("base") + held_elsewhere.replace("tuned", "top")
    chain += _link("mid", route="outputs", relation="distillation")
    problems = _with_catalog(tmp_path / "chain", chain)
    assert len(problems) == 1 and "license 'demo' reaches this model through its lineage (mid)" in problems[0]
    # listed in also, it is fine
    fixed = "models:\n" + base + held_elsewhere.replace("    modalities", "    also: [demo]\n    modalities") + _link("base")
    root = tmp_path / "fixed"
    shutil.copytree(MINI, root)
    (root / "licenses" / "models.yaml").write_text(fixed, encoding="utf-8")
    (tuned,) = [m for m in load_catalog(root).models if m.id == "tuned"]
    assert tuned.lineage[0].model == "base" and tuned.licenses == ["demo"]


def test_a_named_link_outside_the_catalog_needs_a_known_license_or_not_held(tmp_path: Path) -> None:
    named = ENTRY.format(id="a") + _link("Some base", key="name").replace(
        "        route", "        license: llama-9\n        route"
    )
    problems = _with_catalog(tmp_path, "models:\n" + named)
    assert problems == ["licenses/models.yaml:8: models[0] (a).lineage.0.license: no license 'llama-9' in this tool"]
    problems = _with_catalog(tmp_path / "neither", "models:\n" + ENTRY.format(id="a") + _link("Some base", key="name"))
    assert len(problems) == 1 and problems[0].startswith("licenses/models.yaml:7:") and "not_held" in problems[0]


@pytest.mark.parametrize(
    ("link", "says"),
    [
        (_link("b", route="outputs", relation="fine_tune"), "not one of the outputs route's: distillation, synthetic_data"),
        (_link("b", route="code", relation="training_code"), "'weights', 'outputs' or 'dataset'"),
        (_link("b").replace("        source: 'a card: \"built on it\"'\n", ""), "source"),
        (_link("b").replace("      - model: b\n", "      - model: b\n        name: B\n"), "not both"),
    ],
    ids=["relation-not-of-route", "code-route", "no-source", "model-and-name"],
)
def test_a_malformed_lineage_link_is_named_with_file_and_line(tmp_path: Path, link: str, says: str) -> None:
    problems = _with_catalog(tmp_path, "models:\n" + ENTRY.format(id="b") + ENTRY.format(id="a") + link)
    assert problems and all(p.startswith("licenses/models.yaml:1") and "lineage" in p for p in problems), problems
    assert any(says in p for p in problems), problems


def test_every_shipped_lineage_link_has_a_source_and_names_a_license_or_why_not(catalog: Catalog) -> None:
    ids = {m.id for m in catalog.models}
    links = [(m, link) for m in catalog.models for link in m.lineage]
    assert len(links) >= 20  # the distilled, guard, Nemotron and fine-tuned entries
    for m, link in links:
        assert link.source.strip() and ("@" in link.source or "https://" in link.source or "library file id" in link.source), m.id
        assert link.model in ids if link.model else (link.license or link.not_held), (m.id, link)


def test_the_distilled_models_lineage_says_base_weights_and_teacher_outputs(catalog: Catalog) -> None:
    by_id = {m.id: m for m in catalog.models}
    got = [(link.model, link.route, link.relation) for link in by_id["deepseek-r1-distill-llama-8b"].lineage]
    assert got == [("llama-3.1-8b", "weights", "fine_tune"), ("deepseek-r1", "outputs", "distillation")]
    nano = by_id["llama-3.1-nemotron-nano-8b-v1"].lineage
    assert (nano[0].model, nano[0].route) == ("llama-3.1-8b-instruct", "weights")
    assert nano[1].model is None and nano[1].license is None and "Qwen" in (nano[1].name or "")


def test_the_catalog_relations_are_the_lineage_models_and_a_link_converts_to_a_component(catalog: Catalog) -> None:
    """The content layer cannot import license_risk.lineage; this keeps the two in step."""
    from license_risk.content.checkpoints import CATALOG_RELATIONS
    from license_risk.lineage.model import RELATIONS, Component, Lineage

    for route, relations in CATALOG_RELATIONS.items():
        assert set(relations) <= set(RELATIONS[route]), route
    by_id = {m.id: m for m in catalog.models}
    for m in catalog.models:
        components = [
            Component(
                id=f"c{j}",
                name=by_id[link.model].name if link.model else link.name or "",
                model=link.model,
                licenses=by_id[link.model].licenses if link.model else [lic for lic in [link.license] if lic],
                license_note=link.not_held,
                route=link.route,
                relation=link.relation,
                source=link.source,
            )
            for j, link in enumerate(m.lineage)
        ]
        lineage = Lineage(model_name=m.name[:300], components=components)
        assert set(lineage.licenses) <= set(m.licenses), m.id


def test_search_results_read_in_japanese(catalog: Catalog) -> None:
    """How a result matched, its modalities and the license lines: in the page's language."""
    from license_risk.content.localized import localized

    ja = localized(catalog, "ja")
    label = {lic: ja.license_of(lic).model.name for lic in ja.license_ids}
    (hit,) = [h for h in search(ja.models, "bartowski/gemma-2-9b-it-GGUF")][:1]
    assert hit.note == f"A quantized re-upload (GGUF) by bartowski of {hit.matched}: the same licenses apply to it."
    assert (
        hit.describe("ja")
        == f"bartowski による {hit.matched} の量子化版の再アップロード（GGUF）です。同じライセンスが適用されます。"
    )
    (llama70b,) = [h.model for h in search(ja.models, "DeepSeek-R1-Distill-Llama-70B")]
    lines = checkpoint_lines(llama70b, label, "ja", ja.model_word)
    assert lines[0].endswith("· テキスト、コード")
    assert "Llama 3.3 Community License Agreementも適用されます" in lines


def test_the_covered_licenses_table_in_japanese(catalog: Catalog) -> None:
    from license_risk.content.localized import localized
    from license_risk.memo.listing import license_rows

    rows, notes = license_rows(localized(catalog, "ja"))
    header = [
        "ライセンス",
        "バージョン",
        "発効日",
        "ライセンサー",
        "組み込まれた規約",
        "準拠法",
        "オープンソースの定義（OSD）",
        "質問数",
    ]
    assert list(rows[0]) == header and len(rows) == len(catalog.license_ids) and notes
    assert {"満たす", "満たさない"} <= {r["オープンソースの定義（OSD）"] for r in rows}
    assert all(r["質問数"].endswith(")") is False and "問（質問ツリー v" in r["質問数"] for r in rows)
    english, _ = license_rows(catalog)
    assert {"meets it", "does not meet it"} <= {r["Open Source Definition"] for r in english}
