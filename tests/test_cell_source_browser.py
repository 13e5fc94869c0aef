"""In Chromium: clicking a number in a table opens its source (the grid is a canvas, so only a browser can
show that a click on a cell selects it and that the dialog opens once, with the rows)."""

from __future__ import annotations

import pytest
from conftest import wait_for_app

pytestmark = pytest.mark.browser

ROW_HEIGHT = 35  # st.dataframe's header and row height, px


def test_clicking_a_budget_table_cell_opens_its_rows(browser, app_url, screenshot_dir):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="ko-KR")
    try:
        page = context.new_page()
        page.goto(f"{app_url}/budget")
        wait_for_app(page, timeout=60_000)
        grid = page.locator(".st-key-budget_phases_table [data-testid='stDataFrameResizable']")
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        grid.hover()  # the table's toolbar shows on hover: search and full screen, but no CSV download
        toolbar = page.locator(".st-key-budget_phases_table [data-testid='stElementToolbar']")
        toolbar.wait_for(timeout=10_000)
        labels = [b.get_attribute("aria-label") or "" for b in toolbar.locator("button").all()]
        assert labels and not any("Download" in label or "CSV" in label for label in labels), labels
        # The first row's 예산액 cell: header row, then half a row down; 예산액 is the third of five columns.
        page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + ROW_HEIGHT * 1.5)
        dialog = page.locator("[data-testid='stDialog']")
        dialog.wait_for(timeout=20_000)
        wait_for_app(page, timeout=60_000)
        text = dialog.inner_text()
        assert "1단계 · 국비 · 예산액 (원) — 예산액(전 연도) =" in text
        assert "엑셀 행" in text and "원본 파일 내려받기" in text
        page.screenshot(path=str(screenshot_dir / "cell-source-budget-1280x720.png"))
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached", timeout=10_000)
    finally:
        context.close()
