# Two entry points for users: `make run` (the app) and `make test` (the whole suite).
# Each creates the virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
ADDRESS ?= 127.0.0.1
ARGS ?=

.PHONY: run test validate schema bench bench-load fuzz lint i18n clean

run: $(VENV)/.runtime
	$(BIN)/python -m ui.serve --server.port $(PORT) --server.address $(ADDRESS) --server.headless true --browser.gatherUsageStats false $(ARGS)

test: lint
	$(BIN)/python -m scoring validate --strict
	$(BIN)/python -m pytest

validate: $(VENV)/.runtime
	$(BIN)/python -m scoring validate

# Regenerate the JSON Schemas in schema/ after changing license_risk/content/model.py.
schema: $(VENV)/.runtime
	$(BIN)/python -m scoring schema

bench: $(VENV)/.dev
	$(BIN)/python -m bench

# The real server under 1, 10, 25 and 50 simulated users (about 15 minutes; GC=off to compare).
GC ?= shipped
bench-load: $(VENV)/.dev
	$(BIN)/python -m bench.load --gc $(GC)

# The loaders' fuzz tests with many more examples than `make test` runs (FUZZ_EXAMPLES=... to change).
FUZZ_EXAMPLES ?= 20000
fuzz: $(VENV)/.dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/hostile/test_fuzz.py

# The app's own words: extract the marked strings (babel.cfg) into the template, merge them into each
# language's catalog (new entries empty, changed ones fuzzy, gone ones obsolete), then check it:
# `validate --strict` fails until every entry is translated and reviewed (license_risk/maintain/ui_catalog.py).
LOCALE := license_risk/i18n/locale
i18n: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg --add-location=file --sort-output --project=open-model-license-risk --msgid-bugs-address="" -o $(LOCALE)/messages.pot ui license_risk/cli license_risk/memo license_risk/numbers license_risk/i18n license_risk/lineage license_risk/combined license_risk/content license_risk/policy license_risk/review scoring
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -l ja --no-wrap
	$(BIN)/python -m license_risk.maintain.ui_catalog

# Style and architecture: ruff's lint and format, and the import direction (pyproject.toml).
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
