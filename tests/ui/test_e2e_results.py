"""The results page in headless Chromium: decision first, the heat map and its cells, what changed between versions.

Answers are loaded as a user would: an answers file uploaded on the resume page. Screenshots go to
artifacts/screenshots/ (results-*.png) for people to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_support import (
    SHOTS,
    idle,
    needs_chromium,
)

from license_risk.content.load import load_catalog
from license_risk.i18n import translator
from scoring.answers import read_answers
from scoring.rating import assess

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog()
TWO_MODELS = ROOT / "examples" / "japanese-saas-chatbot.yaml"  # Llama 3.1 and Gemma (2025-03)
GEMMAS = ROOT / "examples" / "gemma-versions.yaml"  # the three Gemma Terms of Use


def shot(target, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(SHOTS / f"{name}.png"), animations="disabled")


def open_results(browser, server: str, answers: Path, lang: str = "en", height: int = 4000):
    """A new browser (English or Japanese) uploads an answers file and opens its results.

    Tall by default: Streamlit scrolls inside its main container, so a whole-page screenshot needs the
    height; a screen's height (900) where what is in view matters."""
    _ = translator(lang)
    page = browser.new_context(viewport={"width": 1300, "height": height}, locale="ja-JP" if lang == "ja" else "en-US").new_page()
    page.goto(server)
    page.get_by_role("button", name=_("Resume from a link or an answers file")).click(timeout=30_000)
    idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(answers))
    idle(page)
    page.get_by_role("button", name=_("Continue with these answers (as a new assessment)")).click(timeout=20_000)
    page.get_by_role("button", name=_("Back to the questions")).wait_for(timeout=30_000)  # the whole page is drawn
    idle(page)
    return page


def internal_ids(answers: Path) -> set[str]:
    loaded = read_answers(answers, CATALOG)
    a = assess(CATALOG, loaded.licenses, loaded.answers)
    return {f.finding.id for r in a.results for f in r.findings if "-" in f.finding.id}


def test_two_models_decision_first_and_a_cell_shows_its_findings(server, browser):
    page = open_results(browser, server, TWO_MODELS)
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    assert text.index("The decision in brief") < text.index("Risk level by category")  # the decision first
    assert "Prepared for 法務部 (Legal department) · 株式会社サンプル" in text  # the person and the organisation
    assert "Llama 3.1 Community License Agreement (3.1): HIGH" in text and "What to do first:" in text
    assert not internal_ids(TWO_MODELS) & set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text))  # no internal ids
    # the Llama naming duty is one finding: the breach (the name does not begin with "Llama"), not the duty too
    assert "The model you make available is not named" in text
    assert "A model you make available must have a name beginning with" not in text
    shot(page, "results-two-models-decision")
    heat = main.locator("table.lr-heat")
    rows = heat.locator("tbody tr th").all_inner_texts()
    assert rows == ["Llama 3.1 Community License Agreement (3.1)", "Gemma Terms of Use (2025-03-24)"]
    legend = main.locator("p.lr-legend").first
    assert legend.inner_text().split(":")[1].split() == ["NONE", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"]
    shot(heat.locator("../.."), "results-heat-map-with-legend")
    # a cell: Gemma × Obligation
    cell = heat.locator("tbody tr").nth(1).locator("td").nth(2).locator("a")
    assert cell.get_attribute("title") == "Findings of Gemma Terms of Use (2025-03-24) in Obligation"
    cell.click()
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=30_000)
    idle(page)
    assert "findings=" not in page.url and "a=" in page.url  # read once; the assessment stays in the address
    chosen = main.locator(
        '[data-testid="stButtonGroup"] button[kind$="Active"], [data-testid="stButtonGroup"] [aria-checked="true"]'
    )
    chosen_text = " | ".join(chosen.all_inner_texts())
    assert "Gemma Terms of Use (2025-03-24)" in chosen_text and "Llama" not in chosen_text
    cards = main.locator("details.lr-card summary").all_inner_texts()
    assert cards and all(c.endswith("· Obligation") for c in cards)  # only the cell's category
    assert re.search(r"\b\d+ of \d+ findings shown", main.inner_text())
    shot(page, "results-cell-clicked")
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_three_gemma_versions_each_a_row_and_what_changed(server, browser, lang):
    _ = translator(lang)
    page = open_results(browser, server, GEMMAS, lang)
    main = page.locator('[data-testid="stMain"]')
    rows = main.locator("table.lr-heat tbody tr th").all_inner_texts()
    assert sorted(rows) == [f"{n} ({v})" for n, v in sorted(_names())]  # every version its own row, full name
    shot(page, f"results-gemma-versions-{lang}")
    versions = main.locator("#lr-versions")
    versions.locator("summary").first.click()
    page.wait_for_timeout(400)
    body = versions.inner_text()
    assert _("What changed between versions") in body
    assert "Google may update Gemma from time to time, and you must make reasonable efforts" in body  # the 2024 text
    assert _("No finding differs for your answers.") in body  # March 2025 → April 2026, for these answers
    shot(versions, f"results-what-changed-{lang}")
    # the changed finding links to its card, which the page shows and opens
    versions.locator('a[href*="finding=latest-version-duty"]').click()
    page.get_by_role("button", name=_("Back to the questions")).wait_for(timeout=30_000)
    idle(page)
    card = main.locator('[id="lr-gemma-2024-02-latest-version-duty"]')
    assert card.is_visible() and card.get_attribute("open") is not None
    page.context.close()


