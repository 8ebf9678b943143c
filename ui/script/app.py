"""The Streamlit script that `make run` and `model-license-risk app` serve (`ui.serve`); the wheel carries it.

Kept tiny on purpose: Streamlit recompiles this file on every rerun, while imported modules are
compiled once per process. It sits in a folder of its own because Streamlit puts the script's
folder first on `sys.path`: here nothing else can be imported from it by mistake. Its
`.streamlit/config.toml` (copied from the checkout's by setup.py) is the server's configuration
wherever the command is started.
"""

from ui.navigation import run_app

run_app()
