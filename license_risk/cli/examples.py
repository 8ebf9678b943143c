"""Each verb's examples, shown at the end of its `--help`: a command to copy and what it does.

A new verb adds its examples here (tests/cli/test_conventions.py checks that every verb has one).
Commands are written with `{prog}`, the name the user ran (`model-license-risk` or
`python -m scoring`); what each does is marked for translation and shown in the locale's language.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Final

from license_risk.i18n import N_

EXAMPLES: Final[dict[str, list[tuple[str, str]]]] = {
    "": [
        ("{prog} assess examples/japanese-saas-chatbot.yaml", N_("score an answers file: findings and ratings, explained")),
        ("{prog} validate --format sarif > content.sarif", N_("check the content, as SARIF for code scanning")),
        ("{prog} app", N_("start the web app on http://localhost:8501")),
        ("{prog} --version", N_("the tool's version and the content's")),
    ],
    "validate": [
        ("{prog} validate", N_("check all the content; exit 2 listing every problem")),
        ("{prog} validate --strict", N_("fail on warnings too (incomplete content, lint)")),
        ("{prog} validate --strict --format sarif > content.sarif", N_("the problems as SARIF 2.1.0, for code scanning")),
        ("{prog} --content ../our-licenses validate --json", N_("check another content folder; the problems as JSON")),
    ],
    "assess": [
        ("{prog} assess examples/japanese-saas-chatbot.yaml", N_("findings and ratings, explained")),
        ("{prog} assess answers.yaml --json", N_("the results as JSON, for a program")),
        ("{prog} assess answers.yaml --lang ja --pdf memo.pdf", N_("the results and the memo in Japanese")),
        ("cat answers.yaml | {prog} assess -", N_("read the answers from standard input")),
        ("{prog} assess --card README.md", N_("a Hugging Face model card: its lineage, assessed by route")),
    ],
    "consistency": [
        ("{prog} consistency > consistency.md", N_("the table of kinds of risk by license family, as Markdown")),
    ],
    "questions": [
        ("{prog} questions llama-3.1", N_("a license's question tree as text, for review")),
    ],
    "diff": [
        ("{prog} diff HEAD~1 HEAD", N_("what the last commit changed in the content")),
        ("{prog} diff main WORKTREE --json", N_("what your edits change, as JSON")),
    ],
    "identify": [
        ("{prog} identify LICENSE", N_("which held license and version a license file is")),
        ("{prog} identify - --json < LICENSE.txt", N_("a license text from standard input; the verdict as JSON")),
    ],
    "bom": [
        (
            "{prog} bom bom.json --answers examples/distilled-student.yaml",
            N_("the CycloneDX 1.6 ML-BOM of a model built on others"),
        ),
        ("{prog} bom bom.json --card README.md", N_("the ML-BOM of a Hugging Face model card's lineage")),
    ],
    "translations": [
        ("{prog} translations", N_("the translations' missing and stale entries (exit 2 if any)")),
        ("{prog} translations --json", N_("the same, as JSON")),
        (
            "{prog} translations --stub tree llama-4 > questionnaires/llama-4.ja.yaml",
            N_("a Japanese translation file to fill in"),
        ),
    ],
    "schema": [
        ("{prog} schema", N_("write schema/*.schema.json from the content's types")),
        ("{prog} schema --check", N_("only check that the committed schemas are current")),
    ],
    "scan": [
        ("{prog} scan .", N_("the models this repository uses, each with file and line")),
        (
            "{prog} scan . --answers answers.yaml --format sarif --output scan.sarif",
            N_("assess each model found with the organisation's answers; SARIF for code scanning"),
        ),
        ("{prog} scan models/ --answers answers.yaml --lang ja", N_("the same, in Japanese, as text")),
    ],
    "app": [
        ("{prog} app", N_("start the web app on http://localhost:8501 (this machine only)")),
        ("{prog} app --server.port 8080 --server.address 0.0.0.0", N_("serve other machines, on port 8080")),
    ],
}


def examples_text(verb: str, prog: str, _: Callable[[str], str]) -> str:
    """The examples of a verb ("" for the command itself), as the end of its help."""
    lines = [_("examples:")]
    for command, what in EXAMPLES.get(verb, []):
        lines += [f"  # {_(what)}", f"  {command.format(prog=prog)}"]
    return "\n".join(lines)


def add_examples(
    parser: argparse.ArgumentParser, verbs: dict[str, argparse.ArgumentParser], prog: str, _: Callable[[str], str]
) -> None:
    """Put each verb's examples before its epilog (the exit codes), keeping the epilog's line breaks."""
    for verb, sub in (("", parser), *verbs.items()):
        if verb and verb not in EXAMPLES:
            continue  # tests/cli/test_conventions.py fails on it
        sub.epilog = examples_text(verb, prog, _) + (f"\n\n{sub.epilog}" if sub.epilog else "")
        sub.formatter_class = argparse.RawDescriptionHelpFormatter
