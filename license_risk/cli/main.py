"""Command line: validate content, assess an answers file (optionally writing the memo as PDF/HTML), print a tree for review.

Exit codes, the same for every verb: 0 when the input was read and used; 2 for input
problems (content or answers that cannot be used, any answer refused, a bad argument),
each listed with file and line. 1 and 3 are the policy's verdicts: `assess --policy` exits 1 when a
license is denied and 3 when one needs review (2 wins over both).
Everything printed goes through `mark` (or `json_safe`), so text from a file cannot
drive the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from license_risk.cli.examples import add_examples
from license_risk.cli.language import cli_language, cli_translator, help_translator
from license_risk.cli.stdin import NAME as STDIN_NAME
from license_risk.cli.stdin import is_stdin, only_one_stdin, read_stdin
from license_risk.content.printable import json_safe, mark
from license_risk.content.problems import ContentError, InputError, Problem, listed
from license_risk.i18n import N_, Message, translator

# Each verb imports what it needs, in its own function: `assess` runs in CI gates, where the
# maintainers' tools, the memo's PDF stack or the app, imported for nothing, would cost tens of
# milliseconds each (`python -m bench.cli`; tests/cli/test_cache.py checks what is imported).
if TYPE_CHECKING:
    from license_risk.cli.problems_out import Reported
    from license_risk.content.catalog import Catalog
    from license_risk.decisions import Decision
    from license_risk.policy import LoadedPolicy, PolicyResult
    from license_risk.review import SignOff
    from scoring.answers import LoadedAnswers
    from scoring.rating import Assessment

OK = 0
INPUT_PROBLEMS = 2  # 1 and 3 stay free for policy verdicts
EXIT_CODES = """exit codes:
  0  the input was read and used
  2  input problems: content or answers that cannot be used, or any answer refused
     (each listed with file and line), or a bad argument
  1 and 3 are reserved for policy verdicts"""
ASSESS_EXIT_CODES = """exit codes:
  0  the input was read and used; with --policy: every license is allowed
  1  with --policy: a license is denied
  3  with --policy: a license needs review (a rule says review, an approval is missing,
     or questions are still unanswered), and none is denied
  2  input problems: content, answers or a policy file that cannot be used, or any answer
     refused (each listed with file and line), or a bad argument; 2 wins over 1 and 3"""


def say(text: str = "", *, err: bool = False) -> None:
    """Print one line of output, with what a file could use to drive the terminal shown as [U+XXXX]."""
    print(mark(text), file=sys.stderr if err else sys.stdout)


def say_problems(problems: list[Problem], indent: str = "  ", lang: str = "en") -> None:
    shown, more = listed(problems, lang=lang)
    for p in shown:
        say(f"{indent}{p.in_language(lang)}", err=True)
    if more:
        say(f"{indent}{more}", err=True)


def reader_language(args: argparse.Namespace | None) -> str:
    """The language of what is said about the user's own files (answers, cards, BOMs): Japanese when --lang
    asks for it, else the locale's (license_risk/cli/language.py)."""
    return "ja" if getattr(args, "lang", None) == "ja" else cli_language()


def say_notes(notes: list[Message | Problem], lang: str) -> None:
    _ = translator(lang)
    for note in notes:
        say(_("note: {note}").format(note=note.in_language(lang)), err=True)


def console() -> int:
    """The `model-license-risk` command (pyproject.toml's [project.scripts]): `python -m scoring` under its own name."""
    gc.disable()  # as scoring/__main__.py, for the same reason: a short process
    code = main(prog="model-license-risk")
    gc.freeze()
    return code


