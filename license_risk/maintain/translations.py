"""Checks of the translations beside the content, and how much of each tree they cover.

Every problem is a warning, pinned to the translation file's line, so `validate --strict` fails on it:
- an English text with no translation (a missing entry, or a field of an entry: help, an option's label),
  unless the file says `complete: false` (a translation under way: the coverage counts what is left);
- a stale entry: the English changed since it was translated (its `source:` hash differs);
- an entry, option or field for something the English does not have (a removed or misspelt id);
- a translated text that uses a rendering the glossary discourages (docs/glossary-<lang>.md).

Only what has a translation file is checked: a tree without `<tree>.ja.yaml` is simply not translated
yet (its coverage shows 0%) and its words are shown in English; adding the file claims the tree complete.
A file nobody has reviewed (`review.reviewer` empty) is reported beside the coverage, not as a warning:
the translator's own work is usable, and the second reading is the reviewer's to record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from license_risk.content.catalog import Catalog
from license_risk.content.problems import Problem
from license_risk.content.translation import (
    BACKGROUND,
    MODELS,
    LANGUAGES,
    RUBRIC,
    SECTIONS,
    Loaded,
    english_entries,
    file_for,
    section_entries,
    source_hash,
    translated_fields,
)
from license_risk.shipped import ROOT

HASH_LENGTH = 12


@dataclass(frozen=True)
class TranslationCoverage:
    """How many of a tree's (or the rubric's, or a profile's) entries have a current translation."""

    lang: str
    kind: str  # tree, profile or rubric
    target: str
    current: int
    total: int
    stale: int = 0
    file: str | None = None  # None: no translation file
    reviewer: str | None = None
    review_line: int | None = None

    def line(self) -> str:
        percent = 100 * self.current // self.total if self.total else 100
        text = f"{self.target}: {self.current}/{self.total} ({percent}%)"
        if self.stale:
            text += f", {self.stale} stale"
        if self.file is None:
            return text + ", not translated yet"
        if self.current < self.total:
            text += ", under way"
        if not self.reviewer:
            place = f"{self.file}:{self.review_line}" if self.review_line else self.file
            text += f"; NOT REVIEWED by a second reader yet ({place}: review.reviewer is empty)"
        return text


@dataclass
class TranslationReport:
    warnings: list[Problem] = field(default_factory=list)
    coverage: list[TranslationCoverage] = field(default_factory=list)


def translation_report(catalog: Catalog, glossary_dir: Path | None = None) -> TranslationReport:
    """Warnings on every translation file, and coverage of every tree, the rubric and translated profiles."""
    report = TranslationReport()
    for lang in LANGUAGES:
        files = dict(catalog.translations.get(lang, {}))
        glossary = read_glossary((glossary_dir or ROOT / "docs") / f"glossary-{lang}.md")
        for kind, target, english in _targets(catalog):
            loaded = files.pop(file_for(kind, target, lang), None)
            if loaded is None:
                if kind != "profile":  # profiles are listed only once someone translates one
                    total = sum(len(entries) for entries in english.values())
                    report.coverage.append(TranslationCoverage(lang, kind, target, 0, total))
                continue
            report.coverage.append(_check(loaded, kind, target, english, report.warnings))
            report.warnings += glossary_problems(loaded, glossary)
        for loaded in files.values():  # a translation of nothing the content has
            kind = "tree" if loaded.file.startswith("questionnaires/") else "profile"
            report.warnings.append(
                Problem(
                    loaded.file,
                    loaded.doc.key_line(("translates",)),
                    "translates",
                    f"there is no {kind} '{loaded.model.translates}' to translate: remove the file or correct its name",
                    "warning",
                )
            )
    report.warnings.sort(key=lambda p: (p.file, p.line or 0, p.where, p.message))
    return report


def translation_problems(catalog: Catalog) -> list[Problem]:
    """The warnings only, for the lint."""
    return translation_report(catalog).warnings


