"""Answers: checking values, and reading and writing answers files.

An answers file is keyed by tree id, then question id, and records the tree
and license versions it was answered against. Reading one never fails on a bad
answer: every answer that still fits is kept and everything else is listed.

Format version 2 adds the model's `lineage` (license_risk.lineage.model). A version 1 file with one
license is read as a lineage of one component, reached by its weights: fine-tuned when it answered
that it modifies the model, used unchanged when not. Several licenses in a version 1 file were
compared as alternatives and stay so, without a lineage. What cannot be mapped is noted.

Format version 3 adds yen for a question in US dollars, given with its exchange rate (below,
`_converted`); the answer scored is the dollar amount. A file is written with the lowest version that
holds what it says: 3 only when it has such an answer, so a tool that reads only 1 and 2 still reads
every other file, and refuses a yen file outright instead of dropping its revenue answer.

Format version 4 adds a `review` block: the reviewer's decisions and the sign-off (issue #17). This
module keeps it as read (`LoadedAnswers.review`, with the parsed document for its lines);
`license_risk.review.read_carried` checks it, since the decisions' model lives above this layer.
Written only when there is something to carry, so every other file stays readable by older tools.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.model import Question
from license_risk.content.problems import InputError, Problem
from license_risk.content.schema_errors import problems_from
from license_risk.content.yamlsource import Document, decode, parse, paused_gc, read_bytes
from license_risk.i18n import LANGUAGES, N_, Message, Written
from license_risk.lineage.model import Component, Lineage
from license_risk.numbers import MAX_WHOLE, Conversion, convert, read_number

FORMAT = "open-model-license-risk/answers"
FORMAT_VERSION = 4  # the newest this tool writes (only for a file that needs it: see dump_answers)
REVIEW_VERSION = 4  # a file with reviewer decisions or a sign-off
YEN_VERSION = 3  # a file with answers in yen (and no review)
PLAIN_VERSION = 2  # what a file without yen answers or review is written as
READABLE_VERSIONS = (1, 2, 3, 4)
MAX_ANSWERS_BYTES = 1024 * 1024
MAX_TEXT_CHARS = 2000
MAX_NUMBER = MAX_WHOLE  # the largest whole number a browser (JavaScript) holds exactly
_SURROGATE = re.compile("[\ud800-\udfff]")

Answers = dict[str, dict[str, Any]]  # tree id -> question id -> value
Conversions = dict[tuple[str, str], Conversion]  # (tree id, question id) -> the yen and rate its dollar answer came from
CONVERSION_KEYS = ("yen", "rate", "rate_date", "rate_source")  # as an answers file writes them


def in_dollars(q: Question) -> bool:
    """A question answered in US dollars: yen can be given for it, with a rate.

    Its English unit says USD; a translated unit does not ("米ドル／年"), and a localized catalog is
    what the app and `--lang ja` read with, so the id's `_usd` (how the content names them) counts too."""
    return q.kind == "number" and ("USD" in (q.unit or "") or q.id.endswith("_usd"))


