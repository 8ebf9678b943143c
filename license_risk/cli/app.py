"""`model-license-risk app`: start the web app, as `make run` does, from wherever the package is installed.

The app is `ui.serve` (it checks the store, loads the content, then serves ui/script/app.py), a
layer above this one: the command hands the process over to it (`python -P -m ui.serve`) rather
than importing it. `-P` keeps the working folder off `sys.path`, so a folder named `ui` or
`license_risk` where the user stands cannot replace the code; the folder this package was imported
from (site-packages, or a checkout) goes first on `PYTHONPATH` instead, so the app is the same code
as the command.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

# What `make run` passes; a value the user gives after `app` comes later and wins.
DEFAULTS: Final = ("--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false")


def app_command(streamlit_args: Sequence[str]) -> list[str]:
    return [sys.executable, "-P", "-m", "ui.serve", *DEFAULTS, *streamlit_args]


def app_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment with the folder holding this code first on PYTHONPATH."""
    environ = dict(os.environ if environ is None else environ)
    code = str(Path(__file__).resolve().parents[2])  # the folder holding license_risk/, scoring/ and ui/
    environ["PYTHONPATH"] = os.pathsep.join([code, *filter(None, environ.get("PYTHONPATH", "").split(os.pathsep))])
    return environ


def start_app(streamlit_args: Sequence[str]) -> int:
    """Replace this process with the app's server (on POSIX; elsewhere run it and return its exit code)."""
    command = app_command(streamlit_args)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execve(command[0], command, app_environment())  # noqa: S606  (the interpreter running us, fixed arguments)
    return subprocess.call(command, env=app_environment())
