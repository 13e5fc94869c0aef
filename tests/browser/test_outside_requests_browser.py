"""No request to any host but the app's own server (issue #42: the city's internal network reaches nothing else).

The accessibility scans record every request of every page (public pages anonymously, the staff pages as an
administrator; Korean and English; laptop and phone) and check them with tests/support/outside_requests.py; the map's
test of the city's tiles allows exactly its configured tile server. Here: the staff role's own pages, and the planted
case — a page made to load something from another host — which the same check must fail.
"""

from __future__ import annotations

import re

import pytest

from tests.support.accounts import STAFF
from tests.support.browser import open_from_menu, rerun, sign_in_at, wait_for_app
from tests.support.outside_requests import assert_only_own_server, outside_requests, recorded_requests

STAFF_ROLE_PAGES = ("upload", "history")  # what a staff account sees beyond the public pages
PLANTED = "https://example.invalid/planted.png"


def test_the_staff_role_asks_no_other_host(browser, shared_staff_app):
    """A staff account signs in, opens its pages in Korean on a laptop, then in English on a phone."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="ko-KR")
    page = context.new_page()
    try:
        with recorded_requests(page) as urls:
            sign_in_at(page, shared_staff_app, STAFF[0], STAFF[1])
            for path in STAFF_ROLE_PAGES:
                open_from_menu(page, path)
            with rerun(page):  # the language switch sits in the menu, which a phone folds away: switched first
                page.get_by_test_id("stButtonGroup").get_by_text("English", exact=True).click()
            page.set_viewport_size({"width": 390, "height": 844})
            for path in STAFF_ROLE_PAGES:
                open_from_menu(page, path)
            page.reload()  # a phone's full page load in English: every script, style and font again
            wait_for_app(page)
    finally:
        context.close()
    assert any(url.startswith(shared_staff_app) for url in urls)  # the record holds the app's own requests
    assert_only_own_server(urls, shared_staff_app)


def test_a_page_that_loads_from_another_host_fails_the_check(reader_page, app_url):
    """The planted case: an image from another host put on the overview is recorded and fails the same check."""
    page = reader_page(1280, 720)
    with recorded_requests(page) as urls:
        page.goto(app_url)
        wait_for_app(page, 120_000)  # the first visit to a fresh server reads and computes everything
        assert_only_own_server(urls, app_url)  # the page as it is asks nothing outside
        with page.expect_request(PLANTED):
            page.evaluate(
                "src => { const img = document.createElement('img'); img.src = src; document.body.append(img); }",
                PLANTED,
            )
    assert outside_requests(urls, app_url) == [PLANTED]
    with pytest.raises(AssertionError, match=re.escape(PLANTED)):
        assert_only_own_server(urls, app_url)
