"""Smoke test in a real browser: the app starts, renders Korean, and shows no exception."""

import pytest
from conftest import wait_for_app
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_overview_renders(browser, app_url, screenshot_dir, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_for_app(page)
        expect(page.get_by_text("국가 인공지능 집적단지").first).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / f"smoke-{width}x{height}.png", full_page=True)
    finally:
        context.close()
