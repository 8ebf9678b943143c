"""Where the shipped files are: `licenses/`, `questionnaires/`, `fonts/` and `schema/`.

The one place that knows the layout on disk. In a checkout they sit beside the packages;
an installed wheel carries them inside the package, under `license_risk/shipped_files/`.
Imports nothing from the project, so every layer may use it.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGED = "shipped_files"


def _root() -> Path:
    # The package's folder, as importlib.resources.files() gives it for a package on disk, without
    # importing importlib.resources (a few milliseconds of every command).
    package = Path(__file__).parent
    packaged = package / _PACKAGED
    return packaged if packaged.is_dir() else package.parent


ROOT = _root()  # the folder that holds licenses/, questionnaires/, fonts/ and schema/
INSTALLED = ROOT.name == _PACKAGED  # an installed wheel (site-packages), not a checkout


def shipped(*parts: str) -> Path:
    """A shipped file or folder, e.g. `shipped("fonts", "DejaVuSans.ttf")`."""
    return ROOT.joinpath(*parts)
