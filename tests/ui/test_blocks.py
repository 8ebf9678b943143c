"""The results page's HTML blocks: content and answers shown as written, never as markup."""

from __future__ import annotations

import dataclasses
import re

from apphelpers import HOSTILE

from license_risk.content.catalog import INTAKE
from license_risk.content.model import Severity
from license_risk.content.plainquote import plain_quote
from license_risk.memo.decision import decisions
from scoring.engine import Step
from scoring.rating import assess, compare
from ui.blocks import answers_heading, answers_summary, decision_block, finding_card, license_section
from ui.heat_map import heat_map_html

# Markup a hostile string could inject; links to the page's own findings (href="#lr-...") are the blocks' own.
MARKUP = re.compile(r'<(script|img|iframe)\b|<a\b(?! href="#lr-)', re.IGNORECASE)


def hostile_finding(catalog):
    a = assess(catalog, ["llama-3.1"], {INTAKE: {"modifies_model": True}})
    f = next(f for f in a.results[0].findings if f.clauses)
    text = f"{HOSTILE} \u202e <img src=x onerror=alert(1)>\nsecond line"
    finding = f.finding.model_copy(update={"title": HOSTILE, "explanation": text, "action": text})
    return a.results[0], dataclasses.replace(f, finding=finding)


def test_a_finding_card_escapes_everything_and_keeps_line_breaks(catalog):
    _, f = hostile_finding(catalog)
    card = finding_card(f)
    assert not MARKUP.search(card)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card and "&lt;img src=x onerror=alert(1)&gt;" in card
    assert "[click](http://evil.example)" in card and "株式会社テスト" in card  # as typed, not a link
    assert "[U+202E]" in card  # a bidi override is shown, not obeyed
    assert "<br>second line" in card
    assert f.clauses[0].clause.quote.split()[0] in card  # the clause is quoted
    assert f"§{f.clauses[0].clause.section}" in card


def test_a_finding_card_shows_a_markdown_quote_as_plain_text(catalog):
    _, f = hostile_finding(catalog)
    profile = catalog.profiles["gemma-2026-04"]
    clause = next(c for c in profile.model.clauses if "**" in c.quote)  # Gemma's 2026 text is Markdown
    cited = dataclasses.replace(f.clauses[0], profile=profile, clause=clause)
    card = finding_card(dataclasses.replace(f, clauses=(cited,)))
    (quote,) = re.findall(r"<blockquote>(.*?)</blockquote>", card, re.S)
    assert "**" not in quote and plain_quote(clause.quote).split()[0].replace('"', "&quot;") in quote


def test_a_license_section_has_its_rating_table_and_the_cards_given(catalog):
    r, f = hostile_finding(catalog)
    section = license_section("llama-3.1", r, "meaning of the rating", [finding_card(f)], hidden=3)
    assert section.count('class="lr-card"') == 1
    assert "1 of 4 findings shown" in section
    assert all(f"<th scope='row'>{c.capitalize()}</th>" in section for c in r.levels)
    assert not MARKUP.search(section)
    # what set each level is named by the findings' titles, linked to their cards, never by internal ids
    setting = {i for level in r.levels.values() for i in level.findings}
    assert setting and all(f'<a href="#lr-llama-3.1-{i}">' in section for i in setting)
    assert all(f">{i}<" not in section for i in setting)


def test_the_decision_says_what_may_not_be_done_and_what_to_do_first(catalog):
    answers = {INTAKE: {"modifies_model": True, "ip_claims": "pending"}, "llama-3.1": {"ip_claim_subject": "llama"}}
    a = assess(catalog, ["llama-3.1"], answers)
    d = decisions(catalog, a)[0]
    critical = [f for f in a.results[0].findings if f.severity.name == "critical"]
    assert critical and [i.finding for i in d.may_not] == [f.finding.id for f in critical]
    assert 0 < len(d.first) <= 5 and len({i.text for i in d.first}) == len(d.first)  # one step per action
    severities = [Severity[i.severity] for i in d.first]
    assert severities == sorted(severities, reverse=True) and min(severities) >= Severity.medium
    page = decision_block("Results", HOSTILE, 2, [d])
    assert not MARKUP.search(page) and "&lt;script&gt;" in page
    assert "2 question(s) are still unanswered" in page
    assert all(f'href="#lr-llama-3.1-{i.finding}"' in page for i in (*d.may_not, *d.first))
    # a license with nothing to do says so
    quiet = decisions(catalog, assess(catalog, ["mit"], {}))[0]
    if not quiet.first and not quiet.may_not:
        assert "Nothing to do before going ahead" in decision_block("Results", "", 0, [quiet])


def test_the_answers_summary_shows_answers_as_typed(catalog):
    q = catalog.question(INTAKE, "organisation")[1]
    html = answers_heading("Your answers", "", answers_summary([("Your company", [Step(INTAKE, q, HOSTILE)])]))
    assert not MARKUP.search(html)
    assert "&lt;script&gt;" in html and "株式会社テスト" in html
    assert "No answers yet." in answers_heading("Your answers", "", None)


def test_the_heat_map_has_a_row_per_license_version_with_its_full_name(catalog):
    a = assess(catalog, ["gemma-2024-02", "gemma-2025-03"], {})
    rows = [(f"{HOSTILE} {row.license}", row) for row in compare(a)]
    table = heat_map_html(rows)
    assert table.count('<tr><th scope="row">') == 2 and "gemma-2024-02" in table and "gemma-2025-03" in table
    assert not MARKUP.search(table) and "Levels, lowest to highest" in table


def test_links_to_findings_not_on_the_page_go_through_the_page_link(catalog):
    """Only one license's findings, filtered, are on the page: a link to any other card reloads the page to show it."""
    answers = {INTAKE: {"modifies_model": True, "ip_claims": "pending"}, "llama-3.1": {"ip_claim_subject": "llama"}}
    a = assess(catalog, ["llama-3.1"], answers)
    d = decisions(catalog, a)[0]

    def link(license_id: str, finding_id: str) -> str:
        return f"?a=A1&findings={license_id}&finding={finding_id}"

    page = decision_block("Results", "", 0, [d], link=link)
    for item in (*d.may_not, *d.first):
        assert f'<a href="?a=A1&amp;findings=llama-3.1&amp;finding={item.finding}" target="_self"' in page
    assert 'href="#' not in page  # no anchor that could lead nowhere
    # a license's section: the cards on the page by anchor, the filtered-out ones through the link
    r = a.results[0]
    setting = sorted({i for level in r.levels.values() for i in level.findings})
    assert len(setting) > 1
    on_page, filtered_out = setting[:1], setting[1:]
    section = license_section("llama-3.1", r, "meaning", [], hidden=len(r.findings), shown=on_page, link=link)
    assert f'<a href="#lr-llama-3.1-{on_page[0]}">' in section
    assert all(f'href="?a=A1&amp;findings=llama-3.1&amp;finding={i}" target="_self"' in section for i in filtered_out)
