"""Model search by real Hugging Face ids: with or without the organisation, instruction-tuned names,
quantized re-uploads under other organisations; how each result matched, and what it matched first."""

from __future__ import annotations

import pytest

from license_risk.content.catalog import Catalog
from license_risk.content.checkpoints import Derivation, Match, search

# (what a user pastes, the catalog entry found first, how it matched)
REAL_IDS = [
    # the two the issue names
    ("google/gemma-2-9b-it", "gemma-2-9b", "exact"),
    ("stabilityai/stable-diffusion-xl-base-1.0", "sdxl-1.0", "exact"),
    # exact ids, with and without the organisation, and as a hub address
    ("gemma-2-9b-it", "gemma-2-9b", "exact"),
    ("stable-diffusion-xl-base-1.0", "sdxl-1.0", "exact"),
    ("https://huggingface.co/google/gemma-2-9b-it/tree/main", "gemma-2-9b", "exact"),
    ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b-instruct", "exact"),
    ("Llama-3.3-70B-Instruct", "llama-3.3-70b-instruct", "exact"),
    ("mistralai/Mistral-7B-Instruct-v0.2", "mistral-7b-v0.2", "exact"),
    ("Qwen2.5-72B-Instruct", "qwen2.5-72b", "exact"),
    ("deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", "deepseek-r1-distill-qwen", "exact"),
    ("nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-FP8", "nemotron-3-nano-30b-a3b", "exact"),  # the official FP8 is the model
    ("microsoft/Phi-3-mini-4k-instruct-gguf", "phi-3-mini", "exact"),  # Microsoft's own GGUF
    ("stabilityai/stable-diffusion-xl-refiner-1.0", "sdxl-1.0", "exact"),
    # instruction-tuned and -hf names of an alias
    ("meta-llama/Llama-3.2-3B-Instruct-hf", "llama-3.2-3b", "variant"),
    ("codellama/CodeLlama-7b-Instruct", "codellama", "variant"),
    ("NousResearch/Llama-2-7b-chat-hf", "llama-2-7b", "variant"),  # the same name under another organisation
    # partial names
    ("Llama-4-Maverick", "llama-4-maverick-17b-128e", "contains"),
    ("Llama 3.2 Vision", "llama-3.2-11b-vision", "contains"),
]
# quantized re-uploads, most under other organisations
QUANTIZED = [
    ("bartowski/gemma-2-9b-it-GGUF", "gemma-2-9b", "variant"),
    ("TheBloke/Llama-2-7B-Chat-GGUF", "llama-2-7b", "variant"),
    ("unsloth/Meta-Llama-3.1-8B-Instruct-bnb-4bit", "llama-3.1-8b-instruct", "variant"),
    ("TheBloke/Mistral-7B-Instruct-v0.2-AWQ", "mistral-7b-v0.2", "variant"),
    ("TheBloke/Mixtral-8x7B-Instruct-v0.1-GPTQ", "mixtral-8x7b-v0.1", "variant"),
    ("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "qwen2.5-apache", "variant"),
    ("mlx-community/Meta-Llama-3.1-8B-Instruct-4bit", "llama-3.1-8b-instruct", "variant"),
    ("neuralmagic/Meta-Llama-3.1-8B-Instruct-FP8", "llama-3.1-8b-instruct", "variant"),
    ("RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic", "llama-3.3-70b-instruct", "variant"),
    ("lmstudio-community/gemma-2-27b-it-GGUF", "gemma-2-9b", "variant"),
    ("bartowski/Ministral-8B-Instruct-2410-GGUF", "ministral-8b-instruct-2410", "variant"),
    ("unsloth/DeepSeek-R1-Distill-Llama-8B-GGUF", "deepseek-r1-distill-llama-8b", "variant"),
    ("mradermacher/Llama-3.3-70B-Instruct-i1-GGUF", "llama-3.3-70b-instruct", "variant"),
    ("TheBloke/CodeLlama-7B-Instruct-GGUF", "codellama", "variant"),
    ("bartowski/Phi-3.5-mini-instruct-GGUF", "phi-3.5-mini", "variant"),
    ("unsloth/gemma-3-27b-it-bnb-4bit", "gemma-3", "variant"),
    ("gemma-2-9b-it-Q4_K_M.gguf", "gemma-2-9b", "variant"),  # a downloaded file's name
    ("bartowski/Qwen2.5-72B-Instruct-GGUF", "qwen2.5-72b", "variant"),
]
REAL_IDS += QUANTIZED
NOT_IN_CATALOG = [
    "bert-base-uncased",
    "google-bert/bert-base-uncased",
    "openai/whisper-large-v3",
    "sentence-transformers/all-MiniLM-L6-v2",
    "facebook/opt-125m",
    "openai-community/gpt2",
    "TheBloke/an-unknown-model-7B-GGUF",
]


@pytest.mark.parametrize(("query", "entry", "how"), REAL_IDS, ids=[q for q, _, _ in REAL_IDS])
def test_a_real_hugging_face_id_finds_its_catalog_entry_first(catalog: Catalog, query: str, entry: str, how: str) -> None:
    found = search(catalog.models, query)
    assert found, f"nothing found for {query!r}"
    assert (found[0].model.id, found[0].how) == (entry, how), [(m.model.id, m.how) for m in found]


@pytest.mark.parametrize("query", NOT_IN_CATALOG)
def test_an_unrelated_id_finds_nothing(catalog: Catalog, query: str) -> None:
    assert search(catalog.models, query) == []


def test_a_family_name_alone_still_lists_several_entries(catalog: Catalog) -> None:
    found = search(catalog.models, "llama")
    assert len(found) >= 10 and all(m.how == "contains" for m in found)
    assert len(search(catalog.models, "gemma")) >= 3
    assert len(search(catalog.models, "")) == len(catalog.models)  # an empty query lists every entry


def test_exact_matches_come_first_then_variants_then_names_containing_the_query(catalog: Catalog) -> None:
    found = search(catalog.models, "Llama-3.1-8B")
    assert [(m.model.id, m.how) for m in found] == [("llama-3.1-8b", "exact"), ("llama-3.1-8b-instruct", "variant")]
    found = search(catalog.models, "deepseek-ai/DeepSeek-R1")
    assert (found[0].model.id, found[0].how) == ("deepseek-r1", "exact")
    assert {m.model.id for m in found[1:]} == {
        "deepseek-r1-distill-llama-8b",
        "deepseek-r1-distill-llama-70b",
        "deepseek-r1-distill-qwen",
    }
    assert all(m.how == "contains" for m in found[1:])
    order = {"exact": 0, "variant": 1, "contains": 2}
    for query in ("Meta-Llama-3.1-8B-Instruct", "gemma-2", "Qwen2.5-7B", "stable-diffusion"):
        ranks = [order[m.how] for m in search(catalog.models, query)]
        assert ranks == sorted(ranks), query


def test_numbers_are_not_cut_in_two(catalog: Catalog) -> None:
    """Qwen2.5-7B is not Qwen2-57B-A14B, and Llama 3 is not a 30B model, although their letters and digits agree."""
    assert [m.model.id for m in search(catalog.models, "Qwen/Qwen2.5-7B")] == ["qwen2.5-apache"]
    assert [m.model.id for m in search(catalog.models, "Qwen2-57B-A14B")] == ["qwen2-apache"]
    assert "llama-3.1-8b" in {m.model.id for m in search(catalog.models, "llama3.1-8b")}


def test_a_quantized_re_upload_says_which_entry_it_was_made_from_and_how(catalog: Catalog) -> None:
    (hit,) = search(catalog.models, "bartowski/gemma-2-9b-it-GGUF")
    assert hit.derived == Derivation(model="gemma-2-9b", route="weights", relation="quantization", marks=("GGUF",))
    assert hit.organisation == "bartowski" and hit.matched == "gemma-2-9b-it"
    assert hit.note is not None and "quantized re-upload (GGUF) by bartowski of gemma-2-9b-it" in hit.note
    first = search(catalog.models, "unsloth/Meta-Llama-3.1-8B-Instruct-bnb-4bit")[0]
    assert first.derived is not None and first.derived.marks == ("bnb", "4bit") and first.organisation == "unsloth"
    for query, _, _ in QUANTIZED:
        hit = search(catalog.models, query)[0]
        assert hit.derived is not None and hit.derived.model == hit.model.id, query
        assert (hit.derived.route, hit.derived.relation) == ("weights", "quantization"), query


def test_an_exact_or_unquantized_match_claims_no_derivation(catalog: Catalog) -> None:
    for query in ("google/gemma-2-9b-it", "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-FP8", "NousResearch/Llama-2-7b-chat-hf"):
        hit = search(catalog.models, query)[0]
        assert hit.derived is None, query
    other = search(catalog.models, "NousResearch/Llama-2-7b-chat-hf")[0]
    assert (
        other.organisation == "NousResearch"
        and other.note == "Matched as a variant under NousResearch of meta-llama/Llama-2-7b-chat-hf."
    )
    assert search(catalog.models, "google/gemma-2-9b-it")[0].note is None


def test_each_entry_is_listed_once_with_its_best_match(catalog: Catalog) -> None:
    for query in ("llama", "Qwen", "TheBloke/Llama-2-7B-Chat-GGUF", "gemma-2-9b"):
        ids = [m.model.id for m in search(catalog.models, query)]
        assert len(ids) == len(set(ids)), query


def test_the_normalized_names_are_computed_once_per_entry_not_per_search(catalog: Catalog) -> None:
    search(catalog.models, "gemma")
    keys = [m._search for m in catalog.models]
    search(catalog.models, "bartowski/gemma-2-9b-it-GGUF")
    assert all(m._search is k for m, k in zip(catalog.models, keys, strict=True))


def test_a_match_is_plain_data_for_the_app() -> None:
    assert {f for f in Match.__dataclass_fields__} == {"model", "how", "matched", "organisation", "derived"}
