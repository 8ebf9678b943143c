"""Property: whatever Unicode goes into any text field, the memo is produced, drops no character
silently (no fpdf2 glyph warning), and user text never becomes HTML markup."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from html.parser import HTMLParser
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from memo_support import assert_no_glyph_warnings, glyph_warnings, page_texts, sample_memo

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.memo.facts import Memo, build_memo
from license_risk.memo.html import render_html
from license_risk.memo.pdf import render_pdf, visible_text
from scoring.rating import assess

SPECIAL = [
    "株", "式", "漢", "字", "这", "個", "한", "글", "Ω", "Ж", "é", "😀", "🚀", "\u200b", "\u200d", "\u00ad", "\u202e",
    "\u0301", "\ufe0f", "\n", "\r", "\t", "\x00", "\x0c", "\u2028", "\ue000", "\U0010fffd", "{nb}", "**", "__", "~~",
    "<b>", "&amp;", "</td>", '"', "'", " ", "  ", "\u3000", "\ud800",
]  # fmt: skip
ANY_CHAR = st.characters(codec=None, categories=None, exclude_categories=())  # surrogates and controls included
TEXT = st.lists(st.one_of(ANY_CHAR, st.sampled_from(SPECIAL)), max_size=60).map("".join)
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag != "br":
            self.tags.append(tag)


def tags(doc: str) -> list[str]:
    parser = _Tags()
    parser.feed(doc)
    parser.close()
    return parser.tags


def render_both(memo: Memo) -> tuple[bytes, str]:
    with glyph_warnings() as records:
        pdf = render_pdf(memo)
    assert_no_glyph_warnings(records)
    assert pdf.startswith(b"%PDF-1.") and pdf.rstrip().endswith(b"%%EOF")
    return pdf, render_html(memo)


def text_questions(catalog: Catalog, tree_id: str) -> list[str]:
    return [q.id for q in catalog.trees[tree_id].order if q.kind == "text"]


@SETTINGS
@given(organisation=TEXT, target=TEXT, models=st.lists(TEXT, max_size=3))
def test_any_text_answers_give_a_memo(mini: Catalog, organisation: str, target: str, models: list[str]) -> None:
    assert text_questions(mini, INTAKE) == ["organisation"] and text_questions(mini, "demo") == ["lawsuit_target"]
    answers = {
        INTAKE: {"organisation": organisation, "users": 5, "distributes": True, "uses": ["chat"]},
        "demo": {"ships_license": False, "lawsuit": "maybe", "lawsuit_target": target},
    }
    memo = build_memo(mini, assess(mini, ["demo"], answers), answers, date=dt.date(2026, 1, 1), tool_version="1", models=models)
    pdf, doc = render_both(memo)
    plain = build_memo(
        mini,
        assess(mini, ["demo"], answers),
        _plain(answers),
        date=dt.date(2026, 1, 1),
        tool_version="1",
        models=["x"] * len(models),
    )
    assert tags(doc) == tags(render_html(plain))
    # every visible character of the organisation's name reaches the title page, or its [U+XXXX] stand-in
    first_page = page_texts(pdf)[0]
    shown = visible_text(organisation)
    for ch in shown:
        if unicodedata.category(ch)[0] in "LNPS":
            assert ch in first_page, f"{ch!r} (U+{ord(ch):04X}) missing from the title page"


def _plain(answers: dict) -> dict:
    out = {t: dict(a) for t, a in answers.items()}
    out[INTAKE]["organisation"] = "x"
    out["demo"]["lawsuit_target"] = "y"
    return out


def _replace_strings(value: Any, draw: Any) -> Any:
    if isinstance(value, str):
        return draw()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: _replace_strings(getattr(value, f.name), draw) for f in dataclasses.fields(value)}
        )  # type: ignore[arg-type]
    if isinstance(value, tuple):
        return tuple(_replace_strings(v, draw) for v in value)
    return value


KEEP = {"severity", "level", "rating", "category", "categories", "ranking", "id", "license_id", "section", "severity_scale"}


def _keep_vocabulary(memo: Memo, original: Memo) -> Memo:
    """Put back the fields that are identifiers or fixed vocabulary (severity names, categories, ids)."""

    def fix(value: Any, orig: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for f in dataclasses.fields(value):
                if f.name in KEEP:
                    changes[f.name] = getattr(orig, f.name)
                else:
                    changes[f.name] = fix(getattr(value, f.name), getattr(orig, f.name))
            return dataclasses.replace(value, **changes)  # type: ignore[arg-type]
        if isinstance(value, tuple):
            return tuple(fix(v, o) for v, o in zip(value, orig, strict=True))
        return value

    return fix(memo, original)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pool=st.lists(TEXT, min_size=1, max_size=16), start=st.integers(0, 15))
def test_any_text_in_every_field_gives_a_memo(pool: list[str], start: int) -> None:
    """Every string of a memo (about three hundred) replaced by strings from a drawn pool, in turn."""
    original = sample_memo()
    turn = iter(range(start, start + 10_000))
    memo = _keep_vocabulary(_replace_strings(original, lambda: pool[next(turn) % len(pool)]), original)
    render_both(memo)