def check_value(q: Question, raw: Any) -> tuple[Any, Message | None]:
    """The answer as stored, or an error saying what the question expects (read "the question ...")."""
    if q.kind == "yes_no":
        if isinstance(raw, bool):
            return raw, None
        if isinstance(raw, str) and raw.strip().lower() in ("yes", "no", "true", "false"):
            return raw.strip().lower() in ("yes", "true"), None
        return None, Message.of(N_("expects yes or no"))
    if q.kind == "one_of":
        if isinstance(raw, str) and raw in q.option_values():
            return raw, None
        return None, Message.of(N_("expects one of: {options}"), options=", ".join(q.option_values()))
    if q.kind == "many_of":
        values = raw if isinstance(raw, list) else None
        if values is None or not all(isinstance(v, str) for v in values):
            return None, Message.of(N_("expects a list of: {options}"), options=", ".join(q.option_values()))
        if not values:
            return None, Message.of(N_("expects at least one of: {options}"), options=", ".join(q.option_values()))
        unknown = [v for v in values if v not in q.option_values()]
        if unknown:
            return None, Message.of(
                N_("has no option {option!r}; options are: {options}"), option=unknown[0], options=", ".join(q.option_values())
            )
        clashing = q.clashing(values)
        if clashing:  # refused, never trimmed: which of the two the person meant is theirs to say
            alone = clashing[0]
            return None, Message.of(
                N_(
                    "cannot combine {option!r} ({label}) with other options: {option!r} excludes them; give it alone, or only the others"
                ),
                option=alone,
                label=q.option_label(alone),
            )
        return list(dict.fromkeys(values)), None
    if q.kind == "number":
        # Whole numbers, as the app asks them: the thresholds are counts of users and amounts of money.
        # Bounded so that a browser can show the value exactly (JavaScript's safe integers).
        if isinstance(raw, str):  # typed as people type it ("200万", "50M"), read as the app reads it
            reading = read_number(raw)
            if reading.value is None:
                return None, Message.of(N_("expects a whole number ({why})"), why=reading.why)
            if reading.currency == "JPY" and in_dollars(q):
                return None, Message.of(
                    N_(
                        "expects US dollars, and {text!r} is in yen: give the yen with its exchange rate,"
                        " as {{yen: ..., rate: ..., rate_date: YYYY-MM-DD}}"
                    ),
                    text=raw.strip(),
                )
            raw = reading.value
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            return None, Message.of(N_("expects a whole number"))
        if isinstance(raw, float) and not (math.isfinite(raw) and raw.is_integer()):
            return None, Message.of(N_("expects a whole number"))
        if abs(raw) > MAX_NUMBER:
            return None, Message.of(N_("expects a whole number of at most {most} in size"), most=f"{MAX_NUMBER:,}")
        value = int(raw)
        if q.minimum is not None and value < q.minimum:
            return None, Message.of(N_("expects a number of at least {n}"), n=f"{q.minimum:g}")
        if q.maximum is not None and value > q.maximum:
            return None, Message.of(N_("expects a number of at most {n}"), n=f"{q.maximum:g}")
        return value, None
    if not isinstance(raw, str):
        return None, Message.of(N_("expects text"))
    if not raw.strip():
        return None, Message.of(N_("expects text, and this one is blank"))
    if len(raw) > MAX_TEXT_CHARS:
        return None, Message.of(N_("text is longer than {n} characters"), n=MAX_TEXT_CHARS)
    if _SURROGATE.search(raw):
        return None, Message.of(N_("expects text (it holds half of a character pair, a lone surrogate)"))
    return raw, None


@dataclass
class LoadedAnswers:
    licenses: list[str]
    answers: Answers
    problems: list[Problem] = field(default_factory=list)  # answers not kept, and why
    notes: list[Message | Problem] = field(
        default_factory=list
    )  # what changed since the file was written (the CLI adds an import's warnings)
    lineage: Lineage | None = None  # how the model was built (a version 1 file's, mapped from its licenses)
    conversions: Conversions = field(default_factory=dict)  # answers given in yen, with their rate
    review: Any = None  # the file's `review` block as written (version 4): license_risk.review.read_carried checks it
    document: Document | None = field(default=None, repr=False)  # the parsed file, for the lines of `review`


class _Stamp(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use: see _plain_header
    tree_version: str
    license_version: str | None = None
    license_date: dt.date | None = None


class _AnswersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    format: str = Field(pattern=f"^{FORMAT}$")
    format_version: StrictInt
    licenses: list[str]
    answered_against: dict[str, _Stamp] = Field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)
    lineage: Any = None  # checked on its own (_read_lineage), so that a bad lineage loses nothing else
    review: Any = None  # checked on its own, above this layer (license_risk.review.read_carried)


