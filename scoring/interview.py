"""The guided assessment as plain state and transitions, so the app only displays and collects.

An Interview holds the licenses chosen, every answer given (never deleted), the
step the user is on and, while reviewing, the question shown. Every transition
returns what the user should be told (answers set aside, values refused).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from license_risk.content.catalog import Catalog
from license_risk.content.model import Question
from license_risk.lineage.model import Lineage
from license_risk.numbers import Conversion
from scoring.answers import Answers, Conversions, check_value, in_dollars
from scoring.engine import Step, Walk, questions_in_order, walk

StepName = Literal["start", "resume", "model", "questions", "results"]
Ref = tuple[str, str]  # (tree id, question id)


@dataclass
class Interview:
    id: str
    licenses: list[str] = field(default_factory=list)
    answers: Answers = field(default_factory=dict)
    step: StepName = "start"
    cursor: Ref | None = None  # the question shown; None means "the next unanswered one"
    models: list[str] = field(default_factory=list)  # checkpoints the user picked, named in the memo
    lineage: Lineage | None = None  # how the model was built; its licenses are assessed too, its routes answer
    lang: str = "en"  # the language of the app's own words for this assessment (license_risk.i18n.LANGUAGES)
    conversions: Conversions = field(default_factory=dict)  # dollar answers given in yen: the yen, rate and date
    _walk: tuple[Any, Walk] | None = field(default=None, repr=False, compare=False)
    _from_catalog: tuple[Any, dict[Ref, FromCatalog]] | None = field(default=None, repr=False, compare=False)

    def state_key(self) -> tuple[Any, ...]:
        """Equal for equal licenses, answers, models and lineage: what views built from them may be cached on."""
        return tuple(self.licenses), repr(self.answers), tuple(self.models), repr(self.lineage), repr(self.conversions)

    def walk(self, catalog: Catalog) -> Walk:
        # The app asks for the walk several times per page; answers change only through this module.
        # The lineage is frozen: a new one is a new object, so identity tells a change cheaply.
        key = (id(catalog), tuple(self.licenses), repr(self.answers), id(self.lineage))
        if self._walk is None or self._walk[0] != key or self._walk[1].lineage is not self.lineage:
            self._walk = (key, walk(catalog, self.licenses, self.answers, self.lineage))
        return self._walk[1]


@dataclass(frozen=True)
class Change:
    """What an answer did beyond recording itself."""

    set_aside: list[Step]  # answers that no longer apply because of it (kept, not scored)
    restored: list[Step]  # answers that apply again because of it


def choose_licenses(catalog: Catalog, iv: Interview, licenses: list[str]) -> list[str]:
    """Keep the known licenses, in the order given, once each; answers to others are kept too."""
    chosen = [lic for lic in dict.fromkeys(licenses) if lic in catalog.license_ids]
    iv.licenses = chosen
    iv.cursor = None
    return chosen


@dataclass(frozen=True)
class FromCatalog:
    """An answer the model catalog gives instead of the user, the models it rests on and, for an answer
    the catalog states outright (a model's `answers`), where it is read."""

    tree: str
    question: Question
    value: Any
    models: tuple[str, ...]
    source: str | None = None


def catalog_answers(catalog: Catalog, iv: Interview) -> dict[Ref, FromCatalog]:
    """What the model catalog answers for the models the user picked, for the licenses assessed.

    A model's own `answers` come first (where the picked models disagree, none is given: the user
    says); then questions with `from_models`, read from the picked models' modalities.
    """
    assessed = iv.walk(catalog).licenses  # the picked licenses and those the lineage brings
    # asked on every rerun of a question page; it changes only with the models and the licenses assessed
    key = (id(catalog), tuple(iv.models), tuple(assessed))
    if iv._from_catalog is not None and iv._from_catalog[0] == key:
        return iv._from_catalog[1]
    picked = [m for m in catalog.models if m.name in iv.models]
    out: dict[Ref, FromCatalog] = {}
    for tree_id in assessed:
        stated: dict[str, list[tuple[str, Any, str]]] = {}
        for m in picked:
            for qid, a in m.answers.get(tree_id, {}).items():
                stated.setdefault(qid, []).append((m.name, a.value, a.source))
        for qid, given in stated.items():
            values = {repr(v) for _, v, _ in given}
            q = catalog.trees[tree_id].questions.get(qid)
            if q is not None and len(values) == 1:
                value = given[0][1]
                out[tree_id, qid] = FromCatalog(tree_id, q, value, tuple(n for n, _, _ in given), given[0][2])
        under = [m for m in picked if tree_id in m.licenses]
        if not under:
            continue
        for q in catalog.trees[tree_id].model.questions:
            fm = q.from_models
            if fm is None or (tree_id, q.id) in out:
                continue
            having = tuple(m.name for m in under if fm.modality in m.modalities)
            out[tree_id, q.id] = FromCatalog(
                tree_id, q, fm.present if having else fm.absent, having or tuple(m.name for m in under)
            )
    iv._from_catalog = (key, out)
    return out


def answer_from_models(catalog: Catalog, iv: Interview) -> list[FromCatalog]:
    """Fill in, from the model catalog, the questions it answers for the models the user picked.

    Only questions not answered yet: an answer the user gave (or changed) is never overwritten.
    """
    given: list[FromCatalog] = []
    for (tree_id, qid), a in catalog_answers(catalog, iv).items():
        if qid in iv.answers.get(tree_id, {}):
            continue
        iv.answers.setdefault(tree_id, {})[qid] = a.value
        given.append(a)
    return given


def answered_by_catalog(catalog: Catalog, iv: Interview) -> dict[Ref, FromCatalog]:
    """The answers that are what the model catalog gives for the picked models, to say so beside them."""
    return {
        ref: a
        for ref, a in catalog_answers(catalog, iv).items()
        if ref[1] in iv.answers.get(ref[0], {}) and iv.answers[ref[0]][ref[1]] == a.value
    }


def current(catalog: Catalog, iv: Interview) -> tuple[str, Question] | None:
    """The question to show: the one under review if it still applies, else the next unanswered."""
    w = iv.walk(catalog)
    if iv.cursor is not None:
        for tree_id, q in _applicable(catalog, w):
            if (tree_id, q.id) == iv.cursor:
                return tree_id, q
        iv.cursor = None
    return w.next


def _applicable(catalog: Catalog, w: Walk) -> list[tuple[str, Question]]:
    """Questions that apply now (answered or not), in asking order."""
    shown = {(s.tree, s.question.id) for s in w.path} | {(t, q.id) for t, q in w.pending}
    return [(t, q) for t, q in questions_in_order(catalog, w.licenses) if (t, q.id) in shown]


def answer(
    catalog: Catalog, iv: Interview, tree_id: str, question_id: str, raw: Any, conversion: Conversion | None = None
) -> tuple[Change | None, str | None]:
    """Record an answer; return what it changed, or why the value was refused.

    With a `conversion` (yen at a rate, for a question in dollars) the answer is its dollar amount and
    the record is kept beside it; an answer given without one drops the question's record."""
    found = catalog.question(tree_id, question_id)
    if found is None or found[0] != tree_id:
        return None, f"unknown question {tree_id}/{question_id}"
    if conversion is not None:
        if not in_dollars(found[1]):
            return None, "This question is not asked in US dollars, so it takes no yen amount."
        raw = conversion.usd
    value, error = check_value(found[1], raw)
    if error:
        return None, f"This question {error}."
    before = _aside_keys(iv.walk(catalog))
    iv.answers.setdefault(tree_id, {})[question_id] = value
    if conversion is not None:
        iv.conversions[tree_id, question_id] = conversion
    else:
        iv.conversions.pop((tree_id, question_id), None)
    after_walk = iv.walk(catalog)
    after = _aside_keys(after_walk)
    by_key = {(s.tree, s.question.id): s for s in after_walk.set_aside}
    path = {(s.tree, s.question.id): s for s in after_walk.path}
    change = Change(
        set_aside=[by_key[k] for k in after - before],
        restored=[path[k] for k in before - after if k in path],
    )
    iv.cursor = None
    if after_walk.next is None:
        iv.step = "results"
    return change, None


def _aside_keys(w: Walk) -> set[Ref]:
    return {(s.tree, s.question.id) for s in w.set_aside}


def back(catalog: Catalog, iv: Interview) -> None:
    """Show the question before the current one (or the last one, from the results)."""
    w = iv.walk(catalog)
    applicable = _applicable(catalog, w)
    refs = [(t, q.id) for t, q in applicable]
    shown = current(catalog, iv) if iv.step == "questions" else None
    if shown is None:
        if refs:
            iv.cursor = refs[-1]
            iv.step = "questions"
        else:
            iv.step = "model"
        return
    idx = refs.index((shown[0], shown[1].id))
    if idx == 0:
        iv.step = "model"
        iv.cursor = None
    else:
        iv.cursor = refs[idx - 1]


def review(iv: Interview, tree_id: str, question_id: str) -> None:
    """Open an earlier answer to change it."""
    iv.cursor = (tree_id, question_id)
    iv.step = "questions"


def stored_answer(iv: Interview, tree_id: str, question_id: str) -> Any:
    return iv.answers.get(tree_id, {}).get(question_id)


def stored_conversion(iv: Interview, tree_id: str, question_id: str) -> Conversion | None:
    """The yen and rate a dollar answer was given in, if it was (and the record still matches the answer)."""
    c = iv.conversions.get((tree_id, question_id))
    return c if c is not None and stored_answer(iv, tree_id, question_id) == c.usd else None


def earlier_answers(catalog: Catalog, iv: Interview, tree_id: str, q: Question) -> list[tuple[Question, Any]]:
    """The answers a question shows under its text (its `shows`), those given so far, in the order it names them."""
    out: list[tuple[Question, Any]] = []
    for shown in q.shows:
        found = catalog.question(tree_id, shown)
        if found is None:
            continue
        owner, earlier = found
        value = iv.answers.get(owner, {}).get(shown)
        if value is not None:
            out.append((earlier, value))
    return out
