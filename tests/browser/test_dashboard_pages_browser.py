"""The budget, jobs and pipeline pages in a real browser (the real app.py on the sample data): each page draws its
figures and charts at the sizes people use, in Korean and English, and the budget chart drills down. Screenshots
for a person to look at. (Moved here from tests/pages/test_page_{budget,jobs,pipeline}.py.)

The tests only read: they share the session's app server (`app_url`, a copy of the seeded sample store) instead of
a server of their own that seeded an empty store at its first page (about 7 s of a busy machine per worker, #23).
A fresh server's first request is tested in test_browser_smoke."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import open_from_menu, rerun, wait_for_app, wait_for_charts


def full_height_screenshot(page, path, width: int, height: int) -> None:
    """Streamlit scrolls inside its main container, so a full-page shot needs a viewport as tall as the page."""
    full = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, int(full))})
    wait_for_app(page)
    wait_for_charts(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=path)


# (page, width, height, language, a text the page shows once its figures are in, whether that text is whole)
DASHBOARD_VIEWS = [
    ("budget", 1920, 1080, "ko", "집행률", True),
    ("budget", 1280, 720, "ko", "집행률", True),
    ("budget", 1280, 720, "en", "Execution rate", True),
    ("jobs", 1920, 1080, "ko", "신규 일자리", False),  # "2026년 신규 일자리"
    ("jobs", 1280, 720, "ko", "신규 일자리", False),
    ("pipeline", 1920, 1080, "ko", "아기유니콘", True),
    ("pipeline", 1280, 720, "ko", "아기유니콘", True),
]


@pytest.mark.parametrize("url_path,width,height,lang,landmark,whole", DASHBOARD_VIEWS)
def test_dashboard_page_in_a_browser(
    reader_page, app_url, screenshot_dir, url_path, width, height, lang, landmark, whole
):
    page = reader_page(width, height)
    page.goto(app_url + ("?lang=en" if lang == "en" else ""))  # the entry page first, then the menu,
    wait_for_app(page)  # as a reader arriving at the app goes (deep links first: test_browser_smoke)
    open_from_menu(page, url_path)
    expect(page.get_by_text(landmark, exact=whole).first).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    wait_for_charts(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    name = f"{url_path}-{width}x{height}" if lang == "ko" else f"{url_path}-{lang}-{width}x{height}"
    page.screenshot(path=screenshot_dir / f"{name}.png")
    full_height_screenshot(page, screenshot_dir / f"{name}-full.png", width, height)


def test_clicking_a_strategy_bar_drills_down_and_filters_persist(reader_page, app_url, screenshot_dir):
    page = reader_page(1920, 1080)
    page.goto(f"{app_url}/budget?year=2026")
    wait_for_app(page)
    chart = page.locator('[class*="st-key-budget_strategy_chart_all"]')
    expect(chart).to_be_visible()
    chart.scroll_into_view_if_needed()
    wait_for_charts(page)
    bars = chart.locator("g.mark-rect path")
    expect(bars).to_have_count(3)
    with rerun(page):
        bars.first.click()  # the lowest rate comes first: the first bar is the one meant
    page.wait_for_url(lambda u: "strategy=" in u)  # the click's rerun wrote the strategy into the URL
    expect(page.get_by_test_id("stException")).to_have_count(0)
    strategy = page.get_by_test_id("stSelectbox").filter(has_text="추진전략")
    expect(strategy).not_to_contain_text("전체")
    page.screenshot(path=screenshot_dir / "budget-drilldown-1920x1080.png", full_page=True)
    chosen = strategy.inner_text().split("\n")[-1].strip()

    # another page and back: the filters are still there and back in the URL
    with rerun(page):
        page.locator(".st-key-app_nav").get_by_text("개요").click()
    page.wait_for_url(lambda u: "/budget" not in u)
    with rerun(page):
        page.locator(".st-key-app_nav").get_by_text("예산 집행").click()
    page.wait_for_url(lambda u: "/budget" in u and "strategy=" in u)
    expect(page.get_by_test_id("stSelectbox").filter(has_text="추진전략")).to_contain_text(chosen)
    assert "strategy=" in page.url and "year=2026" in page.url
