"""A finding's card with a reviewer's decision: the tool's rating and the decision side by side, the reason
escaped and kept as written, and a "For another look" badge when the finding changed since."""

from __future__ import annotations

import datetime as dt

from apphelpers import HOSTILE

from license_risk.content.catalog import INTAKE
from license_risk.review import finding_review, make_decision
from scoring.rating import assess
from ui.blocks import finding_card

TODAY = dt.date(2026, 12, 5)


def test_the_card_shows_the_decision_beside_the_tools_rating_and_flags_a_stale_one(catalog):
    a = assess(catalog, ["llama-3.1"], {INTAKE: {"modifies_model": True}})
    f = a.results[0].findings[0]
    english = catalog.trees["llama-3.1"].findings[f.finding.id]
    reason = f"{HOSTILE}\n  second line"
    d = make_decision("llama-3.1", english, "change_severity", reason, "local user", TODAY, severity="info")
    card = finding_card(f, review=finding_review("llama-3.1", english, f.severity, [d], TODAY))
    summary = card[: card.index("</summary>")]
    assert f"lr-s-{f.severity.name}" in summary and "Reviewer: severity changed to INFO" in summary
    assert "<th scope='col'>Tool&#x27;s rating</th><th scope='col'>Reviewer&#x27;s decision</th>" in card
    assert "by local user on 2026-12-05" in card and "For another look" not in card
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card and "<script>" not in card
    assert "second line" in card and 'class="lr-reason"' in card  # pre-wrap: the reason's line breaks stay
    changed = english.model_copy(update={"explanation": english.explanation + " Revised."})
    stale = finding_card(f, review=finding_review("llama-3.1", changed, f.severity, [d], TODAY))
    assert "For another look" in stale[: stale.index("</summary>")]
    assert "it does not apply until a reviewer looks again" in stale
    # Japanese
    ja = finding_card(f, lang="ja", review=finding_review("llama-3.1", changed, f.severity, [d], TODAY))
    assert "要再確認" in ja and "本ツールの評価" in ja and "重大度を情報に変更" in ja
    assert "判断者：ローカルユーザー、判断日：2026年12月5日" in ja
