"""The memo of a model built from several components: its lineage graph, every duty once, the conflicts."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import xml.etree.ElementTree as ET

import docx
import pytest
from docx.shared import Mm
from memo_support import ARTIFACTS, outline_titles, page_texts, render_pages, squash
from PIL import Image

from license_risk.combined.alt import graph_alt
from license_risk.combined.layout import NODE_H, layout
from license_risk.combined.style import fill
from license_risk.content.localized import localized
from license_risk.lineage.model import Component, Lineage
from license_risk.memo.docx import TEXT_WIDTH_MM, render_docx
from license_risk.memo.facts import COMBINED_HEADING, build_memo
from license_risk.memo.graph_png import SCALE
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf
from scoring.rating import assess

HOSTILE_NAME = "Student <script>alert(1)</script> 株式会社"
LINEAGE = Lineage(
    model_name=HOSTILE_NAME,
    components=[
        Component(id="base", name="Llama-3.1-8B-Instruct", licenses=["llama-3.1"], route="weights", relation="fine_tune"),
        Component(
            id="teacher", name="DeepSeek-R1", licenses=["mit-deepseek-r1"], route="outputs", relation="distillation", into="base"
        ),
        Component(id="nc", name="research corpus", licenses=["cc-by-nc-4.0"], route="dataset", relation="fine_tuning"),
    ],
)
ANSWERS = {
    "intake": {
        "organisation": "Kabushiki Kaisha Test",
        "commercial_use": True,
        "modifies_model": True,
        "derived_model_shared": True,
        "derived_model_name": "Student-8B",
        "hosted_service": True,
    },
    "cc-by-nc-4.0": {"cc_training_data": "known"},
}


def _memo(catalog, lineage: Lineage | None):
    licenses = lineage.licenses if lineage else ["llama-3.1"]
    a = assess(catalog, licenses, ANSWERS)
    return build_memo(catalog, a, ANSWERS, date=dt.date(2026, 12, 5), tool_version="test", lineage=lineage)


@pytest.fixture(scope="module")
def memo(catalog):
    return _memo(catalog, LINEAGE)


def test_the_combined_section_lists_each_duty_once_with_a_clause_that_exists(memo, catalog):
    c = memo.combined
    assert c is not None and c.graph is not None
    assert [r.component for r in c.lineage] == [x.name for x in LINEAGE.components]
    assert c.lineage[1].into == "Llama-3.1-8B-Instruct" and c.lineage[0].into == HOSTILE_NAME
    assert c.duties, "a shared fine-tune of Llama 3.1 carries duties (name, display, copy of the license)"
    assert len({(d.license_name, d.clause) for d in c.duties}) == len(c.duties)  # once each
    sections = {
        f"{p.model.name}, section {cl.section} ({cl.title})" for p in catalog.profiles.values() for cl in p.clauses.values()
    }
    assert all(d.clause in sections for d in c.duties)
    assert any("Llama-3.1-8B-Instruct: weights, fine tune" in d.brought_by for d in c.duties)
    # a NonCommercial dataset in a model used commercially is a conflict, with both sides named
    nc = [k for k in c.conflicts if "NonCommercial" in k.title]
    assert len(nc) == 1 and any("cc-by-nc" in s.lower() or "NonCommercial" in s for s in nc[0].sides)


def test_the_pdf_draws_the_lineage_and_keeps_the_section_together(memo):
    pdf = render_pdf(memo)
    pages = page_texts(pdf)
    # page 1 lists the heading in the contents: the section itself comes later
    start = next(i for i, t in enumerate(pages) if i > 0 and squash(COMBINED_HEADING) in squash(t))
    on_page = squash(pages[start])
    # the heading, the picture's boxes (names, licenses, ratings) and the route labels on one page
    assert squash("Lineage: how the model was built") in on_page
    assert all(squash(n) in on_page for n in ("Llama-3.1-8B-Instruct", "DeepSeek-R1", "research corpus", "Student"))
    assert squash("outputs · distillation") in on_page and "rating:" in on_page
    body = squash(" ".join(pages))
    assert squash("Every duty, once") in body and squash("Conflicts between the licenses") in body
    assert squash("Appendix G. Jurisdiction and openness: background") in body
    titles = outline_titles(pdf)
    assert COMBINED_HEADING in titles and titles.index(COMBINED_HEADING) < titles.index(
        "Appendix G. Jurisdiction and openness: background"
    )
    out = ARTIFACTS / "lineage-memo.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    # the page as a picture, for people to look at (artifacts/memo/lineage-page-N.png)
    (png,) = render_pages(out, ARTIFACTS / "lineage-page", dpi=70, first=start + 1, last=start + 1, gray=False)
    assert png.stat().st_size > 20_000


def test_the_html_has_the_graph_as_svg_escaped_and_a_contents_list_without_double_numbers(memo):
    page = render_html(memo)
    svg = re.search(r'<figure class="lineage">(.*?)</figure>', page, re.S)
    assert svg is not None
    root = ET.fromstring(svg.group(1))  # well-formed
    assert len(root.findall(".//{http://www.w3.org/2000/svg}g[@class='node']")) == 1 + len(LINEAGE.components)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    contents = re.search(r'<nav aria-label="Contents"><ol>(.*?)</ol></nav>', page, re.S).group(1)
    entries = re.findall(r"<a [^>]*>([^<]*)</a>", contents)
    assert entries and not [e for e in entries if re.match(r"\d+\.", e)], entries  # the list numbers them: no "4. 4."


def test_licenses_compared_without_a_lineage_have_no_combined_section(catalog):
    m = _memo(catalog, None)
    assert m.combined is None and m.background_heading.startswith("Appendix G. ")
    assert squash("Every duty, once") not in squash(" ".join(page_texts(render_pdf(m))))
    assert 'id="combined"' not in render_html(m)


def test_a_rail_model_released_under_apache_is_a_conflict_read_from_the_answers_file(catalog):
    from scoring.answers import dump_answers, parse_answers

    lineage = Lineage(
        model_name="Acme Diffusion",
        components=[
            Component(id="sd", name="RAIL base", licenses=["creativeml-openrail-m"], route="weights", relation="fine_tune")
        ],
        release_license="apache-2.0",
    )
    answers = {"intake": ANSWERS["intake"] | {"distributes_model": True}}
    text = dump_answers(catalog, [], answers, lineage=lineage)
    assert "release_license: apache-2.0" in text
    loaded = parse_answers(text.encode(), "a.yaml", catalog)
    assert loaded.lineage.release_license == "apache-2.0"
    a = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    m = build_memo(catalog, a, loaded.answers, date=dt.date(2026, 12, 5), tool_version="t", lineage=loaded.lineage)
    titles = [k.title for k in m.combined.conflicts]
    assert "CreativeML Open RAIL-M use restrictions against a release under Apache License, Version 2.0" in titles, titles
    # an unknown release license is reported at its line, and the rest of the lineage is kept
    bad = text.replace("release_license: apache-2.0", "release_license: no-such-license")
    line = next(i for i, row in enumerate(bad.splitlines(), 1) if "no-such-license" in row)
    reread = parse_answers(bad.encode(), "b.yaml", catalog)
    assert reread.lineage is not None and reread.lineage.release_license is None and reread.lineage.components
    assert any(p.line == line and "no license 'no-such-license'" in p.message for p in reread.problems)


def test_the_word_memo_has_the_lineage_as_a_picture_with_its_alt_text(memo, catalog):
    doc = docx.Document(io.BytesIO(render_docx(memo)))
    graph = memo.combined.graph
    texts = [p.text for p in doc.paragraphs]
    heading = texts.index("Lineage: how the model was built")
    (shape,) = doc.inline_shapes
    picture = next(i for i, p in enumerate(doc.paragraphs) if p._p.xpath(".//pic:pic"))
    assert picture == heading + 2  # under the heading and the sentence that explains the boxes and arrows
    doc_pr = shape._inline.docPr
    assert doc_pr.get("descr") == graph_alt(graph) and HOSTILE_NAME in doc_pr.get("descr")
    assert doc_pr.get("title") == f"Lineage of {HOSTILE_NAME}"
    assert shape.width <= Mm(TEXT_WIDTH_MM) + 1
    blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(io.BytesIO(doc.part.related_parts[blob].blob))
    _pos, width, height = layout(graph)
    assert image.format == "PNG" and image.size == (math.ceil(width * SCALE), math.ceil(height * SCALE))
    # each box is filled with its rating's colour (the picture is drawn, not blank)
    for node in graph.nodes:
        x, y = _pos[node.id]
        inside = image.getpixel((round((x + 6) * SCALE), round((y + NODE_H - 6) * SCALE)))
        assert inside == tuple(int(fill(node.rating)[i : i + 2], 16) for i in (1, 3, 5)), node.name
    out = ARTIFACTS / "lineage-word.png"  # for people to look at
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)


def test_the_word_memo_picture_speaks_japanese_in_a_japanese_memo(catalog):
    ja = _memo(localized(catalog, "ja"), LINEAGE)
    doc = docx.Document(io.BytesIO(render_docx(ja)))
    (shape,) = doc.inline_shapes
    assert shape._inline.docPr.get("descr") == graph_alt(ja.combined.graph)
    assert "系譜" in shape._inline.docPr.get("title")
    blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    (ARTIFACTS / "lineage-word-ja.png").write_bytes(doc.part.related_parts[blob].blob)
    assert render_docx(ja) == render_docx(ja)  # the same memo, the same bytes, picture included
