"""Translations of the content's words, kept beside the content and keyed by its ids.

`questionnaires/<tree>.<lang>.yaml` translates a question tree, `licenses/<profile>.<lang>.yaml`
a profile's clause titles and summaries (never its quotes: the official English is the
governing text), `licenses/rubric.<lang>.yaml` the rubric's scale and kinds. Each entry
records `source:`, the first 12 hex digits of the SHA-256 of the English it translates
(`source_hash`), as Babel marks a fuzzy entry: when the English changes, the hash no longer
matches, the entry is stale, the views fall back to the English (`license_risk.content.localized`)
and `validate --strict` fails until a translator checks it and refreshes the hash.

Only words are translated: ids, conditions, kinds, exposures and clause references live in
the English file alone, so a translation cannot change a result.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError

from license_risk.content.model import Id, Strict, Text
from license_risk.content.problems import InputError, Problem
from license_risk.content.schema_errors import problems_from
from license_risk.content.yamlsource import Document, load_file

Language = Literal["ja"]
LANGUAGES: tuple[str, ...] = ("ja",)  # a file named <id>.<one of these>.yaml is a translation, not content
RUBRIC = "rubric"
BACKGROUND = "background"  # licenses/background.yaml: notes per place of establishment, openness
MODELS = "models"  # licenses/models.yaml: the model catalog's notes, shown under a model in the search
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]

_TRANSLATION_NAME = re.compile(r"^(?P<target>.+)\.(?P<lang>" + "|".join(LANGUAGES) + r")\.yaml$")


def translation_name(filename: str) -> tuple[str, str] | None:
    """(target id, language) when the file name is a translation's, e.g. 'intake.ja.yaml' -> ('intake', 'ja')."""
    m = _TRANSLATION_NAME.match(filename)
    return (m["target"], m["lang"]) if m else None


# ---------------------------------------------------------------- the file's types


class Review(Strict):
    """Who translated the file and who, a second reader, checked it against the English."""

    translator: Name
    reviewer: Name | None = Field(default=None, description="Empty until a second reader has checked every entry.")
    date: dt.date | None = Field(default=None, description="When the review was done.")


class _Entry(Strict):
    source: Hash = Field(description="First 12 hex digits of the SHA-256 of the English this entry translates.")


class TreeText(_Entry):
    title: Text
    description: Text | None = None


class OptionText(Strict):
    label: Text
    help: Text | None = None


class QuestionText(_Entry):
    text: Text
    help: Text | None = None
    unit: Text | None = None
    options: dict[str, OptionText | Text] = Field(
        default_factory=dict, description="By option value: the label, or {label, help} where the option has help."
    )


class FindingText(_Entry):
    title: Text
    explanation: Text
    action: Text | None = None
    review_note: Text | None = None


class OpenQuestionText(_Entry):
    text: Text


class ClauseText(_Entry):
    """A clause's title and plain-language summary; the quote is never translated."""

    title: Text
    summary: Text


class ScaleText(_Entry):
    text: Text


class KindText(_Entry):
    title: Text
    rule: Text


class JurisdictionText(_Entry):
    name: Text
    note: Text


class Translation(Strict):
    translates: Id = Field(description="The tree or profile id, or 'rubric'; it matches the file name.")
    language: Language
    review: Review
    complete: bool = Field(
        default=True,
        description="False while the translation is under way: entries not yet translated are then shown in English "
        "and counted in the coverage, not warned about. Stale and unknown entries are warned about either way.",
    )
    tree: TreeText | None = Field(default=None, description="The tree's title and description.")
    questions: dict[Id, QuestionText] = Field(default_factory=dict)
    findings: dict[Id, FindingText] = Field(default_factory=dict)
    open_questions: dict[Id, OpenQuestionText] = Field(default_factory=dict)
    clauses: dict[Id, ClauseText] = Field(default_factory=dict)
    scale: dict[str, ScaleText] = Field(default_factory=dict, description="The rubric's severity scale, by level.")
    kinds: dict[Id, KindText] = Field(default_factory=dict, description="The rubric's kinds, by id.")
    jurisdictions: dict[Id, JurisdictionText] = Field(
        default_factory=dict, description="The background's notes per place of establishment, by the intake's answer."
    )
    openness: dict[Id, ScaleText] = Field(default_factory=dict, description="The background's openness notes (osaid, eu_ai_act).")
    profile: dict[Id, ScaleText] = Field(
        default_factory=dict,
        description="A profile's own words beside its clauses: who the licensor is ('licensor'), the governing law ('law') "
        "and venue ('venue'), the notes "
        "on its copy of the text ('caveat-1', ...), the openness note ('openness') and the reason of each failed Open "
        "Source Definition criterion ('osd-<criterion>').",
    )
    catalog: dict[Id, ScaleText] = Field(
        default_factory=dict,
        description="The model catalog's words, by model id: its note ('<id>.note'), the license whose text is not held "
        "('<id>.not-held') and that of a lineage link ('<id>.lineage-<n>.not-held', n counting the links from 1).",
    )