def _plain_header(data: dict[Any, Any]) -> _AnswersFile | None:
    """The header, if every field is of exactly the type `_AnswersFile` asks for; otherwise None.

    What this accepts, `_AnswersFile.model_validate` accepts too and gives the same values for (a
    property test checks it); anything else (a missing or unknown key, a string where a date is
    expected, ...) goes to it, for its checking and messages. The point is time: the first validation
    builds pydantic's validator, about 30 ms of a `python -m scoring assess` that takes 200.
    """
    if not (data.keys() <= _HEADER_KEYS and _REQUIRED_KEYS <= data.keys()):
        return None
    licenses = data["licenses"]
    stamps = data.get("answered_against", {})
    answers = data.get("answers", {})
    if not (
        type(data["format"]) is str
        and data["format"] == FORMAT
        and type(data["format_version"]) is int
        and type(licenses) is list
        and all(type(x) is str for x in licenses)
        and type(stamps) is dict
        and all(type(k) is str and _plain_stamp(v) for k, v in stamps.items())
        and type(answers) is dict
        and all(type(k) is str and type(v) is dict and all(type(q) is str for q in v) for k, v in answers.items())
    ):
        return None
    values = {"format": data["format"], "format_version": data["format_version"], "licenses": list(licenses)}
    if "answered_against" in data:
        values["answered_against"] = {k: _Stamp.model_construct(**_stamp_values(v)) for k, v in stamps.items()}
    if "answers" in data:
        values["answers"] = {k: dict(v) for k, v in answers.items()}
    if "lineage" in data:
        values["lineage"] = data["lineage"]
    if "review" in data:
        values["review"] = data["review"]
    return _AnswersFile.model_construct(**values)


def _plain_stamp(stamp: Any) -> bool:
    return (
        type(stamp) is dict
        and stamp.keys() <= _STAMP_KEYS
        and type(stamp.get("tree_version")) is str
        and type(stamp.get("license_version")) in (str, type(None))
        and (type(stamp.get("license_date")) in (dt.date, type(None)) or _iso_date(stamp["license_date"]) is not None)
    )


def _stamp_values(stamp: dict[str, Any]) -> dict[str, Any]:
    if type(stamp.get("license_date")) is str:  # as dump_answers writes it
        return {**stamp, "license_date": _iso_date(stamp["license_date"])}
    return stamp


def _iso_date(value: Any) -> dt.date | None:
    """A date written YYYY-MM-DD, as pydantic reads it; None for anything else."""
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


_ISO_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


_HEADER_KEYS = frozenset(_AnswersFile.model_fields)
_REQUIRED_KEYS = frozenset(name for name, f in _AnswersFile.model_fields.items() if f.is_required())
_STAMP_KEYS = frozenset(_Stamp.model_fields)


def read_answers(path: Path, catalog: Catalog, name: str | None = None) -> LoadedAnswers:
    name = name or path.name
    return parse_answers(read_bytes(path, name, MAX_ANSWERS_BYTES, what=N_("answers files")), name, catalog)


def parse_answers(raw: bytes, name: str, catalog: Catalog) -> LoadedAnswers:
    """Read an answers file (YAML or JSON) given as bytes, e.g. an upload.

    The garbage collector is paused while reading, as for content (see `paused_gc`): a file with
    many problems allocates an object or more for each and frees none until the end.
    """
    with paused_gc():
        return _parse_answers(raw, name, catalog)


