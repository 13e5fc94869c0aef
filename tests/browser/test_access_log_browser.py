"""In Chromium (#36): a table's Excel download, made by Streamlit outside the page's script run when the button is
pressed, carries its 자료 등급 and is written to the 접속기록 with what was downloaded."""

from __future__ import annotations

import io
import time

from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import create_engine, select

from store.engine import SQLITE_FILE
from store.schema import access_log
from tests.support.browser import wait_for_app


def _downloads(store_file) -> list[tuple]:
    engine = create_engine(f"sqlite:///{store_file}")
    try:
        with engine.connect() as conn:
            query = select(access_log.c.username, access_log.c.action, access_log.c.dataset, access_log.c.file)
            return [tuple(r) for r in conn.execute(query.where(access_log.c.action == "download_table"))]
    finally:
        engine.dispose()


def test_a_table_download_is_marked_and_logged(reader_page, app_url, app_data_dir, tmp_path):
    before = _downloads(app_data_dir / SQLITE_FILE)
    page = reader_page(1280, 720)
    page.goto(f"{app_url}/budget")
    wait_for_app(page, timeout=60_000)
    # The selector meets two buttons under the keyed element (Streamlit 1.67's markup); the visible one is pressed.
    button = page.locator(".st-key-budget_phases_table_download button:visible").first
    expect(button).to_be_visible()
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert sheet["A1"].value == "자료 등급: 공개" and sheet.title.startswith("(공개) ")
    # the row is written as the file is made, before it is sent: poll the store's state (no fixed sleep)
    deadline = time.monotonic() + 30
    while len(_downloads(app_data_dir / SQLITE_FILE)) == len(before):
        assert time.monotonic() < deadline, "no access-log row for the download"
        time.sleep(0.2)
    assert _downloads(app_data_dir / SQLITE_FILE)[len(before) :] == [
        ("-", "download_table", "budget", download.value.suggested_filename)
    ]
