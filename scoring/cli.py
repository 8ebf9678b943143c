"""Command line: validate content, assess an answers file, print a tree for review."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .answers import read_answers
from .catalog import Catalog, load_catalog
from .problems import ContentError, InputError
from .rating import assess
from .report import assessment_data, assessment_text, tree_text
from .scenarios import run_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring", description="Open-model license risk assessment.")
    parser.add_argument(
        "--content", type=Path, default=None, help="folder holding licenses/ and questionnaires/ (default: this project)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check all content: schema, references, quotes, scenario tests")
    p_assess = sub.add_parser("assess", help="score an answers file (YAML or JSON)")
    p_assess.add_argument("answers", type=Path)
    p_assess.add_argument("--json", action="store_true", help="print the results as JSON")
    p_questions = sub.add_parser("questions", help="print a license's question tree for review")
    p_questions.add_argument("license")
    args = parser.parse_args(argv)

    try:
        catalog = load_catalog(args.content)
    except ContentError as exc:
        print(f"The content has {len(exc.problems)} problem(s):", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 1

    if args.command == "validate":
        return _validate(catalog)
    if args.command == "questions":
        if args.license not in catalog.trees:
            print(f"No question tree '{args.license}'. Known: {', '.join(sorted(catalog.trees))}", file=sys.stderr)
            return 2
        sys.stdout.write(tree_text(catalog, args.license))
        return 0
    return _assess(catalog, args.answers, args.json)


def _validate(catalog: Catalog) -> int:
    for w in catalog.warnings:
        print(f"  {w}")
    outcomes = run_all(catalog)
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        where = f"{o.file}:{o.line}" if o.line else o.file
        print(f"  {where}: scenario '{o.name}' fails:", file=sys.stderr)
        for failure in o.failures:
            print(f"      {failure}", file=sys.stderr)
    n_profiles = len(catalog.profiles)
    n_trees = len(catalog.trees)
    summary = f"{n_profiles} profiles, {n_trees} question trees, {len(outcomes)} scenarios ({len(failed)} failing), {len(catalog.warnings)} warnings"
    if failed:
        print(f"FAILED: {summary}", file=sys.stderr)
        return 1
    print(f"OK: {summary}")
    return 0


def _assess(catalog: Catalog, path: Path, as_json: bool) -> int:
    try:
        loaded = read_answers(path, catalog, name=str(path))
    except InputError as exc:
        print(f"Cannot read the answers: {exc.problem}", file=sys.stderr)
        return 1
    for note in loaded.notes:
        print(f"note: {note}", file=sys.stderr)
    for p in loaded.problems:
        print(f"{p}", file=sys.stderr)
    if not loaded.licenses:
        print(f"{path}: no license to assess (the file's 'licenses' list is empty or unknown)", file=sys.stderr)
        return 1
    assessment = assess(catalog, loaded.licenses, loaded.answers)
    if as_json:
        data = assessment_data(catalog, assessment)
        data["problems"] = [str(p) for p in loaded.problems]
        data["notes"] = loaded.notes
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(assessment_text(catalog, assessment))
    return 1 if loaded.problems else 0