def stale_entries(catalog: Catalog) -> list[Problem]:
    """The stale entries only: what a translator re-reads after the English changed."""
    return [p for p in translation_problems(catalog) if "stale" in p.message]


def _targets(catalog: Catalog) -> Iterator[tuple[str, str, dict[str, dict[str, dict[str, Any]]]]]:
    for tree_id in sorted(catalog.trees, key=lambda t: (t != "intake", t)):
        yield "tree", tree_id, english_entries("tree", catalog.trees[tree_id].model)
    if catalog.rubric is not None:
        yield "rubric", RUBRIC, english_entries("rubric", catalog.rubric)
    if catalog.background is not None:
        yield "background", BACKGROUND, english_entries("background", catalog.background)
    if catalog.models:
        yield MODELS, MODELS, english_entries(MODELS, catalog.models)
    for profile_id in sorted(catalog.profiles):
        yield "profile", profile_id, english_entries("profile", catalog.profiles[profile_id].model)


def _loc(section: str, entry_id: str, *rest: Any) -> tuple[Any, ...]:
    return (section, *rest) if section == "tree" else (section, entry_id, *rest)


def _check(
    loaded: Loaded, kind: str, target: str, english: dict[str, dict[str, dict[str, Any]]], out: list[Problem]
) -> TranslationCoverage:
    doc, model = loaded.doc, loaded.model

    def warn(loc: tuple[Any, ...], message: str) -> None:
        where = ".".join(str(part) for part in loc)
        out.append(Problem(loaded.file, doc.key_line(loc), where, message, "warning"))

    current = total = stale = 0
    for section in SECTIONS:
        entries = section_entries(model, section)
        wanted = english.get(section, {})
        for entry_id, en in wanted.items():
            total += 1
            entry = entries.get(entry_id)
            if entry is None:
                if model.complete:
                    where = (section,) if section != "tree" else ()
                    warn(where, f"no translation of {_what(section, entry_id)}: add it")
                continue
            got = translated_fields(entry)
            recorded, now = entry.source, source_hash(en)
            if recorded != now:
                stale += 1
                warn(
                    _loc(section, entry_id, "source"),
                    f"stale: the English of {_what(section, entry_id)} changed since it was translated "
                    f"(source {recorded}, now {now}); check the translation against it, then set source: {now}",
                )
            else:
                current += 1
            _fields_match(section, entry_id, en, got, warn)
        for entry_id in entries:
            if entry_id not in wanted:
                warn(
                    _loc(section, entry_id), f"the English has no {_what(section, entry_id)}: remove the entry or correct its id"
                )
    return TranslationCoverage(
        model.language,
        kind,
        target,
        current,
        total,
        stale,
        loaded.file,
        model.review.reviewer,
        doc.key_line(("review", "reviewer")),
    )


def _fields_match(section: str, entry_id: str, en: dict[str, Any], got: dict[str, Any], warn: Any) -> None:
    """Every English field translated, and nothing translated that the English lacks."""
    for name in en:
        if name == "options":
            continue
        if name not in got:
            warn(_loc(section, entry_id), f"{_what(section, entry_id)}: the English has '{name}' but the translation does not")
    for name in got:
        if name not in en:
            warn(_loc(section, entry_id, name), f"{_what(section, entry_id)}: the English has no '{name}'; remove it")
    en_options: dict[str, dict[str, Any]] = en.get("options", {})
    got_options: dict[str, dict[str, Any]] = got.get("options", {})
    for value, option in en_options.items():
        if value not in got_options:
            warn(_loc(section, entry_id, "options"), f"{_what(section, entry_id)}: option '{value}' has no translation")
            continue
        if "help" in option and "help" not in got_options[value]:
            warn(
                _loc(section, entry_id, "options", value), f"option '{value}': the English has help but the translation does not"
            )
        if "help" in got_options[value] and "help" not in option:
            warn(_loc(section, entry_id, "options", value), f"option '{value}': the English has no help; remove it")
    for value in got_options:
        if value not in en_options:
            warn(
                _loc(section, entry_id, "options", value),
                f"{_what(section, entry_id)} has no option '{value}': remove it or correct the value",
            )


