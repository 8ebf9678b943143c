"""How open a release is, by component: the Model Openness Framework's components, read as data.

The shipped file `licenses/texts/model-openness-framework.txt` is the Model Openness Tool's
configuration (see licenses/texts/SOURCES.md): 17 components, each with a class from 1 to 3
and whether it is required. It is not the framework's specification, which says how a class
is earned and which licenses count as open; that text is not held here, so the reading below
lists what is released and what is not, and gives no class verdict. The intake question
`released_components` offers exactly these components (checked when the content loads).
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from license_risk.content.model import Question
from license_risk.content.problems import ContentError, InputError, Problem
from license_risk.content.schema_errors import problems_from
from license_risk.content.yamlsource import load_file
from license_risk.i18n import ENGLISH, translator

FILE = "model-openness-framework.txt"
QUESTION = "released_components"


class MofComponent(BaseModel):
    # defer_build: as model.Strict, the validator is built when content is loaded, not at import
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True, defer_build=True)
    id: int
    name: str
    description: str
    content_type: str
    class_: int = Field(alias="class", ge=1, le=3)
    required: bool

    @property
    def value(self) -> str:
        """The intake option value for this component, e.g. model-parameters-final."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


class MofComponents(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)
    components: list[MofComponent] = Field(min_length=1)


def load_components(root: Path, intake_questions: list[Question]) -> list[MofComponent]:
    """The components, checked against the intake question that offers them; [] when the file is absent."""
    path = root / "licenses" / "texts" / FILE
    if not path.is_file():
        return []
    name = f"licenses/texts/{FILE}"
    try:
        doc = load_file(path, name)
        components = MofComponents.model_validate(doc.data).components
    except InputError as exc:
        raise ContentError([exc.problem]) from None
    except ValidationError as exc:
        raise ContentError(problems_from(exc, doc, MofComponents)) from None
    question = next((q for q in intake_questions if q.id == QUESTION), None)
    if question is not None:
        wanted = {c.value for c in components} | {"none"}
        offered = set(question.option_values())
        if offered != wanted:
            missing = ", ".join(sorted(wanted - offered)) or "-"
            extra = ", ".join(sorted(offered - wanted)) or "-"
            raise ContentError(
                [
                    Problem(
                        "questionnaires/intake.yaml",
                        None,
                        QUESTION,
                        f"the options must be the components of licenses/texts/{FILE} and 'none' (missing: {missing}; not components: {extra})",
                    )
                ]
            )
    return components


def openness_reading(
    components: list[MofComponent], released: object, lang: str = ENGLISH, question: Question | None = None
) -> tuple[tuple[str, str], ...]:
    """Labelled notes on the components the user releases (intake answer), for the memo and the app.

    In a language other than English each component is named by the intake question's option label
    for it (`question`: the localized catalog's `released_components`), so the reading uses the
    same words as the question the user answered; the framework's English name where it has none.
    """
    if not components or not isinstance(released, list):
        return ()
    _ = translator(lang)
    labels = {o.value: " ".join(o.label.split()) for o in question.options or ()} if question and lang != ENGLISH else {}

    def named(c: MofComponent) -> str:
        return _("{name} (class {n})").format(name=labels.get(c.value, c.name), n=c.class_)

    between = _("; ")  # between two components of a list
    chosen = [c for c in components if c.value in released]
    missing = [c for c in components if c.required and c not in chosen]
    shown = between.join(named(c) for c in chosen) or _("none of them")
    # `source` is the tool's configuration named in words: translated with the sentence around it.
    source = _("the Model Openness Tool's configuration of the Model Openness Framework's components")
    lines = [
        (
            _("Model Openness Framework: the components you release"),
            _("You release {n} of the {total} components listed in {source}: {shown}.").format(
                n=len(chosen), total=len(components), source=source, shown=shown
            ),
        ),
        (
            _("Model Openness Framework: required components you do not release"),
            (between.join(named(c) for c in missing) or _("None: every required component is released."))
            + _(
                " The configuration gives each component a class from 1 to 3 and marks it required or not. The framework's "
                "specification, which says how a class is earned and which licenses count as open for each component, is not "
                "held by this tool, so it gives no class verdict: for counsel's review."
            ),
        ),
    ]
    return tuple(lines)
