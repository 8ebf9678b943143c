"""An axe-core scan of every page and state a user meets, in English and Japanese, in headless Chromium.

States that take many clicks to reach (a question of each kind, the results) are saved in the store
first and opened by their link, as a user resuming an assessment would. Folded parts (expanders, the
findings' cards) are opened before the scan: axe only checks what is rendered. Screenshots go to
artifacts/screenshots/a11y-*.png.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from a11y_support import ALLOWED, Scan, check, distilled_student, filled, question_of_kind
from e2e_support import CHROMIUM, CHROMIUM_ARGS, SHOTS, free_port, make_run, needs_chromium, running_app
from e2e_support import idle as shared_idle

from license_risk.content.catalog import INTAKE
from license_risk.content.load import load_catalog
from license_risk.i18n import translator
from license_risk.store.assessments import Store
from scoring.engine import walk
from scoring.interview import Interview

pytestmark = needs_chromium
CATALOG = load_catalog()
KINDS = ("yes_no", "one_of", "many_of", "number", "text")
COMPARED = ["llama-3.1", "gemma-2025-03"]
LOCALES = {"en": "en-US", "ja": "ja-JP"}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    db = tmp_path_factory.mktemp("db") / "assessments.sqlite3"
    port = free_port()
    with running_app(make_run(port, db), port, {"LICENSE_RISK_DB": str(db)}) as url:
        yield url, db


def idle(page: Any) -> None:
    shared_idle(page, 200)


def unfold(page: Any) -> None:
    """Open every expander and every <details>: what is folded is not rendered, so axe would not see it."""
    # one at a time, the first still folded: opening one changes which are folded (a results page has one per finding)
    folded = page.locator('[data-testid="stExpander"] details:not([open]) > summary').filter(visible=True)
    for _ in range(200):
        if folded.count() == 0:
            break
        folded.first.click()
    page.evaluate("document.querySelectorAll('.lr details').forEach(d => { d.open = true; })")
    idle(page)


def saved(db: Path, iv: Interview) -> str:
    Store(db).save(CATALOG, iv)
    return iv.id


def scan_all(url: str, db: Path, lang: str, browser: Any, scan: Scan) -> None:
    _ = translator(lang)
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale=LOCALES[lang])
    page = context.new_page()

    def visit(name: str, where: str, ready: str, then: Callable[[], None] | None = None) -> None:
        page.goto(url + where)
        page.get_by_text(ready, exact=False).first.wait_for(timeout=30_000)
        idle(page)
        if then is not None:
            then()
            idle(page)
        unfold(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"a11y-{lang}-{name}.png"), full_page=True, animations="disabled")
        check(page, f"{lang} {name}", scan)

    visit("start", "/", _("Start a new assessment"))

    def to_resume() -> None:
        page.get_by_role("button", name=_("Resume from a link or an answers file")).click()
        page.get_by_text(_("Licenses this tool covers")).wait_for()

    visit("resume", "/", _("Start a new assessment"), to_resume)

    def search() -> None:
        box = page.get_by_label(_("Search models by name"))
        box.fill("Llama-3.1-8B")
        box.press("Enter")
        page.get_by_role("button", name=_("Add")).first.wait_for()

    model = saved(db, distilled_student(CATALOG, Store.new_id(), lang, "model"))
    visit("model", f"/?a={model}", _("How your model was built (optional)"), search)

    for kind in KINDS:
        qid = question_of_kind(CATALOG, kind)
        iv = Interview(Store.new_id(), ["llama-3.1"], filled(CATALOG, ["llama-3.1"]), "questions", (INTAKE, qid), lang=lang)  # type: ignore[arg-type]
        visit(f"question-{kind}", f"/?a={saved(db, iv)}", _("Next"))
    asked = walk(CATALOG, ["llama-3.1"], filled(CATALOG, ["llama-3.1"])).path
    probed = next(s.question.id for s in asked if s.tree == "llama-3.1" and s.question.probes)
    iv = Interview(Store.new_id(), ["llama-3.1"], filled(CATALOG, ["llama-3.1"]), "questions", ("llama-3.1", probed), lang=lang)  # type: ignore[arg-type]
    visit("question-with-clause", f"/?a={saved(db, iv)}", _("The clause text this question tests"))

    compared = Interview(Store.new_id(), COMPARED, filled(CATALOG, COMPARED), "results", lang=lang)  # type: ignore[arg-type]
    visit("results-compared", f"/?a={saved(db, compared)}", _("Risk level by category (worst first)"))
    lineage = saved(db, distilled_student(CATALOG, Store.new_id(), lang, "results"))
    visit("results-lineage", f"/?a={lineage}", _("The decision in brief"))

    def to_history() -> None:
        page.get_by_role("link", name=_("History")).click()
        page.get_by_role("heading", name=_("Answer history")).wait_for()
        page.locator('[data-testid="stMain"] table').wait_for()

    visit("history", f"/?a={lineage}", _("The decision in brief"), to_history)
    visit("assessments", "/assessments", _("Yours and those shared with you, the last changed first."))

    def ask_to_archive() -> None:
        page.get_by_role("button", name=_("Archive…")).first.click()
        page.get_by_role("button", name=_("Yes, archive it")).wait_for()

    visit(
        "assessments-archive-asks", "/assessments", _("Yours and those shared with you, the last changed first."), ask_to_archive
    )

    visit("maintainers", "/maintainers", _("Maintainers: question trees"))
    for tab in ("Validation", "Scenarios", "As text", "Rubric across licenses"):

        def open_tab(tab: str = tab) -> None:
            page.get_by_role("tab", name=_(tab)).click()

        visit(f"maintainers-{tab.split()[0].lower()}", "/maintainers", _("Maintainers: question trees"), open_tab)
    context.close()


def test_every_page_has_no_serious_or_critical_axe_violation(server) -> None:
    from playwright.sync_api import sync_playwright

    url, db = server
    scan = Scan()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in LOCALES:
            scan_all(url, db, lang, browser, scan)
        browser.close()
    assert not scan.failures, "axe found serious or critical violations:\n" + "\n".join(scan.failures)
    unused = [f"{a.rule} within {a.within}" for a in ALLOWED if a not in scan.used]
    assert not unused, "allow-list entries no page needs any more (remove them): " + "; ".join(unused)
