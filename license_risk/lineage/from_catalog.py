"""A picked catalog model as lineage components: the model, reached by how the user uses it, and what it was built from.

    components = catalog_components(catalog, checkpoint, route="weights", relation="fine_tune", ids=Ids())

The catalog records, with a quoted source, the base models, teachers and data a model was built
from (`Checkpoint.lineage`, licenses/models.yaml). Each becomes a component nested under the picked
model, recursively, so that a base model's license reaches the user's model by its own route (a
distilled model's teacher by outputs, its base by weights) instead of a flat list of licenses.
A license the catalog lists in `also` that no recorded link explains stays on the model itself:
nothing the catalog says is dropped.
"""

from __future__ import annotations

from license_risk.content.catalog import Catalog
from license_risk.content.checkpoints import Checkpoint, LineageLink
from license_risk.lineage.imported import Ids, clip
from license_risk.lineage.model import Component


def catalog_components(
    catalog: Catalog, checkpoint: Checkpoint, *, route: str, relation: str, ids: Ids, into: str | None = None
) -> list[Component]:
    """The picked model (reaching `into`, or the assessed model, by route and relation), then its recorded lineage."""
    by_id = {m.id: m for m in catalog.models}
    out: list[Component] = []

    def add(m: Checkpoint | None, link: LineageLink | None, route: str, relation: str, into: str | None, depth: int) -> None:
        name = m.name if m is not None else (link.name if link and link.name else "?")
        cid = ids.make(m.id if m is not None else name)
        own = [m.license] if m is not None and m.license else ([link.license] if link and link.license else [])
        note = m.not_held if m is not None else (link.not_held if link else None)
        source = clip(link.source, 500) if link is not None else f"model catalog: {m.id}" if m is not None else None
        component = Component(
            id=cid,
            name=clip(name, 300),
            model=m.id if m is not None else None,
            licenses=own,
            license_note=clip(note, 2000) if note else None,
            route=route,  # type: ignore[arg-type]
            relation=relation,
            into=into,
            source=source,
        )
        out.append(component)
        if m is None or depth > 20:  # the catalog's links are checked for cycles; the bound is a second guard
            return
        start = len(out)
        for sub in m.lineage:
            add(by_id.get(sub.model or ""), sub, sub.route, sub.relation, cid, depth + 1)
        explained = {lic for c in out[start:] for lic in c.licenses}
        unexplained = [lic for lic in m.also if lic not in explained]
        if unexplained:  # `also` names a license no recorded link brings: keep it on the model itself
            out[start - 1] = component.model_copy(update={"licenses": [*own, *unexplained]})

    add(checkpoint, None, route, relation, into, 0)
    return out
