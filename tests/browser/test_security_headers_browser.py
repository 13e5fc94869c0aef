"""Security headers on a running server (server.py's st.App with security_headers.SecurityHeaders): on a page, a
static file, /_stcore routes and the sign-in endpoints, HSTS only over HTTPS; and every page, for a reader and for an
admin, works in Chromium under the Content-Security-Policy: no violation reported, no script error."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from auth.roles import Page
from tests.browser.conftest import _staff_server
from tests.support.accounts import ADMIN
from tests.support.browser import open_from_menu, session_cookie, sign_in_at, wait_for_app, wait_for_charts

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}
# Recorded in the page before any of its scripts runs: every CSP violation, with what was refused and by which rule.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => window.__cspViolations.push(
    `${event.violatedDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`));
"""
NO_BASE_MAP = '\n[map]\ntiles = "none"\n'
READER_PAGES = ["", "budget", "jobs", "pipeline", "map", "changes", "briefing", "sign-in"]
STAFF_PAGES = [Page.UPLOAD.value, Page.HISTORY.value, Page.AUDIT.value, Page.ACCOUNTS.value]


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeded_store_file) -> Iterator[str]:
    """server.py (the headers and the sign-in endpoints) on a seeded store, with a staffer and an admin."""
    # No base map from the internet: the test machine, like the city's network, reaches no outside host.
    folder = tmp_path_factory.mktemp("headers")
    with _staff_server(folder, seeded_store_file, app="server.py", more_secrets=NO_BASE_MAP) as url:
        yield url


def fetch(url: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None):
    """(status, headers) of one request; a refusal (4xx) is an answer too."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_every_kind_of_response_has_the_headers(server):
    with urllib.request.urlopen(server, timeout=30) as response:
        index = response.read().decode("utf-8")
    script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', index).group(1)
    answers = {
        "page": fetch(server),
        "page at a path": fetch(f"{server}/budget"),
        "static file": fetch(f"{server}/{script}"),
        "favicon": fetch(f"{server}/favicon.png"),
        "health": fetch(f"{server}/_stcore/health"),
        "host config": fetch(f"{server}/_stcore/host-config"),
        "sign-in claim": fetch(f"{server}/api/session/claim", "POST", {"X-AICD-Session": "1"}, b'{"code": "x"}'),
        "sign-in end": fetch(f"{server}/api/session/end", "POST", {"X-AICD-Session": "1"}),
        "sign-in script": fetch(f"{server}/api/session/post.js"),
        "not found": fetch(f"{server}/_stcore/agent/nothing-here"),
    }
    assert {name: status for name, (status, _) in answers.items()} == {
        "page": 200,
        "page at a path": 200,
        "static file": 200,
        "favicon": 200,
        "health": 200,
        "host config": 200,
        "sign-in claim": 403,
        "sign-in end": 204,
        "sign-in script": 200,
        "not found": 404,
    }
    for name, (_, headers) in answers.items():
        assert {key: headers.get(key) for key in EXPECTED} == EXPECTED, name
        policy = dict(part.strip().split(" ", 1) for part in headers.get("content-security-policy").split(";"))
        script_sources = policy.pop("script-src").split()
        assert script_sources[:2] == ["'self'", "'wasm-unsafe-eval'"], name  # no 'unsafe-inline', no 'unsafe-eval'
        assert len(script_sources) == 6 and all(s.startswith("'sha256-") for s in script_sources[2:]), name
        assert policy == {
            "default-src": "'self'",
            "style-src": "'self' 'unsafe-inline'",
            "img-src": "'self' data: blob:",  # no base map from another host: none is configured
            "font-src": "'self' data:",
            "connect-src": "'self'",
            "worker-src": "'self' blob:",
            "frame-src": "'self'",
            "media-src": "'self' data: blob:",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
        }, name
        assert headers.get("strict-transport-security") is None, name  # plain HTTP: no HSTS
    assert answers["sign-in script"][1].get("content-type").startswith("text/javascript")


def test_hsts_is_sent_over_https_from_the_trusted_proxy(server):
    # The test connects from 127.0.0.1, the proxy Streamlit's server trusts by default (FORWARDED_ALLOW_IPS).
    status, headers = fetch(server, headers={"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers.get("strict-transport-security") == "max-age=31536000"
    assert headers.get("x-frame-options") == "DENY"


def _open_and_check(page, violations: list[str], errors: list[str], name: str) -> None:
    wait_for_app(page)
    if page.get_by_test_id("stVegaLiteChart").count():
        wait_for_charts(page)
    if name == "map":
        expect(page.locator('[data-testid="stDeckGlJsonChart"] canvas').first).to_be_attached()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # The app's own inline scripts ran (allowed by their hashes): the page's language, the menu's current page.
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.locator('.st-key-app_nav a[aria-current="page"]')).to_have_count(1)
    found = page.evaluate("window.__cspViolations")
    violations.extend(f"{name or 'home'}: {re.sub(r':[0-9]+/', ':PORT/', v)}" for v in found)
    page.evaluate("window.__cspViolations = []")


# Streamlit, opened at a page's address, first looks for its server under that address (…/budget/_stcore/health),
# then at the root: those two 404s are its way of finding the base path, not a failure.
BASE_PATH_PROBE = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")


def _record(page, errors: list[str]) -> None:
    """Collect in `errors` every script error, console error and failed response of `page`, but the probes."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("pageerror", lambda error: errors.append(f"pageerror {error}"))

    def on_console(message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"console {message.text}")

    def on_response(response) -> None:
        if response.status >= 400 and not BASE_PATH_PROBE.search(response.url.split("?")[0]):
            errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)


def test_every_page_works_under_the_content_security_policy(browser, server):
    violations: list[str] = []
    errors: list[str] = []
    reader = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 720})
    try:
        page = reader.new_page()
        _record(page, errors)
        for name in READER_PAGES:
            page.goto(f"{server}/{name}", wait_until="commit")  # then the app's own state (a busy machine)
            _open_and_check(page, violations, errors, name)
    finally:
        reader.close()
    admin = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 720})
    try:
        page = admin.new_page()
        _record(page, errors)
        sign_in_at(page, server, ADMIN[0], ADMIN[1])  # the cookie's claim runs auth.web's script file
        session_cookie(admin)  # … and the cookie came
        for name in STAFF_PAGES:  # the reader's pages look the same signed in: the pages only staff may open
            open_from_menu(page, name)
            _open_and_check(page, violations, errors, name)
    finally:
        admin.close()
    assert sorted(set(violations)) == []
    assert sorted(set(errors)) == []
