"""Open-model license risk: the packages around the engine (`scoring`), in data-flow order.

- `license_risk.shipped`: where the shipped files are (licenses, questionnaires, fonts, schemas).
- `license_risk.content`: content YAML -> validated model (the `Catalog`), with every check loading runs.
- `scoring` (a top-level package of its own): the engine that walks trees and scores answers.
- `license_risk.memo`, `license_risk.maintain`, `license_risk.store`: what is built on findings and
  content, each independent of the others: readable renderings, maintainers' tools, persistence.
- `license_risk.cli`: the command line (`python -m scoring`), a thin layer over all of the above.
- `ui` (top-level): the Streamlit app, which only displays and collects.

The import direction is enforced by import-linter (`[tool.importlinter]` in pyproject.toml).
"""

__version__ = "0.1.0"
