"""The content in another language, for the engine's consumers (the app, the memo, the CLI).

    localized(catalog, "ja") -> Catalog

gives a catalog whose words (question texts, help, option labels, finding titles,
explanations, actions and review notes, open questions, clause titles and summaries,
a profile's governing law, notes on its text and openness reading, the rubric's scale and kinds) are the translation's where one is current, and the
English elsewhere: an entry missing, or stale (its English changed since it was
translated; see license_risk.content.translation), shows the English, as Babel leaves a
fuzzy entry out. Everything else is the same object: ids, conditions, kinds, exposures,
clause references and quotes (the governing English text is never translated). The engine
run on the localized catalog therefore gives the same findings and severities, in other words.

`text_of` gives one entry's fields, for a consumer that holds the English objects;
`translated_pairs` every current (English, translation) pair, a translation memory for new files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any

from license_risk.content.background import Background
from license_risk.content.catalog import Catalog, Profile, Tree
from license_risk.content.rubric import Rubric
from license_risk.content.translation import (
    BACKGROUND,
    MODELS,
    RUBRIC,
    Loaded,
    english_entries,
    file_for,
    osd_keys,
    section_entries,
    source_hash,
    translated_fields,
    translation_name,
)

ENGLISH = "en"


def text_of(catalog: Catalog, lang: str, kind: str, target: str, section: str, entry_id: str) -> dict[str, Any]:
    """One entry's words in `lang`, field by field, falling back to the English: e.g.
    text_of(catalog, "ja", "tree", "intake", "questions", "organisation") -> {"text": ..., "help": ...}.
    Options come as value -> {label, help}."""
    english = _english(catalog, kind, target).get(section, {}).get(entry_id)
    if english is None:
        return {}
    loaded = catalog.translations.get(lang, {}).get(file_for(kind, target, lang))
    return _merge(english, _current(loaded, section, entry_id, english))


def localized(catalog: Catalog, lang: str) -> Catalog:
    """The catalog with its words in `lang` where a current translation exists (see the module's docstring)."""
    files = catalog.translations.get(lang)
    if lang == ENGLISH or not files:
        return catalog
    trees = {tid: _tree(tree, files.get(file_for("tree", tid, lang))) for tid, tree in catalog.trees.items()}
    profiles = {pid: _profile(p, files.get(file_for("profile", pid, lang))) for pid, p in catalog.profiles.items()}
    rubric = catalog.rubric
    if rubric is not None:
        rubric = _rubric(rubric, files.get(file_for("rubric", RUBRIC, lang)))
    background = catalog.background
    if background is not None:
        background = _background(background, files.get(file_for("background", BACKGROUND, lang)))
    model_words = _model_words(catalog, files.get(file_for("models", MODELS, lang)))
    return dataclasses.replace(
        catalog, trees=trees, profiles=profiles, rubric=rubric, background=background, lang=lang, model_words=model_words
    )


def translated_pairs(catalog: Catalog, lang: str) -> Iterator[tuple[str, str, str]]:
    """(English, translation, where) for every field with a current translation in `lang`, where reads
    e.g. "llama-3.1 findings.aup-weapons.title"; options give their label and help. Files a second
    reader signed come first."""
    # Reviewed files first: where two translations of the same English differ, the stub offers the checked one.
    files = catalog.translations.get(lang, {}).items()
    for file, loaded in sorted(files, key=lambda item: (not item[1].model.review.reviewer, item[0])):
        named = translation_name(PurePosixPath(file).name)
        if named is None:
            continue
        target = named[0]
        kind = "tree" if file.startswith("questionnaires/") else target if target in (RUBRIC, BACKGROUND, MODELS) else "profile"
        for section, entries in _english(catalog, kind, target).items():
            for entry_id, english in entries.items():
                current = _current(loaded, section, entry_id, english)
                where = f"{target} {section}.{entry_id}" if section != "tree" else f"{target} tree"
                for name, value in english.items():
                    if name == "options":
                        got = current.get("options", {})
                        for option, parts in value.items():
                            for part, text in parts.items():
                                done = got.get(option, {}).get(part)
                                if text and done:
                                    yield text, done, f"{where}.options.{option}.{part}"
                    elif isinstance(value, str) and isinstance(current.get(name), str):
                        yield value, current[name], f"{where}.{name}"


def _english(catalog: Catalog, kind: str, target: str) -> dict[str, dict[str, dict[str, Any]]]:
    if kind == "tree" and target in catalog.trees:
        return english_entries("tree", catalog.trees[target].model)
    if kind == "profile" and target in catalog.profiles:
        return english_entries("profile", catalog.profiles[target].model)
    if kind == "rubric" and catalog.rubric is not None:
        return english_entries("rubric", catalog.rubric)
    if kind == "background" and catalog.background is not None:
        return english_entries("background", catalog.background)
    if kind == MODELS:
        return english_entries(MODELS, catalog.models)
    return {}


def _current(loaded: Loaded | None, section: str, entry_id: str, english: dict[str, Any]) -> dict[str, Any]:
    """The translated fields of an entry whose recorded source matches the English now; {} otherwise."""
    if loaded is None:
        return {}
    entry = section_entries(loaded.model, section).get(entry_id)
    if entry is None or entry.source != source_hash(english):
        return {}
    return translated_fields(entry)


def _merge(english: dict[str, Any], translated: dict[str, Any]) -> dict[str, Any]:
    out = dict(english)
    for name, value in english.items():
        if name == "options":
            got = translated.get("options", {})
            out["options"] = {v: {**o, **{k: t for k, t in got.get(v, {}).items() if k in o}} for v, o in value.items()}
        elif name in translated:
            out[name] = translated[name]
    return out


def _tree(tree: Tree, loaded: Loaded | None) -> Tree:
    if loaded is None:
        return tree
    english = english_entries("tree", tree.model)

    def words(section: str, entry_id: str) -> dict[str, Any]:
        en = english[section][entry_id]
        return _merge(en, _current(loaded, section, entry_id, en))

    questions = {}
    for q in tree.model.questions:
        w = words("questions", q.id)
        options = None
        if q.options is not None:
            options = [o.model_copy(update=w["options"][o.value]) for o in q.options]
        questions[q.id] = q.model_copy(update={k: v for k, v in w.items() if k != "options"} | {"options": options})
    findings = {f.id: f.model_copy(update=words("findings", f.id)) for f in tree.model.findings}
    open_questions = [o.model_copy(update=words("open_questions", o.id)) for o in tree.model.open_questions]
    model = tree.model.model_copy(
        update={
            **words("tree", "tree"),
            "questions": [questions[q.id] for q in tree.model.questions],
            "findings": [findings[f.id] for f in tree.model.findings],
            "open_questions": open_questions,
        }
    )
    return dataclasses.replace(
        tree,
        model=model,
        questions={qid: questions[qid] for qid in tree.questions},
        findings={fid: findings[fid] for fid in tree.findings},
        order=tuple(questions[q.id] for q in tree.order),
        finding_order=tuple(findings[f.id] for f in tree.finding_order),
    )


def _profile(profile: Profile, loaded: Loaded | None) -> Profile:
    if loaded is None:
        return profile
    words = _words(english_entries("profile", profile.model), loaded)
    # Only the words change: the quotes stay the official English.
    clauses = {c.id: c.model_copy(update=words("clauses", c.id)) for c in profile.model.clauses}
    m = profile.model
    update: dict[str, Any] = {"clauses": [clauses[c.id] for c in m.clauses], "licensor": words("profile", "licensor")["text"]}
    if m.governing_law is not None:
        update["governing_law"] = m.governing_law.model_copy(
            update={"law": words("profile", "law")["text"], "venue": words("profile", "venue")["text"]}
        )
    update["text"] = m.text.model_copy(
        update={"caveats": [words("profile", f"caveat-{i}")["text"] for i in range(1, len(m.text.caveats) + 1)]}
    )
    if m.open_source is not None:
        failures = m.open_source.osd_failures
        update["open_source"] = m.open_source.model_copy(
            update={
                "note": words("profile", "openness")["text"],
                "osd_failures": [
                    f.model_copy(update={"reason": words("profile", key)["text"]})
                    for key, f in zip(osd_keys(failures), failures, strict=True)
                ],
            }
        )
    model = m.model_copy(update=update)
    return dataclasses.replace(profile, model=model, clauses={cid: clauses[cid] for cid in profile.clauses})


def _words(english: dict[str, dict[str, dict[str, Any]]], loaded: Loaded) -> Callable[[str, str], dict[str, Any]]:
    """(section, entry id) -> the entry's fields: the current translation's, the English where there is none."""

    def words(section: str, entry_id: str) -> dict[str, Any]:
        en = english[section][entry_id]
        return _merge(en, _current(loaded, section, entry_id, en))

    return words


def _background(background: Background, loaded: Loaded | None) -> Background:
    if loaded is None:
        return background
    words = _words(english_entries("background", background), loaded)
    places = {k: j.model_copy(update=words("jurisdictions", k)) for k, j in background.jurisdictions.items()}
    openness = background.openness.model_copy(
        update={"osaid": words("openness", "osaid")["text"], "eu_ai_act": words("openness", "eu_ai_act")["text"]}
    )
    return background.model_copy(update={"jurisdictions": places, "openness": openness})


def _model_words(catalog: Catalog, loaded: Loaded | None) -> dict[str, str]:
    """English -> translation of every catalog note with a current translation (whitespace runs as one space)."""
    if loaded is None:
        return {}
    out = {}
    for key, english in english_entries(MODELS, catalog.models)["catalog"].items():
        text = _current(loaded, "catalog", key, english).get("text")
        if text:
            out[" ".join(english["text"].split())] = text
    return out


def _rubric(rubric: Rubric, loaded: Loaded | None) -> Rubric:
    if loaded is None:
        return rubric
    words = _words(english_entries("rubric", rubric), loaded)

    scale = {level: words("scale", level)["text"] for level in rubric.scale}
    kinds = [k.model_copy(update=words("kinds", k.id)) for k in rubric.kinds]
    return rubric.model_copy(update={"scale": scale, "kinds": kinds})
