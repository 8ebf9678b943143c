"""The project installs: a wheel built by `python -m build` from the tree carries the code, the shipped files, the license and the
`model-license-risk` command, and works in a fresh virtual environment away from the checkout."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from e2e_support import free_port, wait_healthy

from license_risk import __version__
from license_risk.content.fingerprint import content_version

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("license_risk", "scoring", "ui", "licenses", "questionnaires", "fonts", "schema", ".streamlit")
BUILD_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "requirements.txt", "LICENSE", "README.md")
SHIPPED = ("licenses", "questionnaires", "fonts", "schema")  # what setup.py copies into the wheel
EXAMPLE = ROOT / "examples" / "japanese-saas-chatbot.yaml"
PIP = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `python -m build` makes from a copy of the tree (so no build output lands in the checkout): the sdist,
    and the wheel built from that sdist, as a user's or a packager's build does."""
    tmp = tmp_path_factory.mktemp("dist")
    src = tmp / "src"
    for name in SOURCES:
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in BUILD_FILES:
        shutil.copy(ROOT / name, src / name)
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp / "dist"), str(src)], capture_output=True, text=True
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr
    return tmp / "dist"


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("*.whl")
    return found


def shipped_files() -> set[str]:
    """The files the app reads at run time, relative to the checkout (the sdist and the wheel must carry each)."""
    return {
        str(path.relative_to(ROOT))
        for folder in SHIPPED
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_sdist_carries_the_shipped_files_so_a_wheel_built_from_it_has_them(dist: Path, wheel: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        in_sdist = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    assert shipped_files() <= in_sdist, sorted(shipped_files() - in_sdist)[:10]
    assert ".streamlit/config.toml" in in_sdist
    with zipfile.ZipFile(wheel) as z:
        in_wheel = {name.removeprefix("license_risk/shipped_files/") for name in z.namelist()}
    assert shipped_files() <= in_wheel, sorted(shipped_files() - in_wheel)[:10]


def test_the_wheel_declares_apache_2_and_carries_the_license_texts(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = z.read(metadata).decode()
        dist_info = metadata.rsplit("/", 1)[0]
        assert "License-Expression: Apache-2.0" in meta.splitlines()
        assert "License-File: LICENSE" in meta.splitlines()
        assert z.read(f"{dist_info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
        for font_license in (ROOT / "fonts").glob("LICENSE-*.txt"):
            assert f"{dist_info}/licenses/fonts/{font_license.name}" in names
        entry_points = z.read(f"{dist_info}/entry_points.txt").decode()
        assert "model-license-risk = license_risk.cli.main:console" in entry_points
        # the app's script and the server's configuration, which Streamlit reads beside the script
        assert "ui/script/app.py" in names
        assert z.read("ui/script/.streamlit/config.toml") == (ROOT / ".streamlit" / "config.toml").read_bytes()


def test_a_wheel_carries_the_content_and_validates_it_away_from_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    installed = subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr

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
    newest = sorted((ROOT / "license_risk" / "store" / "migrations" / "versions").glob("0*.py"))[-1].name.split("_")[0]
    assert made.stdout.split() == [str(site / "license_risk" / "store" / "assessments.py"), newest]


STORE_CHECK = """
import sqlite3, sys
from license_risk.store import assessments
assessments.Store(sys.argv[1]).close()
print(assessments.__file__, *sqlite3.connect(sys.argv[1]).execute("SELECT version_num FROM alembic_version").fetchone())
"""


def fresh_venv(path: Path) -> Path:
    """A new virtual environment that sees this one's third-party packages (streamlit, pydantic, ...: some 600 MB
    not to download again) through a .pth line, but none of the project's: those come only from the wheel."""
    made = subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    python = path / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    ours = Path(sysconfig.get_paths()["purelib"])
    assert not any((ours / package).exists() for package in ("license_risk", "scoring", "ui")), (
        "the project is installed in .venv"
    )
    (site / "third-party-from-the-project-venv.pth").write_text(f"{ours}\n", encoding="utf-8")
    return python


def test_the_wheel_installs_in_a_fresh_venv_and_its_command_works_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv")
    installed = subprocess.run(
        [*PIP, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    command = tmp_path / "venv" / "bin" / "model-license-risk"
    assert command.is_file()
    elsewhere = tmp_path / "elsewhere"  # a folder with nothing of the project in it
    elsewhere.mkdir()
    shutil.copy(EXAMPLE, elsewhere / "answers.yaml")
    env = {
        "PATH": f"{command.parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "LICENSE_RISK_CACHE_DIR": str(tmp_path / "cache"),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(command), *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)

    where = subprocess.run(
        [str(python), "-c", "import license_risk, scoring, ui; print(license_risk.__file__, scoring.__file__, ui.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.returncode == 0, where.stderr
    assert all(Path(f).is_relative_to(tmp_path / "venv") for f in where.stdout.split()), where.stdout

    version = run("--version")
    assert version.returncode == 0, version.stderr
    # the same content gives the same content version, installed or in the checkout
    assert version.stdout.splitlines() == [f"open-model-license-risk {__version__}", f"content {content_version()}"]
    assert re.fullmatch(r"content \d{4}-\d{2}-\d{2}\+[0-9a-f]{12}", version.stdout.splitlines()[1])

    validated = run("validate")
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.splitlines()[-1].startswith("OK: ")

    assessed = run("assess", "answers.yaml")
    assert assessed.returncode == 0, assessed.stderr
    assert "Llama 3.1 Community License Agreement (3.1) — rating: HIGH" in assessed.stdout

    port = free_port()
    server = subprocess.Popen(
        [str(command), "app", "--server.port", str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server)
        # the command became the server: the packaged script, run by the fresh venv's Python
        cmdline = Path(f"/proc/{server.pid}/cmdline").read_bytes().split(b"\0")
        assert cmdline[:4] == [str(python).encode(), b"-P", b"-m", b"ui.serve"]
        environ = dict(
            item.split(b"=", 1) for item in Path(f"/proc/{server.pid}/environ").read_bytes().split(b"\0") if b"=" in item
        )
        assert Path(environ[b"PYTHONPATH"].decode().split(os.pathsep)[0]).is_relative_to(tmp_path / "venv")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    # the store the app made at start: in the user's data folder, not inside site-packages
    assert (tmp_path / ".local" / "share" / "license-risk" / "assessments.sqlite3").is_file()
    assert not list((tmp_path / "venv").rglob("*.sqlite3"))
