"""Readers of model cards and AI BOMs: never the network, always offline."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"  # set before huggingface_hub is imported by a test module


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a connection fails the test: no reader may call the Hub or fetch a link."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a reader tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield
