"""Build hook: put the shipped files inside the wheel, where `license_risk.shipped` looks for them, and the
Streamlit configuration beside the app's script, where Streamlit looks for it whatever the working folder.

In a checkout they stay beside the packages; everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("licenses", "questionnaires", "fonts", "schema")


class BuildWithShippedFiles(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "license_risk" / "shipped_files"
        for folder in SHIPPED:
            shutil.copytree(Path(__file__).parent / folder, target / folder, dirs_exist_ok=True)
        config = Path(self.build_lib) / "ui" / "script" / ".streamlit"
        config.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(__file__).parent / ".streamlit" / "config.toml", config / "config.toml")


setup(cmdclass={"build_py": BuildWithShippedFiles})
