"""The model catalog (licenses/models.yaml): checkpoints users pick, mapped to license versions.

Each entry may record its lineage: the base models and teachers it was built from, each reached by
a route (weights, outputs, dataset) and a relation, as `license_risk.lineage.model` names them. The
catalog keeps it as plain data: the lineage package, a layer above this one, turns it into a
`Lineage` when it needs one.

`search` finds entries from what users paste: a Hugging Face id with or without its organisation,
an instruction-tuned or converted name (-it, -Instruct, -chat, -hf) or a quantized re-upload under
another organisation (bartowski/gemma-2-9b-it-GGUF, TheBloke/Llama-2-7B-Chat-GGUF,
unsloth/Meta-Llama-3.1-8B-Instruct-bnb-4bit). Each result says how it matched, and a quantized
re-upload says which catalog entry it was made from (route weights, relation quantization).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from license_risk.content.model import Id, Modality, Question, Strict, Text
from license_risk.content.problems import ContentError, Problem
from license_risk.content.schema_errors import load_validated
from license_risk.i18n import ENGLISH, listed, translator
from license_risk.i18n.labels import MODALITY

# The routes and relations of license_risk.lineage.model that say how a catalog model was built
# (a test keeps them a subset of that module's; the code route and evaluation-only outputs are not
# recorded here, since neither builds the model).
LineageRoute = Literal["weights", "outputs", "dataset"]
LineageRelation = Literal[
    "fine_tune",
    "adapter",
    "merge",
    "quantization",
    "pruning",
    "unchanged",
    "distillation",
    "synthetic_data",
    "training",
    "fine_tuning",
]
# As long as license_risk.lineage.model.Component allows, so that a link converts without loss.
LinkName = Annotated[str, StringConstraints(min_length=1, max_length=300)]
LinkSource = Annotated[str, StringConstraints(min_length=1, max_length=500)]
CATALOG_RELATIONS: dict[str, tuple[str, ...]] = {
    "weights": ("fine_tune", "adapter", "merge", "quantization", "pruning", "unchanged"),
    "outputs": ("distillation", "synthetic_data"),
    "dataset": ("training", "fine_tuning"),
}


class LineageLink(Strict):
    """One base model, teacher or data set a catalog model was built from, as a source says."""

    model: Id | None = Field(default=None, description="The catalog id (in this file) of the model it was built from.")
    name: LinkName | None = Field(
        default=None, description="For one not in the catalog: its name (give license, or null with not_held)."
    )
    license: Id | None = Field(
        default=None, description="With name: the license profile that governs it; null when its text is not held."
    )
    not_held: Text | None = Field(
        default=None, description="With name and license: null, the license that governs it (or that it is unknown)."
    )
    route: LineageRoute = Field(
        description="weights: built from its weights; outputs: its outputs trained the model; dataset: data it was trained on."
    )
    relation: LineageRelation = Field(
        description="How, within the route: weights fine_tune, adapter, merge, quantization, pruning, unchanged; "
        "outputs distillation, synthetic_data; dataset training, fine_tuning."
    )
    source: LinkSource = Field(description="Where a card or paper says so: repository, path, commit and a short quote.")
    note: Text | None = None

    @model_validator(mode="after")
    def _one_target(self) -> LineageLink:
        if (self.model is None) == (self.name is None):
            raise ValueError("give either model (a catalog id in this file) or name (one not in the catalog), not both")
        if self.model is not None and (self.license is not None or self.not_held is not None):
            raise ValueError("with model, leave out license and not_held: they come from that catalog entry")
        if self.name is not None and (self.license is None) == (self.not_held is None):
            raise ValueError("with name, give either license (a profile id) or not_held (a license whose text is not held)")
        if self.relation not in CATALOG_RELATIONS[self.route]:
            raise ValueError(
                f"relation '{self.relation}' is not one of the {self.route} route's: {', '.join(CATALOG_RELATIONS[self.route])}"
            )
        return self


class CatalogAnswer(Strict):
    """An answer the catalog gives for this model to one question of a tree, and where that is read."""

    value: bool | str = Field(description="The answer: an option's value (quote 'yes' and 'no'), or true/false for yes_no.")
    source: LinkSource = Field(
        description="Where it is read: the official text (file and section) or a card, with a short quote."
    )


class Checkpoint(Strict):
    id: Id
    name: Text
    license: Id | None = Field(
        description="The license profile that governs this checkpoint; null when its license text is not held (see not_held)."
    )
    also: list[Id] = Field(
        default_factory=list,
        description="Other license profiles that govern it too, e.g. the base model's license for a fine-tune or distillation. "
        "Every license its lineage reaches must be here (or be its license).",
    )
    not_held: Text | None = Field(
        default=None, description="With license: null, the license that governs it, whose text this tool does not hold."
    )
    hf_license: str | None = Field(default=None, description="The `license` id on its Hugging Face model card.")
    modalities: list[Modality] = Field(min_length=1)
    aliases: list[Text] = Field(default_factory=list, description="Its Hugging Face ids (organisation/name).")
    source: Text | None = Field(
        default=None, description="Where the mapping was read: repository, path, commit and a short quote."
    )
    lineage: list[LineageLink] = Field(
        default_factory=list,
        description="The base models, teachers and data it was built from, each only where a source says so.",
    )
    answers: dict[Id, dict[Id, CatalogAnswer]] = Field(
        default_factory=dict,
        description="Answers the catalog gives for this model: tree id -> question id -> {value, source}. "
        "Filled in when the user picks the model, never over an answer the user gave.",
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _license_or_not_held(self) -> Checkpoint:
        if (self.license is None) == (self.not_held is None):
            raise ValueError("give either license (a profile id) or not_held (a license whose text is not held), not both")
        return self

    @property
    def licenses(self) -> list[str]:
        """Every license to assess for this checkpoint, the governing one first."""
        return [lic for lic in [self.license, *self.also] if lic]

    @cached_property
    def _search(self) -> _Keys:
        """Its normalized names for `search`, computed on the first search and kept with the entry."""
        return _keys_of(self)


class ModelCatalog(Strict):
    models: list[Checkpoint]


def load_checkpoints(
    root: Path, license_ids: list[str], questions: Mapping[str, Mapping[str, Question]] | None = None
) -> list[Checkpoint]:
    """The catalog, checked against the licenses and (for `answers`) the trees' questions, by tree id."""
    path = root / "licenses" / "models.yaml"
    if not path.is_file():
        return []
    name = path.relative_to(root).as_posix()
    doc, loaded = load_validated(path, name, ModelCatalog)
    problems = []
    seen: set[str] = set()
    for i, m in enumerate(loaded.models):
        if m.id in seen:
            problems.append(Problem(name, doc.line_of(("models", i, "id")), f"models[{i}].id", f"'{m.id}' is listed twice"))
        seen.add(m.id)
        refs = [(("models", i, "license"), m.license)] if m.license else []
        refs += [(("models", i, "also", j), lic) for j, lic in enumerate(m.also)]
        refs += [(("models", i, "lineage", j, "license"), link.license) for j, link in enumerate(m.lineage) if link.license]
        problems += [
            Problem(name, doc.line_of(loc), _where(m, i, loc), f"no license '{lic}' in this tool")
            for loc, lic in refs
            if lic not in license_ids
        ]
    problems += _lineage_problems(loaded.models, name, doc.line_of, set(license_ids))
    if questions is not None:
        problems += _answer_problems(loaded.models, name, doc.line_of, questions)
    if problems:
        raise ContentError(problems)
    return loaded.models


