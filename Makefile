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
# BROWSER_WORKERS=0` runs each part in one process; PYTEST_ARGS adds to both. The browser run collects only
# tests/browser (every test there, and only there, has the `browser` marker): each worker imports 15 test modules
# instead of all of them (collecting 4.3 → 2.3 s).
TEST_WORKERS ?= auto
BROWSER_WORKERS ?= 2

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Packages are installed by uv (pip installs uv itself, pinned, into the venv): it fetches and unpacks wheels in
# parallel and writes their bytecode on every core (--compile-bytecode); pip did the same set one file at a time (a
# fresh venv: pip 45 s, pip without compiling plus compileall 30 s, uv about 15 s). Bytecode is written now because
# the environment may forbid writing it at import time (PYTHONDONTWRITEBYTECODE): each test worker, app server and
# command would otherwise compile its imports again (5.2 s instead of 1.8 s for the app's imports).
UV_VERSION := 0.13.9
UV := $(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode

$(BIN)/uv: | $(BIN)/python
	$(PIP) uv==$(UV_VERSION)

$(VENV)/.installed-run: requirements.txt | $(BIN)/uv
	$(UV) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/uv
	$(UV) -r requirements-dev.txt
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

# The test run writes bytecode (__pycache__/, ignored by git) even where the environment sets PYTHONDONTWRITEBYTECODE:
# every worker, app server and command of the run would otherwise compile the project's modules again, and pytest
# would rewrite every test module's asserts again in each worker (collecting took 6.8 s instead of 3.8 s per process).
test: export PYTHONDONTWRITEBYTECODE =

test: $(VENV)/.installed-dev
	bash scripts/install_system_deps.sh
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not browser" --durations=20 $(PYTEST_ARGS)
	$(BIN)/python -m pytest tests/browser -n $(BROWSER_WORKERS) --dist loadgroup -m browser --durations=20 $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	@for f in bench/*.py; do \
		[ -e "$$f" ] || continue; \
		echo "== $$f"; \
		$(BIN)/python "$$f" || exit 1; \
	done

sample-data: $(VENV)/.installed-run
	$(BIN)/python scripts/make_sample_data.py
