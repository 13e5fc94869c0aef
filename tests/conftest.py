"""Fixtures every test folder may use. Plain helpers and constants are in tests/support/ (imported as
`from tests.support.<module> import …`); browser and app-server fixtures are in tests/browser/conftest.py, the
store fixtures in tests/store/conftest.py.

Layout:
  tests/unit/     pure modules (loaders, metrics, charts, store helpers, …) and a few AppTest checks of one part
  tests/pages/    every page in AppTest (streamlit.testing), per role
  tests/store/    the store against SQLite and a real PostgreSQL (`postgres` marker)
  tests/browser/  the real app in headless Chromium (`browser` marker, given by that folder's conftest)
  tests/support/  helpers; tests/fixtures/ data files checked against expected.json

Sections here:
  0. Parallel runs  the xdist groups (`make test` runs the tests in parallel workers, pytest-xdist)
  1. Screenshots    screenshot_dir
  2. PostgreSQL     postgres_url, fresh_postgres_url
  3. AppTest store  seeded_store_file, sample_store
  4. AppTest speed  Streamlit's component-manifest scan done once per session

System packages (chromium-headless-shell, fonts-noto-cjk, postgresql) are installed by
`make test` through scripts/install_system_deps.sh; nothing here downloads.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import TEST_OUTPUT
from tests.support.server import free_port, tail

# ---------------------------------------------------------------------------
# 0. Parallel runs
# ---------------------------------------------------------------------------
#
# `make test` runs pytest with `-n <workers> --dist loadgroup` (pytest-xdist): tests are handed to the workers one
# by one, except those tagged here with an `xdist_group`, which run together on one worker. A browser test that uses
# a module- or class-scoped fixture (an app server for the module) is tagged with its module's group, so that server
# starts once, as in a serial run, instead of once per worker. Elsewhere a module-scoped fixture (a store seeded once,
# a computed deck) is cheap next to a module's tests queued on one worker, so it is simply made once per worker that
# runs a test of the module. Session-scoped fixtures (the browser, `app_url`, the PostgreSQL cluster) are made once
# per worker; each worker has its own tmp_path tree, free ports and test-output/ file names (the port or the test's
# name), so nothing on disk is shared. A new test written in the same style needs nothing more.

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None or BROWSER_TESTS not in Path(str(item.path)).resolve().parents:
            continue
        shared = any(
            definition.scope in ("module", "class", "package")
            for definitions in info.name2fixturedefs.values()
            for definition in definitions
        )
        if shared and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))


# ---------------------------------------------------------------------------
# 1. Screenshots
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """test-output/screenshots/ under the repo, for PNGs a person can look at."""
    path = TEST_OUTPUT / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------------------
# 2. PostgreSQL (a throwaway cluster from Debian's binaries)
# ---------------------------------------------------------------------------

PG_USER = "aicd"
PG_DB = "aicd_test"


def _pg_bin_dir() -> Path | None:
    """Newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl."""
    dirs = [Path(d) for d in glob.glob("/usr/lib/postgresql/*/bin")]
    dirs = [d for d in dirs if (d / "initdb").exists() and (d / "pg_ctl").exists()]
    dirs.sort(key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)
    return dirs[-1] if dirs else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """SQLAlchemy URL of an empty database on a PostgreSQL cluster made for this session.

    PostgreSQL refuses to run as root, so as root the server runs as the
    `postgres` system user (created by Debian's package) in a dir it owns.
    """
    bin_dir = _pg_bin_dir()
    if bin_dir is None:
        message = (
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; "
            "`make test` installs them, by hand: sudo apt-get install postgresql"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    as_postgres: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="aicd-pg-"))
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.fail("running as root needs `runuser` to start PostgreSQL as user postgres", pytrace=False)
        try:
            shutil.chown(root, user="postgres", group="postgres")
        except LookupError:
            pytest.fail("running as root needs the `postgres` system user (apt-get install postgresql)", pytrace=False)
        as_postgres = ["runuser", "-u", "postgres", "--"]

    data, log = root / "data", root / "server.log"
    port = free_port()

    def pg(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*as_postgres, *args], cwd=root, capture_output=True, text=True)

    def fail(step: str, result: subprocess.CompletedProcess) -> None:
        server_log = tail(log) if log.exists() else ""
        pytest.fail(f"PostgreSQL {step} failed:\n{result.stdout}{result.stderr}\n{server_log}", pytrace=False)

    started = False
    try:
        result = pg(str(bin_dir / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust",
                    "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions")  # fmt: skip
        if result.returncode:
            fail("initdb", result)
        with open(data / "postgresql.conf", "a") as conf:  # appending keeps postgres as the owner
            conf.write(
                "\n# test cluster\n"
                f"listen_addresses = '127.0.0.1'\nport = {port}\n"
                f"unix_socket_directories = '{root}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
        result = pg(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start")
        if result.returncode:
            fail("start", result)
        started = True
        result = subprocess.run(
            [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", PG_USER, PG_DB],
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode:
            fail("createdb", result)
        yield f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}/{PG_DB}"
    finally:
        if started:
            pg(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def fresh_postgres_url(request) -> Iterator[str]:
    """A new, empty database on the session's PostgreSQL cluster; dropped after the test."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = request.getfixturevalue("postgres_url")
    name = f"aicd_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


# ---------------------------------------------------------------------------
# 3. A store for AppTest pages
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def seeded_store_file(tmp_path_factory) -> Path:
    """A SQLite store file holding the bundled sample data, imported once per session (per xdist worker): the
    import (every sample file read, checked and encoded) costs about a second of CPU, which every test of a seeded
    store paid again. Tests get a copy (`sample_store`), never this file."""
    from store import open_store, seed_sample_data
    from ui.data import SAMPLE_DATA_DIR

    path = tmp_path_factory.mktemp("seeded-store") / "store.sqlite"
    store = open_store(f"sqlite:///{path}")
    try:
        assert seed_sample_data(store, SAMPLE_DATA_DIR), "the sample data did not seed an empty store"
    finally:
        store.close()
    leftovers = sorted(p.name for p in path.parent.iterdir() if p != path)
    assert not leftovers, f"the closed store left {leftovers} next to it: a copy of the file alone would be partial"
    return path


@pytest.fixture
def sample_store(tmp_path, monkeypatch, seeded_store_file) -> Iterator[str]:
    """The URL of a fresh SQLite store for this test, already holding the bundled sample data (a copy of the
    session's `seeded_store_file`: the same versions ui.data's first use would import, so its seeding finds the
    store full and does nothing), set as AICD_STORE_URL, with Streamlit's caches emptied before and after so no
    frame or engine of another test's store is reused."""
    import streamlit as st

    shutil.copyfile(seeded_store_file, tmp_path / "store.sqlite")
    url = f"sqlite:///{tmp_path}/store.sqlite"
    monkeypatch.setenv("AICD_STORE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield url
    st.cache_data.clear()
    st.cache_resource.clear()


# ---------------------------------------------------------------------------
# 4. AppTest speed
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def component_manifests_scanned_once() -> Iterator[None]:
    """Every new AppTest scans every installed distribution for Streamlit component manifests (about 0.2 s of CPU
    each, over a thousand AppTests in the suite). The installed packages do not change during a test run, so the
    scan runs once per session (per xdist worker) and later AppTests get the same list."""
    import functools

    from streamlit.components.v2 import manifest_scanner

    original = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(original)  # type: ignore[assignment]
    yield
    manifest_scanner.scan_component_manifests = original
