from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from license_risk.content.catalog import Catalog
from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError, Problem
from license_risk.shipped import ROOT

pytest_plugins = [
    "postgres_support",
    "e2e_support",
]  # the store's SQLite and PostgreSQL fixtures; the browser tests' server and Chromium

MINI = Path(__file__).parent / "fixtures" / "mini"
_CACHE: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Tests never read or write the user's cache: the font cache goes to a folder of this run, for the
    test process and every process it starts (they inherit the environment)."""
    global _CACHE
    _CACHE = tempfile.mkdtemp(prefix="license-risk-test-cache-")
    os.environ["LICENSE_RISK_CACHE_DIR"] = _CACHE
    os.environ.pop("LICENSE_RISK_NO_CACHE", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE is not None:
        shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The content shipped with the project."""
    return load_catalog(ROOT)


@pytest.fixture(scope="session")
def mini() -> Catalog:
    """A small, stable fixture tree for testing the engine apart from legal content."""
    return load_catalog(MINI)


@pytest.fixture
def broken(tmp_path: Path) -> Callable[..., list[Problem]]:
    """Copy the mini content, change one file, and return the problems loading reports."""

    def make(
        file: str, old: str | None = None, new: str = "", *, replace_all: str | None = None, root: Path = MINI
    ) -> list[Problem]:
        target = tmp_path / f"content{len(list(tmp_path.iterdir()))}"
        shutil.copytree(root, target)
        path = target / file
        if replace_all is not None:
            path.write_text(replace_all, encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            assert old is not None and old in text, f"fixture text not found: {old!r}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(ContentError) as info:
            load_catalog(target)
        return info.value.problems

    return make


def messages(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


@pytest.fixture
def assess_lineage(catalog: Catalog) -> Callable[..., object]:
    """Assess a lineage built in code (tests/combined/combined_support.py)."""
    from combined.combined_support import assess_lineage_with

    return assess_lineage_with(catalog)
