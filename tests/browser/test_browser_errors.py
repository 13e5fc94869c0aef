"""Viewers never see a traceback (issue #16): with a part of the overview and the whole budget page made to fail,
the browser shows a Korean line naming what is missing, and no traceback, file path or "Ask Google" button."""

import textwrap

from playwright.sync_api import expect

from tests.support.browser import wait_for_app
from tests.support.paths import REPO_ROOT
from tests.support.server import run_streamlit

# Loaded by Python at start-up (PYTHONPATH): breaks one overview part and one whole page in the server process.
BREAK_TWO_THINGS = textwrap.dedent(
    f"""
    import sys
    sys.path.insert(0, {str(REPO_ROOT)!r})
    import metrics.budget
    import metrics.overview

    def _broken_part(*args, **kwargs):
        raise KeyError("local_hires")

    def _broken_page(*args, **kwargs):
        raise RuntimeError("forced failure in " + __file__)

    metrics.overview.jobs_tiles = _broken_part
    metrics.budget.page_figures = _broken_page
    """
)
LEAKS = ("Traceback", 'File "', str(REPO_ROOT), "site-packages", "Ask Google", "Ask ChatGPT", "forced failure")


def test_failures_reach_the_viewer_as_korean_lines_only(reader_page, tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(BREAK_TWO_THINGS, encoding="utf-8")
    env = {"AICD_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(hook)}
    with run_streamlit(env=env) as url:
        page = reader_page(1280, 720)
        page.goto(url)
        wait_for_app(page)
        expect(page.get_by_text("‘일자리’ 부분을 보여 줄 수 없습니다.", exact=False)).to_be_visible()
        expect(page.get_by_test_id("stMetric")).to_have_count(
            3 + 5 + 1
        )  # budget, companies and agreements tiles remain
        body = page.locator("body").inner_text()
        assert not [leak for leak in LEAKS if leak in body], body

        page.goto(f"{url}/budget")
        wait_for_app(page)
        expect(page.get_by_text("‘예산 집행’ 부분을 보여 줄 수 없습니다.", exact=False)).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        body = page.locator("body").inner_text()
        assert not [leak for leak in LEAKS if leak in body], body
