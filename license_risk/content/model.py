"""The types maintainers write in YAML: license profiles, question trees, scenarios.

Every model forbids unknown keys so a misspelt key is an error, not a silently
ignored line. Cross-references (clause ids, question ids, finding ids) are only
checked for shape here; `license_risk.content.checks` resolves them once everything is loaded.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    FiniteFloat,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
# A clause reference is "clause-id" (in the tree's own license) or "profile-id#clause-id".
ClauseRef = Annotated[str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9_.-]*#)?[a-z0-9][a-z0-9_.-]*$", max_length=161)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]

Category = Literal["termination", "propagation", "obligation", "restriction", "openness"]
CATEGORIES: tuple[Category, ...] = ("termination", "propagation", "obligation", "restriction", "openness")


class Severity(IntEnum):
    """Ordered so that levels can be compared and the worst one taken."""

    none = 0
    info = 1
    low = 2
    medium = 3
    high = 4
    critical = 5


SeverityName = Literal["info", "low", "medium", "high", "critical"]
LevelName = Literal["none", "info", "low", "medium", "high", "critical"]
# What a model takes in or puts out, as the model catalog (licenses/models.yaml) lists it. A closed list,
# so that a misspelt modality in the catalog or in a question's from_models is an error, not a silent "absent".
Modality = Literal["text", "code", "image", "video", "audio"]


class Strict(BaseModel):
    # defer_build: each model's validator is built when it first validates, not at import. A command
    # that reads the content from the compiled cache (license_risk.content.compiled) validates
    # nothing, and building them all would be most of its start-up time.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)


# ---------------------------------------------------------------- license profiles


class TextSource(Strict):
    """Where the official text came from; the file itself ships in licenses/texts/."""

    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]+\.txt$")]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    repository: Text
    path: Text
    commit: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}$")]
    caveats: list[Text] = Field(
        default_factory=list,
        description="What users must know about this copy (third-party, unnumbered, ...). Shown to users.",
    )


class Clause(Strict):
    id: Id
    section: Annotated[str, StringConstraints(min_length=1, max_length=40)] = Field(
        description="The section number exactly as printed in the text, e.g. '1.b.i' or '3.2'."
    )
    title: Text
    quote: Text = Field(description="The operative words, verbatim from the official text.")
    summary: Text = Field(description="Plain-language summary for business users.")


class GoverningLaw(Strict):
    law: Text
    venue: Text
    clause: Id


class OsdFailure(Strict):
    criterion: ClauseRef = Field(description="A clause of the 'osd' profile, e.g. 'osd#fields-of-endeavor'.")
    reason: Text
    clauses: list[ClauseRef] = Field(min_length=1)
    contested: bool = Field(default=False, description="True where the failure is arguable, not settled by the text.")


class Openness(Strict):
    osd_compliant: bool
    contested: bool = Field(
        default=False, description="True where the verdict could reasonably go the other way; shown with the verdict everywhere."
    )
    osd_failures: list[OsdFailure] = Field(default_factory=list)
    note: Text

    @model_validator(mode="after")
    def _failures_match_verdict(self) -> Openness:
        if self.osd_compliant and self.osd_failures:
            raise ValueError("osd_compliant is true but osd_failures lists failed criteria")
        if not self.osd_compliant and not self.osd_failures:
            raise ValueError("osd_compliant is false: list the failed criteria in osd_failures")
        return self


class Incorporation(Strict):
    """A policy the license pulls in by reference (acceptable-use, prohibited-use)."""

    policy: Id
    clause: Id = Field(description="The clause of this license that incorporates the policy.")


class _Fact(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    clause: ClauseRef | None = Field(
        default=None, description="The clause the fact is read from (none where the text is silent)."
    )
    note: Text | None = None


class GrantFact(_Fact):
    is_: Literal["revocable", "irrevocable"] = Field(alias="is")


class BreachTerminationFact(_Fact):
    is_: Literal["discretionary", "automatic", "none"] = Field(
        alias="is", description="How a breach can end the license: at the licensor's discretion, automatically, or not at all."
    )


class UpdateRightFact(_Fact):
    is_: Literal["express", "none"] = Field(
        alias="is", description="Whether the licensor expressly reserves the right to change the terms or an incorporated policy."
    )


class SafetyClauseFact(_Fact):
    is_: Literal["automatic", "breach", "none"] = Field(
        alias="is",
        description="What removing safety measures does: ends the license automatically, is a breach, or no clause deals with it.",
    )


class LicenseFacts(Strict):
    """Facts about the license that the rubric's severity rules read (licenses/rubric.yaml), each with its clause."""

    grant: GrantFact
    breach_termination: BreachTerminationFact
    update_right: UpdateRightFact
    safety_clause: SafetyClauseFact

    def values(self) -> dict[str, str]:
        return {name: getattr(self, name).is_ for name in type(self).model_fields}


