"""Check the app's translations: every string marked in the code is in each catalog, translated and reviewed.

`validate --strict` fails on any of these warnings, each naming the `.po` file and its line:

- an entry with no translation, or marked fuzzy (a guess `make i18n` made from a changed string);
- an obsolete entry (`#~`, kept by `make i18n` when a string left the code), or an entry for a
  string no longer marked in the code (the catalog was not updated);
- a string marked in the code (`_()`, `N_()`) that the catalog lacks (named with where it is marked);
- a translation whose `{placeholders}` differ from the English, which `.format()` would fail on;
- a string marked inside an f-string's braces (`f"{_('...')}"`), which Babel's extractor cannot see;
- a string translated as `translator(lang)("...")`, which Babel does not read as marked either.

Extraction reads the same folders as `make i18n` (babel.cfg), with Babel's Python extractor.
`python -m license_risk.maintain.ui_catalog` prints the problems and exits 2 if there are any.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from license_risk.content.problems import Problem
from license_risk.i18n import ENGLISH, LANGUAGES, LOCALE, catalog_file

ROOT = Path(__file__).resolve().parents[2]  # the folder that holds ui/ and license_risk/, checkout or site-packages
SOURCES = (
    "ui",
    "license_risk/cli",
    "license_risk/workspace",
    "license_risk/memo",
    "license_risk/numbers",
    "license_risk/i18n",
    "license_risk/lineage",
    "license_risk/combined",
    "license_risk/content",
    "license_risk/maintain",
    "license_risk/scan",
    "license_risk/policy",
    "license_risk/review",
    "scoring",
)  # what `make i18n` extracts from (the Makefile reads this list)
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
IN_FSTRING = re.compile(r"""\bf(['"]).*\{[^{}]*\b_\(\s*['"]""")  # f"...{_("x")}": never extracted, never translated
UNMARKED_CALL = re.compile(r"""\btranslator\([^()]*\)\(\s*['"]""")  # translator(lang)("x"): not extracted either


def marked_strings(root: Path = ROOT) -> dict[str, tuple[str, int]]:
    """Each string marked for translation in the code, with the first place (file, line) it is marked."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, tuple[str, int]] = {}
    for folder in SOURCES:
        if not (root / folder).is_dir():
            continue
        for filename, line, message, _comments, _context in extract_from_dir(root / folder, method_map=[("**.py", "python")]):
            msgid = message if isinstance(message, str) else message[0]
            if msgid:
                found.setdefault(msgid, (f"{folder}/{filename}", line))
    return found


def hidden_marks(root: Path = ROOT) -> list[tuple[str, int]]:
    """(file, line) of each string marked where extraction misses it: inside an f-string, or translated
    as translator(lang)("...") rather than through a `_` bound to it."""
    found = []
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*.py")):
            if path.resolve() == Path(__file__).resolve():
                continue  # this checker's own patterns and docs quote the marks it looks for
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if IN_FSTRING.search(line) or UNMARKED_CALL.search(line):
                    found.append((_shown(path, root), number))
    return found


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _short(msgid: str) -> str:
    return msgid if len(msgid) <= 60 else msgid[:57] + "..."


def catalog_problems(root: Path = ROOT, languages: tuple[str, ...] = LANGUAGES, locale: Path = LOCALE) -> list[Problem]:
    """Every problem of every language's catalog (in `locale`) against the code under `root`, as warnings."""
    from babel.messages.pofile import PoFileError, read_po

    marked = marked_strings(root)
    problems = [
        Problem(
            file,
            line,
            "",
            'a string marked where `make i18n` cannot see it (inside an f-string, or translator(lang)("...")): mark it with _() on its own',
            "warning",
        )
        for file, line in hidden_marks(root)
    ]
    for lang in languages:
        if lang == ENGLISH:
            continue
        path = catalog_file(lang, locale)
        name = _shown(path, root)

        def warn(line: int | None, msgid: str, message: str, name: str = name) -> None:
            problems.append(Problem(name, line, f"msgid {_short(msgid)!r}", message, "warning"))

        try:
            with path.open("rb") as f:
                catalog = read_po(f, locale=lang, abort_invalid=True)
        except FileNotFoundError:
            problems.append(Problem(name, None, "", "the catalog is missing: run `make i18n`", "warning"))
            continue
        except (PoFileError, ValueError, UnicodeDecodeError) as exc:
            problems.append(Problem(name, getattr(exc, "lineno", None), "", f"cannot be read: {exc}", "warning"))
            continue
        for message in catalog:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            if not msgid:
                continue  # the header
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                warn(message.lineno, msgid, "fuzzy: review the translation, then remove the `#, fuzzy` line")
            elif not all(strings):
                warn(message.lineno, msgid, "not translated")
            elif any(set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(msgid)) for s in strings):
                warn(message.lineno, msgid, "the translation's {placeholders} differ from the English")
            if msgid not in marked:
                warn(message.lineno, msgid, "no longer marked in the code: run `make i18n` and remove it")
        for message in catalog.obsolete.values():
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            warn(message.lineno, msgid, "obsolete (#~): remove it, or mark the string in the code again")
        for msgid, (file, line) in marked.items():
            if msgid not in catalog:
                warn(None, msgid, f"missing: marked for translation at {file}:{line}; run `make i18n` and translate it")
    return problems


def main() -> int:
    problems = catalog_problems()
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in the app's translations" if problems else "The app's translations are complete.")
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