def _where(m: Checkpoint, i: int, loc: tuple[Any, ...]) -> str:
    return f"models[{i}] ({m.id}).{'.'.join(map(str, loc[2:]))}"


def _lineage_problems(models: list[Checkpoint], name: str, line_of: Any, known: set[str]) -> list[Problem]:
    """Lineage links name catalog ids that exist, form no cycle, and every license they reach is in license/also."""
    index = {m.id: i for i, m in reversed(list(enumerate(models)))}  # the first entry of an id listed twice
    problems: list[Problem] = []
    for i, m in enumerate(models):
        for j, link in enumerate(m.lineage):
            if link.model is not None and link.model not in index:
                loc = ("models", i, "lineage", j, "model")
                problems.append(Problem(name, line_of(loc), _where(m, i, loc), f"no model '{link.model}' in this catalog"))
    # A cycle: following lineage links comes back to where it started. Reported once, at the link that closes it.
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(model_id: str, path: list[str]) -> None:
        state[model_id] = 1
        i = index[model_id]
        for j, link in enumerate(models[i].lineage):
            target = link.model
            if target is None or target not in index:
                continue
            if state.get(target) == 1:
                loc = ("models", i, "lineage", j, "model")
                chain = [*path, model_id]
                cycle = " -> ".join([*chain[chain.index(target) :], target])
                problems.append(Problem(name, line_of(loc), _where(models[i], i, loc), f"lineage forms a cycle: {cycle}"))
            elif target not in state:
                visit(target, [*path, model_id])
        state[model_id] = 2

    for m in models:
        if m.id not in state:
            visit(m.id, [])
    for i, m in enumerate(models):
        held = set(m.licenses)
        for j, link in enumerate(m.lineage):
            missing = [lic for lic in _reached(link, models, index) if lic not in held and lic in known]  # unknown: named above
            if missing:
                loc = ("models", i, "lineage", j)
                via = link.model or link.name
                problems += [
                    Problem(
                        name,
                        line_of(loc),
                        _where(m, i, loc),
                        f"license '{lic}' reaches this model through its lineage ({via}) but is not its license or in also",
                    )
                    for lic in missing
                ]
    return problems