def _parse_answers(raw: bytes, name: str, catalog: Catalog) -> LoadedAnswers:
    if len(raw) > MAX_ANSWERS_BYTES:
        raise InputError(
            Problem.of(
                name,
                None,
                "",
                Message.of(
                    N_("the file is {size} MB; answers files are at most {most} KB"),
                    size=f"{len(raw) / 1e6:.1f}",
                    most=MAX_ANSWERS_BYTES // 1024,
                ),
            )
        )
    doc = parse(decode(raw, name), name, json_ok=True)
    if not isinstance(doc.data, dict):
        raise InputError(
            Problem.of(name, 1, "", Message.of(N_("an answers file is a mapping with format, licenses and answers")))
        )
    try:
        header = _plain_header(doc.data) or _AnswersFile.model_validate(doc.data)
    except ValidationError as exc:
        first = problems_from(exc, doc, _AnswersFile, limit=1)[0]
        raise InputError(first) from None
    if header.format_version not in READABLE_VERSIONS:
        raise InputError(
            Problem.of(
                name,
                doc.line_of(("format_version",)),
                "format_version",
                Message.of(
                    N_("format version {version} is not supported (this tool reads {readable})"),
                    version=header.format_version,
                    readable=", ".join(map(str, READABLE_VERSIONS)),
                ),
            )
        )

    loaded = LoadedAnswers(licenses=[], answers={}, document=doc)
    if header.format_version >= REVIEW_VERSION:
        loaded.review = header.review
    elif header.review is not None:
        loaded.problems.append(
            Problem.of(
                name,
                doc.line_of(("review",)),
                "review",
                Message.of(
                    N_("reviewer decisions need format_version {needed}, and this file says {version}; not kept"),
                    needed=REVIEW_VERSION,
                    version=header.format_version,
                ),
            )
        )
    for i, license_id in enumerate(header.licenses):
        if license_id not in catalog.license_ids:
            loaded.problems.append(
                Problem.of(
                    name,
                    doc.line_of(("licenses", i)),
                    f"licenses[{i}]",
                    Message.of(N_("no license '{license}' in this tool; not kept"), license=license_id),
                )
            )
        elif license_id not in loaded.licenses:
            loaded.licenses.append(license_id)

    for tree_id, stamp in header.answered_against.items():
        tree = catalog.trees.get(tree_id)
        if tree is not None and stamp.tree_version != tree.model.version:
            loaded.notes.append(
                Message.of(
                    N_(
                        "answers for '{tree}' were given against tree version {then}; "
                        "this tool has version {now}: answers that still fit were kept"
                    ),
                    tree=tree_id,
                    then=stamp.tree_version,
                    now=tree.model.version,
                )
            )
    kept = keep_valid(header.answers, catalog, doc, ("answers",), loaded.problems, loaded.conversions)
    loaded.answers = kept
    if header.format_version == 1:
        loaded.lineage = _lineage_from_v1(loaded, doc, catalog)
    elif header.lineage is not None:
        loaded.lineage = _read_lineage(header.lineage, doc, catalog, loaded.problems)
    assessed = set(loaded.licenses) | set(loaded.lineage.licenses if loaded.lineage else ())
    for tree_id in kept:
        if tree_id != INTAKE and tree_id not in assessed:
            loaded.problems.append(
                Problem.of(
                    name,
                    doc.line_of(("answers", tree_id)),
                    f"answers.{tree_id}",
                    Message.of(
                        N_("answers for '{tree}', which is not in 'licenses' nor in the lineage; kept but not assessed"),
                        tree=tree_id,
                    ),
                )
            )
    return loaded


