"""In Chromium: clicking a number in a table opens its source. The grid is a canvas, so only a browser shows that
a click selects a cell, that the dialog opens, that the same cell opens again after the dialog closes, and that
the first click after a filter changed the table is not lost."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.browser import rerun, wait_for_app

ROW_HEIGHT = 35  # st.dataframe's header and row height, px
DIALOG = "[data-testid='stDialog']"


def _grid(page, key: str):
    """The table's grid as this run drew it. Its key is the table's key plus its content digest and how many sources
    it opened, so after a rerun the old grid may still be on the page for a moment next to the new one: wait until
    exactly one is left rather than taking the first."""
    grids = page.locator(f"[class*='st-key-{key}-'] [data-testid='stDataFrameResizable']")
    expect(grids).to_have_count(1)
    return grids


def _open_first_row(page, key: str, column_share: float) -> str:
    """Click the first row's cell at `column_share` of the table's width: the selection reruns the script, and
    that run opens the source dialog; its text."""
    grid = _grid(page, key)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    with rerun(page, timeout=60_000):
        page.mouse.click(box["x"] + box["width"] * column_share, box["y"] + ROW_HEIGHT * 1.5)
    dialog = page.locator(DIALOG)
    dialog.wait_for(timeout=20_000)
    return dialog.inner_text()


def _close(page) -> None:
    """Close the dialog: closing reruns the script (on_dismiss="rerun"), which draws the table afresh."""
    with rerun(page, timeout=60_000):
        page.locator(DIALOG).get_by_role("button", name="Close").click()
    page.locator(DIALOG).wait_for(state="detached", timeout=10_000)


def test_clicking_a_budget_table_cell_opens_its_rows_every_time(reader_page, app_url, screenshot_dir):
    page = reader_page(1280, 720)
    page.goto(f"{app_url}/budget")
    wait_for_app(page, timeout=60_000)
    grid = _grid(page, "budget_phases_table")
    grid.scroll_into_view_if_needed()
    grid.hover()  # the table's toolbar shows on hover: search and full screen, but no CSV download
    toolbar = page.locator("[class*='st-key-budget_phases_table-'] [data-testid='stElementToolbar']")
    toolbar.wait_for(timeout=10_000)
    labels = [b.get_attribute("aria-label") or "" for b in toolbar.locator("button").all()]
    assert labels and not any("Download" in label or "CSV" in label for label in labels), labels
    # The first row's 예산액 cell: header row, then half a row down; 예산액 is the third of five columns.
    text = _open_first_row(page, "budget_phases_table", 0.45)
    assert "1단계 · 국비 · 예산액 (원) — 예산액(전 연도) =" in text
    # a reader who is not signed in: the figure and its version, not the rows or the original file (#36)
    assert "예산 집행 버전" in text and "로그인한 담당자에게만 보입니다" in text
    assert text.count("엑셀 행") == 1 and "원본 파일 내려받기" not in text  # "엑셀 행" only in that sentence
    expect(page.locator(f"{DIALOG} [data-testid='stDataFrame']")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "cell-source-budget-1280x720.png"))
    _close(page)
    # the same cell again: its source again
    assert "1단계 · 국비 · 예산액 (원)" in _open_first_row(page, "budget_phases_table", 0.45)
    _close(page)


def test_the_first_click_after_a_filter_changed_the_table_opens_its_source(reader_page, app_url):
    page = reader_page(1280, 720)
    page.goto(f"{app_url}/jobs")
    wait_for_app(page, timeout=60_000)
    page.locator(".st-key-jobs_year").click()
    with rerun(page, timeout=60_000):
        page.get_by_role("option", name="2025년").click()
    assert "2025년 1월 ·" in _open_first_row(page, "jobs_monthly", 0.5)