def _answer_problems(
    models: list[Checkpoint], name: str, line_of: Any, questions: Mapping[str, Mapping[str, Question]]
) -> list[Problem]:
    """Each catalog answer names a tree and a question that exist, and gives a value that question takes."""
    problems: list[Problem] = []
    for i, m in enumerate(models):
        for tree_id, given in m.answers.items():
            if tree_id not in questions:
                loc = ("models", i, "answers", tree_id)
                problems.append(Problem(name, line_of(loc), _where(m, i, loc), f"no question tree '{tree_id}' in this tool"))
                continue
            for qid, a in given.items():
                loc = ("models", i, "answers", tree_id, qid)
                q = questions[tree_id].get(qid)
                if q is None:
                    problems.append(Problem(name, line_of(loc), _where(m, i, loc), f"tree '{tree_id}' has no question '{qid}'"))
                    continue
                why = _unfit(q, a.value)
                if why:
                    vloc = (*loc, "value")
                    problems.append(Problem(name, line_of(vloc), _where(m, i, vloc), why))
    return problems


def _unfit(q: Question, value: bool | str) -> str | None:
    """Why `value` is not an answer to `q`, or None. Catalog answers are choices: yes_no and one_of questions."""
    if q.kind == "yes_no":
        return None if isinstance(value, bool) else f"question '{q.id}' is answered true or false, not {value!r}"
    if q.kind == "one_of":
        if isinstance(value, bool):
            return f"YAML read this as a boolean: quote it, e.g. value: '{'yes' if value else 'no'}'"
        if value not in q.option_values():
            return f"question '{q.id}' has no option {value!r}; its options are: {', '.join(q.option_values())}"
        return None
    return f"question '{q.id}' is a {q.kind} question; the catalog answers yes_no and one_of questions only"


def _reached(link: LineageLink, models: list[Checkpoint], index: Mapping[str, int]) -> list[str]:
    """The licenses a lineage link brings: the linked entry's licenses and, through its own lineage, all further up."""
    if link.model is None:
        return [link.license] if link.license else []
    out: dict[str, None] = {}
    todo, seen = [link.model], set()
    while todo:
        model_id = todo.pop()
        if model_id in seen or model_id not in index:
            continue
        seen.add(model_id)
        m = models[index[model_id]]
        out.update(dict.fromkeys(m.licenses))
        for up in m.lineage:
            if up.model is not None:
                todo.append(up.model)
            elif up.license:
                out[up.license] = None
    return list(out)


