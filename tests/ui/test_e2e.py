"""End to end in headless Chromium against the app started with `make run`, as a new user would use it.

Screenshots of each step go to artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import io
import re
import urllib.request
from pathlib import Path
from typing import Any

import yaml
from e2e_support import (
    SHOTS,
    add_model,
    idle,
    loaded_libraries,
    needs_chromium,
    open_downloads,
)

from license_risk.content.catalog import INTAKE
from license_risk.content.load import load_catalog
from scoring.engine import walk

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog()
HOSTILE = "株式会社テスト <script>alert(1)</script> [click](http://evil.example) 👩‍💻"
PLAN: dict[str, Any] = {
    "organisation": HOSTILE,
    "prepared_for": "法務部 Legal",
    "establishment": "japan",
    "part_of_group": False,
    "group_monthly_active_users": 5000,
    "group_annual_revenue_usd": 1000000,
    "distributes_model": True,
    "hosted_service": False,
    "modifies_model": False,
    "trains_on_outputs": False,
    "ip_claims": "none",
    "removes_safety_measures": False,
    "sensitive_uses": ["none"],
    "claims_open_source": False,
    "llama_claim_against_others": "none",
    "attribution_steps": ["agreement_copy"],
}
TYPED = {5000: "5千", 1000000: "１００万"}  # how the numbers above are typed: Japanese multipliers, full-width digits


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, animations="disabled")


class User:
    """Answers the questionnaire in the browser; the engine says which question should be on screen."""

    def __init__(self, page, licenses: list[str], lineage: Any = None) -> None:
        self.page = page
        self.licenses = licenses
        self.lineage = lineage
        self.answers: dict[str, dict[str, Any]] = {}

    def expected(self):
        return walk(CATALOG, self.licenses, self.answers, self.lineage).next

    def answer_one(self) -> bool:
        nxt = self.expected()
        if nxt is None:
            return False
        tree, q = nxt
        main = self.page.locator('[data-testid="stMain"]')
        label = q.text.strip()[:40]
        main.get_by_text(label, exact=False).first.wait_for(timeout=20_000)
        value = PLAN.get(q.id, self.default(q))
        if q.kind == "yes_no":
            main.locator('[data-testid="stRadioOption"]', has_text=re.compile(r"^\s*(Yes|No)\s*$")).filter(
                has_text="Yes" if value else "No"
            ).first.click()
        elif q.kind == "one_of":
            main.locator('[data-testid="stRadioOption"]').filter(has_text=q.option_label(value)).first.click()
        elif q.kind == "many_of":
            for v in value:
                main.locator('[data-testid="stCheckbox"]').filter(has_text=q.option_label(v)).first.click()
        elif q.kind == "number":  # typed as people type amounts: 5千, 100万
            box = main.locator('[data-testid="stTextInput"]').filter(has_text=label).locator("input")
            box.fill(TYPED.get(value, str(value)))
            box.press("Enter")
            main.get_by_text(f"Read as {value:,}").wait_for(timeout=20_000)
        else:
            box = main.locator('[data-testid="stTextInput"]').filter(has_text=label).locator("input")
            box.fill(value)
            box.press("Enter")
        idle(self.page)
        self.page.get_by_role("button", name="Next").click()
        idle(self.page)
        self.answers.setdefault(tree, {})[q.id] = value
        return True

    @staticmethod
    def default(q):
        return (
            {"yes_no": False, "number": 10, "text": "x"}.get(q.kind)
            if q.kind not in ("one_of", "many_of")
            else (q.option_values()[0] if q.kind == "one_of" else q.option_values()[-1:])
        )


def test_new_user_completes_an_assessment_reloads_midway_and_downloads(server, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server)
    page.get_by_role("button", name="Start a new assessment").wait_for(timeout=30_000)
    shot(page, "01-start")
    add_model(page, server, "Llama-3.1-8B-Instruct")
    shot(page, "02-model")
    page.get_by_role("button", name="Continue").click()
    idle(page)
    user = User(page, ["llama-3.1"])
    for _ in range(5):
        user.answer_one()
    shot(page, "03-intake")
    # reload in the middle: the same question comes back, with the answers so far
    assert "a=" in page.url
    page.reload()
    idle(page)
    nxt = user.expected()
    page.locator('[data-testid="stMain"]').get_by_text(nxt[1].text.strip()[:40]).first.wait_for(timeout=20_000)
    while user.answer_one():
        if user.expected() and user.expected()[0] != INTAKE and not (SHOTS / "04-license-question.png").exists():
            page.get_by_text("The clause text this question tests").first.click()
            page.wait_for_timeout(800)  # let the expander finish opening
            shot(page, "04-license-question")
    page.get_by_role("heading", name="Results").wait_for(timeout=20_000)
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=20_000)  # the whole page is drawn
    idle(page)
    page.get_by_text("Severity scale: the same for every license").click()  # the rubric's scale, stated once
    page.get_by_text("The rights have already ended, or were never granted for the plan.").wait_for(timeout=20_000)
    shot(page, "05-results")
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "The decision in brief" in body and "What to do first:" in body  # the answer first
    assert "Overall rating" in body and "Llama 3.1 Community License Agreement" in body
    assert "Rated: " not in body  # each finding is one line until opened
    # an action links to its finding: the page shows that license's findings unfiltered, the card opened
    action = page.locator('ol a[href*="finding="]').first
    target = "lr-llama-3.1-" + action.get_attribute("href").rsplit("finding=", 1)[1]
    action.click()
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=30_000)
    idle(page)
    card = page.locator(f'[id="{target}"]')
    card.locator("summary").wait_for(timeout=10_000)
    assert card.locator("summary").is_visible()
    page.wait_for_function(f"document.getElementById({target!r}).open", timeout=10_000)
    opened = card.inner_text()
    assert "What to do:" in opened and "Rated: " in opened  # why, the clauses, what to do, the rubric's rule
    shot(page, "05b-results-finding-opened")
    # the background for counsel opens below the findings
    page.get_by_text("Jurisdiction and openness: background for counsel's review").click()
    page.get_by_text("EU AI Act open-source exemption").wait_for(timeout=10_000)
    page.get_by_text("EU AI Act open-source exemption").scroll_into_view_if_needed()
    shot(page, "06-background")
    # user text is shown as typed, never as markup
    top = page.locator('[data-testid="stMain"]').inner_text()
    assert "<script>alert(1)</script>" in top and "[click](http://evil.example)" in top
    assert page.locator("a[href='http://evil.example']").count() == 0
    assert page.locator('[data-testid="stDownloadButton"]').count() == 0  # folded until asked for
    open_downloads(page)
    shot(page, "05c-results-downloads")
    with page.expect_download() as info:
        page.get_by_role("button", name="Answers (YAML)").click()
    saved = yaml.safe_load(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["licenses"] == ["llama-3.1"]
    assert saved["answers"]["intake"]["organisation"] == HOSTILE
    assert saved["answers"]["llama-3.1"]["attribution_steps"] == ["agreement_copy"]
    # the memo a legal reviewer downloads
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Memo for legal review (PDF)").click()
    memo_pdf = Path(info.value.path()).read_bytes()
    assert memo_pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(memo_pdf)).pages)
    assert "株式会社テスト" in text and "Llama-3.1-8B-Instruct" in text
    assert "Llama 3.1 Community License Agreement" in text and "not legal advice" in text.lower()
    assert "Appendix G. Jurisdiction and openness: background" in text and "Your place of establishment" in text
    # the answer history, read from the store when the memo is built: every answer given here, by the local user
    assert "Appendix H. Answer history" in text and re.search(r"local user \d+ change\(s\), from \d{4}-\d\d-\d\d", text)
    (SHOTS / "07-memo.pdf").write_bytes(memo_pdf)
    context.close()
    # a whole assessment, the memo included, loads neither pandas nor pyarrow: 1 s and some 70 MiB (ui/serve.py)
    heavy = [lib for lib in loaded_libraries(server) if "/pandas/" in lib or "/pyarrow/" in lib]
    assert not heavy, heavy[:3]


def test_two_browsers_never_see_each_others_answers(server, browser):
    a = browser.new_context().new_page()
    b = browser.new_context().new_page()
    add_model(a, server, "gemma-3")
    add_model(b, server, "gemma-3")
    for page, name in ((a, "Alpha Corp"), (b, "Beta GmbH")):
        page.get_by_role("button", name="Continue").click()
        box = (
            page.locator('[data-testid="stMain"] [data-testid="stTextInput"]')
            .filter(has_text="Organisation name")
            .locator("input")
        )
        box.wait_for(timeout=20_000)
        box.fill(name)
        box.press("Enter")
        idle(page)
        page.get_by_role("button", name="Next").click()
        idle(page)
    assert a.url != b.url
    assert "Alpha Corp" in a.locator('[data-testid="stSidebar"]').inner_text()
    assert "Beta GmbH" not in a.locator('[data-testid="stSidebar"]').inner_text()
    assert "Alpha Corp" not in b.locator('[data-testid="stSidebar"]').inner_text()
    a.context.close()
    b.context.close()


def test_bad_upload_is_explained_and_changes_nothing(server, browser, tmp_path):
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.goto(server)
    page.get_by_role("button", name="Start a new assessment").wait_for(timeout=30_000)
    page.get_by_role("button", name="Resume from a link or an answers file").click()
    idle(page)
    bad = tmp_path / "answers.yaml"
    bad.write_text(
        "format: open-model-license-risk/answers\nformat_version: 1\nlicenses: [llama-3.1]\nanswers:\n  intake:\n    group_monthly_active_users: lots\n    organisation: Kept KK\n    nonsense: 1\n",
        encoding="utf-8",
    )
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    idle(page)
    page.get_by_text("cannot be used and will not be loaded").wait_for(timeout=20_000)
    shot(page, "06-bad-upload")
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "group_monthly_active_users" in text and "expects a whole number" in text and "nonesuch" not in text
    assert "1 answer(s) can be loaded" in text
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: [", encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(broken))
    idle(page)
    page.get_by_text(re.compile(r"^This file cannot be used")).wait_for(timeout=20_000)
    assert "not valid YAML" in page.locator('[data-testid="stMain"]').inner_text()
    page.context.close()


HOSTILE_CORPUS = Path(__file__).resolve().parents[1] / "hostile" / "answers"


def test_hostile_uploads_leave_the_server_answering_everyone(server, browser):
    """The 25,000-level file that crashed libyaml, and Markdown from a file: the server keeps serving."""
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.goto(server)
    page.get_by_role("button", name="Resume from a link or an answers file").click()
    idle(page)
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    upload.set_input_files(str(HOSTILE_CORPUS / "deep-flow.yaml"))
    idle(page)
    page.get_by_text("deep-flow.yaml:1: nested more than 100 levels deep").wait_for(timeout=20_000)
    shot(page, "12-deep-upload")
    upload.set_input_files(str(HOSTILE_CORPUS / "markdown-in-version.yaml"))
    idle(page)
    page.get_by_text("answer(s) can be loaded").wait_for(timeout=20_000)
    shot(page, "13-markdown-upload")
    main = page.locator('[data-testid="stMain"]')
    assert "[click](http://evil.example)" in main.inner_text()  # shown as written
    live = 'a[href*="evil.example"], img[src*="evil.example"], strong:text-is("bold"), b:text-is("x")'
    assert main.locator(live).count() == 0  # never a link, an image the browser fetches, or formatting
    # another session, opened after the uploads, is served as usual
    other = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    other.goto(server)
    other.get_by_role("button", name="Start a new assessment").wait_for(timeout=30_000)
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=5) as r:
        assert r.status == 200
    page.context.close()
    other.context.close()


def test_a_distilled_model_adds_both_licenses_and_an_unheld_license_is_said_so(server, browser):
    page = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    add_model(page, server, "DeepSeek-R1-Distill-Llama-8B")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("Also governed by Llama 3.1 Community License Agreement").wait_for(timeout=20_000)
    chosen = main.locator('[data-testid="stMultiSelect"]')
    for name in ("MIT License (DeepSeek-R1) (MIT)", "Llama 3.1 Community License Agreement (3.1)"):
        chosen.get_by_text(name).wait_for(timeout=10_000)
    shot(page, "10-distilled-model")
    box = page.get_by_label("Search models by name")
    box.fill("Qwen2.5-72B-Instruct")
    box.press("Enter")
    idle(page)
    main.get_by_text("Cannot be assessed here: governed by the Qwen LICENSE AGREEMENT", exact=False).wait_for(timeout=20_000)
    assert page.get_by_role("button", name="Add").first.is_disabled()
    shot(page, "11-license-not-held")


def test_a_model_card_becomes_a_lineage_whose_graph_and_duties_reach_the_memo(server, browser, tmp_path):
    """Upload a card on the model step, see the lineage, answer, and find its graph and duties in the memo."""
    from memo_support import render_pages

    from license_risk.lineage.read import read_lineage

    card = ROOT / "tests" / "fixtures" / "cards" / "deepseek-r1-distill-llama-8b.md"
    lineage = read_lineage(card.read_bytes(), card.name, CATALOG, "card").lineage
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(server)
    page.get_by_role("button", name="Start a new assessment").click()
    idle(page)
    # the card uploader, by its label: on a loaded machine the start page may still be on screen for a moment
    card_uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Import a model card")
    card_uploader.wait_for(timeout=30_000)
    card_uploader.locator('input[type="file"]').set_input_files(str(card))
    page.get_by_role("button", name="Use this lineage (replaces the one below)").click(timeout=60_000)
    idle(page)
    main = page.locator('[data-testid="stMain"]')
    graph = main.locator('[data-testid="stImage"]').first
    graph.wait_for(timeout=20_000)
    assert graph.bounding_box()["height"] > 100  # the lineage's picture is drawn
    shot(page, "14-lineage-from-card")
    page.get_by_role("button", name="Continue").click()
    idle(page)
    user = User(page, [], lineage)
    while user.answer_one():
        pass
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=20_000)
    idle(page)
    top = main.inner_text()
    assert "How the model was built:" in top and "Llama 3.1 Community License Agreement" in top
    shot(page, "15-results-with-lineage")
    open_downloads(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Memo for legal review (PDF)").click()
    pdf = Path(info.value.path())
    from pypdf import PdfReader

    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    at = next(i for i, t in enumerate(pages) if "Lineage: how the model was built" in t)
    assert "Every duty, once" in " ".join(pages[at:]) and "Llama-3.1-8B" in pages[at]
    out = SHOTS / "16-memo-lineage.pdf"
    out.write_bytes(pdf.read_bytes())
    render_pages(out, SHOTS / "16-memo-lineage-page", dpi=60, first=at + 1, last=at + 1, gray=False)
    context.close()


def test_a_japanese_browser_gets_the_japanese_start_page(server, browser):
    """The language comes from the browser's locale (st.context.locale) on a session's first page."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.goto(server)
    page.get_by_role("button", name="新しい評価を始める").wait_for(timeout=30_000)
    idle(page)
    main = page.locator('[data-testid="stMain"]')
    assert "オープンモデルのライセンスリスク評価" in main.inner_text()
    assert "法的助言ではありません" in main.inner_text()
    shot(page, "ja-01-start")
    page.get_by_role("button", name="新しい評価を始める").click()
    idle(page)
    page.get_by_text("どのモデル、またはどのライセンスを評価しますか？").wait_for(timeout=20_000)
    page.locator('[data-testid="stMain"] input[type="text"]').first.wait_for(timeout=20_000)  # drawn, not a placeholder
    idle(page)
    shot(page, "ja-02-model")
    context.close()
