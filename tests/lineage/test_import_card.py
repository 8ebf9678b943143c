"""Hugging Face model cards, written after real ones, import to the lineage they describe."""

from __future__ import annotations

import pytest
from lineage_support import CARDS, refuse_network, summary

from license_risk.content.catalog import Catalog
from license_risk.lineage.card import read_card
from license_risk.lineage.imported import ImportRefused
from license_risk.lineage.reach import reaches_by_license


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_network(monkeypatch)


def card(catalog: Catalog, name: str, **kw: object):
    return read_card((CARDS / name).read_bytes(), name, catalog, **kw)  # type: ignore[arg-type]


def test_distil_card_with_its_repository_id(catalog: Catalog) -> None:
    imported = card(catalog, "deepseek-r1-distill-llama-8b.md", model_id="deepseek-ai/DeepSeek-R1-Distill-Llama-8B")
    assert imported.lineage.model_name == "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"
    # The card says `license: mit`; the catalog settles which MIT (DeepSeek's) and adds the Llama base's.
    assert summary(imported.lineage) == [
        (
            "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
            "deepseek-r1-distill-llama-8b",
            ["mit-deepseek-r1", "llama-3.1"],
            "weights",
            "unchanged",
            None,
        ),
        ("meta-llama/Llama-3.1-8B", "llama-3.1-8b", ["llama-3.1"], "weights", "fine_tune", None),
    ]
    assert imported.answers == {"intake": {"modifies_model": True}}
    assert "meta-llama/Llama-3.1-8B" in imported.reasons["intake"]["modifies_model"]
    # No relation on the card: the fine-tune is an inference, said where base_model is.
    (warning,) = imported.unmapped
    assert (warning.line, warning.where, warning.level) == (5, "base_model", "warning")
    assert "no base_model_relation" in warning.message
    assert imported.lineage.components[1].source == "deepseek-r1-distill-llama-8b.md:5 base_model.0"


def test_distil_card_without_its_id_reads_the_plain_mit_license(catalog: Catalog) -> None:
    imported = card(catalog, "deepseek-r1-distill-llama-8b.md")
    assert imported.lineage.model_name == "DeepSeek-R1-Distill-Llama-8B"  # the first heading
    own = imported.lineage.components[0]
    assert (own.model, own.licenses, own.source) == (None, ["mit"], "deepseek-r1-distill-llama-8b.md:2 license")
    assert set(reaches_by_license(imported.lineage)) == {"mit", "llama-3.1"}


def test_mergekit_merge(catalog: Catalog) -> None:
    imported = card(catalog, "mergekit-slerp.md")
    assert summary(imported.lineage) == [
        ("slerp-merge", None, [], "weights", "unchanged", None),
        ("01-ai/Yi-1.5-6B-Chat", None, [], "weights", "merge", None),
        ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b-instruct", ["llama-3.1"], "weights", "merge", None),
    ]
    problems = {(p.line, p.where, p.level): p.message for p in imported.unmapped}
    assert "states no license" in problems[(2, "license", "error")]
    assert "read as merge from several base models or a merge tag" in problems[(3, "base_model", "warning")]
    assert "not in this tool's model catalog" in problems[(3, "base_model.0", "warning")]
    assert imported.lineage.components[1].license_note and "unknown" in imported.lineage.components[1].license_note


def test_peft_adapter_with_a_dataset(catalog: Catalog) -> None:
    imported = card(catalog, "peft-lora-adapter.md")
    assert summary(imported.lineage) == [
        ("Assistant LoRA Adapter", None, ["apache-2.0"], "weights", "unchanged", None),
        ("Qwen/Qwen2.5-7B-Instruct", "qwen2.5-apache", ["apache-2.0"], "weights", "adapter", None),
        ("HuggingFaceH4/ultrachat_200k", None, [], "dataset", "fine_tuning", None),
    ]
    dataset = imported.lineage.components[2]
    assert dataset.license_note and "not stated" in dataset.license_note
    assert dataset.source == "peft-lora-adapter.md:10 datasets.0"
    assert imported.unmapped == ()  # the relation is stated, the base is in the catalog
    assert imported.details == {"pipeline_tag": "text-generation", "library_name": "peft"}


def test_gguf_quantization(catalog: Catalog) -> None:
    imported = card(catalog, "gguf-quantization.md")
    assert summary(imported.lineage) == [
        ("gguf-quantization", None, ["llama-3.1"], "weights", "unchanged", None),
        ("meta-llama/Meta-Llama-3.1-70B-Instruct", "llama-3.1-70b-instruct", ["llama-3.1"], "weights", "quantization", None),
    ]
    messages = [p.message for p in imported.unmapped]
    assert any("read as quantization from a quantization tag or quantized_by" in m for m in messages)
    assert any("by name; check it" in m for m in messages)  # the repository was renamed: matched on its name only
    assert imported.details["quantized_by"] == "bartowski"


