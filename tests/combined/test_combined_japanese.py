"""The combined result in Japanese: conflicts, routes, statuses and the graph in the catalog's language,
the license quotes in their governing English, and the same conflicts as in English."""

from __future__ import annotations

import re

import pytest
from combined_support import LLAMA_ANSWERS, PLAN, component

from license_risk.combined.conflicts import Conflict, conflicts
from license_risk.combined.graph import lineage_graph
from license_risk.combined.svg import graph_svg
from license_risk.content.localized import localized
from license_risk.lineage.model import Lineage
from scoring.rating import assess

GLM_KEPT = {
    "glm_registered": True,
    "glm_license_notice": True,
    "glm4_attribution": ["agreement_copy", "built_with"],
    "glm4_name_prefix": True,
}
# One lineage that brings all four kinds of conflict: two naming rules, NonCommercial data, RAIL weights and GPL code,
# released under Apache-2.0.
LINEAGE = Lineage(
    model_name="Acme Reasoner",
    components=[
        component("llama", ["llama-3.1"], "weights", "merge", name="Llama-3.1-8B"),
        component("glm", ["glm-4"], "weights", "merge", name="glm-4-9b"),
        component("rail", ["bigscience-openrail-m"], "weights", "fine_tune", name="RAIL base", into="llama"),
        component("nc", ["cc-by-nc-4.0"], "dataset", "fine_tuning", name="NC Instructions"),
        component("gpl", ["gpl-3.0"], "code", "training_code", name="GPL trainer"),
    ],
    release_license="apache-2.0",
)
ANSWERS = {"intake": PLAN, "llama-3.1": LLAMA_ANSWERS, "glm-4": GLM_KEPT, "cc-by-nc-4.0": {"cc_training_data": "known"}}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# Four English words in a row, once names and quotes are taken out, is a sentence left untranslated.
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ ,]+[A-Za-z]+){3,}")


def found(catalog) -> list[Conflict]:
    return conflicts(catalog, assess(catalog, LINEAGE.licenses, ANSWERS), LINEAGE, release_license=LINEAGE.release_license)


@pytest.fixture(scope="module")
def both(catalog) -> tuple[list[Conflict], list[Conflict]]:
    return found(catalog), found(localized(catalog, "ja"))


def texts(c: Conflict) -> list[str]:
    return [c.title, c.explanation, c.action, *(s.requires for s in c.sides), *(p.text for s in c.sides for p in s.plan)]


def leftover_english(text: str, catalog) -> list[str]:
    names = sorted({p.model.name for p in catalog.profiles.values()}, key=len, reverse=True)
    for name in names:
        text = text.replace(name, " ")
    text = re.sub(r"“[^”]*”", " ", text)  # a quote of the official text stays English
    text = re.sub(r"（[A-Za-z ]+）", " ", text)  # a defined term's English after its Japanese (docs/glossary-ja.md)
    return ENGLISH_RUN.findall(text)


def test_the_same_conflicts_in_japanese_every_text_translated(both, catalog) -> None:
    en, ja = both
    assert [c.kind for c in en] == ["naming", "noncommercial-data", "rail-use-restrictions", "copyleft-training"]
    assert [(c.kind, c.needs_legal_review, c.findings) for c in ja] == [(c.kind, c.needs_legal_review, c.findings) for c in en]
    ja_catalog = localized(catalog, "ja")
    for e, j in zip(en, ja, strict=True):
        for text in texts(j):
            assert JAPANESE.search(text), text
            assert not leftover_english(text, ja_catalog), (text, leftover_english(text, ja_catalog))
        assert not set(texts(e)) & set(texts(j))
    naming = ja[0]
    assert naming.sides[0].requires == "派生モデルの名称は「Llama」で始めなければなりません。"
    assert naming.open_questions[0].startswith("いずれの文書も")


