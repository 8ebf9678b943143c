"""The results page with an organisation policy uploaded, in headless Chromium.

The answers and then the policy are uploaded as a user would; the verdict must show beside each
license's rating, a broken policy must be named with its file and line, and the policy must stay in
use after going back to the questions and returning. Screenshots: artifacts/screenshots/policy-*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y_support import Scan, check
from e2e_support import SHOTS, idle, needs_chromium

from license_risk.i18n import translator

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "examples" / "japanese-saas-chatbot.yaml"  # Llama 3.1 and Gemma (2025-03)
POLICY = ROOT / "examples" / "policy.yaml"


@pytest.fixture(scope="module")
def policy_file(tmp_path_factory) -> Path:
    """The example policy without its expiry dates: the app checks them against today, and this test must not
    start failing on the day one passes."""
    lines = POLICY.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text("".join(line for line in lines if not line.lstrip().startswith("expires:")), encoding="utf-8")
    return path


def open_results(browser, server: str, lang: str = "en"):
    _ = translator(lang)
    locale = "ja-JP" if lang == "ja" else "en-US"
    page = browser.new_context(viewport={"width": 1300, "height": 2200}, locale=locale).new_page()
    page.goto(server)
    page.get_by_role("button", name=_("Resume from a link or an answers file")).click(timeout=30_000)
    idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(ANSWERS))
    idle(page)
    page.get_by_role("button", name=_("Continue with these answers (as a new assessment)")).click(timeout=20_000)
    page.get_by_role("button", name=_("Back to the questions")).wait_for(timeout=30_000)
    idle(page)
    return page


def upload_policy(page, path: Path, then: str, lang: str = "en") -> None:
    """Open the policy panel, upload `path`, and wait until the page says `then`."""
    page.get_by_text(translator(lang)("Organisation policy"), exact=True).click()
    idle(page)
    page.locator('.st-key-policy_upload_0 [data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text(then).first.wait_for(timeout=30_000)
    idle(page)


def test_uploaded_policy_shows_its_verdict_beside_each_rating_and_stays(server, browser, policy_file):
    page = open_results(browser, server)
    main = page.locator('[data-testid="stMain"]')
    assert "Organisation policy (" not in main.inner_text()  # no verdict before a policy is given
    upload_policy(page, policy_file, "This policy is in use")
    text = main.inner_text()
    assert "Sample Co. open-weight model policy (2026-12) (policy.yaml)" in text
    # The verdict sits under each license's rating, in the decision at the top of the page.
    llama = text.index("Llama 3.1 Community License Agreement (3.1): HIGH")
    gemma = text.index("Gemma Terms of Use (2025-03-24): MEDIUM")
    verdicts = [text.index("Organisation policy (Sample Co. open-weight model policy (2026-12)):", at) for at in (llama, gemma)]
    assert llama < verdicts[0] < gemma < verdicts[1]
    assert text[verdicts[0] :].split("\n")[0].endswith("review needed")
    assert text[verdicts[1] :].split("\n")[0].endswith("allowed")
    # The reasons, folded: the rule's line in the file, by the finding's title (not its id).
    page.locator("details summary", has_text="Why").first.click()
    idle(page)
    reasons = main.inner_text()
    assert "review needed by the rule at policy.yaml:31: A likely breach lets Meta terminate the license" in reasons
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "policy-results.png"), animations="disabled")
    panel = page.locator('[data-testid="stExpander"]', has_text="This policy is in use")
    panel.screenshot(path=str(SHOTS / "policy-panel.png"), animations="disabled")
    # Back to the questions and forward again: the policy is still applied.
    page.get_by_role("button", name="Back to the questions").click()
    idle(page)
    page.get_by_role("button", name="Next").click(timeout=20_000)
    page.get_by_role("button", name="Back to the questions").wait_for(timeout=30_000)
    idle(page)
    assert "Organisation policy (Sample Co. open-weight model policy (2026-12)):" in main.inner_text()
    # "Stop using this policy": the verdicts go, and the uploader is empty again.
    page.get_by_text("Organisation policy", exact=True).click()
    idle(page)
    page.get_by_role("button", name="Stop using this policy").click()
    page.get_by_text("Organisation policy (Sample Co.").first.wait_for(state="detached", timeout=30_000)
    idle(page)
    text = main.inner_text()
    assert "Organisation policy (" not in text and "This policy is in use" not in text and "(policy.yaml)" not in text


def test_a_broken_policy_is_named_with_its_line_and_the_results_stay(server, browser, tmp_path):
    broken = tmp_path / "broken-policy.yaml"
    broken.write_text(
        "format: open-model-license-risk/policy\nformat_version: 1\nname: Broken\nrules:\n"
        "  - license: llama-3.1\n    action: deny\n  - kind: changable-terms\n    action: review\n",
        encoding="utf-8",
    )
    page = open_results(browser, server)
    upload_policy(page, broken, "This policy file cannot be used")
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "This policy file cannot be used" in text
    assert "broken-policy.yaml:7: rules[1].kind: unknown kind of risk 'changable-terms'. Did you mean 'changeable-terms'?" in text
    assert "Llama 3.1 Community License Agreement (3.1): HIGH" in text  # the results, without a policy
    assert "Organisation policy (Broken)" not in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "policy-broken.png"), animations="disabled")


def test_japanese_page_with_a_policy_has_no_serious_axe_violation(server, browser, policy_file):
    page = open_results(browser, server, "ja")
    upload_policy(page, policy_file, "このポリシーを適用中です", "ja")
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    assert "社内ポリシー（Sample Co. open-weight model policy (2026-12)）：" in text
    for summary in page.locator("details summary", has_text="理由").all():
        summary.click()
    idle(page)
    text = main.inner_text()
    assert "policy.yaml:31 のルールにより要確認：" in text  # the rule, its line, then the findings by their Japanese titles
    assert "（本ツールの評価：高）：リスクを受容（判断者：Legal department (H. Sato)" in text
    gemma = text.index("Gemma Terms of Use (2025-03-24):")
    verdict = text[text.index("社内ポリシー（Sample Co. open-weight model policy (2026-12)）：", gemma) :].split("\n")[0]
    assert verdict.endswith("許可") and "要確認" not in verdict
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "policy-results-ja.png"), animations="disabled")
    scan = Scan()
    check(page, "ja results with a policy", scan)
    assert not scan.failures, "\n".join(scan.failures)
