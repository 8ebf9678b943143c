"""The workspace in headless Chromium: answer two questions, see both on the History page, then on the
Assessments page duplicate the assessment, archive one with its confirmation, and restore it.

Screenshots of each step go to artifacts/screenshots/workspace-*.png for people to look at.
"""

from __future__ import annotations

from e2e_support import SHOTS, chromium, idle, needs_chromium, start_assessment

from license_risk.content.load import load_catalog

pytestmark = needs_chromium
CATALOG = load_catalog()
ORGANISATION = CATALOG.question("intake", "organisation")[1].text.strip()  # type: ignore[index]
PREPARED_FOR = CATALOG.question("intake", "prepared_for")[1].text.strip()  # type: ignore[index]
LINES = '[class*="st-key-assessment_"]'  # one bordered box per assessment in the list


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"workspace-{name}.png"), full_page=True, animations="disabled")


def type_answer(page, question: str, text: str) -> None:
    main = page.locator('[data-testid="stMain"]')
    box = main.locator('[data-testid="stTextInput"]').filter(has_text=question[:40]).locator("input")
    box.fill(text)
    box.press("Enter")
    idle(page)
    page.get_by_role("button", name="Next").click()
    idle(page)


def go(page, name: str) -> None:
    """A page of the top navigation."""
    page.get_by_role("link", name=name).first.click()
    idle(page)


def test_history_and_the_list_of_assessments(server: str) -> None:
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
        start_assessment(page, server)
        type_answer(page, ORGANISATION, "Acme <b>KK</b>")
        type_answer(page, PREPARED_FOR, "法務部 Legal")

        # Start over asks first, and Cancel keeps the assessment open
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_role("button", name="Start over (new assessment)").click()
        idle(page)
        sidebar.get_by_text("This one stays saved").wait_for(timeout=10_000)
        shot(page, "01-start-over-asks")
        sidebar.get_by_role("button", name="Cancel").click()
        idle(page)
        assert sidebar.get_by_text("This one stays saved").count() == 0

        go(page, "History")
        main = page.locator('[data-testid="stMain"]')
        main.get_by_role("heading", name="Answer history").wait_for(timeout=20_000)
        main.locator("table").wait_for(timeout=20_000)
        rows = main.locator("tbody tr").all_inner_texts()
        shot(page, "02-history")
        assert any(ORGANISATION in r and "Acme <b>KK</b>" in r and "(no answer)" in r and "local user" in r for r in rows), rows
        assert any(PREPARED_FOR in r and "法務部 Legal" in r for r in rows), rows
        assert PREPARED_FOR in rows[0]  # the newest first
        assert main.locator("b").count() == 0  # what was typed is shown as typed, never as markup

        go(page, "Assessments")
        lines = main.locator(LINES)
        lines.first.wait_for(timeout=20_000)
        assert lines.count() == 1
        assert "Acme <b>KK</b>" in lines.first.inner_text() and "Llama-3.1-8B-Instruct" in lines.first.inner_text()
        shot(page, "03-list")

        lines.first.get_by_role("button", name="Duplicate as a starting point").click()
        idle(page)
        main.get_by_text("Duplicated as a new assessment").wait_for(timeout=20_000)
        lines.nth(1).wait_for(timeout=20_000)
        assert lines.count() == 2
        assert "Duplicated from “Acme <b>KK</b>”" in lines.first.inner_text()  # the copy, the last changed, is first
        shot(page, "04-duplicated")

        # sharing with a reviewer: a bad address is refused saying why, a good one is listed
        email = lines.first.get_by_label("Share with a reviewer: their email")
        email.fill("hanako at example")
        lines.first.get_by_role("button", name="Share", exact=True).click()
        idle(page)
        lines.first.get_by_text("“hanako at example” is not an email address").wait_for(timeout=10_000)
        shot(page, "04a-share-refused")
        assert email.input_value() == "hanako at example"  # what was typed stays, to be corrected
        email.fill("hanako@example.co.jp")
        lines.first.get_by_role("button", name="Share", exact=True).click()
        idle(page)
        main.get_by_text("Shared. They see it in their list once they sign in.").wait_for(timeout=10_000)
        lines.first.get_by_text("Shared with: hanako@example.co.jp", exact=False).wait_for(timeout=10_000)
        idle(page)
        assert "is not an email address" not in lines.first.inner_text() and email.input_value() == ""
        shot(page, "04b-shared")

        # archiving asks first; Yes hides it under Archived, where Restore brings it back
        lines.nth(1).get_by_role("button", name="Archive…").click()
        idle(page)
        lines.nth(1).get_by_text("Archive this assessment?").wait_for(timeout=10_000)
        assert lines.count() == 2  # nothing happened yet
        shot(page, "05-archive-asks")
        lines.nth(1).get_by_role("button", name="Yes, archive it").click()
        idle(page)
        main.get_by_text("Archived (1)").wait_for(timeout=10_000)
        assert main.locator(LINES).filter(visible=True).count() == 1
        main.get_by_text("Archived (1)").click()
        page.wait_for_timeout(500)  # the expander opens
        shot(page, "06-archived")
        main.get_by_role("button", name="Restore").click()
        idle(page)
        main.get_by_text("Restored to the list.").wait_for(timeout=10_000)
        main.get_by_text("Archived (").wait_for(state="detached", timeout=10_000)
        assert main.locator(LINES).count() == 2
        shot(page, "07-restored")

        # in Japanese: the list and the history read as Japanese
        page.get_by_text("日本語", exact=True).click()
        idle(page)
        main.get_by_role("heading", name="評価の一覧").wait_for(timeout=10_000)
        main.get_by_text("状態：回答中").first.wait_for(timeout=10_000)
        idle(page)
        assert "状態：回答中" in main.inner_text() and "作成者：あなた" in main.inner_text()
        shot(page, "08-list-ja")
        go(page, "履歴")
        main.get_by_role("heading", name="回答の履歴").wait_for(timeout=10_000)
        main.locator("table").wait_for(timeout=10_000)
        idle(page)
        ja_rows = main.locator("tbody tr").all_inner_texts()
        assert any("ローカルユーザー" in r and "（未回答）" in r and "年" in r for r in ja_rows), ja_rows
        shot(page, "09-history-ja")
        page.get_by_text("English", exact=True).click()
        idle(page)
        go(page, "Assessments")

        # Open brings the assessment back on the Assessment page
        lines.first.get_by_role("button", name="Open").click()
        idle(page)
        page.get_by_role("button", name="Next").wait_for(timeout=20_000)
        assert "a=" in page.url
        # the copy's history starts afresh, saying where it came from
        go(page, "History")
        main.get_by_text("Duplicated from “Acme <b>KK</b>”").wait_for(timeout=10_000)
        main.locator("table").wait_for(timeout=10_000)
        idle(page)
        assert len(main.locator("tbody tr").all_inner_texts()) == 4  # one event per value copied, none of the source's
        shot(page, "10-history-of-the-copy")
