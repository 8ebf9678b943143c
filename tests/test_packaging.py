"""The layout installs: a wheel built from the tree carries the shipped files, and the CLI runs from it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("license_risk", "scoring", "ui", "licenses", "questionnaires", "fonts", "schema")


def test_a_wheel_carries_the_content_and_validates_it_away_from_the_checkout(tmp_path: Path) -> None:
    src = tmp_path / "src"
    for name in SOURCES:
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py", "requirements.txt"):
        shutil.copy(ROOT / name, src / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "-w", str(tmp_path / "dist"), str(src)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    site = tmp_path / "site"
    installed = subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr

    shutil.rmtree(src)  # nothing may come from the source tree any more
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(site), "HOME": str(tmp_path)}
    where = subprocess.run(
        [sys.executable, "-c", "from license_risk.shipped import ROOT; print(ROOT)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.strip() == str(site / "license_risk" / "shipped_files")
    validated = subprocess.run(
        [sys.executable, "-m", "scoring", "validate"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.splitlines()[-1].startswith("OK: ")
    assert (site / "license_risk" / "shipped_files" / "fonts" / "DejaVuSans.ttf").is_file()
    # the store's migrations come with the wheel: a new store is made at the newest revision from it
    made = subprocess.run(
        [sys.executable, "-c", STORE_CHECK, str(tmp_path / "db.sqlite3")], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.split() == [str(site / "license_risk" / "store" / "assessments.py"), "0002"]


STORE_CHECK = """
import sqlite3, sys
from license_risk.store import assessments
assessments.Store(sys.argv[1]).close()
print(assessments.__file__, *sqlite3.connect(sys.argv[1]).execute("SELECT version_num FROM alembic_version").fetchone())
"""
