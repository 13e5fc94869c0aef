"""Shared test fixtures and helpers.

Sections (add new fixtures to the matching section, or a new section at the end):
  1. Paths and small helpers      REPO_ROOT, free_port(), screenshot_dir
  2. Browser                      chromium_path, browser, wait_for_app(page)
  3. Streamlit server             run_streamlit(), streamlit_server, app_url
  4. PostgreSQL                   postgres_url
  5. A store for AppTest pages    sample_store
  6. Staff sign-in in a browser   staff_app, sign_in(page, …), tall_screenshot(page, …)

System packages (chromium, fonts-noto-cjk, postgresql) are installed by
`make test` through scripts/install_system_deps.sh; nothing here downloads.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# ---------------------------------------------------------------------------
# 1. Paths and small helpers
# ---------------------------------------------------------------------------

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_OUTPUT = REPO_ROOT / "test-output"  # gitignored


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """test-output/screenshots/ under the repo, for PNGs a person can look at."""
    path = TEST_OUTPUT / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------------------
# 2. Browser (Playwright's sync API driving Debian's Chromium)
# ---------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-unsafe-swiftshader",  # software WebGL for the map (deck.gl) on machines without a GPU
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. `make test` installs it "
            "(scripts/install_system_deps.sh); by hand: sudo apt-get install chromium",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the whole session; open a new context per test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def wait_for_app(page, timeout: float = 30_000, settle_ms: int = 150) -> None:
    """Wait until Streamlit has connected and finished running the script.

    Uses the attributes Streamlit's own e2e tests use, on the app root
    `[data-testid="stApp"]`:
      data-test-connection-state = "CONNECTED"
      data-test-script-state     = "notRunning" (initial -> running -> notRunning)
    then `[data-testid="stMainBlockContainer"]` present, no element skeletons left
    and the status widget not showing "Running". A script that fails to compile
    ends in "compilationError", which also stops the wait (the test then sees it).

    After a click or other input, call this again: `settle_ms` gives Streamlit
    time to flip the state to "running" before we look for "notRunning".
    """
    from playwright.sync_api import expect

    if settle_ms:
        page.wait_for_timeout(settle_ms)
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout)
    try:
        page.wait_for_function(
            """() => {
                const app = document.querySelector('[data-testid="stApp"]');
                if (!app) return false;
                const conn = app.getAttribute('data-test-connection-state');
                const script = app.getAttribute('data-test-script-state');
                return conn === 'CONNECTED'
                    && (script === 'notRunning' || script === 'compilationError');
            }""",
            timeout=timeout,
        )
    except Exception as exc:
        app = page.locator('[data-testid="stApp"]')
        states = (
            app.get_attribute("data-test-connection-state"),
            app.get_attribute("data-test-script-state"),
        )
        raise AssertionError(
            f"Streamlit did not finish rendering {page.url} within {timeout / 1000:.0f} s "
            f"(connection-state, script-state = {states})"
        ) from exc
    page.wait_for_selector('[data-testid="stMainBlockContainer"]', state="attached", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)
    expect(page.get_by_test_id("stStatusWidget").filter(has_text="Running")).to_have_count(
        0, timeout=timeout
    )


# ---------------------------------------------------------------------------
# 3. Streamlit server (the real app.py, on a free port)
# ---------------------------------------------------------------------------

_live_server_logs: list[Path] = []  # attached to the report of any failing test


@contextlib.contextmanager
def run_streamlit(env: dict[str, str] | None = None, app: str = "app.py", timeout: float = 60) -> Iterator[str]:
    """Run `streamlit run APP` from the repo root; yield its base URL; stop it on exit.

    `env` is added to this process's environment, so a test can point the app at
    its own data store (e.g. {"AICD_STORE_URL": postgres_url} or {"AICD_DATA_DIR": tmp}).
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    TEST_OUTPUT.mkdir(exist_ok=True)
    log_path = TEST_OUTPUT / f"streamlit-{port}.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", app,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    _live_server_logs.append(log_path)
    try:
        _wait_healthy(proc, url, log_path, timeout)
        yield url
    finally:
        _live_server_logs.remove(log_path)  # failing tests already got its output
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log_path.unlink(missing_ok=True)


