"""A one-page app around the maintainer page: for AppTest, and to run it alone with
`.venv/bin/streamlit run tests/ui/pages/maintainer_app.py` (the real app adds it to its navigation)."""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[3])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from ui.maintainer import render  # noqa: E402 - needs the project root on the path first

render()
