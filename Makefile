# Build and test entry points. `make run` starts the app, `make test` runs every test.
# The venv is (re)installed only when a requirements file is newer than its stamp.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test bench sample-data

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/streamlit run server.py

test: $(VENV)/.installed-dev
	bash scripts/install_system_deps.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	@for f in bench/*.py; do \
		[ -e "$$f" ] || continue; \
		echo "== $$f"; \
		$(BIN)/python "$$f" || exit 1; \
	done

sample-data: $(VENV)/.installed-run
	$(BIN)/python scripts/make_sample_data.py
