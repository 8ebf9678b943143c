"""The memo's layout, read back with poppler (Debian poppler-utils): nothing off the page, nothing
overlapping, Japanese wrapped without justification gaps, and pages that still look like the
reference renders in tests/fixtures/memo/.

Review renders of every page go to artifacts/memo/ (git-ignored): look at them after a layout change.
After an intended change, refresh the references with:  MEMO_UPDATE_RENDERS=1 .venv/bin/python -m pytest tests/memo/test_memo_layout.py
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path

import pytest
from memo_support import (
    ARTIFACTS,
    FIXTURES,
    PREPARED_FOR,
    SCRIPTS,
    assert_no_glyph_warnings,
    glyph_warnings,
    have,
    render_pages,
    sample_memo,
    word_boxes,
)
from PIL import Image, ImageChops

import license_risk
from license_risk.content.catalog import Catalog
from license_risk.memo.facts import build_memo
from license_risk.memo.linebreak import PHRASE_MAX
from license_risk.memo.pdf import render_pdf
from license_risk.shipped import ROOT
from scoring.answers import read_answers
from scoring.rating import assess

pytestmark = pytest.mark.skipif(
    not (have("pdftoppm") and have("pdftotext")),
    reason="needs poppler-utils (pdftoppm, pdftotext): apt-get install poppler-utils",
)

MM = 72 / 25.4
PAGES = 7
REFERENCE_PAGES = (1, 3, 6)  # title and summary, findings, appendix


@pytest.fixture(scope="module")
def sample_pdf() -> Path:
    memo = sample_memo(organisation=" / ".join(SCRIPTS.values()), prepared_for=PREPARED_FOR)
    with glyph_warnings() as records:
        pdf = render_pdf(memo)
    assert_no_glyph_warnings(records)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "sample.pdf"
    path.write_bytes(pdf)
    return path


@pytest.fixture(scope="module")
def example_pdf(catalog: Catalog) -> Path:
    loaded = read_answers(ROOT / "examples" / "japanese-saas-chatbot.yaml", catalog)
    assessment = assess(catalog, loaded.licenses, loaded.answers)
    memo = build_memo(catalog, assessment, loaded.answers, date=dt.date(2026, 1, 15), tool_version=license_risk.__version__)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "example-layout.pdf"
    path.write_bytes(render_pdf(memo))
    return path


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _area(box: tuple[float, ...]) -> float:
    return max(box[2] - box[0], 0.01) * max(box[3] - box[1], 0.01)


def layout_problems(path: Path) -> tuple[list, list]:
    """Words outside the margins, and pairs of words that overlap (a table cell or line drawn over another)."""
    words = word_boxes(path)
    off, clashes = [], []
    by_page: dict[int, list[dict]] = {}
    for w in words:
        x0, y0, x1, y1 = w["box"]
        width, height = w["page_size"]
        if x0 < 17 * MM or x1 > width - 17 * MM or y0 < 8 * MM or y1 > height - 8 * MM:
            off.append((w["page"], w["text"], w["box"]))
        by_page.setdefault(w["page"], []).append(w)
    for page_words in by_page.values():
        page_words.sort(key=lambda w: w["box"][1])
        for i, a in enumerate(page_words):
            for b in page_words[i + 1 :]:
                if b["box"][1] >= a["box"][3]:
                    break
                if _overlap(a["box"], b["box"]) > 0.2 * min(_area(a["box"]), _area(b["box"])):
                    clashes.append((a["page"], a["text"], b["text"]))
    return off, clashes


@pytest.mark.parametrize("which", ["sample_pdf", "example_pdf"])
def test_no_text_off_the_page_and_no_overlaps(which: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(which)
    assert len(word_boxes(path)) > 500
    off, clashes = layout_problems(path)
    assert not off, f"text outside the margins: {off[:5]}"
    assert not clashes, f"overlapping words: {clashes[:5]}"


def test_the_layout_check_catches_broken_layouts(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.text(30, 40, "Termination clause")
    pdf.text(33, 40.5, "overlapping cell text")
    pdf.text(195, 60, "off the edge")
    path = tmp_path / "broken.pdf"
    pdf.output(str(path))
    off, clashes = layout_problems(path)
    assert [o[1] for o in off][:2] == ["off", "the"]  # poppler clips the word at the page edge
    assert clashes


def test_japanese_wraps_near_the_full_width_without_justification_gaps(sample_pdf: Path) -> None:
    words = [w for w in word_boxes(sample_pdf) if w["page"] == 1 and w["text"] in PREPARED_FOR and len(w["text"]) > 1]
    lines: dict[int, list[dict]] = {}
    for w in words:
        lines.setdefault(w["line"], []).append(w)
    rows = [sorted(ws, key=lambda w: w["box"][0]) for _, ws in sorted(lines.items())]
    assert len(rows) >= 3, "the Japanese paragraph should wrap over several lines"
    right = rows[0][0]["page_size"][0] - 18 * MM
    size = 9.5
    # Lines break between phrases (BudouX), so a line may end up to one phrase short of the margin, never more.
    for row in rows[:-1]:
        assert row[-1]["box"][2] > right - (PHRASE_MAX + 1) * size, "a wrapped Japanese line ends early"
    for row in rows:
        gaps = [b["box"][0] - a["box"][2] for a, b in itertools.pairwise(row)]
        assert all(g < 0.6 * size for g in gaps), f"a justification gap: {gaps}"


def _compare(actual: Path, reference: Path) -> tuple[float, float]:
    """Mean absolute difference (0-255) and the share of pixels that differ by more than a third."""
    a = Image.open(actual).convert("L")
    b = Image.open(reference).convert("L")
    assert a.size == b.size, f"{actual.name}: size {a.size}, reference {b.size}"
    diff = ImageChops.difference(a, b)
    histogram = diff.histogram()
    total = a.size[0] * a.size[1]
    mean = sum(i * n for i, n in enumerate(histogram)) / total
    big = sum(histogram[85:]) / total
    return mean, big


def test_pages_look_like_the_reference_renders(sample_pdf: Path) -> None:
    review = render_pages(sample_pdf, ARTIFACTS / "sample-review", dpi=80, gray=False)
    assert len(review) == PAGES, f"the sample memo has {len(review)} pages; the references expect {PAGES}"
    update = os.environ.get("MEMO_UPDATE_RENDERS") == "1"
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for page in REFERENCE_PAGES:
        actual = render_pages(sample_pdf, ARTIFACTS / f"sample-p{page}", dpi=40, first=page, last=page)[0]
        reference = FIXTURES / f"sample-page-{page}.png"
        if update:
            Image.open(actual).save(reference, optimize=True)
            continue
        assert reference.exists(), f"no reference render {reference}: create it with MEMO_UPDATE_RENDERS=1"
        mean, big = _compare(actual, reference)
        assert mean < 3.0 and big < 0.01, (
            f"page {page} differs from {reference.name} (mean {mean:.2f}, {big:.2%} of pixels): see {actual} "
            "and artifacts/memo/sample-review-*.png; if the change is intended, rerun with MEMO_UPDATE_RENDERS=1"
        )