def main(argv: list[str] | None = None, prog: str = "python -m scoring") -> int:
    argv, app_args = _app_arguments(sys.argv[1:] if argv is None else argv)
    _ = help_translator(argv)  # the help in the locale's language (license_risk/cli/language.py)
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Open-model license risk assessment.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--content", type=Path, default=None, help="folder holding licenses/ and questionnaires/ (default: this project)"
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help=_("print the tool's version and the content's (the newest question tree's date + a digest of the content files)"),
    )
    sub = parser.add_subparsers(dest="command")  # not required: --version needs none
    p_validate = sub.add_parser(
        "validate", help="check all content: schema, references, quotes, scenario tests; lint warnings and coverage"
    )
    p_validate.add_argument("--strict", action="store_true", help="fail (exit 2) on warnings too")
    validate_format = p_validate.add_mutually_exclusive_group()
    validate_format.add_argument(
        "--format",
        choices=["text", "json", "sarif"],
        default="text",
        help=_("text (default); json: the problems as data; sarif: SARIF 2.1.0, for code scanning"),
    )
    validate_format.add_argument("--json", dest="format", action="store_const", const="json", help=_("the same as --format json"))
    p_assess = sub.add_parser(
        "assess",
        help="score an answers file (YAML or JSON), a model card or an AI BOM",
        description="Score an answers file. With --card or --bom, the model's lineage is read from that file "
        "(it replaces the answers file's own lineage) and the answers it settles are filled in where the "
        "answers file leaves them open; what could not be mapped is listed with its line or JSON path. "
        "With --policy, each license also gets the organisation policy's verdict beside the tool's rating.",
        epilog=ASSESS_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_assess.add_argument(
        "answers",
        type=Path,
        nargs="?",
        help=_("the answers file (optional with --card or --bom); - reads it from standard input"),
    )
    lineage_from = p_assess.add_mutually_exclusive_group()
    lineage_from.add_argument("--card", type=Path, metavar="README.md", help="read the lineage from a Hugging Face model card")
    lineage_from.add_argument(
        "--bom", type=Path, metavar="BOM.json", help="read the lineage from a CycloneDX 1.6 ML-BOM or an SPDX 3.0 AI document"
    )
    p_assess.add_argument("--json", action="store_true", help="print the results as JSON")
    p_assess.add_argument(
        "--policy",
        type=Path,
        metavar="POLICY.yaml",
        help="apply an organisation policy (see examples/policy.yaml): allowed, review needed or denied per license, "
        "in the output, the memo and the exit code; --date also sets the day its exceptions' expiry is checked on",
    )
    p_assess.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="also write the memo for legal reviewers as PDF")
    p_assess.add_argument("--html", type=Path, metavar="OUT.html", help="also write the memo as one HTML file")
    p_assess.add_argument(
        "--docx", type=Path, metavar="OUT.docx", help="also write the memo as a Word document, to edit with track changes"
    )
    p_assess.add_argument("--date", type=_memo_date, default=None, metavar="YYYY-MM-DD", help="the memo's date (default: today)")
    p_assess.add_argument(
        "--lang",
        choices=["en", "ja"],
        default="en",
        help="the language of the output and the memo: en (default) or ja (日本語; license quotes stay in English)",
    )
    p_assess.add_argument(
        "--memo-lang",
        choices=["en", "ja", "both"],
        default=None,
        help="the memo's language if not --lang's; both: Japanese and English (PDF and Word: one after the other; "
        "HTML: side by side)",
    )
    sub.add_parser("consistency", help="print the consistency table (kinds of risk x license families) as Markdown")
    p_questions = sub.add_parser("questions", help="print a license's question tree for review")
    p_questions.add_argument("license")
    p_diff = sub.add_parser("diff", help="what changed between two versions of the content (folders or git revisions)")
    p_diff.add_argument("old", help="a folder, a git revision (HEAD~1, main, a commit) or WORKTREE")
    p_diff.add_argument("new", help="a folder, a git revision or WORKTREE (the files on disk)")
    p_diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    p_identify = sub.add_parser(
        "identify",
        help="say which held license and version a license file is: identical, modified (with its differences) or unknown",
        epilog=IDENTIFY_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_identify.add_argument(
        "file",
        type=Path,
        help=_("the license file (UTF-8, or UTF-16 with a byte order mark; 1 MB at most); - reads standard input"),
    )
    p_identify.add_argument("--json", action="store_true", help="print the identification as JSON")
    p_bom = sub.add_parser(
        "bom",
        help="write a CycloneDX 1.6 ML-BOM of the assessed model: its components, their licenses and this tool's conclusions",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_bom.add_argument("out", type=Path, metavar="OUT.json")
    p_bom.add_argument("--answers", type=Path, help="an answers file with a lineage (format version 2)")
    bom_from = p_bom.add_mutually_exclusive_group()
    bom_from.add_argument("--card", type=Path, metavar="README.md", help="read the lineage from a Hugging Face model card")
    bom_from.add_argument("--bom", type=Path, metavar="BOM.json", help="read the lineage from a CycloneDX or SPDX 3 file")
    p_scan = sub.add_parser(
        "scan",
        help="find the models a repository uses (code, configs, Modelfiles, compose files, model cards, GGUF and "
        "safetensors headers), map them to the catalog and, with --answers, assess and decide on each",
        epilog=SCAN_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_scan.add_argument("path", type=Path, help="the folder (or file) to scan")
    p_scan.add_argument("--answers", type=Path, help="the organisation's saved answers file: assess each model found with it")
    scan_format = p_scan.add_mutually_exclusive_group()
    scan_format.add_argument("--format", choices=["text", "json", "sarif"], default="text", help="the output (default: text)")
    scan_format.add_argument("--json", dest="format", action="store_const", const="json", help=_("the same as --format json"))
    p_scan.add_argument("--output", type=Path, metavar="FILE", help="write the output to FILE instead of standard output")
    p_scan.add_argument(
        "--fail-on",
        choices=["info", "low", "medium", "high", "critical"],
        default="high",
        help="the rating at or above which a model is denied (default: high)",
    )
    p_scan.add_argument("--lang", choices=["en", "ja"], default="en", help="the language of the output: en (default) or ja")
    p_scan.add_argument(
        "--policy",
        type=Path,
        metavar="POLICY.yaml",
        help="with --answers: decide each model by the organisation policy (see examples/policy.yaml) instead of --fail-on",
    )
    p_translations = sub.add_parser(
        "translations",
        help="list the translations' missing and stale entries (exit 2 if any), or print a file to fill in with --stub",
    )
    p_translations.add_argument("--stale", action="store_true", help="list only the stale entries (the English changed)")
    p_translations.add_argument(
        "--stub",
        nargs=2,
        metavar=("KIND", "ID"),
        help="print a translation file to fill in: KIND is tree, profile, rubric, background or models",
    )
    p_translations.add_argument("--lang", default="ja", help="the language of --stub (default: ja)")
    p_translations.add_argument("--json", action="store_true", help=_("print the entries and the coverage as JSON"))
    p_schema = sub.add_parser("schema", help="write the JSON Schemas for editors to schema/ from license_risk/content/model.py")
    p_schema.add_argument("--check", action="store_true", help="only check that the committed schemas are current")
    p_app = sub.add_parser(
        "app",
        help=_("start the web app (Streamlit) from the installed package; what follows is passed to Streamlit"),
        description=_(
            "Start the web app. It serves this machine only (127.0.0.1) on port 8501 unless told otherwise;\n"
            "every argument after 'app' goes to Streamlit (streamlit run --help lists them)."
        ),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_app.add_argument("streamlit_args", nargs="*", metavar="STREAMLIT_ARGS", help=_("e.g. --server.port 8080"))
    add_examples(parser, sub.choices, prog, _)
    args = parser.parse_args(argv)

    if args.version:
        return _version(args.content)
    if args.command is None:
        _ = cli_translator()  # a message now, whether or not help was asked for
        parser.error(_("give a verb, e.g. {prog} validate (--help lists them)").format(prog=prog))
    if args.command == "app":
        from license_risk.cli.app import start_app

        if args.content is not None:
            _ = cli_translator()
            parser.error(_("--content does not apply to app: the app serves the shipped content"))

        return start_app(app_args)
    if args.command == "diff":
        return _diff(args.old, args.new, args.content, args.json)
    if args.command == "schema":
        return _schema(args.check)

    from license_risk.content.compiled import cached_catalog

    try:
        catalog = cached_catalog(args.content)  # loaded and checked once per change of the content
    except ContentError as exc:
        if args.command == "validate" and args.format != "text":
            from license_risk.cli.problems_out import Reported

            _print_problems(args.format, False, None, [Reported.of(p) for p in exc.problems])
            return INPUT_PROBLEMS
        say(f"The content has {len(exc.problems)} problem(s):", err=True)
        say_problems(exc.problems)
        return INPUT_PROBLEMS

    if args.command == "validate":
        return _validate(catalog, args.strict, app_words=args.content is None, output=args.format)
    if args.command == "consistency":
        from license_risk.maintain.consistency import markdown as consistency_markdown

        sys.stdout.write(mark(consistency_markdown(catalog)))
        return OK
    if args.command == "identify":
        return _identify(catalog, args.file, args.json)
    if args.command == "questions":
        from license_risk.maintain.tree_text import tree_text

        if args.license not in catalog.trees:
            say(f"No question tree '{args.license}'. Known: {', '.join(sorted(catalog.trees))}", err=True)
            return INPUT_PROBLEMS
        sys.stdout.write(mark(tree_text(catalog, args.license)))
        return OK
    if args.command == "bom":
        return _bom(catalog, args)
    if args.command == "translations":
        return _translations(catalog, args)
    if args.command == "scan":
        return _scan(catalog, args)
    return _assess(catalog, args.answers, args.json, args)


GLOBAL_WITH_VALUE = ("--content",)


def _app_arguments(argv: list[str]) -> tuple[list[str], list[str]]:
    """Split `[global options] app STREAMLIT_ARGS` into what argparse reads and what goes to Streamlit untouched
    (argparse would take `--server.port` for an option of its own); `app --help` stays ours."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token in GLOBAL_WITH_VALUE:
            i += 2
        elif token.startswith("-"):
            i += 1
        else:
            break
    if i >= len(argv) or argv[i] != "app" or any(a in ("-h", "--help") for a in argv[i + 1 :]):
        return argv, []
    return argv[: i + 1], argv[i + 1 :]


def _validate(catalog: Catalog, strict: bool = False, app_words: bool = True, output: str = "text") -> int:
    """`app_words`: check the app's translations too (the shipped content only: `--content` checks another folder's).
    `output`: text, or json / sarif (license_risk/cli/problems_out.py): then only that document is printed."""
    from license_risk.maintain.consistency import overrides
    from license_risk.maintain.lint import lint
    from license_risk.maintain.scenarios import run_all

    outcomes = run_all(catalog)
    report = lint(catalog, outcomes)
    found = [*catalog.warnings, *report.warnings]
    if app_words:
        from license_risk.maintain.ui_catalog import catalog_problems

        found += catalog_problems()
    warnings = sorted(found, key=lambda p: (p.file, p.line or 0, p.where, p.message))
    if output != "text":
        from license_risk.cli.problems_out import Reported

        failing = [o for o in outcomes if not o.passed]
        reported = [
            *(Reported.failing_scenario(o.file, o.line, o.name, o.failures) for o in failing),
            *map(Reported.of, warnings),
        ]
        ok = not failing and not (strict and warnings)
        summary = {
            "profiles": len(catalog.profiles),
            "question_trees": len(catalog.trees),
            "scenarios": len(outcomes),
            "failing_scenarios": len(failing),
            "warnings": len(warnings),
            "strict": strict,
        }
        _print_problems(output, ok, summary, reported)
        return OK if ok else INPUT_PROBLEMS
    for w in warnings:
        say(f"  {w}")
    say("Coverage by the scenario tests:")
    for coverage in report.coverage.values():
        say(f"  {coverage.line()}")
    _translation_coverage(catalog)
    departures = overrides(catalog)
    if departures:
        say(f"Departures from the rubric ({len(departures)}), each with its reason:")
        for tree_id, f in departures:
            say(f"  {tree_id}/{f.id} ({f.kind}, {f.exposure}): {f.severity} {f.category}: {' '.join(f.override.reason.split())}")  # type: ignore[union-attr]
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        where = f"{o.file}:{o.line}" if o.line else o.file
        say(f"  {where}: scenario '{o.name}' fails:", err=True)
        for failure in o.failures:
            say(f"      {failure}", err=True)
    n_profiles = len(catalog.profiles)
    n_trees = len(catalog.trees)
    summary = f"{n_profiles} profiles, {n_trees} question trees, {len(outcomes)} scenarios ({len(failed)} failing), {len(warnings)} warnings"
    if failed:
        say(f"FAILED: {summary}", err=True)
        return INPUT_PROBLEMS
    if strict and warnings:
        say(f"FAILED (--strict fails on warnings): {summary}", err=True)
        return INPUT_PROBLEMS
    say(f"OK: {summary}")
    return OK


def _print_problems(output: str, ok: bool, summary: dict[str, object] | None, reported: list[Reported]) -> None:
    """validate's problems as JSON or SARIF, alone on stdout (a CI step redirects it to a file)."""
    from license_risk import __version__
    from license_risk.cli.problems_out import problems_json, problems_sarif

    print(problems_json(ok, summary, reported) if output == "json" else problems_sarif(__version__, reported, summary))


def _version(content: Path | None) -> int:
    """`--version`: the tool's version, then the content's (license_risk/content/fingerprint.py)."""
    from license_risk import __version__
    from license_risk.content.fingerprint import content_version

    say(f"open-model-license-risk {__version__}")
    _ = cli_translator()
    try:
        version = content_version(content)
    except OSError as exc:
        say(_("Cannot read the content under {root}: {reason}").format(root=content, reason=exc.strerror or exc), err=True)
        return INPUT_PROBLEMS
    say(f"content {version}")
    if version.problems:
        say(_("The content has {n} problem(s), so it has no date: validate lists them.").format(n=version.problems), err=True)
        return INPUT_PROBLEMS
    return OK


def _translations(catalog: Catalog, args: argparse.Namespace) -> int:
    from license_risk.maintain.translation_stub import KINDS, stub
    from license_risk.maintain.translations import stale_entries, translation_problems

    if args.stub:
        if args.json:
            _ = cli_translator()
            say(_("--stub prints a translation file to fill in, not JSON: give one or the other"), err=True)
            return INPUT_PROBLEMS
        kind, target = args.stub
        try:
            if kind not in KINDS:
                raise KeyError(kind)
            sys.stdout.write(mark(stub(catalog, kind, target, args.lang)))
        except KeyError:
            say(f"No {kind} '{target}' to translate (KIND is one of {', '.join(KINDS)})", err=True)
            return INPUT_PROBLEMS
        return OK
    problems = stale_entries(catalog) if args.stale else translation_problems(catalog)
    if args.json:
        from license_risk.maintain.translations import translation_report

        data = {
            "problems": [{"file": p.file, "line": p.line, "where": p.where, "message": p.message} for p in problems],
            "coverage": [
                {"lang": c.lang, "kind": c.kind, "target": c.target, "current": c.current, "total": c.total, "stale": c.stale}
                | {"file": c.file, "reviewed": bool(c.reviewer)}
                for c in translation_report(catalog).coverage
            ],
        }
        print(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
        return INPUT_PROBLEMS if problems else OK
    for p in problems:
        say(f"  {p}")
    _translation_coverage(catalog)
    return INPUT_PROBLEMS if problems else OK


def _translation_coverage(catalog: Catalog) -> None:
    from license_risk.maintain.translations import translation_report

    by_lang: dict[str, list[str]] = {}
    for c in translation_report(catalog).coverage:
        by_lang.setdefault(c.lang, []).append(c.line())
    for lang, lines in by_lang.items():
        say(f"Translation coverage ({lang}; current entries / English entries):")
        for line in lines:
            say(f"  {line}")


def _assess(catalog: Catalog, path: Path | None, as_json: bool, args: argparse.Namespace | None = None) -> int:
    from license_risk.memo.report import assessment_data, assessment_text
    from scoring.rating import assess
    from scoring.routes import routes_data

    loaded = _load(catalog, path, args)
    if isinstance(loaded, int):
        return loaded
    # the reviewer's decisions carried in the file (format version 4); a bad one is listed with its line
    decisions: list[Decision] = []
    signed: SignOff | None = None
    if loaded.review is not None:  # imported only then: a plain answers file pays nothing for it
        from license_risk.review import read_carried

        decisions, signed = read_carried(loaded.review, loaded.document, catalog, loaded.problems)
    told = reader_language(args)
    say_notes(loaded.notes, told)
    say_problems(loaded.problems, indent="", lang=told)
    if not loaded.licenses and not (loaded.lineage and loaded.lineage.licenses):
        what = path or (args.card or args.bom if args is not None else None)
        _ = translator(told)
        say(
            _("{file}: no license to assess (no known license in its 'licenses' list or its lineage)").format(file=what), err=True
        )
        return INPUT_PROBLEMS
    english = catalog
    policy = _policy(english, args)
    if isinstance(policy, int):
        return policy
    lang = getattr(args, "lang", "en")
    if lang != "en":
        from license_risk.content.localized import localized

        catalog = localized(catalog, lang)
    assessment = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    routes = routes_data(assessment.walk.routes, lang)
    verdicts = None
    if policy is not None:
        from license_risk.policy import apply_policy, assessed_model

        today = getattr(args, "date", None) or dt.date.today()
        model = assessed_model(loaded.answers, loaded.lineage)
        from license_risk.review import reviewer_decisions

        # A reviewer's decision and a policy exception are one mechanism: both go through the decisions.
        verdicts = apply_policy(policy, assessment, english, model=model, today=today, decisions=reviewer_decisions(decisions))
    if as_json:
        data = assessment_data(catalog, assessment, loaded.conversions)
        if loaded.lineage is not None:
            data["lineage"] = {"model_name": loaded.lineage.model_name, "routes": routes}
        if verdicts is not None:
            from license_risk.policy.report import policy_data

            data["policy"] = policy_data(verdicts)
        data["problems"] = [str(p) for p in loaded.problems]  # all of them: a program reads this
        data["notes"] = [str(note) for note in loaded.notes]  # English, as every --json
        print(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        sys.stdout.write(mark(assessment_text(catalog, assessment)))
        _say_conversions(catalog, assessment, loaded, lang)
        if loaded.lineage is not None:
            _ = translator(lang)
            say("\n" + _("How each license reaches {model}:").format(model=loaded.lineage.model_name))
            for license_id, reaches in routes.items():
                say(f"  {license_id}: " + "; ".join(r["text"] for r in reaches))
        if verdicts is not None:
            from license_risk.memo.report import policy_text

            sys.stdout.write(mark(policy_text(verdicts, lang)))
    if args is not None and (args.pdf or args.html or args.docx):
        date = args.date or dt.date.today()
        memo_lang = args.memo_lang or lang
        paths = {"pdf": args.pdf, "html": args.html, "docx": args.docx}
        if not _write_memo(english, memo_lang, loaded, paths, date, verdicts, (decisions, signed)):
            return INPUT_PROBLEMS
    if loaded.problems:
        return INPUT_PROBLEMS
    return verdicts.exit_code if verdicts is not None else OK


def _policy(english: Catalog, args: argparse.Namespace | None) -> LoadedPolicy | int | None:
    """The policy file given with --policy, its warnings said (an exception expired or stale); 2 if it cannot be used."""
    path = getattr(args, "policy", None)
    if path is None:
        return None
    from license_risk.policy import PolicyRefused, load_policy

    today = getattr(args, "date", None) or dt.date.today()
    try:
        policy = load_policy(path, english, today)
    except PolicyRefused as exc:
        say(f"Cannot use the policy {path}:", err=True)
        say_problems(list(exc.problems))
        return INPUT_PROBLEMS
    except InputError as exc:
        say(f"Cannot use the policy {path}: {exc.problem}", err=True)
        return INPUT_PROBLEMS
    say_problems(list(policy.warnings), indent="")
    return policy


def _say_conversions(catalog: Catalog, assessment: Assessment, loaded: LoadedAnswers, lang: str) -> None:
    """The answers given in yen: the dollars scored, what was entered and the rate (and a threshold it is near)."""
    if not loaded.conversions:
        return
    from license_risk.numbers import conversion_text
    from scoring.thresholds import rate_warnings

    _ = translator(lang)
    given = {(s.tree, s.question.id): s for s in assessment.walk.path}
    for (tree_id, qid), c in loaded.conversions.items():
        step = given.get((tree_id, qid))
        if step is None or step.value != c.usd:
            continue
        say("\n" + _("Given in yen: {question}").format(question=" ".join(step.question.text.split())))
        say(f"  {conversion_text(c, lang)}")
        for warning in rate_warnings(catalog, list(assessment.walk.licenses), tree_id, qid, c, lang):
            say(f"  {warning}")


def _load(catalog: Catalog, path: Path | None, args: argparse.Namespace | None) -> LoadedAnswers | int:
    """The answers file, with the lineage of a card or BOM given beside it; an exit code if nothing can be read."""
    from scoring.answers import LoadedAnswers, read_answers

    card = getattr(args, "card", None)
    bom = getattr(args, "bom", None)
    if path is None and card is None and bom is None:
        say("give an answers file, --card README.md or --bom BOM.json", err=True)
        return INPUT_PROBLEMS
    twice = only_one_stdin({"ANSWERS": path, "--card": card, "--bom": bom})
    if twice:
        say(twice, err=True)
        return INPUT_PROBLEMS
    try:
        if is_stdin(path):
            from scoring.answers import MAX_ANSWERS_BYTES, parse_answers

            loaded = parse_answers(read_stdin(MAX_ANSWERS_BYTES, N_("answers files")), STDIN_NAME, catalog)
        else:
            loaded = read_answers(path, catalog, name=str(path)) if path is not None else LoadedAnswers([], {})
    except InputError as exc:
        told = reader_language(args)
        _ = translator(told)
        say(_("Cannot read the answers: {problem}").format(problem=exc.problem.in_language(told)), err=True)
        return INPUT_PROBLEMS
    if card is None and bom is None:
        return loaded
    from license_risk.lineage.read import MAX_IMPORT_BYTES, read_lineage, read_lineage_file

    kind = "card" if card else "bom"
    try:
        if is_stdin(card or bom):
            imported = read_lineage(read_stdin(MAX_IMPORT_BYTES, N_("model cards and AI BOMs")), STDIN_NAME, catalog, kind)
        else:
            imported = read_lineage_file(card or bom, catalog, kind)
    except InputError as exc:
        told = reader_language(args)
        _ = translator(told)
        say(_("Cannot import {file}:").format(file=card or bom), err=True)
        say_problems(list(getattr(exc, "problems", (exc.problem,))), lang=told)
        return INPUT_PROBLEMS
    if loaded.lineage is not None:
        loaded.notes.append(
            Message.of(N_("the lineage of {file} replaces the one in {answers}"), file=imported.file, answers=str(path))
        )
    loaded.lineage = imported.lineage
    for tree, given in imported.answers.items():  # only where the answers file says nothing
        for qid, value in given.items():
            if qid not in loaded.answers.get(tree, {}):
                loaded.answers.setdefault(tree, {})[qid] = value
                why = imported.reasons.get(tree, {}).get(qid, "")
                loaded.notes.append(
                    Message.of(
                        N_("{file}: {tree}.{question} set to {value!r} ({why})"),
                        file=imported.file,
                        tree=tree,
                        question=qid,
                        value=value,
                        why=why,
                    )
                )
    # What could not be mapped: an error loses something (an unknown license), so it fails like a refused answer.
    loaded.problems += [p for p in imported.unmapped if p.level == "error"]
    loaded.notes += [p for p in imported.unmapped if p.level != "error"]
    return loaded


def _bom(catalog: Catalog, args: argparse.Namespace) -> int:
    """Write the CycloneDX ML-BOM of the lineage, with the conclusions of its assessment."""
    from license_risk.bom.export import build_bom
    from scoring.rating import assess

    if args.answers is None and args.card is None and args.bom is None:
        say("give --answers FILE (with a lineage), --card README.md or --bom BOM.json", err=True)
        return INPUT_PROBLEMS
    loaded = _load(catalog, args.answers, args)
    if isinstance(loaded, int):
        return loaded
    told = reader_language(args)
    say_notes(loaded.notes, told)
    say_problems(loaded.problems, indent="", lang=told)
    if loaded.lineage is None or not loaded.lineage.components:
        say(f"{args.answers}: no lineage to describe (format version 2 answers with a 'lineage', a card or a BOM)", err=True)
        return INPUT_PROBLEMS
    assessment = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
    text = build_bom(catalog, loaded.lineage, assessment)
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        say(f"Cannot write the BOM to {args.out}: {exc.strerror or exc}", err=True)
        return INPUT_PROBLEMS
    say(f"wrote {args.out} ({len(loaded.lineage.components)} components, CycloneDX 1.6)")
    return INPUT_PROBLEMS if loaded.problems else OK


IDENTIFY_EXIT_CODES = """exit codes:
  0  the file was read and compared, whatever the verdict: identical, modified (needs legal
     review) or unknown (no held text is close enough; the closest is named, not asserted).
     A CI gate reads the verdict (`--json`: "verdict", "needs_legal_review").
  2  the file cannot be used: missing, a folder, over 1 MB, binary, not UTF-8 (nor UTF-16 with
     a byte order mark), or empty; or the content cannot be loaded
  1 and 3 are reserved for policy verdicts"""


def _identify(catalog: Catalog, path: Path, as_json: bool) -> int:
    from license_risk.identify import identify, identify_file
    from license_risk.identify.read import MAX_BYTES, decode_license
    from license_risk.identify.report import identification_data, identification_text

    try:
        if is_stdin(path):
            result = identify(decode_license(read_stdin(MAX_BYTES, N_("license files")), STDIN_NAME), catalog)
        else:
            result = identify_file(path, catalog, name=str(path))
    except InputError as exc:
        say(f"Cannot identify the license: {exc.problem}", err=True)
        return INPUT_PROBLEMS
    name = STDIN_NAME if is_stdin(path) else str(path)
    if as_json:
        print(json_safe(json.dumps(identification_data(result, name), ensure_ascii=False, indent=2)))
    else:
        sys.stdout.write(mark(identification_text(result, name)))
    return OK


def _memo_date(text: str) -> dt.date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")


def _write_memo(
    english: Catalog,
    lang: str,
    loaded: LoadedAnswers,
    paths: dict[str, Path | None],
    date: dt.date,
    verdicts: PolicyResult | None = None,
    review: tuple[list[Decision], SignOff | None] = ([], None),
) -> bool:
    """Write the memo files in `lang` (en, ja or both) to `paths` (pdf, html, docx: a path or None); an unwritable
    path is a message on stderr, not a traceback. `review`: the reviewer's decisions and sign-off from the file."""
    from license_risk import __version__
    from license_risk.content.localized import localized
    from license_risk.memo.facts import Memo, build_memo
    from license_risk.memo.review import reviewed_of
    from scoring.rating import assess

    pdf, html, docx = paths.get("pdf"), paths.get("html"), paths.get("docx")
    for path in (p for p in (pdf, html, docx) if p):  # fail before the work of rendering
        parent = path.parent
        problem = (
            "it is a folder; give a file name"
            if path.is_dir()
            else f"the folder {parent} does not exist"
            if not parent.exists()
            else f"{parent} is not a folder"
            if not parent.is_dir()
            else None
        )
        if problem:
            say(f"Cannot write the memo to {path}: {problem}", err=True)
            return False

    def memo_in(language: str) -> Memo:
        catalog = localized(english, language)
        assessment = assess(catalog, loaded.licenses, loaded.answers, loaded.lineage)
        reviewed = reviewed_of(english, assessment, loaded.licenses, loaded.answers, loaded.lineage, *review, date)
        return build_memo(
            catalog,
            assessment,
            loaded.answers,
            date=date,
            tool_version=__version__,
            lineage=loaded.lineage,
            conversions=loaded.conversions,
            policy=verdicts,
            reviewed=reviewed,
        )

    memos = [memo_in("ja"), memo_in("en")] if lang == "both" else [memo_in(lang)]
    outputs: list[tuple[Path, Callable[[], bytes]]] = []
    if pdf:
        from license_risk.memo.both import render_pdf_both
        from license_risk.memo.pdf import render_pdf

        outputs.append((pdf, lambda: render_pdf_both(*memos) if len(memos) == 2 else render_pdf(memos[0])))
    if html:
        from license_risk.memo.both import render_html_both
        from license_risk.memo.html import render_html

        outputs.append((html, lambda: (render_html_both(*memos) if len(memos) == 2 else render_html(memos[0])).encode("utf-8")))
    if docx:
        from license_risk.memo.docx import render_docx, render_docx_both

        outputs.append((docx, lambda: render_docx_both(*memos) if len(memos) == 2 else render_docx(memos[0])))
    for path, render in outputs:
        data = render()
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            say(f"Cannot write the memo to {path}: {exc.strerror or exc}", err=True)
            return False
        say(f"wrote {path} ({len(data) / 1024:.0f} KB)", err=True)
    return True


def _diff(old: str, new: str, content: Path | None, as_json: bool) -> int:
    from license_risk.content.load import load_catalog
    from license_risk.maintain.diff import DiffError, content_at, diff_catalogs, diff_data, diff_text
    from license_risk.shipped import ROOT

    worktree = (content or ROOT).resolve()
    catalogs: list[Catalog] = []
    try:
        with content_at(old, worktree) as old_root, content_at(new, worktree) as new_root:
            for label, root in ((old, old_root), (new, new_root)):
                try:
                    catalogs.append(load_catalog(root))
                except ContentError as exc:
                    say(f"{label}: the content has {len(exc.problems)} problem(s):", err=True)
                    say_problems(exc.problems)
                    return INPUT_PROBLEMS
    except DiffError as exc:
        say(f"Cannot compare: {exc}", err=True)
        return INPUT_PROBLEMS
    changes = diff_catalogs(catalogs[0], catalogs[1], old, new)
    if as_json:
        print(json_safe(json.dumps(diff_data(changes), ensure_ascii=False, indent=2)))
    else:
        sys.stdout.write(mark(diff_text(changes)))
    return OK


def _schema(check: bool) -> int:
    from license_risk.maintain.jsonschema import SCHEMA_DIR, stale, write
    from license_risk.shipped import ROOT

    if check:
        old = stale()
        if old:
            say(f"Out of date in {SCHEMA_DIR}: {', '.join(old)}. Run: python -m scoring schema", err=True)
            return INPUT_PROBLEMS
        say(f"OK: the schemas in {SCHEMA_DIR} match license_risk/content/model.py")
        return OK
    changed = write()
    for path in changed:
        say(f"wrote {path.relative_to(ROOT)}")
    if not changed:
        say("the schemas were already current")
    return OK


SCAN_EXIT_CODES = """exit codes (with --answers; without it, 0 once the tree was scanned):
  0  every model found is allowed: assessed, no license rated at or above --fail-on
     (with --policy: the policy allows every license of every model)
  1  a model is denied: one of its licenses is rated at or above --fail-on (default high),
     or, with --policy, the policy denies one of its licenses
  3  no model denied, but one needs review: not in the catalog, its license text not held,
     the answers leave findings open for one of its licenses, a model card's model is built
     from a base whose license is not known here, or the policy says review
  2  input problems: the path, the answers file or the policy cannot be used, or the output cannot be written"""


def _scan(catalog: Catalog, args: argparse.Namespace) -> int:
    """Find the models under a path, assess them with the answers file if given, and report."""
    from license_risk.content.model import Severity
    from license_risk.scan import scan_tree
    from license_risk.scan.report import scan_data, scan_text
    from license_risk.scan.sarif import scan_sarif
    from license_risk.scan.verdicts import assess_models, by_policy, exit_code, group

    path: Path = args.path
    if not path.exists():
        say(f"{path}: no such file or folder to scan", err=True)
        return INPUT_PROBLEMS
    loaded = None
    if args.answers is not None:
        loaded = _load(catalog, args.answers, args)
        if isinstance(loaded, int):
            return loaded
        say_problems(loaded.problems, indent="", lang=reader_language(args))
    english = catalog
    policy = _policy(english, args)
    if isinstance(policy, int):
        return policy
    if policy is not None and loaded is None:
        say("scan --policy needs --answers: the policy decides on assessments, and the answers make them", err=True)
        return INPUT_PROBLEMS
    if args.lang != "en":
        from license_risk.content.localized import localized

        catalog = localized(catalog, args.lang)
    result = scan_tree(str(path), catalog)
    decider = by_policy(policy, english, catalog, loaded, dt.date.today()) if policy is not None and loaded is not None else None
    models = assess_models(catalog, result, loaded, Severity[args.fail_on], decider) if loaded is not None else group(result)
    if args.format == "text":
        out = mark(scan_text(result, models, args.lang))  # to a file too: a name that is not UTF-8 cannot be written as is
    else:
        data = scan_data(result, models, args.lang) if args.format == "json" else scan_sarif(result, models, args.lang)
        out = json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    if args.output is not None:
        try:
            args.output.write_text(out, encoding="utf-8")
        except OSError as exc:
            say(f"Cannot write the scan to {args.output}: {exc.strerror or exc}", err=True)
            return INPUT_PROBLEMS
    else:
        sys.stdout.write(out)
    if loaded is None:
        return OK
    if loaded.problems:
        return INPUT_PROBLEMS
    return exit_code(models)
