"""Smoke test in a real browser: the app starts, renders Korean, and shows no exception."""

import pytest
from playwright.sync_api import expect

from tests.support.browser import wait_for_app


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_overview_renders(reader_page, app_url, screenshot_dir, width, height):
    page = reader_page(width, height)
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_text("국가 인공지능 집적단지").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=screenshot_dir / f"smoke-{width}x{height}.png", full_page=True)


def test_a_deep_link_as_the_first_request_gets_the_apps_own_menu(reader_page, tmp_path):
    """After a restart, a bookmarked /budget must open inside app.py's navigation (Korean menu, wide layout),
    not a page run on its own: the reason the page files live in views/, not in Streamlit's special pages/."""
    from tests.support.server import run_streamlit

    with run_streamlit(env={"AICD_DATA_DIR": str(tmp_path)}) as url:
        page = reader_page(1280, 720)
        page.goto(f"{url}/budget")
        wait_for_app(page)
        nav = page.locator(".st-key-app_nav")
        expect(nav.get_by_text("예산 집행", exact=True)).to_be_visible()
        expect(nav.get_by_text("budget", exact=True)).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_bookmarked_overview_url_opens_the_overview_at_the_root(reader_page, app_url):
    """The overview is the app's root page; /overview (as people write it) leads there, keeping ?lang=."""
    page = reader_page(1280, 720)
    page.goto(f"{app_url}/overview?lang=en")
    page.wait_for_url(f"{app_url}/?lang=en", timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text("National AI Cluster Dashboard").first).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
