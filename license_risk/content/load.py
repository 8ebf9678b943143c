"""Load every license profile, question tree and scenario file, and check them together."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from license_risk.content import checks
from license_risk.content.background import load_background
from license_risk.content.catalog import INTAKE, Catalog, Profile
from license_risk.content.checkpoints import hub_index, load_checkpoints
from license_risk.content.inherit import MergedDocument
from license_risk.content.inherit import resolve as resolve_versions
from license_risk.content.model import LicenseProfile, Questionnaire, ScenarioFile
from license_risk.content.openness import load_components
from license_risk.content.problems import ContentError, InputError, Problem
from license_risk.content.rubric import load_rubric
from license_risk.content.schema_errors import problems_from
from license_risk.content.translation import load_translations, translation_name
from license_risk.content.yamlsource import MAX_CONTENT_BYTES, Document, load_file, paused_gc, read_text
from license_risk.shipped import ROOT

NOT_CONTENT = {"models.yaml", "background.yaml", "rubric.yaml"}  # licenses/ files that are not license profiles


def _validate(doc: Document, model: type[BaseModel], problems: list[Problem]) -> Any:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, model))
        return None


def _validate_tree(
    doc: Document, problems: list[Problem], positions: dict[str, dict[str, list[int]]]
) -> tuple[Questionnaire | None, set[str]]:
    """Validate a tree; if only some questions or findings are broken, keep the rest.

    The rest is still checked for references, so one run lists every problem;
    references to the broken items are not reported again.
    """
    try:
        return Questionnaire.model_validate(doc.data), set()
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, Questionnaire))
        bad: dict[str, set[int]] = {"questions": set(), "findings": set()}
        for err in exc.errors():
            loc = err["loc"]
            if len(loc) >= 2 and loc[0] in bad and isinstance(loc[1], int):
                bad[str(loc[0])].add(loc[1])
            else:
                return None, set()
    pruned = dict(doc.data)
    dropped: set[str] = set()
    for section, indices in bad.items():
        items = pruned.get(section) or []
        dropped |= {str(items[i].get("id")) for i in indices if isinstance(items[i], dict)}
        kept = [i for i in range(len(items)) if i not in indices]
        pruned[section] = [items[i] for i in kept]
        positions.setdefault(doc.name, {})[section] = kept  # checks report lines of the original items
    try:
        return Questionnaire.model_validate(pruned), dropped
    except ValidationError:
        return None, set()


def _read(path: Path, root: Path, problems: list[Problem]) -> Document | None:
    name = path.relative_to(root).as_posix()
    try:
        doc = load_file(path, name)
    except InputError as exc:
        problems.append(exc.problem)
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(name, 1, "", "the file must be a YAML mapping (key: value lines)"))
        return None
    return doc


def _sha256(doc: Document) -> str:
    if isinstance(doc, MergedDocument):
        return doc.digest
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def content_files(root: Path) -> list[Path]:
    """Every YAML file that makes up the content, in a stable order (translations beside it are not content)."""
    profiles = [p for p in sorted((root / "licenses").glob("*.yaml")) if p.name not in NOT_CONTENT]
    files = profiles + sorted((root / "questionnaires").glob("*.yaml"))
    return [p for p in files if translation_name(p.name) is None]


def read_documents(root: Path) -> tuple[dict[str, Document], list[Problem]]:
    """Parse every content file; files that cannot be parsed become problems."""
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    for folder in ("licenses", "questionnaires"):
        if not (root / folder).is_dir():
            problems.append(Problem(folder, None, "", f"folder not found under {root}"))
    with paused_gc():
        for path in content_files(root):
            doc = _read(path, root, problems)
            if doc is not None:
                documents[doc.name] = doc
    return documents, problems


def load_catalog(root: Path | None = None) -> Catalog:
    """Load and check all content under root; raise ContentError listing every error."""
    root = (root or ROOT).resolve()
    documents, problems = read_documents(root)
    return build_catalog(root, documents, problems)


def build_catalog(root: Path, documents: dict[str, Document], problems: list[Problem]) -> Catalog:
    """Validate parsed documents and check them together (the part after YAML parsing)."""
    with paused_gc():
        return _build_catalog(root, documents, problems)


def _build_catalog(root: Path, documents: dict[str, Document], problems: list[Problem]) -> Catalog:
    problems = list(problems)
    for folder in ("licenses", "questionnaires"):
        documents, merge_problems = resolve_versions(documents, folder)
        problems += merge_problems
    profiles: dict[str, Profile] = {}
    trees_raw: dict[str, tuple[Questionnaire, Document]] = {}
    scenario_files: dict[str, list[tuple[ScenarioFile, Document]]] = {}

    profile_files: set[str] = set()
    attempted: set[str] = set()
    for path in content_files(root):
        if path.parent.name == "licenses":
            profile_files.add(path.stem)
        elif not path.name.endswith(".tests.yaml"):
            attempted.add(path.stem)

    for name, doc in documents.items():
        if not name.startswith("licenses/"):
            continue
        path = root / name
        profile = _validate(doc, LicenseProfile, problems)
        if profile is None:
            continue
        if profile.id != path.stem:
            problems.append(
                Problem(doc.name, doc.line_of(("id",)), "id", f"id '{profile.id}' must match the file name '{path.stem}'")
            )
        if profile.id in profiles:
            other = profiles[profile.id].file
            problems.append(Problem(doc.name, doc.line_of(("id",)), "id", f"profile '{profile.id}' is also defined in {other}"))
            continue
        profiles[profile.id] = Profile(profile, doc.name, _sha256(doc), {c.id: c for c in profile.clauses})

    broken_ids: set[str] = set()  # ids of questions and findings that failed their schema
    positions: dict[str, dict[str, list[int]]] = {}
    for name, doc in documents.items():
        if not name.startswith("questionnaires/"):
            continue
        path = root / name
        if path.name.endswith(".tests.yaml"):
            scenarios = _validate(doc, ScenarioFile, problems)
            if scenarios is not None:
                scenario_files.setdefault(scenarios.tree, []).append((scenarios, doc))
            continue
        tree, dropped = _validate_tree(doc, problems, positions)
        if tree is None:
            continue
        broken_ids |= dropped
        if tree.id != path.stem:
            problems.append(
                Problem(doc.name, doc.line_of(("id",)), "id", f"id '{tree.id}' must match the file name '{path.stem}'")
            )
        if tree.id in trees_raw:
            other = trees_raw[tree.id][1].name
            problems.append(Problem(doc.name, doc.line_of(("id",)), "id", f"tree '{tree.id}' is also defined in {other}"))
            continue
        trees_raw[tree.id] = (tree, doc)

    texts: dict[str, str] = {}
    unreadable: set[str] = set()  # reported here; the quote checks skip their profiles
    for profile in profiles.values():
        file = profile.model.text.file
        text_path = root / "licenses" / "texts" / file
        if file not in texts and file not in unreadable and text_path.is_file():
            try:
                texts[file] = read_text(text_path, f"licenses/texts/{file}", MAX_CONTENT_BYTES)
            except InputError as exc:
                problems.append(exc.problem)
                unreadable.add(file)

    if INTAKE not in trees_raw and not any(p.file.startswith("questionnaires/intake.yaml") for p in problems):
        problems.append(Problem("questionnaires/intake.yaml", None, "", "the shared intake tree is missing"))

    try:
        rubric = load_rubric(root)
    except ContentError as exc:
        problems += exc.problems
        rubric = None
    trees, graph_problems, warnings = checks.build_trees(
        trees_raw, profiles, scenario_files, texts, documents, attempted, profile_files, broken_ids, positions, unreadable, rubric
    )
    problems.extend(graph_problems)
    translations, translation_problems = load_translations(root)
    problems.extend(translation_problems)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ContentError(errors + warnings)
    catalog = Catalog(root, profiles, trees, scenario_files, texts, documents, warnings, rubric=rubric, translations=translations)
    # These side files refer to the licenses and intake loaded above.
    questions = {t: tree.questions for t, tree in catalog.trees.items()}
    catalog.models = load_checkpoints(root, catalog.license_ids, questions)  # raises ContentError naming file and line
    catalog.hub_ids = hub_index(catalog.models)
    intake = catalog.trees.get(INTAKE)
    catalog.background = load_background(root, intake.model.questions if intake else ())
    catalog.mof = load_components(root, intake.model.questions if intake else [])
    return catalog
