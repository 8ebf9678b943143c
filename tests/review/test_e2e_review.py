"""The Review control and the sign-off on the results page, in headless Chromium.

A reviewer opens a finding's Review control, is told to write a reason when it is blank, then saves
"not applicable" with a reason; the card shows the decision beside the tool's rating, and a sign-off
with its confirmation is shown at the top. Screenshots: artifacts/screenshots/review-*.png.
"""

from __future__ import annotations

from pathlib import Path

from e2e_support import SHOTS, idle, needs_chromium
from playwright.sync_api import expect

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "examples" / "japanese-saas-chatbot.yaml"  # Llama 3.1 and Gemma (2025-03)
REASON = "We ship no derivative: reviewed with counsel on 2026-12-05."


def open_results(browser, server: str, answers: Path = ANSWERS):
    page = browser.new_context(viewport={"width": 1300, "height": 2400}, locale="en-US").new_page()
    page.goto(server)
    page.get_by_role("button", name="Resume from a link or an answers file").click(timeout=30_000)
    idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(answers))
    idle(page)
    page.get_by_role("button", name="Continue with these answers (as a new assessment)").click(timeout=20_000)
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=30_000)
    idle(page)
    return page


def test_a_reviewer_decides_on_a_finding_and_signs_off(server, browser):
    page = open_results(browser, server)
    main = page.locator('[data-testid="stMain"]')
    assert "Review status: answered, not yet reviewed" in main.inner_text()
    assert "Review this finding" not in main.inner_text()  # the controls come when asked for
    page.get_by_text("Review the findings (a decision control under each finding)").click()
    idle(page)
    review = page.locator('[data-testid="stExpander"]', has_text="Review this finding").first
    review.get_by_text("Review this finding").click()
    idle(page)
    review.get_by_role("button", name="Save the decision").click()  # no reason yet
    page.get_by_text("Write a reason: a decision is kept with why it was made.").wait_for(timeout=20_000)
    review.locator('[data-testid="stRadioOption"]', has_text="Not applicable").click()
    review.get_by_role("textbox", name="Reason (required)").fill(REASON)
    review.get_by_role("button", name="Save the decision").click()
    page.get_by_text("Decision saved: not applicable.").wait_for(timeout=20_000)
    idle(page)
    card = page.locator("details.lr-card").first
    assert "Reviewer: not applicable" in card.locator("summary").inner_text()  # beside the tool's badge
    card.locator("summary").click()
    idle(page)
    inside = card.inner_text()
    assert "Tool's rating" in inside and "Reviewer's decision" in inside and REASON in inside
    assert "by local user on" in inside
    SHOTS.mkdir(parents=True, exist_ok=True)
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "review-finding.png"), animations="disabled", full_page=True)
    # the sign-off, confirmed first
    page.get_by_text("Sign off this assessment", exact=True).click()
    idle(page)
    sign = page.get_by_role("button", name="Sign off", exact=True)
    assert sign.is_disabled()
    confirm = page.get_by_role("checkbox", name="I have reviewed the findings and the decisions", exact=False)
    page.get_by_text("I have reviewed the findings and the decisions").click()
    expect(confirm).to_be_checked()  # a click lost by the browser fails here rather than on a greyed button
    idle(page)
    expect(sign).to_be_enabled(timeout=20_000)
    sign.click()
    page.get_by_text("Signed off by local user on").wait_for(timeout=20_000)
    idle(page)
    assert "Review status: signed off" in main.inner_text()
    page.screenshot(path=str(SHOTS / "review-signed-off.png"), animations="disabled")


def test_an_uploaded_answers_file_restores_its_decisions(server, browser, tmp_path):
    import datetime as dt

    from license_risk.content.load import load_catalog
    from license_risk.review import carried_data, make_decision
    from scoring.answers import dump_answers, read_answers

    catalog = load_catalog()
    loaded = read_answers(ANSWERS, catalog)
    finding = catalog.trees["llama-3.1"].findings["breach-can-terminate"]
    decision = make_decision("llama-3.1", finding, "accept", "Accepted by the board.", "山田 花子", dt.date(2026, 12, 1))
    path = tmp_path / "reviewed.yaml"
    path.write_text(
        dump_answers(catalog, loaded.licenses, loaded.answers, lineage=loaded.lineage, review=carried_data([decision], None)),
        encoding="utf-8",
    )
    page = open_results(browser, server, path)
    card = page.locator("details.lr-card", has_text="A likely breach lets Meta terminate the license")
    assert "Reviewer: accepted" in card.locator("summary").inner_text()
    card.locator("summary").click()
    idle(page)
    assert "by 山田 花子 on 2026-12-01" in card.inner_text() and "Accepted by the board." in card.inner_text()
