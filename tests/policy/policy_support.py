"""Policies written as text for the tests, read against the shipped catalog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from license_risk.content.catalog import Catalog
from license_risk.policy import LoadedPolicy, read_policy

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_POLICY = ROOT / "examples" / "policy.yaml"
ANSWERS = ROOT / "examples" / "japanese-saas-chatbot.yaml"  # Llama 3.1 (HIGH) and Gemma 2025-03 (MEDIUM)
TODAY = dt.date(2026, 12, 5)
HEAD = "format: open-model-license-risk/policy\nformat_version: 1\nname: Test policy\n"


def policy(body: str, catalog: Catalog, today: dt.date = TODAY, name: str = "policy.yaml") -> LoadedPolicy:
    return read_policy((HEAD + body).encode("utf-8"), name, catalog, today)