def _wait_healthy(proc: subprocess.Popen, url: str, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {proc.returncode} before answering.\n"
                f"--- server output ({log_path}) ---\n{_tail(log_path)}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200 and r.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    pytest.fail(
        f"streamlit at {url} not healthy within {timeout:.0f} s.\n"
        f"--- server output ({log_path}) ---\n{_tail(log_path)}",
        pytrace=False,
    )


def _tail(path: Path, chars: int = 6000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no output)"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failing test, show the output of every Streamlit server still running."""
    report = yield
    if report.failed:
        for log_path in _live_server_logs:
            report.sections.append((f"streamlit server output ({log_path.name})", _tail(log_path)))
    return report


@pytest.fixture(scope="session")
def streamlit_server():
    """Factory: `url = streamlit_server(env={...})` starts another app server.

    Servers started through it run until the end of the session. For one that
    stops at the end of a test, use `with run_streamlit(env={...}) as url:`.
    """
    with contextlib.ExitStack() as stack:

        def start(env: dict[str, str] | None = None, app: str = "app.py", timeout: float = 60) -> str:
            return stack.enter_context(run_streamlit(env=env, app=app, timeout=timeout))

        yield start


@pytest.fixture(scope="session")
def app_url(streamlit_server, tmp_path_factory) -> str:
    """The app, for the whole session, with its data store in a fresh temp dir."""
    data_dir = tmp_path_factory.mktemp("aicd-data")
    return streamlit_server(env={"AICD_DATA_DIR": str(data_dir)})


# ---------------------------------------------------------------------------
# 4. PostgreSQL (a throwaway cluster from Debian's binaries)
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
        server_log = _tail(log) if log.exists() else ""
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


# ---------------------------------------------------------------------------
# 5. A store for AppTest pages
# ---------------------------------------------------------------------------


@pytest.fixture
def sample_store(tmp_path, monkeypatch):
    """A fresh SQLite store for this test (ui.data seeds the bundled sample data on first use), with Streamlit's
    caches emptied before and after so no frame or engine of another test's store is reused."""
    import streamlit as st

    monkeypatch.setenv("AICD_STORE_URL", f"sqlite:///{tmp_path}/store.sqlite")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


# ---------------------------------------------------------------------------
# 6. The app with staff and admin accounts (browser tests that sign in)
# ---------------------------------------------------------------------------

STAFF = ("kim", "staff-password-1", "staff", "김담당")
ADMIN = ("park", "admin-password-1", "admin", "박관리")


@pytest.fixture
def staff_app(tmp_path):
    """The app on a fresh store (seeded with the sample) with a staff and an admin account.

    The accounts come from a secrets file made for the test, outside the repo: Streamlit's `secrets.files` option,
    set through the environment (STREAMLIT_SECRETS_FILES=<path>), replaces .streamlit/secrets.toml for that server.
    """
    from auth.accounts import hash_password, upsert_user

    secrets = tmp_path / "secrets.toml"
    text = "[auth]\nviewers_must_sign_in = false\n"
    for username, password, role, display in (STAFF, ADMIN):
        text = upsert_user(text, username, hash_password(password), role, display)
    secrets.write_text(text, encoding="utf-8")
    env = {"AICD_DATA_DIR": str(tmp_path / "data"), "STREAMLIT_SECRETS_FILES": str(secrets)}
    with run_streamlit(env=env) as url:
        yield url


def sign_in(page, username: str, password: str) -> None:
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()
    wait_for_app(page)


def tall_screenshot(page, path: Path, height: int = 2600) -> None:
    """The whole page in one picture: Streamlit scrolls inside its own container, so full_page alone stops at the
    viewport; a tall viewport shows everything (the layout is the same at this width)."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    wait_for_app(page)
    page.screenshot(path=path)
    page.set_viewport_size(size)
    wait_for_app(page)
