"""The model cards found in a scanned tree, each read into the lineage of the model it describes.

A card (a Markdown file whose YAML front matter names a `base_model`) describes a model built from
those bases: `scan` assesses that model as built, as `assess --card README.md` does, rather than the
bases as the catalog holds them. The card is read from the bytes the scan already has, with the
lineage readers (`license_risk.lineage.card.read_card`, no network). A card whose lineage cannot be
used (refused, a field lost such as an unknown license, or no license this tool holds reaching it)
keeps `problem`, and its hits are assessed as the catalog models they name, with that reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from license_risk.content.catalog import Catalog
from license_risk.content.problems import InputError, Problem
from license_risk.lineage.imported import Imported
from license_risk.lineage.model import Lineage
from scoring.answers import Answers


@dataclass(frozen=True)
class Card:
    """A model card in the tree: its lineage, or why it cannot be used (`problem`, in English as the reader says it)."""

    path: str  # relative to the scanned folder, with /
    imported: Imported | None
    problem: str = ""
    folder: str = ""  # the name of the folder it is in, the model's name when the card states none

    @property
    def lineage(self) -> Lineage | None:
        return self.imported.lineage if self.imported is not None else None

    @property
    def model_name(self) -> str:
        from license_risk.lineage.card import UNNAMED

        lineage = self.lineage
        if lineage is not None and lineage.model_name != UNNAMED:
            return lineage.model_name
        return self.folder or PurePosixPath(self.path).name

    @property
    def unknown_bases(self) -> tuple[str, ...]:
        """The models it was built from whose license this tool does not know (not in the catalog, or not held).

        A CI gate cannot allow what it did not read: such a model needs review, as a model named in code does."""
        lineage = self.lineage
        if lineage is None:
            return ()
        return tuple(c.name for c in lineage.components if c.route == "weights" and not c.licenses)

    @property
    def notes(self) -> tuple[str, ...]:
        """What the reader assumed (a relation the card does not state...), with the card's line."""
        return tuple(str(p) for p in self.imported.unmapped if p.level != "error") if self.imported is not None else ()


def read_card_lineage(path: str, folder: str, data: bytes, catalog: Catalog) -> Card:
    """The lineage of the card at `path` (its bytes `data`), or the reason it cannot be used."""
    from license_risk.lineage.card import read_card  # imports huggingface_hub: only when a tree has a card

    try:
        imported = read_card(data, path, catalog)
    except InputError as exc:
        problems: tuple[Problem, ...] = getattr(exc, "problems", (exc.problem,))
        return Card(path, None, "; ".join(str(p) for p in problems), folder)
    lost = [str(p) for p in imported.unmapped if p.level == "error"]
    if lost:
        return Card(path, None, "; ".join(lost), folder)
    if not imported.lineage.licenses:
        return Card(path, None, f"{path}: no license this tool holds reaches the model its lineage describes", folder)
    return Card(path, imported, "", folder)


def with_card_answers(answers: Answers, card: Card) -> Answers:
    """The organisation's answers, with those the card's lineage settles added where the answers say nothing (as `assess --card`)."""
    out = {tree: dict(given) for tree, given in answers.items()}
    if card.imported is not None:
        for tree, given in card.imported.answers.items():
            for qid, value in given.items():
                out.setdefault(tree, {}).setdefault(qid, value)
    return out
