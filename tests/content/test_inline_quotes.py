"""Quotes inside the findings' and questions' own words are the official text's, word for word.

A clause's `quote` is checked in test_content; the explanations quote the licenses too, between
“ and ”, and a reader takes those words as the license's. Each such quote must appear in a text the
tree works on (its license, the policies that license incorporates, or a clause the tree cites).
The comparison reads the texts as they show (Markdown links and escapes as their words), because
several official copies are Markdown files. Written out here rather than imported, so that the test
does not trust the code it checks. A quote of another license (to compare) is looked up in every shipped text.
"""

from __future__ import annotations

import re

import pytest

from license_risk.content.load import load_catalog
from license_risk.shipped import ROOT

CATALOG = load_catalog(ROOT)
TEXTS = ROOT / "licenses" / "texts"
# A quote: “…”, allowing one level of nested “…” (a quote that itself quotes, as §1.b.iii does).
SPAN = re.compile(r"“((?:[^“”]|“[^“”]*”)*)”")
ELLIPSIS = re.compile(r"…|\.\.\.|\[\.\.\.\]")


def shown(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [words](link) shows as its words
    text = re.sub(r"\\([_*\[\]()#.\-])", r"\1", text)  # Markdown escapes show as the character
    text = text.replace("**", "")
    return " ".join(text.split())


def _texts_of(tree_id: str) -> str:
    tree = CATALOG.trees[tree_id].model
    files = set()
    if tree.license and tree.license in CATALOG.profiles:
        files.add(CATALOG.profiles[tree.license].model.text.file)
        files |= {p.model.text.file for p in CATALOG.policies_of(tree.license)}
    refs = [r for f in tree.findings for r in f.clauses] + [r for q in tree.questions for r in q.probes or []]
    for ref in refs:
        resolved = CATALOG.clause(tree_id, ref)
        if resolved is not None:
            files.add(resolved[0].model.text.file)
    return " ".join(shown((TEXTS / f).read_text(encoding="utf-8")) for f in sorted(files))


def _labels() -> set[str]:
    """Words of the tool's own questions and options: “Not sure” quotes an answer, not a license."""
    out = set()
    for tree in CATALOG.trees.values():
        for q in tree.model.questions:
            out.add(" ".join(q.text.split()).casefold())
            out |= {" ".join(o.label.split()).casefold() for o in q.options or []}
    return out


def _own_words(tree_id: str) -> list[tuple[str, str]]:
    tree = CATALOG.trees[tree_id].model
    out = []
    for f in tree.findings:
        out += [(f"findings.{f.id}.{k}", getattr(f, k) or "") for k in ("title", "explanation", "action", "review_note")]
    for q in tree.questions:
        out += [(f"questions.{q.id}.text", q.text), (f"questions.{q.id}.help", q.help or "")]
    return out


LABELS = _labels()
# A finding may quote another license to compare (Llama 3 against 3.1's wider rule): any shipped text then.
EVERY_TEXT = " ".join(shown(f.read_text(encoding="utf-8")) for f in sorted(TEXTS.glob("*.txt")))
TREES = sorted(t for t in CATALOG.trees if CATALOG.trees[t].model.license)


@pytest.mark.parametrize("tree_id", TREES)
def test_quotes_in_the_explanations_are_word_for_word(tree_id: str) -> None:
    texts = _texts_of(tree_id)
    wrong = []
    for where, words in _own_words(tree_id):
        if re.search(r"“[^“”\s]+“", words):  # an opening mark where a closing one belongs
            wrong.append(f"{where}: a quote closed with “ instead of ”")
        for m in SPAN.finditer(words):
            span = " ".join(m.group(1).split())
            # Short spans name a term or an answer (“Not sure”), not a passage.
            if len(span.split()) < 4 or span.casefold().rstrip(".") in LABELS:
                continue
            for part in (p.strip(" ,") for p in ELLIPSIS.split(span)):
                if part and not any(p in t for p in (part, part.rstrip(".,;:")) for t in (texts, EVERY_TEXT)):
                    wrong.append(f"{where}: “{part[:120]}” is not in the official text")
    assert not wrong, f"questionnaires/{tree_id}.yaml:\n" + "\n".join(wrong)


def test_the_check_finds_a_changed_word() -> None:
    texts = _texts_of("llama-3.1")
    quote = "any licenses granted to you under this Agreement shall terminate"
    assert quote in texts
    assert quote.replace("terminate", "end") not in texts
