"""The validated content as one object: license profiles, question trees and their indexes.

Built by `license_risk.content.load`; read by everything above the content layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from license_risk.content.background import Background
from license_risk.content.checkpoints import Checkpoint
from license_risk.content.conditions import Compiled
from license_risk.content.model import Clause, Finding, LicenseProfile, Question, Questionnaire, ScenarioFile
from license_risk.content.openness import MofComponent
from license_risk.content.problems import Problem
from license_risk.content.rubric import Rubric
from license_risk.content.translation import Loaded
from license_risk.content.yamlsource import Document

INTAKE = "intake"


@dataclass(frozen=True)
class Profile:
    model: LicenseProfile
    file: str
    sha256: str
    clauses: dict[str, Clause]


@dataclass(frozen=True)
class Tree:
    model: Questionnaire
    file: str
    sha256: str
    questions: dict[str, Question]
    findings: dict[str, Finding]
    order: tuple[Question, ...]  # asking order: file order, dependencies first
    finding_order: tuple[Finding, ...]  # findings that others refer to come first
    former_ids: dict[str, str]  # an id from an earlier version -> the question's id now
    question_when: dict[str, Compiled | None]  # conditions compiled for fast evaluation
    finding_when: dict[str, Compiled | None]

    @property
    def id(self) -> str:
        return self.model.id


@dataclass
class Catalog:
    root: Path
    profiles: dict[str, Profile]
    trees: dict[str, Tree]
    scenarios: dict[str, list[tuple[ScenarioFile, Document]]]
    texts: dict[str, str]
    documents: dict[str, Document]
    warnings: list[Problem] = field(default_factory=list)
    models: list[Checkpoint] = field(default_factory=list)  # checkpoints from licenses/models.yaml
    background: Background | None = None  # notes from licenses/background.yaml
    rubric: Rubric | None = None  # the kinds of risk, licenses/rubric.yaml
    mof: list[MofComponent] = field(default_factory=list)  # the Model Openness Framework's components
    # Translations of the words, by language then file name (license_risk.content.translation); the
    # views in license_risk.content.localized read them.
    translations: dict[str, dict[str, Loaded]] = field(default_factory=dict)
    lang: str = "en"  # the language of the words: "ja" for a view made by localized(catalog, "ja")
    # The model catalog's notes in `lang`, by their English. The checkpoints themselves stay English:
    # a lineage built from them is stored with the assessment and shown in any language later.
    model_words: dict[str, str] = field(default_factory=dict)
    # Every Hugging Face id the model catalog names (ids and aliases with an organisation), casefolded,
    # to the catalog id: built at load, so it is kept in the compiled content cache and `scan` looks
    # ids up without rebuilding it (checkpoints.hub_index).
    hub_ids: dict[str, str] = field(default_factory=dict)

    def model_word(self, text: str) -> str:
        """A model catalog note (or not-held license) in the catalog's language, the English where none is current."""
        return self.model_words.get(" ".join(text.split()), text)

    @property
    def intake(self) -> Tree:
        return self.trees[INTAKE]

    @property
    def license_ids(self) -> list[str]:
        return sorted(t for t, tree in self.trees.items() if tree.model.kind == "license")

    def license_of(self, tree_id: str) -> Profile:
        return self.profiles[self.trees[tree_id].model.license or ""]

    def question(self, tree_id: str, question_id: str) -> tuple[str, Question] | None:
        """Find a question visible from a tree: its own, or the intake's."""
        tree = self.trees.get(tree_id)
        if tree is not None and question_id in tree.questions:
            return tree_id, tree.questions[question_id]
        if question_id in self.trees[INTAKE].questions:
            return INTAKE, self.trees[INTAKE].questions[question_id]
        return None

    def clause(self, owner: str, ref: str) -> tuple[Profile, Clause] | None:
        """Resolve 'clause' (in the owner's own profile) or 'profile#clause'."""
        if "#" in ref:
            profile_id, clause_id = ref.split("#", 1)
        else:
            tree = self.trees.get(owner)
            profile_id = tree.model.license or "" if tree is not None else owner
            clause_id = ref
        profile = self.profiles.get(profile_id)
        if profile is None or clause_id not in profile.clauses:
            return None
        return profile, profile.clauses[clause_id]

    def policies_of(self, license_id: str) -> list[Profile]:
        profile = self.profiles[license_id]
        return [self.profiles[i.policy] for i in profile.model.incorporates if i.policy in self.profiles]
