# Build and test entry points. `make run` starts the app, `make lint test` checks the code and runs every test.
# The venv is (re)installed only when a requirements file is newer than its stamp.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run lint test bench sample-data bundle

# `make test` runs the unit, page and store tests in parallel (pytest-xdist): TEST_WORKERS processes (`auto` = one
# per core), tests handed out one by one except the groups tests/conftest.py makes (tests sharing a module-scoped
# fixture stay on one worker); then the browser tests, BROWSER_WORKERS at once (each worker its own Chromium and app
# servers; a browser test mostly waits for a page, so two share a 2-core machine well). `make test TEST_WORKERS=0
# BROWSER_WORKERS=0` runs each part in one process; PYTEST_ARGS adds to both. The browser run collects only
# tests/browser (every test there, and only there, has the `browser` marker): each worker imports 15 test modules
# instead of all of them (collecting 4.3 → 2.3 s).
TEST_WORKERS ?= auto
BROWSER_WORKERS ?= 2


# Packages are installed by uv (pip installs uv itself, pinned, into the venv): it fetches and unpacks wheels in
# parallel and writes their bytecode on every core (--compile-bytecode); pip did the same set one file at a time (a
# fresh venv: pip 45 s, pip without compiling plus compileall 30 s, uv about 15 s). Bytecode is written now because
# the environment may forbid writing it at import time (PYTHONDONTWRITEBYTECODE): each test worker, app server and
# command would otherwise compile its imports again (5.2 s instead of 1.8 s for the app's imports).
UV_VERSION := 0.13.9
UV := $(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode
REQUIREMENTS ?= requirements.txt
DEV_REQUIREMENTS ?= requirements-dev.txt

# The city's certificates (a TLS-inspecting proxy signs with the city's own CA): uv reads the system's trust store
# (/etc/ssl/certs, where update-ca-certificates puts the city's CA; SSL_CERT_FILE names another bundle), and pip,
# which otherwise trusts only its own copy of certifi, is given the system bundle unless PIP_CERT names one.
export UV_SYSTEM_CERTS := 1
SYSTEM_CA := $(if $(PIP_CERT),,$(wildcard /etc/ssl/certs/ca-certificates.crt))
PIP += $(if $(SYSTEM_CA),--cert $(SYSTEM_CA))

# OFFLINE=DIR installs every package from an offline bundle (`make bundle`) with no package index at all: pip
# installs uv from the bundle's wheels, uv the rest (--offline: not one request), after the bundle's checksums
# are verified. Without OFFLINE both fetch from the registry.
ifdef OFFLINE
WHEELS := $(abspath $(OFFLINE))/wheels
PIP += --no-index --find-links $(WHEELS)
UV += --offline --no-index --find-links $(WHEELS)
CHECK_BUNDLE := cd $(OFFLINE) && sha256sum --quiet --strict --check SHA256SUMS
else
CHECK_BUNDLE := true
endif

$(BIN)/python:
	@$(CHECK_BUNDLE)
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	@$(CHECK_BUNDLE)
	$(PIP) uv==$(UV_VERSION)

$(VENV)/.installed-run: $(REQUIREMENTS) | $(BIN)/uv
	@$(CHECK_BUNDLE)
	$(UV) -r $(REQUIREMENTS)
	touch $@

$(VENV)/.installed-dev: $(DEV_REQUIREMENTS) $(REQUIREMENTS) | $(BIN)/uv
	@$(CHECK_BUNDLE)
	$(UV) -r $(DEV_REQUIREMENTS)
	touch $@

# `make bundle` (on a machine that reaches the registry, the same Debian, Python and architecture as the city's
# server) writes BUNDLE/: every wheel the app and its tests need, the Debian packages' list and the command that
# fetches them (BUNDLE_DEBS=1 fetches them too), SHA256SUMS, bundle.json (target Python and platform), the
# CycloneDX SBOM and every package's licence, and BUNDLE.tar beside it. It installs the bundle offline into a
# throwaway venv first: a bundle that cannot install is not written out. See scripts/offline_bundle.py.
BUNDLE ?= dist/aicd-offline-$(shell $(PYTHON) -c 'import sys, sysconfig; print(f"cp{sys.version_info[0]}{sys.version_info[1]}-" + sysconfig.get_platform().replace("-", "_"))')
BUNDLE_DEBS ?= 0

bundle: $(VENV)/.installed-dev
	$(BIN)/python scripts/offline_bundle.py --out $(BUNDLE) --uv-version $(UV_VERSION) \
		--requirements $(REQUIREMENTS) --dev-requirements $(DEV_REQUIREMENTS) --python $(PYTHON) $(if $(filter 1,$(BUNDLE_DEBS)),--debs)

# The app listens on ADDRESS (127.0.0.1: behind the reverse proxy, README). A named address also keeps Streamlit from
# asking checkip.amazonaws.com for the machine's external address at start (it does so for 0.0.0.0 when headless).
ADDRESS ?= 127.0.0.1

run: $(VENV)/.installed-run
	$(BIN)/streamlit run server.py --server.address $(ADDRESS)

# ruff (lint rules and formatting) over the whole tree, mypy over the packages listed in pyproject.toml, in
# MYPY_WORKERS processes (mypy's parallel mode: 27 s → 16 s with a fresh cache on 2 cores). On a heavily loaded machine
# mypy 2.4's parallel mode can fail to reach its workers ("No status file found", an INTERNAL ERROR, exit code 2,
# seen at load 17); type errors exit with 1. Only an exit of 2 is retried, in one process, so no finding is ever lost.
# All three run even when one fails, so one run shows everything; the target fails if any did.
MYPY_WORKERS ?= 2

lint: $(VENV)/.installed-dev
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy --num-workers $(MYPY_WORKERS); mypy_status=$$?; \
	if [ $$mypy_status -eq 2 ]; then echo "mypy's parallel mode failed; checking again in one process"; \
		$(BIN)/mypy; mypy_status=$$?; fi; \
	[ $$mypy_status -eq 0 ] || status=1; \
	exit $$status

# The test run writes bytecode (__pycache__/, ignored by git) even where the environment sets PYTHONDONTWRITEBYTECODE:
# every worker, app server and command of the run would otherwise compile the project's modules again, and pytest
# would rewrite every test module's asserts again in each worker (collecting took 6.8 s instead of 3.8 s per process).
test: export PYTHONDONTWRITEBYTECODE =

test: $(VENV)/.installed-dev
	$(if $(OFFLINE),AICD_DEBS=$(abspath $(OFFLINE))/debian/debs) bash scripts/install_system_deps.sh
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
