"""A whole assessment in Japanese, in headless Chromium with a Japanese browser: the page opens in
Japanese, every question is asked in Japanese and answered, the results read in Japanese, and the
memo downloaded from the page is Japanese (read back with pdftotext). Screenshots go to
artifacts/screenshots/ja-*.png for people to look at."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from e2e_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SHOTS,
    idle,
    needs_chromium,
    open_downloads,
)
from memo_support import have

from license_risk.content.catalog import INTAKE
from license_risk.content.load import load_catalog
from license_risk.content.localized import localized
from license_risk.i18n import translator
from scoring.engine import walk

pytestmark = needs_chromium
JA = localized(load_catalog(), "ja")
_ = translator("ja")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"ja-{name}.png"), full_page=True, animations="disabled")


def answer(page, q, main) -> object:
    """Answer one question as a person would: the first option, the last checkbox, no, or typed text."""
    if q.kind == "yes_no":
        main.locator('[data-testid="stRadioOption"]').filter(has_text="いいえ").first.click()
        return False
    if q.kind == "one_of":
        value = q.option_values()[0]
        main.locator('[data-testid="stRadioOption"]').filter(has_text=q.option_label(value)).first.click()
        return value
    if q.kind == "many_of":
        value = q.option_values()[-1]
        main.locator('[data-testid="stCheckbox"]').filter(has_text=q.option_label(value)).first.click()
        return [value]
    box = main.locator('[data-testid="stTextInput"]').filter(has_text=q.text.strip()[:30]).locator("input")
    if q.kind == "number":
        box.fill("１万")  # full-width digits and 万, as typed on a Japanese keyboard
        box.press("Enter")
        main.get_by_text(_("Read as {value}").format(value="10,000（1万）")).wait_for(timeout=20_000)
        return 10_000
    box.fill("株式会社テスト")
    box.press("Enter")
    return "株式会社テスト"


def test_a_japanese_user_completes_an_assessment_and_downloads_a_japanese_memo(server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="ja-JP", accept_downloads=True)
        page = context.new_page()
        page.goto(server)
        page.get_by_role("button", name=_("Start a new assessment")).wait_for(timeout=30_000)  # Japanese by default
        shot(page, "01-start")
        page.get_by_role("button", name=_("Start a new assessment")).click()
        idle(page)
        box = page.get_by_label(_("Search models by name"))
        box.fill("Llama-3.1-8B-Instruct")
        box.press("Enter")
        idle(page)
        page.get_by_role("button", name=_("Add")).first.click()
        idle(page)
        page.get_by_role("button", name=_("Continue")).click()
        idle(page)
        answers: dict[str, dict[str, object]] = {}
        main = page.locator('[data-testid="stMain"]')
        for n in range(80):
            nxt = walk(JA, ["llama-3.1"], answers).next
            if nxt is None:
                break
            tree, q = nxt
            main.get_by_text(q.text.strip()[:30], exact=False).first.wait_for(timeout=20_000)
            answers.setdefault(tree, {})[q.id] = answer(page, q, main)
            idle(page)
            if tree != INTAKE and n and not (SHOTS / "ja-02-question.png").exists():
                shot(page, "02-question")
            page.get_by_role("button", name=_("Next")).click()
            idle(page)
        page.get_by_role("button", name=_("Back to the questions")).wait_for(timeout=20_000)
        idle(page)
        shot(page, "03-results")
        body = main.inner_text()
        assert _("The decision in brief") in body
        open_downloads(page, _("Download the memo and answers"))
        assert _("Memo language") in main.inner_text()
        fired = walk(JA, ["llama-3.1"], answers)
        assert fired.complete
        titles = [f.title for f in JA.trees["llama-3.1"].model.findings]
        assert any(title in body for title in titles)  # the findings, in Japanese
        with page.expect_download() as download:
            page.get_by_role("button", name=_("Memo for legal review (PDF)")).click()
        pdf = tmp_path / "memo.pdf"
        download.value.save_as(pdf)
        # for foreign counsel: both languages in one file
        main.locator('[data-testid="stSelectbox"]').filter(has_text=_("Memo language")).click()
        page.get_by_role("option", name=_("Memo in Japanese and English")).click()
        idle(page)
        shot(page, "04-memo-language")
        with page.expect_download() as download:
            page.get_by_role("button", name=_("Memo for legal review (PDF)")).click()
        both = tmp_path / "both.pdf"
        download.value.save_as(both)
        with page.expect_download() as download:  # the Word memo, to edit with track changes
            page.get_by_role("button", name=_("Memo for legal review (Word)")).click()
        word = tmp_path / "both.docx"
        download.value.save_as(word)
        assert download.value.suggested_filename == "license-risk-memo.docx"
        paragraphs = docx.Document(str(word)).paragraphs
        titles = [p.text for p in paragraphs if p.style is not None and p.style.name == "Title"]
        assert titles == [_("License risk memo"), "License risk memo"]
        assert "株式会社テスト" in "".join(p.text for p in paragraphs)
        context.close()
        browser.close()
    if not have("pdftotext"):
        pytest.skip("the memo was downloaded; reading it back needs poppler-utils (pdftotext): apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout.decode()
    assert "法務確認用メモ" in text and "1. 要旨" in text and "株式会社テスト" in text
    assert "“" in text and "Meta" in text  # quotes kept in the governing English
    both_text = subprocess.run(["pdftotext", str(both), "-"], check=True, capture_output=True, timeout=120).stdout.decode()
    assert "法務確認用メモ" in both_text and "License risk memo" in both_text and "Executive summary" in both_text
