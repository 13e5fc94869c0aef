"""Browser tests: Playwright's sync API driving Debian's Chromium (its headless shell) against the real app on a free port.

Every test in this folder gets the `browser` marker here (pytest_collection_modifyitems), so `-m "not browser"`
leaves them out; tests that also need PostgreSQL carry the `postgres` marker themselves.

Fixtures: chromium_path, browser, reader_page, streamlit_server, app_url, staff_app, shared_staff_app (the app servers
start on a copy of the session's seeded store, tests/conftest.py). Helpers (wait_for_app, rerun, sign_in, sign_in_at,
run_streamlit, …) are in tests/support/browser.py and tests/support/server.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from store.engine import SQLITE_FILE
from tests.support.accounts import ADMIN, STAFF
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, RUN_COUNTER
from tests.support.server import live_server_logs, run_streamlit, tail

HERE = Path(__file__).resolve().parent

# A busy machine (2 cores, two browser workers each with its servers and Chromium) renders slowly: every expect(...)
# waits up to 20 s for its state (Playwright's default is 5 s), a page's run up to 60 s (wait_for_app, rerun). These
# are limits, not delays: tests still wait for the state they need, never for a time.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failing test, show the output of every Streamlit server still running."""
    report = yield
    if report.failed:
        for log_path in live_server_logs:
            report.sections.append((f"streamlit server output ({log_path.name})", tail(log_path)))
    return report


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. `make test` installs it "
            "(scripts/install_system_deps.sh); by hand: sudo apt-get install chromium-headless-shell",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the whole session; open a new context per test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        new_context = b.new_context

        def counting_runs(*args, **kwargs):  # every context counts its pages' finished runs (RUN_COUNTER)
            context = new_context(*args, **kwargs)
            context.add_init_script(RUN_COUNTER)
            return context

        b.new_context = counting_runs  # type: ignore[method-assign]
        yield b
        b.close()


@pytest.fixture(scope="session")
def _reader_tabs(browser) -> Iterator[dict]:
    """One browser context and tab per kind of screen (viewport and context options), kept for the session."""
    tabs: dict = {}
    yield tabs
    for context, _ in tabs.values():
        context.close()


@pytest.fixture
def reader_page(_reader_tabs, browser):
    """Factory: `page = reader_page(width, height, **context_options)`, a tab for a reader who never signs in.

    A tab of that kind is opened once per worker and handed to each test that asks for it: a fresh browser context
    costs about 2 s of CPU more than a page load in a warm tab (a new renderer process, every script compiled
    again, every static file fetched again), and the browser tests are CPU-bound (issue #23). Each test still
    starts a session of its own: its first step is a page load (`goto`), which starts a new Streamlit session, and
    after the test the tab is emptied (storage, cookies) and left on about:blank, which ends the test's session.
    A test that signs in, keeps cookies, adds init scripts or listens to events opens its own context instead.
    """
    handed: list = []

    def open_tab(width: int, height: int, **options):
        options.setdefault("locale", "ko-KR")
        key = (width, height, tuple(sorted(options.items())))
        if key not in _reader_tabs:
            context = browser.new_context(viewport={"width": width, "height": height}, **options)
            _reader_tabs[key] = (context, context.new_page())
        context, page = _reader_tabs[key]
        if page.is_closed():
            page = context.new_page()
            _reader_tabs[key] = (context, page)
        page.set_viewport_size({"width": width, "height": height})  # a test before may have made it taller
        page.mouse.move(0, 0)  # nothing hovered where the test before left the pointer
        handed.append((context, page))
        return page

    yield open_tab
    for context, page in handed:
        if page.is_closed():
            continue
        with contextlib.suppress(Exception):  # no app document to empty (a tab that never loaded one, or crashed)
            page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        context.clear_cookies()
        page.goto("about:blank")


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


def seeded_data_dir(folder: Path, seeded_store_file: Path) -> Path:
    """`folder` as an AICD_DATA_DIR whose store already holds the sample data (a copy of the session's seeded store,
    tests/conftest.py): the server's first page then finds the store full instead of importing every sample file
    while the test waits, the same versions either way."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeded_store_file, folder / SQLITE_FILE)
    return folder


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory, seeded_store_file) -> Path:
    """The AICD_DATA_DIR of `app_url`'s server: its store is `app_data_dir / SQLITE_FILE`."""
    return seeded_data_dir(tmp_path_factory.mktemp("aicd-data"), seeded_store_file)


@pytest.fixture(scope="session")
def app_url(streamlit_server, app_data_dir) -> str:
    """The app, for the whole session, with its data store (the sample data) in a fresh temp dir."""
    return streamlit_server(env={"AICD_DATA_DIR": str(app_data_dir)})


@contextlib.contextmanager
def _staff_server(
    folder: Path, seeded_store_file: Path, app: str = "app.py", more_secrets: str = "", env: dict | None = None
) -> Iterator[str]:
    from auth.accounts import hash_password, upsert_user

    secrets = folder / "secrets.toml"
    text = "[auth]\nviewers_must_sign_in = false\n" + more_secrets
    for username, password, role, display in (STAFF, ADMIN):
        text = upsert_user(text, username, hash_password(password), role, display)
    secrets.write_text(text, encoding="utf-8")
    data_dir = seeded_data_dir(folder / "data", seeded_store_file)
    with run_streamlit(
        env={"AICD_DATA_DIR": str(data_dir), "STREAMLIT_SECRETS_FILES": str(secrets), **(env or {})}, app=app
    ) as url:
        yield url


@pytest.fixture
def staff_app(tmp_path, seeded_store_file) -> Iterator[str]:
    """The app on a fresh store (seeded with the sample) with a staff and an admin account, for this test alone.

    The accounts come from a secrets file made for the test, outside the repo: Streamlit's `secrets.files` option,
    set through the environment (STREAMLIT_SECRETS_FILES=<path>), replaces .streamlit/secrets.toml for that server.
    """
    with _staff_server(tmp_path, seeded_store_file) as url:
        yield url


@pytest.fixture(scope="module")
def shared_staff_app(tmp_path_factory, seeded_store_file) -> Iterator[str]:
    """`staff_app`, one server for the tests of a module that only sign in and read (each test its own browser
    context, so its own sign-in): a server's start and first page cost seconds of CPU on a busy machine. A test that
    imports, rolls back, or checks what it wrote itself uses `staff_app`."""
    with _staff_server(tmp_path_factory.mktemp("staff-app"), seeded_store_file) as url:
        yield url