def test_license_other_asks_for_the_license_file_and_never_fetches_it(catalog: Catalog) -> None:
    imported = card(catalog, "license-other-modified.md")
    own = imported.lineage.components[0]
    assert own.licenses == []
    assert own.license_note and "modified-mit" in own.license_note
    (problem,) = imported.unmapped
    assert (problem.line, problem.where, problem.level) == (5, "license_link", "error")
    assert "never fetches" in problem.message and "give the license file" in problem.message


def test_identified_license_fills_the_hook(catalog: Catalog) -> None:
    first = card(catalog, "license-other-modified.md")
    own_id = first.lineage.components[0].id
    again = card(catalog, "license-other-modified.md", identified={own_id: "mit"})
    own = again.lineage.components[0]
    assert own.licenses == ["mit"]
    assert own.license_note and "identified from its license file" in own.license_note
    wrong = card(catalog, "license-other-modified.md", identified={own_id: "no-such-license", "ghost": "mit"})
    assert wrong.lineage.components[0].licenses == []
    messages = " | ".join(p.message for p in wrong.unmapped)
    assert "'no-such-license', is not a license this tool holds" in messages
    assert "no such component" in messages


def test_unknown_license_and_model(catalog: Catalog) -> None:
    imported = card(catalog, "unknown-license.md")
    assert summary(imported.lineage) == [
        ("Unknown licence model", None, [], "weights", "unchanged", None),
        ("someone/not-a-model-anyone-knows", None, [], "weights", "fine_tune", None),
        ("openai/gsm8k", None, [], "dataset", "fine_tuning", None),
    ]
    errors = [(p.line, p.where) for p in imported.unmapped if p.level == "error"]
    assert errors == [(2, "license")]
    assert "'wtfpl-ai-9' is not a license this tool holds" in imported.unmapped[0].message


@pytest.mark.parametrize(
    ("license_id", "expected"),
    [
        ("llama3.1", ["llama-3.1"]),  # hf_license of catalog entries
        ("LLAMA3.1", ["llama-3.1"]),  # case does not matter
        ("apache-2.0", ["apache-2.0"]),  # a profile's SPDX id
        ("cc-by-nc-4.0", ["cc-by-nc-4.0"]),
        ("gpl-3.0", ["gpl-3.0"]),  # Hugging Face's bare form of GPL-3.0-only
        ("gemma", ["gemma-2026-04"]),  # every gemma entry agrees
        ("mit", ["mit"]),  # two profiles are MIT; the one named mit itself
    ],
)
def test_hugging_face_license_ids(catalog: Catalog, license_id: str, expected: list[str]) -> None:
    text = f"---\nlicense: {license_id}\n---\n# M\n".encode()
    imported = read_card(text, "README.md", catalog)
    assert imported.lineage.components[0].licenses == expected
    assert imported.unmapped == ()


def test_a_license_whose_text_is_not_held_says_so(catalog: Catalog) -> None:
    imported = read_card(b"---\nlicense: qwen\n---\n# M\n", "README.md", catalog)
    assert imported.lineage.components[0].licenses == []
    assert "does not hold" in imported.unmapped[0].message


def test_stated_relations(catalog: Catalog) -> None:
    for stated, relation in [
        ("adapter", "adapter"),
        ("merge", "merge"),
        ("quantized", "quantization"),
        ("finetune", "fine_tune"),
    ]:
        text = f"---\nbase_model: mistralai/Mistral-7B-v0.1\nbase_model_relation: {stated}\n---\n".encode()
        imported = read_card(text, "README.md", catalog)
        assert imported.lineage.components[1].relation == relation
    odd = read_card(b"---\nbase_model: mistralai/Mistral-7B-v0.1\nbase_model_relation: sideways\n---\n", "README.md", catalog)
    assert odd.lineage.components[1].relation == "fine_tune"
    assert any(p.where == "base_model_relation" and p.line == 3 and "sideways" in p.message for p in odd.unmapped)


def test_lines_count_from_the_file_start(catalog: Catalog) -> None:
    text = b"\n\n---\n# a comment\nlicense: not-a-license\n---\n"
    imported = read_card(text, "README.md", catalog)
    assert imported.unmapped[0].line == 5


def test_wrong_types_are_unmapped_not_crashes(catalog: Catalog) -> None:
    text = b"---\nlicense: {a: 1}\nbase_model: 7\ndatasets: {x: y}\n---\n"
    imported = read_card(text, "README.md", catalog)
    assert {p.where for p in imported.unmapped} >= {"license", "base_model", "datasets"}
    assert [c.route for c in imported.lineage.components] == ["weights"]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("no-front-matter.md", 1, "no YAML front matter"),
        ("malformed-front-matter.md", 4, "not valid YAML"),
        ("unclosed-front-matter.md", 1, "never closed"),
    ],
)
def test_cards_that_cannot_be_read(catalog: Catalog, name: str, line: int, words: str) -> None:
    with pytest.raises(ImportRefused) as info:
        card(catalog, name)
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == (name, line)
    assert words in problem.message
    assert str(info.value).startswith(f"{name}:{line}:")


def test_the_network_guard_is_on() -> None:
    import socket

    with pytest.raises(AssertionError, match="tried to use the network"):
        socket.create_connection(("127.0.0.1", 9))