class LicenseProfile(Strict):
    id: Id
    extends: Id | None = Field(default=None, description="The profile this version builds on; see docs/authoring.md.")
    remove_clauses: list[Id] = Field(default_factory=list, description="With extends: inherited clauses to drop.")
    kind: Literal["license", "policy", "definition"]
    name: Text
    family: Id
    version_of: Id | None = Field(
        default=None,
        description=(
            "The license this text is one version of, shared by its versions (e.g. 'gemma-terms-of-use'): what "
            "'What changed between versions' compares, in order of effective_date. Wider than a version line, "
            "`family` groups related licenses (GPL and LGPL, CC BY and CC BY-NC)."
        ),
    )
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    effective_date: dt.date | None = Field(description="The date the text gives itself; null if it gives none.")
    date_as_printed: Text | None = None
    licensor: Text
    text: TextSource
    spdx: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.+-]+$")] | None = None
    scancode: Annotated[str, StringConstraints(pattern=r"^[a-z0-9.+-]+$")] | None = None
    governing_law: GoverningLaw | None = None
    open_source: Openness | None = None
    incorporates: list[Incorporation] = Field(default_factory=list)
    facts: LicenseFacts | None = Field(
        default=None, description="What the rubric's severity rules read; every license states them."
    )
    clauses: list[Clause] = Field(min_length=1)

    @model_validator(mode="after")
    def _license_fields(self) -> LicenseProfile:
        if self.kind == "license":
            missing = [f for f in ("governing_law", "open_source", "facts") if getattr(self, f) is None]
            if missing:
                raise ValueError(f"a license profile needs {' and '.join(missing)}")
        elif self.version_of is not None:
            raise ValueError(f"version_of is for licenses; this profile is a {self.kind}")
        return self


# ---------------------------------------------------------------- conditions

Scalar = bool | int | FiniteFloat | str  # finite: an infinite threshold is a mistake, and breaks the checks


class Comparison(Strict):
    """Compare the answer to one earlier question with a value.

    A question that was not asked (its own condition was false) compares false
    for every operator except `answered: false`.
    """

    question: Id
    equals: Scalar | None = None
    not_equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    contains: str | None = None
    greater_than: FiniteFloat | None = None
    at_least: FiniteFloat | None = None
    less_than: FiniteFloat | None = None
    at_most: FiniteFloat | None = None
    answered: bool | None = None

    # For editors: 'question' plus exactly one operator (the validator below says so in words).
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, json_schema_extra={"minProperties": 2, "maxProperties": 2}
    )

    @model_validator(mode="after")
    def _one_operator(self) -> Comparison:
        ops = self.operators()
        if len(ops) != 1:
            names = ", ".join(OPERATORS)
            found = ", ".join(op for op, _ in ops) or "none"
            raise ValueError(f"give exactly one operator ({names}); found: {found}")
        return self

    def operators(self) -> list[tuple[str, Any]]:
        values = self.__dict__
        return [(op, values[attr]) for op, attr in OPERATORS.items() if values[attr] is not None]

    @property
    def operator(self) -> str:
        return self.operators()[0][0]

    @property
    def value(self) -> Any:
        return self.operators()[0][1]


# YAML key -> attribute name
OPERATORS: dict[str, str] = {
    "equals": "equals",
    "not_equals": "not_equals",
    "in": "in_",
    "contains": "contains",
    "greater_than": "greater_than",
    "at_least": "at_least",
    "less_than": "less_than",
    "at_most": "at_most",
    "answered": "answered",
}


class FindingRef(Strict):
    """True when another finding of the same tree fires."""

    finding: Id


class AllOf(Strict):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    any: list[Condition] = Field(min_length=1)


class Not(Strict):
    not_: Condition = Field(alias="not")
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not", "question", "finding"):
            if key in value:
                return key
        return None
    if isinstance(value, BaseModel):
        return {AllOf: "all", AnyOf: "any", Not: "not", Comparison: "question", FindingRef: "finding"}.get(type(value))
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Comparison, Tag("question")]
    | Annotated[FindingRef, Tag("finding")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition is a mapping with one of the keys all, any, not, question, finding",
    ),
]
# AllOf, AnyOf and Not refer to Condition before it is defined: pydantic resolves it when it first
# builds their validators (see Strict), by which time it is.


# ---------------------------------------------------------------- questions and findings

QuestionKind = Literal["yes_no", "one_of", "many_of", "number", "text"]


