"""Drive the app with AppTest like a user: answer whatever question is shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")  # the entry point, as `make run` starts it
HOSTILE = "株式会社テスト <script>alert(1)</script> [click](http://evil.example) **bold** 👩‍💻 مرحبا"


def new_app(db: Path, query: dict[str, str] | None = None) -> AppTest:
    import os

    os.environ["LICENSE_RISK_DB"] = str(db)
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def html_text(at: AppTest, where: Any = None) -> str:
    """The text of the page's HTML blocks (results, answers summary), as a reader sees it: tags removed, entities decoded."""
    import html
    import re

    blocks = (where if where is not None else at).get("html")
    return " ".join(html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", b.proto.body)) for b in blocks)


def html_source(at: AppTest) -> str:
    return "".join(b.proto.body for b in at.get("html"))


def shown(at: AppTest) -> tuple[str, str] | None:
    """(tree, question) on screen, read from the widget keys."""
    for kind in ("radio", "text_input", "checkbox"):
        for w in getattr(at, kind):
            key = w.key or ""
            if key.startswith("w") and ":" in key:
                _, tree, qid = key.split(":")[:3]
                return tree, qid
    return None


def default_value(tree: str, qid: str) -> Any:
    """A plain answer: no, the first option, the last checkbox ("none"), 1000, or hostile text."""
    q = _catalog().question(tree, qid)[1]  # type: ignore[index]
    if q.kind in ("one_of", "many_of"):
        return q.option_values()[0] if q.kind == "one_of" else q.option_values()[-1:]
    return {"yes_no": False, "number": 1000, "text": HOSTILE}[q.kind]


_CAT = None


def _catalog():
    global _CAT
    if _CAT is None:
        from license_risk.content.load import load_catalog

        _CAT = load_catalog()
    return _CAT


def set_answer(at: AppTest, tree: str, qid: str, value: Any) -> None:
    q = _catalog().question(tree, qid)[1]  # type: ignore[index]
    epoch = at.session_state["epoch"] if "epoch" in at.session_state else 0
    key = f"w{epoch}:{tree}:{qid}"
    if q.kind in ("yes_no", "one_of"):
        at.radio(key=key).set_value(value)
    elif q.kind == "number":  # typed as text, as a person types it ("200万" or 1000)
        at.text_input(key=key).input(str(value))
    elif q.kind == "text":
        at.text_input(key=key).input(value)
    else:
        for o in q.option_values():
            box = at.checkbox(key=f"{key}:{o}")
            box.check() if o in value else box.uncheck()


def answer_until_done(at: AppTest, plan: dict[str, Any], limit: int = 80) -> list[tuple[str, str]]:
    """Answer each shown question from `plan` (by question id) or a default; return the questions asked."""
    asked = []
    for _ in range(limit):
        current = shown(at)
        if current is None:
            return asked
        tree, qid = current
        asked.append(current)
        set_answer(at, tree, qid, plan[qid] if qid in plan else default_value(tree, qid))
        at.button(key="q_next").click().run()
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
    raise AssertionError("the questionnaire did not end")


def start(at: AppTest, licenses: list[str]) -> AppTest:
    at.button[0].click().run()
    at.multiselect(key="chosen_licenses").set_value(licenses).run()
    return at.button(key="model_next").click().run()


def open_resume(at: AppTest, lang: str = "en") -> AppTest:
    """From the start page, open "Resume from a link or an answers file", after choosing the page's language."""
    from license_risk.i18n import translator

    if lang != "en":
        at.segmented_control(key="lang_switch").set_value(lang).run()
    label = translator(lang)("Resume from a link or an answers file")
    return next(b for b in at.button if b.label == label).click().run()
