"""Driving the app in Chromium (Playwright's sync API): the browser's flags and waits on Streamlit's own state."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

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


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has connected and finished running the script.

    Uses the attributes Streamlit's own e2e tests use, on the app root
    `[data-testid="stApp"]`:
      data-test-connection-state = "CONNECTED"
      data-test-script-state     = "notRunning" (initial -> running -> notRunning)
    then `[data-testid="stMainBlockContainer"]` present, no element skeletons left
    and the status widget not showing "Running". A script that fails to compile
    ends in "compilationError", which also stops the wait (the test then sees it).

    Use it after a page load (goto, reload, a link that navigates), or as a check that
    the app is idle. It does not sleep, so right after an input that reruns the script
    it may still see the run before ("notRunning" until the server answers): wrap such
    an input in `with rerun(page):` instead, which waits for the new run to start and
    end on the app's own state. After an input that does not rerun (typing in a form,
    opening an expander, Tab), wait for the element the next step needs (`expect`).
    """
    from playwright.sync_api import expect

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
    expect(page.get_by_test_id("stStatusWidget").filter(has_text="Running")).to_have_count(0, timeout=timeout)


SESSION_COOKIE = "aicd_session"  # server.py's HttpOnly cookie that keeps a sign-in across page loads


def sign_in(page, username: str, password: str) -> None:
    """Fill the sign-in form on the open page (found by its widget keys, so in either language), submit it with
    Enter, and wait for the run that follows (typing into the form does not rerun; the submit does)."""
    page.locator('[class*="st-key-sign_in_username"] input').fill(username)
    password_box = page.locator('[class*="st-key-sign_in_password"] input')
    password_box.fill(password)
    with rerun(page):
        password_box.press("Enter")


def signed_in_as(page, username: str):
    """The sidebar's "이름 (username)" line: visible exactly while `username` is signed in."""
    return page.get_by_test_id("stSidebar").get_by_text(f"({username})", exact=False)


def sign_in_at(page, url: str, username: str, password: str, lang: str = "ko") -> None:
    """Open the app's sign-in page at `url`, sign in, and wait until the sidebar names the account."""
    from playwright.sync_api import expect

    page.goto(f"{url}/sign-in" + ("?lang=en" if lang == "en" else ""))
    wait_for_app(page)
    sign_in(page, username, password)
    expect(signed_in_as(page, username)).to_be_visible()


def session_cookie(context, timeout: float = 30.0) -> dict:
    """The session cookie once the page has claimed it (a fetch after the sign-in's rerun): polls the cookie jar,
    the state itself."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no session cookie after {timeout:.0f} s: {context.cookies()}")


def no_session_cookie(context, timeout: float = 30.0) -> None:
    """Wait until the session cookie is gone (signed out)."""
    deadline = time.monotonic() + timeout
    while any(c["name"] == SESSION_COOKIE for c in context.cookies()):
        assert time.monotonic() < deadline, f"the session cookie was not cleared in {timeout:.0f} s"
        time.sleep(0.1)


def tall_screenshot(page, path: Path, height: int = 2600) -> None:
    """The whole page in one picture: Streamlit scrolls inside its own container, so full_page alone stops at the
    viewport; a tall viewport shows everything (the layout is the same at this width)."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    wait_for_app(page)
    page.screenshot(path=path)
    page.set_viewport_size(size)
    wait_for_app(page)


# A run has started once the script state leaves "notRunning": seen on the value now, or on a change's old value
# (should the run start and end before the observer's callback runs, the value is back at "notRunning"). A run
# already under way when the watch begins (one the app started by itself after the wait for idle) counts too: the
# input given during it is run by it or right after it, and the wait for idle that follows sees that run end.
# The watch is on one element: should the app root be drawn anew (a new element) or the document replaced, that
# counts as a run as well (RUN_STARTED), so the wait cannot miss a run it did not see. Every state seen is kept in
# `__aicdRunLog` for the message of a wait that times out.
_WATCH_RUN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = () => app.getAttribute('data-test-script-state');
    const began = performance.now();
    window.__aicdRunLog = [`0 ms: ${state()}, ${app.getAttribute('data-test-connection-state')}`];
    window.__aicdRunStarted = state() !== 'notRunning';
    window.__aicdWatchedApp = app;
    const observer = new MutationObserver(records => {
        for (const record of records) {
            const now = app.getAttribute(record.attributeName);
            window.__aicdRunLog.push(`${Math.round(performance.now() - began)} ms: ${record.oldValue} -> ${now}`);
        }
        const runs = records.filter(record => record.attributeName === 'data-test-script-state');
        if (state() !== 'notRunning' || runs.some(record => record.oldValue === 'notRunning')) {
            window.__aicdRunStarted = true;
        }
    });
    observer.observe(app, {attributes: true, attributeOldValue: true,
                           attributeFilter: ['data-test-script-state', 'data-test-connection-state']});
}"""

RUN_STARTED = """() => window.__aicdRunStarted !== false
    || document.querySelector('[data-testid="stApp"]') !== window.__aicdWatchedApp"""


@contextlib.contextmanager
def rerun(page, timeout: float = 60_000) -> Iterator[None]:
    """Around an input that makes Streamlit run the script again: on leaving the block, that run has started
    and finished (seen on the app root's script state, not guessed from a delay), so nothing of the run before
    is still on the page.

        with rerun(page):
            page.get_by_role("button", name="가져오기").click()
    """
    wait_for_app(page, timeout)  # idle first: the run watched for is the input's, not one still under way
    page.evaluate(_WATCH_RUN)
    yield
    try:
        page.wait_for_function(RUN_STARTED, timeout=timeout)
    except Exception as exc:
        seen = page.evaluate("() => window.__aicdRunLog")
        raise AssertionError(
            f"no run of the script started within {timeout / 1000:.0f} s of the input on {page.url}; "
            f"script states seen (script and connection): {seen}"
        ) from exc
    wait_for_app(page, timeout)


def wait_for_charts(page, timeout: float = 30_000) -> None:
    """Wait until every Vega-Lite chart on the page has drawn its marks (vega-embed's `.marks` svg or canvas,
    laid out with a width), rather than for a guessed delay."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(chart => {
            const marks = chart.querySelector('.marks');
            return marks !== null && marks.getBoundingClientRect().width > 0;
        })""",
        timeout=timeout,
    )