class Option(Strict):
    value: Id
    label: Text
    help: Text | None = None
    exclusive: bool = Field(
        default=False,
        description="many_of only: this option cannot be chosen with any other (e.g. 'None of these').",
    )

    @field_validator("value", mode="before")
    @classmethod
    def _yaml_booleans(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError("YAML read this as a boolean; quote it, e.g. value: 'no'")
        return v


class FromModels(Strict):
    """Answer the question from the model catalog for the models the user picked, instead of asking it."""

    modality: Modality = Field(description="A modality the catalog lists for models (licenses/models.yaml), e.g. image.")
    present: Scalar = Field(description="The answer when a picked model under this license has the modality.")
    absent: Scalar = Field(description="The answer when the picked models under this license are all listed without it.")


class Question(Strict):
    id: Id
    kind: QuestionKind
    text: Text
    help: Text | None = None
    options: list[Option] | None = None
    minimum: FiniteFloat | None = None
    maximum: FiniteFloat | None = None
    unit: Text | None = None
    probes: list[ClauseRef] = Field(default_factory=list, description="The clauses this question tests.")
    when: Condition | None = Field(default=None, description="Ask only when this holds; always asked if absent.")
    former_ids: list[Id] = Field(
        default_factory=list, description="Ids this question had in earlier tree versions, so old answers carry over."
    )
    from_models: FromModels | None = Field(
        default=None, description="Answered from the model catalog when the user picked models, instead of asked."
    )
    shows: list[Id] = Field(
        default_factory=list,
        description="Earlier questions (of this tree or the intake) whose answers are shown under this question's text, "
        "e.g. [derived_model_name] for a question about that name.",
    )

    @model_validator(mode="after")
    def _kind_fields(self) -> Question:
        choice = self.kind in ("one_of", "many_of")
        if choice and not self.options:
            raise ValueError(f"a {self.kind} question needs options")
        if not choice and self.options is not None:
            raise ValueError(f"a {self.kind} question takes no options")
        if self.kind != "number" and (self.minimum is not None or self.maximum is not None or self.unit):
            raise ValueError("minimum, maximum and unit are for number questions only")
        if self.from_models is not None:
            fm = self.from_models
            if self.kind == "yes_no" and not (isinstance(fm.present, bool) and isinstance(fm.absent, bool)):
                raise ValueError("from_models: a yes_no question is answered yes or no (true or false)")
            if self.kind == "one_of" and not {fm.present, fm.absent} <= set(self.option_values()):
                raise ValueError(
                    f"from_models: present and absent must be options of the question ({', '.join(self.option_values())})"
                )
            if self.kind not in ("yes_no", "one_of"):
                raise ValueError("from_models answers yes_no and one_of questions only")
        if self.options:
            seen: set[str] = set()
            for option in self.options:
                if option.value in seen:
                    raise ValueError(f"option value '{option.value}' appears twice")
                seen.add(option.value)
            exclusive = [o.value for o in self.options if o.exclusive]
            if exclusive and self.kind != "many_of":
                raise ValueError(f"exclusive is for many_of options only (option '{exclusive[0]}' of a {self.kind} question)")
            if exclusive and len(exclusive) == len(self.options):
                raise ValueError("every option is exclusive: a many_of question needs at least one option that is not")
        return self

    def option_values(self) -> list[str]:
        return [o.value for o in self.options or []]

    def exclusive_values(self) -> list[str]:
        return [o.value for o in self.options or [] if o.exclusive]

    def clashing(self, values: list[str]) -> list[str]:
        """The exclusive options among `values` when they are combined with any other; [] when they fit."""
        if len(set(values)) < 2:
            return []
        return [v for v in dict.fromkeys(values) if v in self.exclusive_values()]

    def after_ticking(self, ticked: str, chosen: list[str]) -> list[str]:
        """The options chosen once `ticked` is ticked: an exclusive option clears the others, and any other
        option clears the exclusive ones. The order of the options is kept."""
        exclusive = set(self.exclusive_values())
        if ticked in exclusive:
            keep = {ticked}
        else:
            keep = {v for v in chosen if v not in exclusive} | {ticked}
        return [v for v in self.option_values() if v in keep]

    def option_label(self, value: str) -> str:
        for o in self.options or []:
            if o.value == value:
                return o.label
        return value


# How the user's plan meets the clause a finding rests on; with the kind, it sets the severity (licenses/rubric.yaml).
Exposure = Literal["done", "planned", "likely", "possible", "unmet", "triggered", "met", "standing", "none"]
EXPOSURES: tuple[Exposure, ...] = ("done", "planned", "likely", "possible", "unmet", "triggered", "met", "standing", "none")


class Override(Strict):
    """A departure from the rubric for one finding, with the reason a reviewer reads."""

    severity: SeverityName | None = None
    category: Category | None = None
    reason: Text

    @model_validator(mode="after")
    def _changes_something(self) -> Override:
        if self.severity is None and self.category is None:
            raise ValueError("an override changes the severity or the category (or both)")
        return self


class Finding(Strict):
    id: Id
    title: Text
    kind: Id = Field(description="The kind of risk in licenses/rubric.yaml; with the exposure it sets the category and severity.")
    exposure: Exposure = Field(
        description="How the plan meets the clause: done, planned, likely, possible, unmet, triggered, met, standing, none."
    )
    category: Category | None = Field(
        default=None, description="Set by the kind; state it only where the kind allows several categories."
    )
    severity: SeverityName | None = Field(default=None, description="Set by the kind and exposure; never stated with a kind.")
    override: Override | None = Field(default=None, description="A departure from the rubric, with its reason.")
    clauses: list[ClauseRef] = Field(min_length=1, description="The clauses this finding rests on.")
    when: Condition | None = Field(default=None, description="Fires when this holds; always fires if absent.")
    explanation: Text = Field(description="Links the answers to the clause and the consequence.")
    action: Text | None = Field(default=None, description="What the company should do.")
    needs_legal_review: bool = False
    review_note: Text | None = Field(default=None, description="What is unclear in the text, when review is needed.")
    open_questions: list[Id] = Field(
        default_factory=list,
        description="The tree's open questions this finding rests on; each makes it need legal review, wherever it is shown.",
    )

    @model_validator(mode="after")
    def _judgement(self) -> Finding:
        if self.needs_legal_review and not (self.review_note or self.open_questions):
            raise ValueError(
                "needs_legal_review is true: link the open question in open_questions (or say in review_note what is unclear)"
            )
        if self.severity is not None:
            raise ValueError(
                "the rubric sets the severity from the kind and exposure: remove severity, or give an override with a reason"
            )
        return self


class OpenQuestion(Strict):
    """Something the official text leaves unclear or does not contain."""

    id: Id
    text: Text
    clauses: list[ClauseRef] = Field(default_factory=list)


class NotProbed(Strict):
    """A clause of the tree's license (or of a policy it incorporates) that no question tests, on purpose."""

    clause: ClauseRef
    reason: Text = Field(description="Why no question probes this clause and no finding cites it.")


class Questionnaire(Strict):
    id: Id
    extends: Id | None = Field(default=None, description="The tree this version builds on; see docs/authoring.md.")
    remove_questions: list[Id] = Field(default_factory=list, description="With extends: inherited questions to drop.")
    remove_findings: list[Id] = Field(default_factory=list, description="With extends: inherited findings to drop.")
    remove_open_questions: list[Id] = Field(default_factory=list, description="With extends: inherited open questions to drop.")
    remove_not_probed: list[ClauseRef] = Field(
        default_factory=list, description="With extends: inherited not_probed entries to drop."
    )
    kind: Literal["intake", "license"]
    title: Text
    version: Version
    date: dt.date
    license: Id | None = Field(default=None, description="The license profile this tree tests (license trees).")
    description: Text | None = None
    questions: list[Question] = Field(min_length=1)
    findings: list[Finding] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    not_probed: list[NotProbed] = Field(
        default_factory=list,
        description="Clauses of the license and its policies that the tree deliberately leaves untested, each with the reason.",
    )

    @model_validator(mode="after")
    def _kind_fields(self) -> Questionnaire:
        if self.kind == "license" and not self.license:
            raise ValueError("a license tree names the license profile it tests in 'license'")
        if self.kind == "intake" and (self.license or self.findings or self.not_probed):
            raise ValueError("the intake collects facts only: no license, no findings, no not_probed")
        return self


# ---------------------------------------------------------------- answers and scenarios


class Expectation(Strict):
    findings: list[Id] = Field(description="Exactly the findings that must fire, in any order.")
    levels: dict[Category, LevelName] = Field(default_factory=dict)
    rating: LevelName | None = None
    set_aside: list[Id] = Field(default_factory=list)


class Scenario(Strict):
    name: Text
    description: Text | None = None
    answers: dict[Id, dict[str, Any]]
    lineage: dict[str, Any] | None = Field(
        default=None,
        description=(
            "How the model was built: model_name and components, as in an answers file (format version 2)."
            " Its routes answer the questions they decide (modifies_model, trains_on_outputs, ...);"
            " checked when the scenario runs (license_risk.lineage.model.Lineage)."
        ),
    )
    expect: Expectation


class ScenarioFile(Strict):
    tree: Id
    scenarios: list[Scenario] = Field(min_length=1)
