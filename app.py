"""Streamlit entry point in a checkout (`streamlit run app.py`, the tests' AppTest): the same app as ui/script/app.py,
which `make run` and `model-license-risk app` serve. The pages live in `ui/`.

Kept tiny on purpose: Streamlit recompiles this file on every rerun, while imported modules are compiled once per process.
"""

from ui.navigation import run_app

run_app()
