"""The main flow with the keyboard only, in headless Chromium: Tab and Shift+Tab to move, Enter and Space
to press, arrow keys in a radio group, typing into fields. No mouse click anywhere: a control that
cannot be reached or used by keyboard fails the test. Screenshots of the focused controls (the focus
ring must show) go to artifacts/screenshots/keyboard-*.png.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from e2e_support import CHROMIUM, CHROMIUM_ARGS, SHOTS, needs_chromium
from e2e_support import idle as shared_idle

from license_risk.content.load import load_catalog
from scoring.engine import walk

pytestmark = needs_chromium
CATALOG = load_catalog()
LICENSES = ["llama-3.1"]

# What has the focus, in words: the element's tag, role, type, and the name a screen reader gives it
# (its aria-label, the text of the label it belongs to, or its own text).
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const label = e.getAttribute('aria-label')
    || (e.labels && e.labels.length ? e.labels[0].innerText : '')
    || (e.closest('[data-testid="stTextInput"]')?.querySelector('label')?.innerText ?? '')
    || e.innerText || '';
  return {tag: e.tagName.toLowerCase(), role: e.getAttribute('role') || '', type: e.getAttribute('type') || '',
          name: label.trim(), checked: !!e.checked};
}"""


def idle(page: Any) -> None:
    shared_idle(page, 250)


def focused(page: Any) -> dict[str, Any] | None:
    return page.evaluate(FOCUSED)


def reach(page: Any, wanted: Callable[[dict[str, Any]], bool], what: str, limit: int = 120) -> dict[str, Any]:
    """Tab until the focus is on what is wanted; if Tab passes the end of the page without it, Shift+Tab back."""
    seen: list[str] = []
    for key in ("Tab", "Shift+Tab"):
        for _ in range(limit):
            now = focused(page)
            if now is not None and wanted(now):
                return now
            seen.append(f"{now['tag']}:{now['name'][:30]}" if now else "-")
            page.keyboard.press(key)
    raise AssertionError(f"{what} cannot be reached with Tab or Shift+Tab; the focus went through: {seen[:60]}")


def button(name: str) -> Callable[[dict[str, Any]], bool]:
    return lambda f: f["tag"] == "button" and f["name"] == name


def field(label: str) -> Callable[[dict[str, Any]], bool]:
    return lambda f: f["tag"] == "input" and f["type"] in ("text", "") and f["name"].startswith(label)


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"keyboard-{name}.png"), animations="disabled")


def ring(page: Any) -> str:
    """The outline drawn around the focused control, or around the label it sits in (radios, checkboxes)."""
    return page.evaluate(
        """() => { const e = document.activeElement; const box = e.closest('label') || e;
                  const s = getComputedStyle(box); return s.outlineStyle === 'none' ? '' : s.outlineStyle + ' ' + s.outlineWidth; }"""
    )


def answer(page: Any, q: Any) -> Any:
    """One question, by keyboard: no (arrow down in the radio group), the first option (Space), the last checkbox (Space),
    10 or a name typed."""
    label = q.text.strip()[:40]
    if q.kind in ("yes_no", "one_of"):
        first = q.option_values()[0] if q.kind == "one_of" else None
        reach(page, lambda f: f["type"] == "radio", f"the radio group of {q.id!r}")
        if q.kind == "yes_no":
            page.keyboard.press("ArrowDown")  # from Yes to No, which checks it
            value: Any = False
            want = "No"
        else:
            page.keyboard.press("Space")
            value, want = first, q.option_label(first)
        idle(page)
        now = focused(page)
        assert now is not None and now["checked"] and now["name"] == want, now
        assert ring(page), f"the focused option of {q.id!r} shows no focus ring"
        return value
    if q.kind == "many_of":
        last = q.option_values()[-1]
        reach(page, lambda f: f["type"] == "checkbox" and f["name"] == q.option_label(last), f"the checkbox {last!r}")
        page.keyboard.press("Space")
        idle(page)
        assert focused(page)["checked"]  # type: ignore[index]
        assert ring(page), f"the focused checkbox of {q.id!r} shows no focus ring"
        return [last]
    reach(page, field(label), f"the field of {q.id!r}")
    typed, value = ("10", 10) if q.kind == "number" else ("Keyboard KK", "Keyboard KK")
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    idle(page)
    return value


def test_the_main_flow_can_be_done_with_the_keyboard_alone(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900}, locale="en-US")
        page.goto(server)
        page.get_by_role("button", name="Start a new assessment").wait_for(timeout=30_000)
        idle(page)
        reach(page, button("Start a new assessment"), "Start a new assessment")
        shot(page, "01-start-focused")
        page.keyboard.press("Enter")
        idle(page)

        reach(page, field("Search models by name"), "the model search")
        page.keyboard.type("Llama-3.1-8B-Instruct")
        page.keyboard.press("Enter")
        idle(page)
        reach(page, button("Add"), "the first search result's Add")
        shot(page, "02-add-focused")
        page.keyboard.press("Enter")
        idle(page)
        reach(page, button("Continue"), "Continue")
        page.keyboard.press("Space")
        idle(page)

        answers: dict[str, dict[str, Any]] = {}
        for n in range(80):
            nxt = walk(CATALOG, LICENSES, answers).next
            if nxt is None:
                break
            tree, q = nxt
            page.get_by_text(q.text.strip()[:40], exact=False).first.wait_for(timeout=20_000)
            answers.setdefault(tree, {})[q.id] = answer(page, q)
            if n == 2:
                shot(page, "03-radio-focused")
            reach(page, button("Next"), "Next")
            if n == 2:
                shot(page, "04-next-focused")
            page.keyboard.press("Enter")
            idle(page)
        assert walk(CATALOG, LICENSES, answers).complete

        page.get_by_text("The decision in brief").wait_for(timeout=20_000)
        idle(page)
        # the download panel opens from the keyboard (lazy: its buttons exist only once it is open)
        reach(page, lambda f: f["tag"] == "summary" and "Download the memo and answers" in f["name"], "the download panel")
        page.keyboard.press("Enter")
        idle(page)
        page.locator('[data-testid="stDownloadButton"]').first.wait_for(timeout=20_000)
        now = reach(page, button("Memo for legal review (PDF)"), "the memo's download button")
        assert now["tag"] == "button"
        page.locator(":focus").scroll_into_view_if_needed()
        shot(page, "05-download-focused")
        shadow = page.evaluate("() => getComputedStyle(document.activeElement).boxShadow")
        assert ring(page) or shadow != "none", "the focused download button shows no focus ring"
        browser.close()
