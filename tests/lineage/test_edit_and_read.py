"""Editing a lineage as the app does, and telling a BOM's format from its content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from license_risk.content.problems import InputError
from license_risk.lineage.edit import USES, ids_of, with_components, without
from license_risk.lineage.model import RELATIONS, Component, Lineage
from license_risk.lineage.read import bom_format, read_lineage

BOMS = Path(__file__).resolve().parents[1] / "fixtures" / "bom"


def _c(cid: str, into: str | None = None) -> Component:
    return Component(id=cid, name=cid.upper(), licenses=["mit"], route="weights", relation="fine_tune", into=into)


def test_removing_a_component_removes_what_was_used_to_build_it():
    lineage = Lineage(model_name="m", components=[_c("a"), _c("b", "a"), _c("c", "b"), _c("d")])
    assert [c.id for c in without(lineage, "b").components] == ["a", "d"]
    assert [c.id for c in without(lineage, "a").components] == ["d"]
    assert without(Lineage(model_name="m", components=[_c("a")]), "a") is None


def test_adding_keeps_ids_unique_and_the_model_checks():
    lineage = Lineage(model_name="m", components=[_c("a")])
    ids = ids_of(lineage)
    new = ids.make("a")
    assert new != "a"
    grown = with_components(lineage, "renamed", [_c(new, "a")])
    assert grown.model_name == "renamed" and len(grown.components) == 2
    with pytest.raises(ValueError, match="names no component"):
        with_components(lineage, "m", [_c("x", "nowhere")])


def test_every_use_offered_is_a_route_and_relation_the_model_accepts():
    assert {(r, rel) for r, rels in RELATIONS.items() for rel in rels} == set(USES)


def test_a_bom_s_format_comes_from_its_content():
    assert bom_format((BOMS / "ml-bom.cdx.json").read_bytes()) == "CycloneDX"
    assert bom_format((BOMS / "ai-model.spdx3.json").read_bytes()) == "SPDX 3"
    assert bom_format((BOMS / "spdx-2.3.json").read_bytes()) == "SPDX 3"  # its reader says SPDX 2 is not read
    assert bom_format(b"[1, 2]") is None and bom_format(b"\xff\xfe") is None and bom_format(b"{}") is None


def test_a_json_file_that_is_no_bom_is_refused_by_name(catalog):
    with pytest.raises(InputError, match=r"x\.json"):
        read_lineage(json.dumps({"hello": 1}).encode(), "x.json", catalog, "bom")
    with pytest.raises(InputError, match="not a CycloneDX ML-BOM or an SPDX 3 document"):
        read_lineage(b"hello", "x.json", catalog, "bom")
    with pytest.raises(InputError, match=r"spdx-2\.3\.json:1"):
        read_lineage((BOMS / "spdx-2.3.json").read_bytes(), "spdx-2.3.json", catalog, "bom")