def _read_lineage(raw: Any, doc: Document, catalog: Catalog, problems: list[Problem]) -> Lineage | None:
    """The file's lineage, or None (with the reason, at its line) when it cannot be used.

    A license id this tool does not know is dropped from its component (and named in its
    license_note), so the rest of the lineage still counts.
    """
    base = ("lineage",)
    if not isinstance(raw, dict):
        problems.append(
            Problem.of(
                doc.name,
                doc.line_of(base),
                "lineage",
                Message.of(N_("expects a mapping with model_name and components; lineage not kept")),
            )
        )
        return None
    try:
        lineage = Lineage.model_validate(raw)
    except ValidationError as exc:
        found = problems_from(exc, doc, Lineage, base=base, limit=5)
        problems += [
            Problem.of(p.file, p.line, p.where, Message.of(N_("{problem}; lineage not kept"), problem=p.words or p.message))
            for p in found
        ]
        return None
    known = set(catalog.license_ids)
    components = []
    for i, c in enumerate(lineage.components):
        unknown = [lic for lic in c.licenses if lic not in known]
        for lic in unknown:
            j = c.licenses.index(lic)
            problems.append(
                Problem.of(
                    doc.name,
                    doc.line_of((*base, "components", i, "licenses", j)),
                    f"lineage.components[{i}].licenses[{j}]",
                    Message.of(N_("no license '{license}' in this tool; the component is kept without it"), license=lic),
                )
            )
        if unknown:
            note = "; ".join(filter(None, [c.license_note, f"not assessed (unknown to this tool): {', '.join(unknown)}"]))
            c = c.model_copy(update={"licenses": [lic for lic in c.licenses if lic in known], "license_note": note})
        components.append(c)
    release = lineage.release_license
    if release is not None and release not in known:
        problems.append(
            Problem.of(
                doc.name,
                doc.line_of((*base, "release_license")),
                "lineage.release_license",
                Message.of(N_("no license '{license}' in this tool; the release license is left undecided"), license=release),
            )
        )
        release = None
    return lineage.model_copy(update={"components": components, "release_license": release})


def _lineage_from_v1(loaded: LoadedAnswers, doc: Document, catalog: Catalog) -> Lineage | None:
    """A version 1 file's model as a lineage: each license reached by its weights, changed or not.

    Only when the file says whether the model is modified; otherwise there is nothing to map and the
    intake asks as before. `trains_on_outputs: yes` names no model whose outputs trained yours, so
    it cannot be mapped: it is noted, with its line (and set aside when assessed with the lineage).
    """
    intake = loaded.answers.get(INTAKE, {})
    if not loaded.licenses or "modifies_model" not in intake:
        return None
    if len(loaded.licenses) > 1:
        # Several licenses in a version 1 file were compared side by side as alternatives, not parts of
        # one model: read as one model, their duties would add up. They stay compared, without a lineage.
        loaded.notes.append(
            Message.of(
                N_(
                    "{file}: its {n} licenses are compared as alternatives, as version 1 files"
                    " compare them; add a lineage if one model is built from several of them"
                ),
                file=doc.name,
                n=len(loaded.licenses),
            )
        )
        return None
    # Kept in the answers: a caller that assesses without the lineage gets the same results as before,
    # and with it, an answer the lineage contradicts (trains_on_outputs: yes) is set aside, not lost.
    modifies = intake["modifies_model"]
    trains = intake.get("trains_on_outputs")
    where = ("answers", INTAKE, "trains_on_outputs")
    if trains is True:
        loaded.notes.append(
            Message.of(
                N_(
                    "{file}:{line}: answers.intake.trains_on_outputs: 'yes' names no model whose outputs"
                    " trained yours, so the lineage read from this older file has none and the answer is set aside; add"
                    " that model to the lineage as a component reached by its outputs (distillation or synthetic data)"
                ),
                file=doc.name,
                line=doc.line_of(where),
            )
        )
    elif trains is None:
        loaded.notes.append(
            Message.of(
                N_(
                    "{file}: answers.intake.trains_on_outputs was not answered; the lineage read from this older file"
                    " has no model whose outputs trained yours"
                ),
                file=doc.name,
            )
        )
    relation = "fine_tune" if modifies else "unchanged"
    name = (intake.get("derived_model_name") or "").strip()[:300] or "The assessed model"
    # Built without validation (model_construct): these values are valid by construction, and validating
    # would build pydantic's validators, a cost `assess` of a version 1 file does not otherwise pay.
    components = [
        Component.model_construct(
            id=license_id,
            name=f"the model under {catalog.license_of(license_id).model.name}",
            licenses=[license_id],
            route="weights",
            relation=relation,
            source=f"{doc.name}: licenses (answers file format version 1)",
            model=None,
            license_note=None,
            into=None,
        )
        for license_id in loaded.licenses
    ]
    return Lineage.model_construct(model_name=name, components=components)