def checkpoint_lines(m: Checkpoint, label: Mapping[str, str], lang: str = ENGLISH, word: Callable[[str], str] = str) -> list[str]:
    """What a search result says under the model's name: licenses, modalities, caveats (plain text), in `lang`;
    `word` gives a catalog note in that language (Catalog.model_word)."""
    _ = translator(lang)
    if m.license is None:
        head = _("Cannot be assessed here: governed by {license}, whose text this tool does not hold").format(
            license=word(" ".join(m.not_held.split())) if m.not_held else ""
        )
    else:
        head = label[m.license]
    lines = [f"{head} · {listed([_(MODALITY[x]) for x in m.modalities], lang)}"]
    lines += [_("Also governed by {license}").format(license=label[lic]) for lic in m.also]
    if m.note:
        lines.append(" ".join(word(" ".join(m.note.split())).split()))
    return lines


# ---------------------------------------------------------------- search

MatchKind = Literal["exact", "variant", "contains"]

# Suffixes of re-uploads in another format or precision, stripped from the end of a repository
# name (after -, _, . or a space). QUANTIZED ones say the weights were quantized.
_QUANTIZED = (
    r"gguf|ggml|awq|gptq|exl2|exl3|mlx|bnb|nf4|fp8|fp4|nvfp4|mxfp4|int4|int8|w4a16|w8a8|w4a8|"
    r"\d+bits?|\d+(?:\.\d+)?bpw|\d+hb|h\d+|q\d(?:_[0-9a-z]+)*|iq\d(?:_[0-9a-z]+)*|i1|imatrix|quantized|g\d{2,3}|"
    r"dynamic|unsloth"
)
_CONVERTED = r"fp16|bf16|fp32|f16|f32|onnx|openvino|ov|safetensors|mlx-community"
_FORMAT_SUFFIX = re.compile(rf"[-_.\s]({_QUANTIZED}|{_CONVERTED})$", re.IGNORECASE)
_QUANTIZED_RE = re.compile(rf"^(?:{_QUANTIZED})$", re.IGNORECASE)
# Words of instruction-tuned or converted releases of the same model, removed wherever they stand.
_VARIANT_WORDS = frozenset({"it", "instruct", "chat", "hf", "base"})
_WORD_SPLIT = re.compile(r"[-_\s]+")
_WORDS = re.compile(r"[\W_]+")
_HUB_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/", re.IGNORECASE)
_MIN_PARTIAL = 4  # a partial name shorter than this (after removing an organisation or a suffix) matches nothing


def _norm(text: str) -> str:
    """Lower case, letters and digits only; a separator between two digits stays as '.', so that
    Qwen2.5-7B ('qwen2.5.7b') and Qwen2-57B ('qwen2.57b') stay apart while Llama 3.1 8B, llama3.1-8b
    and Llama-3_1-8B are one ('llama3.1.8b')."""
    out = ""
    for word in _WORDS.split(text.casefold()):
        if word:
            out += ("." if out and out[-1].isdigit() and word[0].isdigit() else "") + word
    return out


def _contains(text: str) -> re.Pattern[str]:
    """A normalized query found inside a normalized name, a number not cut in two (llama3 is not in llama30b)."""
    head = r"(?<![0-9])" if text[:1].isdigit() else ""
    tail = r"(?![0-9])" if text[-1:].isdigit() else ""
    return re.compile(head + re.escape(text) + tail)


def _strip_format(repo: str) -> tuple[str, tuple[str, ...]]:
    """The repository name without format and quantization suffixes, and those suffixes in name order."""
    marks: list[str] = []
    while True:
        found = _FORMAT_SUFFIX.search(repo)
        if found is None or found.start() == 0:
            return repo, tuple(reversed(marks))
        marks.append(found.group(1))
        repo = repo[: found.start()]


def _base(repo: str) -> str:
    """The normalized name of the model itself: no format suffix, no instruction-tuned or -hf word."""
    stripped, _ = _strip_format(repo)
    return _norm("-".join(w for w in _WORD_SPLIT.split(stripped) if w.casefold() not in _VARIANT_WORDS))


def _split_id(text: str) -> tuple[str, str]:
    """(organisation, name) of a Hugging Face id or address; organisation '' when there is none."""
    text = _HUB_PREFIX.sub("", text.strip())
    parts = [p for p in text.split("/") if p.strip()]
    if len(parts) >= 2:
        return parts[0].strip(), parts[1].strip()
    return "", (parts[0].strip() if parts else "")


