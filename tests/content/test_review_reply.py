"""Every quote in the reply to the fidelity audit is word for word in the official text it names."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPLY = ROOT / "docs" / "reviews" / "2026-12-fidelity-audit-reply.md"
TEXTS = ROOT / "licenses" / "texts"
# The reply's convention: a verbatim quote is "..." followed at once by (file.txt:line), the file in licenses/texts/.
QUOTE = re.compile(r'"([^"]{6,}?)" \(([a-z0-9.-]+\.txt):')


def flat(text: str) -> str:
    return " ".join(text.split())


def quotes() -> list[tuple[str, str]]:
    text = flat(REPLY.read_text(encoding="utf-8"))
    return [(m.group(1), m.group(2)) for m in QUOTE.finditer(text)]


def test_the_reply_quotes_the_texts_word_for_word() -> None:
    found = quotes()
    assert len(found) >= 20, found  # the reply rests on quotes; a parse that finds few would prove nothing
    wrong = [(q, f) for q, f in found if flat(q) not in flat((TEXTS / f).read_text(encoding="utf-8"))]
    assert not wrong, wrong