def keep_valid(
    block: dict[str, Any],
    catalog: Catalog,
    doc: Document | None,
    base: tuple[Any, ...],
    problems: list[Problem],
    conversions: Conversions | None = None,
    *,
    today: dt.date | None = None,
) -> Answers:
    """Keep the answers that fit the current trees; list each one that does not.

    An answer in yen with its rate (a mapping, see `_converted`) is kept as its dollar amount, and its
    record goes into `conversions`; `today` bounds the rate's date (default: today)."""
    name = doc.name if doc else "answers"

    def report(loc: tuple[Any, ...], message: Message) -> None:
        where = ".".join(str(p) for p in (*base, *loc))
        problems.append(Problem.of(name, doc.line_of((*base, *loc)) if doc else None, where, message))

    kept: Answers = {}
    for tree_id, answers in block.items():
        tree = catalog.trees.get(tree_id)
        if tree is None:
            report((tree_id,), Message.of(N_("no question tree '{tree}'; its answers were not kept"), tree=tree_id))
            continue
        if not isinstance(answers, dict):
            report((tree_id,), Message.of(N_("expects question ids with their answers")))
            continue
        out: dict[str, Any] = {}
        for qid, raw in answers.items():
            current = qid if qid in tree.questions else tree.former_ids.get(str(qid))
            if current is None:
                report(
                    (tree_id, qid),
                    Message.of(N_("tree '{tree}' has no question '{question}'; answer not kept"), tree=tree_id, question=qid),
                )
                continue
            q = tree.questions[current]
            if isinstance(raw, dict):
                converted = _converted(q, raw, today or dt.date.today(), report, (tree_id, qid))
                if converted is not None:
                    value, error = check_value(q, converted.usd)
                    if not error:
                        out[current] = value
                        if conversions is not None:
                            conversions[tree_id, current] = converted
                        continue
                    report(
                        (tree_id, qid),
                        Message.of(
                            N_("{entered!r} at {rate} yen per dollar: question '{question}' {error}; answer not kept"),
                            entered=converted.entered,
                            rate=converted.rate,
                            question=current,
                            error=error,
                        ),
                    )
                continue
            value, error = check_value(q, raw)
            if error:
                shown = repr(raw) if len(repr(raw)) < 60 else repr(raw)[:57] + "..."
                report(
                    (tree_id, qid),
                    Message.of(
                        N_("{value}: question '{question}' {error}; answer not kept"), value=shown, question=current, error=error
                    ),
                )
                continue
            out[current] = value
        kept[tree_id] = out
    return kept


# An answer in yen sits where the dollar answer would, as a mapping of what the person knows:
#
#     group_annual_revenue_usd: {yen: 15億円, rate: 150.25, rate_date: 2026-12-01, rate_source: MUFG TTM}
#
# Chosen over a separate `conversions:` section because everything about the answer is in one place
# and there is one source of truth: someone correcting the rate edits one line, and the dollar
# amount (yen ÷ rate, to the nearest dollar) cannot disagree with it, because it is never written.
def _converted(
    q: Question, raw: dict[Any, Any], today: dt.date, report: Callable[[tuple[Any, ...], Message], None], at: tuple[Any, ...]
) -> Conversion | None:
    """The conversion an answers file gives for a question in dollars, or None with each fault reported at its key."""
    if not in_dollars(q):
        report(
            at,
            Message.of(
                N_("question '{question}' is not asked in US dollars, so it takes no yen amount with a rate; answer not kept"),
                question=q.id,
            ),
        )
        return None
    unknown = [k for k in raw if k not in CONVERSION_KEYS]
    if unknown:
        report(
            (*at, unknown[0]),
            Message.of(
                N_("unknown key {key!r}: yen with a rate has {keys}; answer not kept"),
                key=str(unknown[0])[:40],
                keys=", ".join(CONVERSION_KEYS),
            ),
        )
        return None
    parts = raw.get("yen"), raw.get("rate"), raw.get("rate_date"), raw.get("rate_source")
    converted, faults = convert(*parts, today=today)
    # The faults are written by code that takes the language: each is taken in every language, in the same order.
    written = [faults] + [convert(*parts, today=today, lang=lang)[1] for lang in LANGUAGES[1:]] if faults else []
    for i, fault in enumerate(faults):
        key = "rate_source" if fault.field == "source" else fault.field
        texts = tuple((lang, by_lang[i].message.rstrip(".。")) for lang, by_lang in zip(LANGUAGES, written, strict=True))
        report((*at, key) if key in raw else at, Message.of(N_("{fault}; answer not kept"), fault=Written(texts)))
    return converted