def test_quotes_stay_in_the_governing_english(both) -> None:
    en, ja = both
    copyleft = ja[3]
    assert copyleft.sides[0].clause is not None and f"“{copyleft.sides[0].clause.quote}”" in copyleft.explanation
    assert "“for NonCommercial purposes only”" in ja[1].explanation
    assert "“included as an enforceable provision”" in ja[2].explanation
    assert [s.clause.quote for c in ja for s in c.sides if s.clause] == [s.clause.quote for c in en for s in c.sides if s.clause]


def test_english_reads_as_before(both) -> None:
    en, _ = both
    naming = en[0]
    assert naming.title == (
        "Llama 3.1 Community License Agreement and The glm-4-9b License each require their own name at the beginning "
        "of the model's name"
    )
    assert naming.sides[0].requires == "The derived model's name must begin with “Llama”."
    assert (
        "A name can begin with “Llama” or with “glm-4”, not with both. The planned name is “Acme Reasoner”. So,"
        in naming.explanation
    )
    assert (
        en[3].title
        == "GNU General Public License, version 3 training material against a release under Apache License, Version 2.0"
    )
    clause = naming.sides[0].clause
    assert clause is not None and clause.reference.startswith("Llama 3.1 Community License Agreement, section 1.b.i (")


def test_the_graph_and_sources_in_japanese(catalog) -> None:
    ja_catalog = localized(catalog, "ja")
    a = assess(ja_catalog, LINEAGE.licenses, ANSWERS)
    ja_svg, en_svg = graph_svg(lineage_graph(LINEAGE, a, "ja")), graph_svg(lineage_graph(LINEAGE, a))
    assert "重み · マージ" in ja_svg and "総合評価：" in ja_svg and "Acme Reasoner の系譜" in ja_svg
    assert "weights · merge" not in ja_svg and "overall:" not in ja_svg
    assert "weights · merge" in en_svg and "overall: critical" in en_svg and "Lineage of Acme Reasoner" in en_svg
    rail = next(c for c in found(ja_catalog) if c.kind == "rail-use-restrictions")
    (source,) = rail.sides[0].sources
    assert source.text_in("ja") == "RAIL base：重み、ファインチューニング（Llama-3.1-8B 経由）"
    assert source.text == "RAIL base: weights, fine tune (via Llama-3.1-8B)"


def test_license_notes_of_a_lineage_read_in_the_page_language(catalog) -> None:
    """The notes stored with a lineage stay English (data); a fixed note and a catalog's not-held license are
    shown in Japanese, in the graph and in the memo's lineage table."""
    from license_risk.content.checkpoints import search
    from license_risk.lineage.from_catalog import catalog_components
    from license_risk.lineage.imported import Ids
    from license_risk.lineage.model import NOTE_NOT_GIVEN
    from license_risk.memo.duties import combined_section

    (qwen,) = [hit.model for hit in search(catalog.models, "Qwen2.5-72B-Instruct")]
    ja = localized(catalog, "ja")
    from_catalog = catalog_components(ja, qwen, route="weights", relation="fine_tune", ids=Ids())
    assert from_catalog[0].license_note == qwen.not_held  # stored in English whatever the page's language
    lineage = Lineage(
        model_name="Acme Reasoner",
        components=[*from_catalog, component("mine", [], "dataset", "training", name="Own data")],
    )
    lineage = lineage.model_copy(
        update={"components": [*from_catalog, lineage.components[-1].model_copy(update={"license_note": NOTE_NOT_GIVEN})]}
    )
    translated = ja.model_word(qwen.not_held)
    assert JAPANESE.search(translated) and "Qwen LICENSE AGREEMENT" in translated
    svg = graph_svg(lineage_graph(lineage, None, "ja", ja.model_word))
    assert translated in svg and "ライセンスの指定なし" in svg and "license not given" not in svg
    rows = combined_section(ja, assess(ja, [], {"intake": PLAN}), lineage).lineage
    assert [r.licenses for r in rows] == [translated, "ライセンスの指定なし"]
    english = combined_section(catalog, assess(catalog, [], {"intake": PLAN}), lineage).lineage
    assert [r.licenses for r in english] == [qwen.not_held, "license not given"]
