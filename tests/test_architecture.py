"""The folder layout is the data flow: import-linter's contracts (pyproject.toml) hold, and they can fail.

content -> scoring -> memo | maintain | store -> cli -> ui; no module imports in a circle.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("license_risk", "scoring", "ui")


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    # cwd first on the path, so that the copy under test is analysed, not this checkout
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(folder)},
    )


def test_the_contracts_hold() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def _add_import(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(copy: Path) -> None:
    assert lint_imports(copy).returncode == 0  # the copy itself is clean
    _add_import(copy / "license_risk" / "content" / "quotes.py", "from license_risk.memo import report  # noqa")
    done = lint_imports(copy)
    assert done.returncode != 0
    out = " ".join(done.stdout.split())
    assert "Each layer imports only the layers below it (siblings on one line are independent) BROKEN" in out
    assert "license_risk.content.quotes -> license_risk.memo.report" in out


def test_siblings_on_one_layer_may_not_import_each_other(copy: Path) -> None:
    _add_import(copy / "license_risk" / "store" / "assessments.py", "from license_risk.memo import listing  # noqa")
    done = lint_imports(copy)
    assert done.returncode != 0
    out = " ".join(done.stdout.split())
    assert "independent) BROKEN" in out and "No module or package imports in a circle KEPT" in out
    assert "license_risk.store.assessments -> license_risk.memo.listing" in out


def test_an_import_circle_inside_a_package_breaks_the_contract(copy: Path) -> None:
    # content.catalog imports content.problems; the reverse closes a circle within one layer
    _add_import(copy / "license_risk" / "content" / "problems.py", "from license_risk.content import catalog  # noqa")
    done = lint_imports(copy)
    assert done.returncode != 0
    assert "No module or package imports in a circle BROKEN" in " ".join(done.stdout.split())