@dataclass(frozen=True)
class _Keys:
    full: frozenset[str]  # normalized id and aliases, with their organisation
    repos: Mapping[str, tuple[str, frozenset[str]]]  # normalized name -> (the alias, its normalized organisations; '' none)
    bases: Mapping[str, tuple[str, frozenset[str]]]  # normalized base name -> (an alias it comes from, organisations)
    text: str  # name, id and aliases normalized, one a line, for "contains"
    written: tuple[str, ...]  # the same as written, one for each line


def _keys_of(m: Checkpoint) -> _Keys:
    repos: dict[str, tuple[str, set[str]]] = {}
    bases: dict[str, tuple[str, set[str]]] = {}
    for written in [*m.aliases, m.id]:  # an alias names the match rather than the id when both fit
        org, repo = _split_id(written)
        for table, key in ((repos, _norm(repo)), (bases, _base(repo))):
            if key:
                table.setdefault(key, (written, set()))[1].add(_norm(org))
    return _Keys(
        full=frozenset(_norm(a) for a in [m.id, *m.aliases]),
        repos={k: (alias, frozenset(orgs)) for k, (alias, orgs) in repos.items()},
        bases={k: (alias, frozenset(orgs)) for k, (alias, orgs) in bases.items()},
        text="\n".join(_norm(t) for t in [m.name, m.id, *m.aliases]),
        written=(m.name, m.id, *m.aliases),
    )


@dataclass(frozen=True)
class Derivation:
    """How the searched repository was made from a catalog entry, read from its name alone.

    The user's model then reaches that entry by this route and relation: a lineage can be pre-filled
    from it (with the repository name as its source, since no card was read).
    """

    model: str  # the catalog id
    route: Literal["weights"]
    relation: Literal["quantization"]
    marks: tuple[str, ...]  # the suffixes that say so, as written: ("GGUF",), ("bnb", "4bit")


@dataclass(frozen=True)
class Match:
    """One catalog entry found by `search`, and how."""

    model: Checkpoint
    how: MatchKind  # exact: its id or an alias; variant: a variant of an alias; contains: its name contains the query
    matched: str  # the id, alias or name that matched, as the catalog writes it
    organisation: str | None = None  # the query's organisation, when it differs from every alias's
    derived: Derivation | None = None  # a quantized re-upload: made from this entry by quantization

    @property
    def note(self) -> str | None:
        """One plain sentence on how it matched, or None for an exact match (English: importers record it)."""
        return self.describe(ENGLISH)

    def describe(self, lang: str) -> str | None:
        """`note` in `lang`, for the search results on a page."""
        _ = translator(lang)
        if self.derived is not None:
            marks = "-".join(self.derived.marks)
            if self.organisation:
                return _("A quantized re-upload ({marks}) by {organisation} of {model}: the same licenses apply to it.").format(
                    marks=marks, organisation=self.organisation, model=self.matched
                )
            return _("A quantized re-upload ({marks}) of {model}: the same licenses apply to it.").format(
                marks=marks, model=self.matched
            )
        if self.how == "variant":
            if self.organisation:
                return _("Matched as a variant under {organisation} of {model}.").format(
                    organisation=self.organisation, model=self.matched
                )
            return _("Matched as a variant of {model}.").format(model=self.matched)
        return None


def hub_id_key(text: str) -> str:
    """How a Hugging Face id is looked up in `hub_index`: without the hub's address, casefolded."""
    return _HUB_PREFIX.sub("", text.strip()).strip("/").casefold()


def hub_index(models: Iterable[Checkpoint]) -> dict[str, str]:
    """Each Hugging Face id (organisation/name) the catalog names as an id or alias -> the entry's id.

    An id two entries share (none today) goes to the first, as `search` ranks it.
    """
    index: dict[str, str] = {}
    for m in models:
        for written in [m.id, *m.aliases]:
            if "/" in written:
                index.setdefault(hub_id_key(written), m.id)
    return index