SECTIONS = (
    "tree",
    "questions",
    "findings",
    "open_questions",
    "clauses",
    "profile",
    "scale",
    "kinds",
    "jurisdictions",
    "openness",
    "catalog",
)


@dataclass(frozen=True)
class Loaded:
    """A translation file as loaded: its model and its document (for lines)."""

    model: Translation
    file: str
    doc: Document


# ---------------------------------------------------------------- the English each entry translates


def _norm(text: str | None) -> str | None:
    # Reflowing a folded YAML paragraph changes no word: whitespace runs count as one space.
    return " ".join(text.split()) if text is not None else None


def source_hash(fields: dict[str, Any]) -> str:
    """The hash an entry records: over its English fields, with whitespace runs collapsed."""

    def norm(value: Any) -> Any:
        if isinstance(value, str):
            return _norm(value)
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [norm(v) for v in value]
        return value

    blob = json.dumps(norm(fields), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


def english_entries(kind: str, model: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """The English of every translatable entry: section -> id -> field -> text (options: value -> {label, help}).

    `kind` is 'tree' (a Questionnaire), 'profile' (a LicenseProfile), 'rubric' (a Rubric), 'background'
    or 'models' (the list of catalog Checkpoints).
    """
    out: dict[str, dict[str, dict[str, Any]]] = {}
    if kind == "tree":
        out["tree"] = {"tree": _fields(title=model.title, description=model.description)}
        out["questions"] = {
            q.id: _fields(
                text=q.text,
                help=q.help,
                unit=q.unit,
                options={o.value: _fields(label=o.label, help=o.help) for o in q.options} if q.options else None,
            )
            for q in model.questions
        }
        out["findings"] = {
            f.id: _fields(title=f.title, explanation=f.explanation, action=f.action, review_note=f.review_note)
            for f in model.findings
        }
        out["open_questions"] = {o.id: {"text": o.text} for o in model.open_questions}
    elif kind == "profile":
        out["clauses"] = {c.id: {"title": c.title, "summary": c.summary} for c in model.clauses}
        out["profile"] = {key: {"text": text} for key, text in profile_texts(model).items()}
    elif kind == "rubric":
        out["scale"] = {level: {"text": text} for level, text in model.scale.items()}
        out["kinds"] = {k.id: {"title": k.title, "rule": k.rule} for k in model.kinds}
    elif kind == "background":
        out["jurisdictions"] = {k: {"name": j.name, "note": j.note} for k, j in model.jurisdictions.items()}
        out["openness"] = {"osaid": {"text": model.openness.osaid}, "eu_ai_act": {"text": model.openness.eu_ai_act}}
    elif kind == "models":
        out["catalog"] = {key: {"text": text} for key, text in catalog_texts(model).items()}
    return out


def catalog_texts(models: Any) -> dict[str, str]:
    """The model catalog's words shown to users, by the key its translation uses (see Translation.catalog)."""
    out: dict[str, str] = {}
    for m in models:
        if m.note:
            out[f"{m.id}.note"] = m.note
        if m.not_held:
            out[f"{m.id}.not-held"] = m.not_held
        for n, link in enumerate(m.lineage, 1):
            if link.not_held:
                out[f"{m.id}.lineage-{n}.not-held"] = link.not_held
    return out


def profile_texts(model: Any) -> dict[str, str]:
    """A profile's words outside its clauses, by the key its translation uses (see Translation.profile)."""
    out: dict[str, str] = {"licensor": model.licensor}
    if model.governing_law is not None:
        out["law"], out["venue"] = model.governing_law.law, model.governing_law.venue
    for i, caveat in enumerate(model.text.caveats, 1):
        out[f"caveat-{i}"] = caveat
    if model.open_source is not None:
        out["openness"] = model.open_source.note
        for key, failure in zip(osd_keys(model.open_source.osd_failures), model.open_source.osd_failures, strict=True):
            out[key] = failure.reason
    return out


def osd_keys(failures: Any) -> list[str]:
    """'osd-<criterion clause>' for each failure, numbered where a criterion fails twice."""
    keys: list[str] = []
    for failure in failures:
        key = "osd-" + failure.criterion.rpartition("#")[2]
        keys.append(key if key not in keys else f"{key}-{keys.count(key) + 1}")
    return keys


def _fields(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


# A line break inside a folded YAML paragraph (`>-`) becomes a space; between two Japanese (or
# Chinese, Korean) characters that space is an error of the folding, not of the translator: Japanese
# has no spaces between words, and a translator wrapping a long line must not insert one.
_CJK = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"


@functools.cache  # compiled when translations are applied, not at every CLI start (2 ms: its classes are large)
def _folded_space() -> re.Pattern[str]:
    return re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])|(?<=[。、）」』】]) (?=\\S)")


def join_folded(text: str) -> str:
    return _folded_space().sub("", text)


def translated_fields(entry: Any) -> dict[str, Any]:
    """An entry's translated fields in the shape of `english_entries` (options as value -> {label, help})."""
    data = {
        k: join_folded(v) if isinstance(v, str) else v for k, v in entry.__dict__.items() if k != "source" and v not in (None, {})
    }
    if "options" in data:
        data["options"] = {
            value: _fields(label=join_folded(o), help=None)
            if isinstance(o, str)
            else _fields(label=join_folded(o.label), help=join_folded(o.help) if o.help else None)
            for value, o in data["options"].items()
        }
    return data


def file_for(kind: str, target: str, lang: str) -> str:
    """The translation file of a tree ('tree'), a profile ('profile'), the rubric, the background or the model catalog."""
    folder = "questionnaires" if kind == "tree" else "licenses"
    return f"{folder}/{target}.{lang}.yaml"


def section_entries(model: Translation, section: str) -> dict[str, Any]:
    if section == "tree":
        return {"tree": model.tree} if model.tree is not None else {}
    return getattr(model, section)


# ---------------------------------------------------------------- loading


def translation_files(root: Path) -> list[tuple[Path, str, str, str]]:
    """Every translation file under root: (path, folder, target id, language), in a stable order."""
    out = []
    for folder in ("licenses", "questionnaires"):
        for path in sorted((root / folder).glob("*.yaml")):
            named = translation_name(path.name)
            if named is not None:
                out.append((path, folder, *named))
    return out


def load_translations(root: Path) -> tuple[dict[str, dict[str, Loaded]], list[Problem]]:
    """Every translation under root, by language then file name; problems (file and line) for files that cannot be used.

    Whether each entry still matches its English is not checked here (`license_risk.maintain.translations`
    does): a stale entry is shown in English, never refused.
    """
    out: dict[str, dict[str, Loaded]] = {}
    problems: list[Problem] = []
    for path, folder, target, lang in translation_files(root):
        name = f"{folder}/{path.name}"
        try:
            doc = load_file(path, name)
        except InputError as exc:
            problems.append(exc.problem)
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem(name, 1, "", "the file must be a YAML mapping (key: value lines)"))
            continue
        try:
            model = Translation.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, Translation))
            continue
        if model.translates != target or model.language != lang:
            problems.append(
                Problem(
                    name,
                    doc.line_of(("translates",)),
                    "translates",
                    f"'{model.translates}' in language '{model.language}' must match the file name ({target}.{lang}.yaml)",
                )
            )
            continue
        out.setdefault(lang, {})[name] = Loaded(model, name, doc)
    return out, problems
