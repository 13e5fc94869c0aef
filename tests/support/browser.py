"""Driving the app in Chromium (Playwright's sync API): the browser's flags and waits on Streamlit's own state."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

# Debian's chromium-headless-shell: the same engine without the full browser's UI; one accessibility scan took 27.4 s
# of Chromium CPU against 33.6 s with full chromium (issue #23: the browser tests are CPU-bound on a 2-core machine).
CHROMIUM = "/usr/bin/chromium-headless-shell"
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

# Counts the script runs the server has finished for this page: every message on Streamlit's websocket is one
# ForwardMsg (protobuf); one whose top-level field 6 (`script_finished`) is set ends a run. The app root's
# `data-test-script-state` cannot tell a run apart: a short run's "running" and "notRunning" arrive together on a
# busy machine, React draws only the last, and the attribute never changes. Installed in every browser context
# (tests/browser/conftest.py) before the page's own scripts, so it sees the websocket open.
RUN_COUNTER = """(() => {
    window.__aicdRunsFinished = 0;
    const SCRIPT_FINISHED = 6;
    const finishes = bytes => {  // whether this ForwardMsg's top-level fields include script_finished
        let at = 0;
        const varint = () => {
            let value = 0, shift = 0, byte;
            do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
            return value;
        };
        while (at < bytes.length) {
            const key = varint(), field = Math.floor(key / 8), wire = key % 8;
            if (field === SCRIPT_FINISHED) return true;
            if (wire === 0) varint();
            else if (wire === 1) at += 8;
            else if (wire === 2) { const length = varint(); at += length; }  // (`at += varint()` would add to the old at)
            else if (wire === 5) at += 4;
            else return false;
        }
        return false;
    };
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', event => {
                const count = bytes => { if (finishes(bytes)) window.__aicdRunsFinished += 1; };
                if (event.data instanceof ArrayBuffer) count(new Uint8Array(event.data));
                else if (event.data instanceof Blob) event.data.arrayBuffer().then(b => count(new Uint8Array(b)));
            });
        }
    };
})();"""


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


@contextlib.contextmanager
def rerun(page, timeout: float = 60_000) -> Iterator[None]:
    """Around an input that makes Streamlit run the script again: on leaving the block, a run has finished since
    the input (counted on the page's websocket, RUN_COUNTER) and the app is idle, so nothing of the run before is
    still on the page.

        with rerun(page):
            page.get_by_role("button", name="가져오기").click()
    """
    wait_for_app(page, timeout)  # idle first: the run waited for is the input's, not one still under way
    before = page.evaluate("() => window.__aicdRunsFinished")
    if before is None:
        raise AssertionError("this page does not count its runs: open its context with the `browser` fixture")
    document = page.evaluate("() => (window.__aicdDocument = window.__aicdDocument || Math.random())")
    yield
    # A new document (the input loaded a page) has a new id and counts from 0: its own first run is awaited below.
    finished = f"""() => window.__aicdDocument !== {document} || window.__aicdRunsFinished > {before}"""
    try:
        page.wait_for_function(finished, timeout=timeout)
    except Exception as exc:
        app = page.locator('[data-testid="stApp"]')
        states = (app.get_attribute("data-test-connection-state"), app.get_attribute("data-test-script-state"))
        raise AssertionError(
            f"no run of the script finished within {timeout / 1000:.0f} s of the input on {page.url} "
            f"(connection-state, script-state = {states})"
        ) from exc
    wait_for_app(page, timeout)


def open_from_menu(page, path: str) -> None:
    """Open the page at `path` (its address without the leading slash, e.g. "budget") through its link in the app's
    menu, as a reader moves between pages: a rerun in the tab's session (its language and sign-in kept), not a new
    page load. A phone folds the menu away: it is opened first, as a reader would."""
    from playwright.sync_api import expect

    link = page.locator(f'.st-key-app_nav a[href="{path}"], .st-key-app_nav a[href^="{path}?"]')
    opener = page.get_by_role("button", name="Expand sidebar")
    if opener.is_visible():
        opener.click()
    expect(link).to_be_visible()
    with rerun(page):
        link.click()
    page.wait_for_url(lambda url: url.split("?")[0].rstrip("/").endswith(f"/{path}"))


def wait_for_charts(page, timeout: float = 30_000) -> None:
    """Wait until every Vega-Lite chart on the page has drawn its marks (vega-embed's `.marks` svg or canvas,
    laid out with a width), rather than for a guessed delay. A chart for another kind of screen (in a `phone_…` or
    `wide_…` container the CSS hides, ui.phone) is never laid out: it is not waited for."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(chart => {
            if (chart.getClientRects().length === 0) return true;  // not displayed on this screen
            const marks = chart.querySelector('.marks');
            return marks !== null && marks.getBoundingClientRect().width > 0;
        })""",
        timeout=timeout,
    )