def search(models: Iterable[Checkpoint], query: str) -> list[Match]:
    """Catalog entries for what the user typed, best first.

    Exact matches (an id or alias, with or without the organisation) come first, then variants of
    an alias (under another organisation, with a format or quantization suffix, an instruction-tuned
    or -hf name), then entries whose name, id or an alias contains the query, ignoring case, spaces
    and punctuation. An empty query lists every entry. The names are normalized once per entry
    (kept with it), so a search is a pass of set look-ups and substring tests.
    """
    models = list(models)
    if not _norm(query):
        return [Match(m, "contains", m.name) for m in models]
    q = _Query.of(query)
    ranked: list[tuple[int, int, Match]] = []
    for order, m in enumerate(models):
        hit = q.match(m)
        if hit is not None:
            ranked.append((hit[0], order, hit[1]))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [match for _, _, match in ranked]


@dataclass(frozen=True)
class _Query:
    full: str  # the whole query, normalized
    org: str  # its organisation as written ('' for none)
    org_key: str  # normalized
    repo: str  # its repository name, normalized
    stripped: str  # the repository name without format suffixes, normalized ('' when it had none)
    base: str  # without format suffixes and instruction-tuned words, normalized
    quantized: tuple[str, ...]  # the quantization suffixes it had, as written, in name order
    partials: tuple[str, ...]  # shorter forms tried for "contains" when the whole query is in no name
    contains: tuple[re.Pattern[str], ...]  # the whole query's, then each partial's

    @classmethod
    def of(cls, query: str) -> _Query:
        org, repo = _split_id(query)
        stripped, marks = _strip_format(repo)
        q_repo, q_stripped, q_base = _norm(repo), _norm(stripped) if marks else "", _base(repo)
        partials = tuple(p for p in dict.fromkeys([q_repo if org else "", q_stripped, q_base]) if len(p) >= _MIN_PARTIAL)
        full = _norm(query)
        return cls(
            full,
            org,
            _norm(org),
            q_repo,
            q_stripped,
            q_base,
            tuple(mk for mk in marks if _QUANTIZED_RE.match(mk)),
            partials,
            tuple(_contains(p) for p in (full, *partials)),
        )

    def _other_org(self, orgs: frozenset[str], reupload: bool = False) -> str | None:
        """The query's organisation, when the alias names another one (or, for a re-upload, not this one)."""
        if not self.org_key or self.org_key in orgs:
            return None
        return self.org if reupload or "" not in orgs else None

    def _derived(self, m: Checkpoint) -> Derivation | None:
        return Derivation(m.id, "weights", "quantization", self.quantized) if self.quantized else None

    def match(self, m: Checkpoint) -> tuple[int, Match] | None:
        """(rank, match) for one entry, or None; a lower rank comes first."""
        k = m._search
        if self.full in k.full:
            return 0, Match(m, "exact", next(a for a in [m.id, *m.aliases] if _norm(a) == self.full))
        if self.repo in k.repos:
            alias, orgs = k.repos[self.repo]
            other = self._other_org(orgs)
            return (0, Match(m, "exact", alias)) if other is None else (1, Match(m, "variant", alias, organisation=other))
        if self.stripped and self.stripped in k.repos:
            alias, orgs = k.repos[self.stripped]
            return 1, Match(m, "variant", alias, self._other_org(orgs, bool(self.quantized)), self._derived(m))
        if self.base and self.base in k.bases:
            alias, orgs = k.bases[self.base]
            return 2, Match(m, "variant", alias, self._other_org(orgs, bool(self.quantized)), self._derived(m))
        found = self.contains[0].search(k.text)
        if found is not None:
            return 3, Match(m, "contains", _line(k, found.start()))
        for part, pattern in zip(self.partials, self.contains[1:], strict=True):
            found = pattern.search(k.text)
            if found is not None:
                derived = None if part == self.repo else self._derived(m)
                return 4, Match(m, "contains", _line(k, found.start()), (self.org or None) if derived else None, derived)
        return None


def _line(k: _Keys, at: int) -> str:
    """The name, id or alias (as written) on whose line of `k.text` the position `at` falls."""
    return k.written[k.text.count("\n", 0, at)]