def _what(section: str, entry_id: str) -> str:
    names = {
        "tree": "the title and description",
        "questions": "question",
        "findings": "finding",
        "open_questions": "open question",
        "clauses": "clause",
        "profile": "profile text",
        "scale": "severity",
        "kinds": "kind",
        "jurisdictions": "note for",
        "openness": "openness note",
        "catalog": "model catalog text",
    }
    return names[section] if section == "tree" else f"{names[section]} '{entry_id}'"


# ---------------------------------------------------------------- the glossary

_CELL_SPLIT = re.compile(r"\s*[、,;/／]\s*")


@dataclass(frozen=True)
class Term:
    english: str
    preferred: str
    discouraged: tuple[str, ...]


def read_glossary(path: Path) -> list[Term]:
    """The terms of a Markdown glossary whose table has a column of discouraged renderings; [] if there is none.

    A table qualifies when its header names the term's rendering ("訳語", "Japanese" or "日本語") and the
    renderings not to use ("避ける", "使わない", "discouraged" or "avoid"); several discouraged variants in a
    cell are separated by 、 , ; or /. Text in backticks is read without them.
    """
    if not path.is_file():
        return []
    terms: list[Term] = []
    columns: tuple[int, int, int] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line.startswith("|"):
            columns = None
            continue
        cells = [c.strip().replace("`", "").strip() for c in line.strip("|").split("|")]
        if columns is None:
            columns = _header(cells)
            continue
        if all(set(c) <= set("-: ") for c in cells):
            continue  # the header's rule
        en_col, ja_col, avoid_col = columns
        if max(columns) >= len(cells) or not cells[ja_col]:
            continue
        preferred = _CELL_SPLIT.split(cells[ja_col])[0]
        variants = tuple(v for v in _CELL_SPLIT.split(cells[avoid_col]) if v and v not in ("-", "—", "なし"))
        if variants:
            terms.append(Term(cells[en_col], preferred, variants))
    return terms


def _header(cells: list[str]) -> tuple[int, int, int] | None:
    def find(*words: str) -> int | None:
        return next((i for i, c in enumerate(cells) if any(w in c.lower() for w in words)), None)

    avoid = find("避ける", "使わない", "discouraged", "avoid", "非推奨")
    ja = find("訳語", "japanese", "日本語")
    en = find("english", "英語", "term", "用語")
    if avoid is None or ja is None:
        return None
    return (en if en is not None else 0, ja, avoid)


def glossary_problems(loaded: Loaded, glossary: list[Term]) -> list[Problem]:
    """A translated text that uses a rendering the glossary discourages, with the line of the field."""
    out: list[Problem] = []
    if not glossary:
        return out
    for section in SECTIONS:
        for entry_id, entry in section_entries(loaded.model, section).items():
            for name, text in _texts(translated_fields(entry)):
                for term in glossary:
                    rest = text.replace(term.preferred, "\0")  # a variant inside the preferred term is no variant
                    for variant in term.discouraged:
                        if variant in rest:
                            loc = _loc(section, entry_id, *name)
                            out.append(
                                Problem(
                                    loaded.file,
                                    loaded.doc.key_line(loc),
                                    ".".join(str(p) for p in loc),
                                    f"「{variant}」: the glossary renders '{term.english}' as 「{term.preferred}」",
                                    "warning",
                                )
                            )
    return out


def _texts(fields: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], str]]:
    for name, value in fields.items():
        if isinstance(value, str):
            yield (name,), value
        elif name == "options":
            for option, parts in value.items():
                for part, text in parts.items():
                    yield ("options", option, *(() if part == "label" else (part,))), text