def in_view(page, locator) -> bool:
    """Whether the element's top is on the screen (the viewport's upper two thirds)."""
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] <= page.viewport_size["height"] * 2 / 3


def test_a_heat_map_cell_brings_the_user_to_the_findings_it_filtered(server, browser):
    page = open_results(browser, server, TWO_MODELS, height=900)
    main = page.locator('[data-testid="stMain"]')
    findings = main.locator(".st-key-lr_findings")
    assert not in_view(page, findings)  # below the decision and the heat map
    main.locator("table.lr-heat tbody tr").nth(1).locator("td").nth(2).locator("a").click()  # Gemma × Obligation
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=30_000)
    idle(page)
    page.wait_for_timeout(2200)  # the script scrolls again while pictures above load; then it lets go
    assert in_view(page, findings), findings.bounding_box()
    assert "Gemma Terms of Use (2025-03-24)" in findings.inner_text()
    shot(page, "results-cell-brings-to-findings")
    page.context.close()


def test_what_to_do_first_opens_a_finding_of_a_license_not_shown_or_filtered_out(server, browser):
    page = open_results(browser, server, TWO_MODELS, height=900)
    main = page.locator('[data-testid="stMain"]')
    # the Gemma cell filters the findings to Gemma's Obligation findings ...
    main.locator("table.lr-heat tbody tr").nth(1).locator("td").nth(2).locator("a").click()
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=30_000)
    idle(page)
    # ... then a Llama action: its card is neither of the license shown nor of the category kept
    first = main.locator("div.lr-card").first.locator("ol li a").first
    finding = re.search(r"finding=([a-z0-9-]+)", first.get_attribute("href") or "")
    assert finding, first.get_attribute("href")
    card = main.locator(f'[id="lr-llama-3.1-{finding.group(1)}"]')
    assert card.count() == 0
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    first.click()
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=30_000)
    idle(page)
    page.wait_for_timeout(2200)
    assert card.count() == 1 and card.get_attribute("open") is not None  # shown, and opened
    assert in_view(page, card), card.bounding_box()
    chosen = main.locator(
        '[data-testid="stButtonGroup"] [aria-checked="true"], [data-testid="stButtonGroup"] button[kind$="Active"]'
    )
    assert "Llama 3.1 Community License Agreement (3.1)" in " | ".join(chosen.all_inner_texts())
    shot(page, "results-first-action-opens-its-finding")
    page.context.close()


def _names() -> list[tuple[str, str]]:
    ja_or_en = [CATALOG.profiles[i].model for i in ("gemma-2024-02", "gemma-2025-03", "gemma-2026-04")]
    return [(m.name, m.version) for m in ja_or_en]


def test_the_japanese_heat_map_keeps_each_category_on_one_line_and_its_caption_at_the_left(server, browser):
    page = open_results(browser, server, TWO_MODELS, "ja", height=900)
    heat = page.locator('[data-testid="stMain"] table.lr-heat')
    heat.scroll_into_view_if_needed()
    heads = heat.locator("thead th")
    assert heads.all_inner_texts() == ["ライセンス", "終了", "波及", "義務", "制限", "オープン性"]
    heights = {round(heads.nth(i).bounding_box()["height"]) for i in range(heads.count())}
    assert len(heights) == 1, heights  # "オープン性" is not broken after "オープン"
    caption, table = heat.locator("caption").bounding_box(), heat.bounding_box()
    assert abs(caption["x"] - table["x"]) < 3, (caption, table)  # read from the left, above the license names
    assert "（リスクの高い順）セルをクリック" in heat.locator("caption").inner_text()  # no Latin space between sentences
    shot(heat.locator("../.."), "results-heat-map-ja")
    page.context.close()
