"""Bad input in a real browser (headless Chromium): a too-large upload is refused in the page, not only
on hover; a bad number or a blank required answer gets its own message, and what was typed stays.
Screenshots go to artifacts/screenshots/inputs-*.png for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_support import (
    SHOTS,
    idle,
    needs_chromium,
)

from license_risk.i18n import translator

pytestmark = needs_chromium


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"inputs-{name}.png"), full_page=True, animations="disabled")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_5_mb_answers_file_is_refused_with_a_visible_message(server, browser, tmp_path: Path, lang: str) -> None:
    _ = translator(lang)
    big = tmp_path / "too-big-answers.yaml"
    big.write_bytes(b"# padding\n" * (5 * 1024 * 1024 // 10))
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="ja-JP" if lang == "ja" else "en-US")
    page = context.new_page()
    page.goto(server)
    page.get_by_role("button", name=_("Resume from a link or an answers file")).click()
    idle(page)
    page.locator(".st-key-upload input[type=file]").set_input_files(str(big))
    idle(page)
    main = page.locator('[data-testid="stMain"]')
    message = _(
        "This file is too large: {size}. Files here can be at most {limit}. Nothing was read from it; remove it and choose another."
    )
    error = main.locator('[data-testid="stAlert"]').filter(has_text=message.split("{")[0])
    error.wait_for(timeout=20_000)
    shot(page, f"upload-too-large-{lang}")
    said = error.inner_text()
    assert message.format(size="5.2 MB", limit="1 MB") == " ".join(said.split())
    assert main.get_by_text("too-big-answers.yaml").count() >= 2  # in the uploader's list and named under the message
    assert _("Continue with these answers (as a new assessment)") not in main.inner_text()
    context.close()


def test_bad_values_get_their_own_message_and_what_was_typed_stays(server, browser) -> None:
    _ = translator("en")
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="en-US")
    page = context.new_page()
    page.goto(server)
    page.get_by_role("button", name=_("Start a new assessment")).click()
    idle(page)
    page.get_by_label(_("Search models by name")).fill("Llama-3.1-8B-Instruct")
    page.get_by_label(_("Search models by name")).press("Enter")
    idle(page)
    page.get_by_role("button", name=_("Add")).first.click()
    idle(page)
    page.get_by_role("button", name=_("Continue")).click()
    idle(page)
    main = page.locator('[data-testid="stMain"]')
    nxt = page.get_by_role("button", name=_("Next"))

    # a blank required text: asked for, not accepted
    organisation = main.get_by_label("Organisation name")
    organisation.fill("   ")
    nxt.click()
    idle(page)
    assert _("Please answer this question before going on.") in main.inner_text()
    shot(page, "blank-text")
    organisation.fill("Acme KK")
    nxt.click()
    idle(page)
    main.get_by_label("Prepared for (person or team)").fill("Legal")
    nxt.click()
    idle(page)
    main.locator('[data-testid="stRadioOption"]').filter(has_text="Japan").first.click()
    idle(page)
    nxt.click()
    idle(page)
    main.locator('[data-testid="stRadioOption"]').filter(has_text="Yes").first.click()
    idle(page)
    nxt.click()
    idle(page)

    users = main.locator('[data-testid="stTextInput"]').filter(has_text="Highest monthly active users").locator("input")
    says: str
    for typed, says in [
        ("-5", "Give a number of at least 0."),
        ("many", "Could not read “many” as a number."),
        ("1.5", "Give a whole number: 1.5 is 1.5."),
        ("1e400", "The number is too large: at most 9,007,199,254,740,991 can be entered."),
    ]:
        users.fill(typed)
        users.press("Enter")
        idle(page)
        nxt.click()
        idle(page)
        body = main.inner_text()
        shot(page, f"number-{typed.replace('-', 'minus').replace('.', '_')}")
        assert _("This answer cannot be used:") in body, (typed, body)
        assert users.input_value() == typed, f"what was typed ({typed!r}) was lost"
        # the reason, under the heading, is about this value (the parser's own words, or the range)
        reason = body.split(_("This answer cannot be used:"), 1)[1].strip().splitlines()[0].strip("• ").strip()
        assert reason.startswith(says), (typed, reason)
        assert body.count(says) == 2, (typed, body)  # also under the field, where it was typed
    # "1e12" is a number people write: it is read, and the reading is shown before Next
    users.fill("1e12")
    users.press("Enter")
    idle(page)
    assert "Read as 1,000,000,000,000" in main.inner_text()
    shot(page, "number-1e12")
    users.fill("2,000")
    users.press("Enter")
    idle(page)
    nxt.click()
    idle(page)
    assert main.get_by_text("Annual revenue of your company").count() >= 1
    context.close()
