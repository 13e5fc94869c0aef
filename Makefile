# Build and test entry points. `make run` starts the app, `make lint test` checks the code and runs every test.
# The venv is (re)installed only when a requirements file is newer than its stamp.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run lint test bench sample-data

# `make test` runs the unit, page and store tests in parallel (pytest-xdist): TEST_WORKERS processes (`auto` = one
# per core), tests handed out one by one except the groups tests/conftest.py makes (tests sharing a module-scoped
# fixture stay on one worker); then the browser tests, BROWSER_WORKERS at once (each worker its own Chromium and app
# servers; a browser test mostly waits for a page, so two share a 2-core machine well). `make test TEST_WORKERS=0
# BROWSER_WORKERS=0` runs each part in one process; PYTEST_ARGS adds to both.
TEST_WORKERS ?= auto
BROWSER_WORKERS ?= 2

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip byte-compiles what it installs one file at a time (about half of a fresh install's 45 s here); compileall does
# the same on every core. Bytecode is written now because the environment may forbid writing it at import time
# (PYTHONDONTWRITEBYTECODE): each test worker, app server and command would otherwise compile its imports again.
# Like pip, it leaves a file that is not Python 3 (olefile's olefile2.py) as it is: hence the `|| true`.
COMPILE := $(BIN)/python -m compileall -q -q -j 0 $(VENV)/lib || true

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(PIP) --no-compile -r requirements.txt
	$(COMPILE)
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(PIP) --no-compile -r requirements-dev.txt
	$(COMPILE)
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/streamlit run server.py

# ruff (lint rules and formatting) over the whole tree, mypy over the packages listed in pyproject.toml, in
# MYPY_WORKERS processes (mypy's parallel mode: 27 s → 16 s with a fresh cache on 2 cores).
# All three run even when one fails, so one run shows everything; the target fails if any did.
MYPY_WORKERS ?= 2

lint: $(VENV)/.installed-dev
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy --num-workers $(MYPY_WORKERS) || status=1; \
	exit $$status

test: $(VENV)/.installed-dev
	bash scripts/install_system_deps.sh
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not browser" --durations=20 $(PYTEST_ARGS)
	$(BIN)/python -m pytest -n $(BROWSER_WORKERS) --dist loadgroup -m browser --durations=20 $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	@for f in bench/*.py; do \
		[ -e "$$f" ] || continue; \
		echo "== $$f"; \
		$(BIN)/python "$$f" || exit 1; \
	done

sample-data: $(VENV)/.installed-run
	$(BIN)/python scripts/make_sample_data.py