def _written(c: Conversion) -> dict[str, Any]:
    """A conversion as an answers file holds it (read back by `_converted`)."""
    rate = int(c.rate) if c.rate == c.rate.to_integral_value() else float(c.rate)  # at most 6 decimals: exact as a float
    out: dict[str, Any] = {"yen": c.entered, "rate": rate, "rate_date": c.rate_date.isoformat()}
    if c.source:
        out["rate_source"] = c.source
    return out


def dump_answers(
    catalog: Catalog,
    licenses: list[str],
    answers: Answers,
    *,
    as_json: bool = False,
    keep_all: bool = False,
    lineage: Lineage | None = None,
    conversions: Conversions | None = None,
    review: dict[str, Any] | None = None,
) -> str:
    """The answers file for these licenses (and the model's lineage); keep_all also keeps answers to trees not selected now.

    An answer with a conversion is written as its yen and rate (format version 3), not as dollars.
    `review`: the reviewer's decisions and sign-off (license_risk.review.carried_data), format version 4."""
    assessed = [*licenses, *(lic for lic in (lineage.licenses if lineage else ()) if lic in catalog.trees)]
    trees = [t for t in answers if t in catalog.trees and (keep_all or t == INTAKE or t in assessed)]
    stamps: dict[str, dict[str, Any]] = {INTAKE: {"tree_version": catalog.intake.model.version}}
    for license_id in dict.fromkeys([*assessed, *(t for t in trees if t != INTAKE)]):
        profile = catalog.license_of(license_id).model
        stamps[license_id] = {
            "tree_version": catalog.trees[license_id].model.version,
            "license_version": profile.version,
            "license_date": profile.effective_date.isoformat() if profile.effective_date else None,
        }
    written = {t: dict(answers[t]) for t in trees if answers[t]}
    yen = False
    for (tree_id, qid), c in (conversions or {}).items():
        if qid in written.get(tree_id, {}) and written[tree_id][qid] == c.usd:  # a record that still matches its answer
            written[tree_id][qid] = _written(c)
            yen = True
    data = {
        "format": FORMAT,
        "format_version": REVIEW_VERSION if review else YEN_VERSION if yen else PLAIN_VERSION,
        "licenses": list(licenses),
        "answered_against": stamps,
        "answers": written,
    }
    if lineage is not None:
        data["lineage"] = lineage.model_dump(mode="json", exclude_none=True)
    if review:
        data["review"] = review
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


# Characters YAML reads as line breaks or cannot carry literally in plain or single-quoted
# scalars (NEL, line and paragraph separators, BOM, controls, surrogates, non-characters).
_NEEDS_ESCAPE = "[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]"


@functools.cache
def _needs_escape() -> re.Pattern[str]:
    return re.compile(_NEEDS_ESCAPE)  # compiled when first written: ~3 ms that reading answers does not need


class _Dumper(yaml.SafeDumper):
    """Writes text answers so that any Unicode reads back exactly (found by a property test)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _needs_escape().search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
