"""Map a model name found in a file to the model catalog: by the compiled id index, then by `search`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from license_risk.content.catalog import Catalog
from license_risk.content.checkpoints import Checkpoint, hub_id_key, search
from license_risk.scan.found import CatalogMatch

# An id on the hub: organisation/name, each a letter or digit then letters, digits, - _ . (at most 96).
HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}$")
_OLLAMA_HF = re.compile(r"^(?:https?://)?(?:hf\.co|huggingface\.co)/", re.IGNORECASE)
_NOT_IN_CATALOG = CatalogMatch("not_in_catalog")


@dataclass
class Mapper:
    """Maps names to catalog entries, each distinct name once per scan."""

    catalog: Catalog
    _seen: dict[tuple[str, bool], CatalogMatch | None] = field(default_factory=dict)
    _by_id: dict[str, Checkpoint] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {m.id: m for m in self.catalog.models}

    def known(self, token: str) -> CatalogMatch | None:
        """A catalog entry for an id named anywhere (an exact id or a quantized re-upload of one), else None."""
        key = (token, False)
        if key not in self._seen:
            self._seen[key] = self._lookup(token, loose=False)
        return self._seen[key]

    def named(self, value: str) -> CatalogMatch | None:
        """A model named where a model is expected (a from_pretrained argument, a `model:` key, a FROM line).

        The catalog entry, or not_in_catalog for a hub id the catalog lacks, or None for a value that
        is neither (a local path, a variable, an API model name).
        """
        key = (value, True)
        if key not in self._seen:
            self._seen[key] = self._lookup(value, loose=True)
        return self._seen[key]

    def _lookup(self, value: str, loose: bool) -> CatalogMatch | None:
        text = _OLLAMA_HF.sub("", value.strip())
        tag = ""
        if ":" in text and "/" not in text.split(":", 1)[1]:  # an Ollama tag: llama3.1:8b, org/name-GGUF:Q4_K_M
            text, tag = text.split(":", 1)
        model_id = self.catalog.hub_ids.get(hub_id_key(text))
        if model_id is not None:
            return self._match(self._by_id[model_id], "exact")
        hub_like = HUB_ID.match(text) is not None
        if not hub_like and not loose:
            return None
        query = text if hub_like or not tag else f"{text}-{tag}"  # llama3.1:8b -> llama3.1-8b
        for m in search(self.catalog.models, query)[:1]:
            if m.derived is not None:
                return self._match(m.model, "re-upload")
            if m.how == "variant" or (m.how == "exact" and (hub_like or loose)):
                return self._match(m.model, m.how)
            if loose and not hub_like and m.how == "contains" and _unique(self.catalog, query):
                return self._match(m.model, m.how)
        return _NOT_IN_CATALOG if hub_like and loose else None

    def _match(self, m: Checkpoint, how: str) -> CatalogMatch:
        if m.license is None:
            return CatalogMatch("not_held", m.id, m.name, (), how, m.not_held)
        return CatalogMatch("in_catalog", m.id, m.name, tuple(m.licenses), how)


def _unique(catalog: Catalog, query: str) -> bool:
    """A bare name (an Ollama model, a name without organisation) is taken only if one entry fits it."""
    return len(search(catalog.models, query)) == 1
