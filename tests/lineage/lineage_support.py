"""Paths, a compact view of a lineage and a network guard, shared by the reader tests.

Not a conftest.py: tests elsewhere import names from the top-level conftest, which a second one would shadow.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from license_risk.lineage.model import Lineage

os.environ["HF_HUB_OFFLINE"] = "1"  # imported by each test module before huggingface_hub is

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CARDS = FIXTURES / "cards"
BOMS = FIXTURES / "bom"

Row = tuple[str, str | None, list[str], str, str, str | None]


def summary(lineage: Lineage) -> list[Row]:
    """Each component as (name, catalog model, licenses, route, relation, into), in order."""
    return [(c.name, c.model, c.licenses, c.route, c.relation, c.into) for c in lineage.components]


def refuse_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test: no reader may call the Hub or fetch a link."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a reader tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
