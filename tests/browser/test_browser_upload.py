"""The upload page in a real browser: a staffer signs in, uploads the e-호조 fixture through the page's own file
input, sees the check and the comparison, confirms, and sees the new version. Screenshots for a person to look at.

The app gets its accounts from a secrets file made for the test, outside the repo: Streamlit's `secrets.files`
option, set through the environment (STREAMLIT_SECRETS_FILES=<path>), replaces the default
.streamlit/secrets.toml lookup for that server only.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.accounts import ADMIN, STAFF
from tests.support.browser import rerun, sign_in, tall_screenshot, wait_for_app
from tests.support.paths import REPO_ROOT

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "budget_ehojo_style.xlsx"
SAMPLE_BUDGET_VERSIONS = 3  # data/history/ gives the budget two uploads before data/budget.xlsx


def uploader(page, generation: int):
    """The file input of the uploader of the current run. views/upload.py keys it `upload_file_<generation>` and
    draws a fresh one under the next key after each import; waiting for "exactly one dropzone" could still catch
    the old uploader before the new one arrives, so wait for this generation's and for every other to be gone."""
    expect(page.locator(f".st-key-upload_file_{generation}")).to_have_count(1)
    expect(page.locator('[class*="st-key-upload_file_"]')).to_have_count(1)
    return page.locator(f".st-key-upload_file_{generation}").get_by_test_id("stFileUploaderDropzoneInput")


def test_staff_signs_in_uploads_and_imports(browser, staff_app, screenshot_dir):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(f"{staff_app}/upload")
        wait_for_app(page)
        expect(page.get_by_text("로그인해야 합니다")).to_be_visible()
        expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "upload-signed-out-1280x720.png", full_page=True)

        sign_in(page, STAFF[0], STAFF[1])
        expect(page.get_by_text("최대 20MB")).to_be_visible()
        with rerun(page):
            uploader(page, 0).set_input_files(FIXTURE)
        expect(page.get_by_text("검사 통과: 예산 집행 36행")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(f"지금 버전: 버전 {SAMPLE_BUDGET_VERSIONS}")).to_be_visible()  # the comparison
        expect(page.get_by_text("2024~2025년 ", exact=False).first).to_be_visible()  # the plan's sentence
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "upload-preview-1280x720.png", full_page=True)
        tall_screenshot(page, screenshot_dir / "upload-preview-1280-full.png")

        with rerun(page):
            page.get_by_role("button", name="가져오기: 예산 집행 버전 4로 저장").click()
        expect(page.get_by_text("예산 집행 버전 4을(를) 저장했습니다")).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "upload-1280x720.png", full_page=True)

        # A refused file: every problem with its row and column, and no import button.
        with rerun(page):
            uploader(page, 1).set_input_files(FIXTURE.with_name("budget_missing_column.xlsx"))
        expect(page.get_by_text("이 파일은 가져올 수 없습니다")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("button", name="가져오기", exact=False)).to_have_count(0)
        page.screenshot(path=screenshot_dir / "upload-refused-1280x720.png", full_page=True)

        # The history page, reached through the menu (the sign-in lasts for this browser session).
        with rerun(page):
            page.locator(".st-key-app_nav").get_by_text("버전 기록").click()
        page.wait_for_url(lambda url: url.split("?")[0].endswith("/history"))
        # The imported file is the newest version: its original is offered by name. (Its name also sits in the
        # versions table, whose cells are drawn on a canvas; the table's hidden accessible copy is not "visible".)
        expect(page.get_by_role("button", name="원본 파일 내려받기 (budget_ehojo_style.xlsx)")).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "history-1280x720.png", full_page=True)
        tall_screenshot(page, screenshot_dir / "history-1280-full.png", 1400)
        # A staffer does not see the admin page in the menu.
        expect(page.locator(".st-key-app_nav").get_by_text("감사 기록")).to_have_count(0)

        # Roll back to the sample (version 3) through the confirm dialog: a new version 5.
        page.get_by_role("combobox", name="버전 고르기").click()
        with rerun(page):
            page.get_by_role("option", name=f"버전 {SAMPLE_BUDGET_VERSIONS} ", exact=False).click()
        with rerun(page):  # the button's run opens the dialog
            page.get_by_role("button", name="이 버전으로 되돌리기").click()
        dialog = page.get_by_role("dialog")
        expect(dialog.get_by_text("버전 5이(가) 새로 만들어집니다")).to_be_visible()
        page.screenshot(path=screenshot_dir / "history-rollback-1280x720.png")
        with rerun(page):
            dialog.get_by_role("button", name="되돌리기", exact=True).click()
        expect(page.get_by_text(f"버전 {SAMPLE_BUDGET_VERSIONS}의 내용으로 되돌렸습니다: 새 버전 5")).to_be_visible(
            timeout=30_000
        )
        expect(page.get_by_role("dialog")).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_admin_reads_the_audit_log(browser, staff_app, screenshot_dir, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(f"{staff_app}/sign-in")
        wait_for_app(page)
        sign_in(page, STAFF[0], "wrong-password")
        expect(page.get_by_text("아이디 또는 비밀번호가 맞지 않습니다")).to_be_visible()
        page.screenshot(path=screenshot_dir / f"sign-in-{width}x{height}.png", full_page=True)
        sign_in(page, ADMIN[0], ADMIN[1])
        with rerun(page):
            page.locator(".st-key-app_nav").get_by_text("감사 기록").click()
        page.wait_for_url(lambda url: url.split("?")[0].endswith("/audit"))
        expect(page.get_by_text("로그인 실패").first).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / f"audit-{width}x{height}.png", full_page=True)
    finally:
        context.close()


def november_file() -> bytes:
    """The sample's November 2026 rows as a CSV: an import that keeps "2020~2025년, 2026년 1~10·12월" (two "~")."""
    from loaders.load import load_file

    frame = load_file((REPO_ROOT / "data" / "budget.xlsx").read_bytes(), "budget.xlsx", "budget").frame
    november = frame[(frame["year"] == 2026) & (frame["month"] == 11)]
    labels = {
        "year": "연도",
        "month": "월",
        "phase": "단계",
        "strategy": "추진전략",
        "program": "세부사업명",
        "source": "재원",
        "planned_krw": "예산액(원)",
        "executed_krw": "집행액(원)",
    }
    return november[list(labels)].rename(columns=labels).to_csv(index=False).encode("utf-8")


@pytest.mark.parametrize("width,height", [(1280, 720)])
def test_the_preview_sentence_with_ranges_is_not_struck_through(
    browser, shared_staff_app, screenshot_dir, width, height
):
    """Issue #37: Markdown read the two "~" of "2020~2025년, 2026년 1~10월" as a strikethrough pair. The preview's
    sentence and its kept-periods column show as written, with no <del>/<s> anywhere on the page."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(f"{shared_staff_app}/upload")
        wait_for_app(page)
        sign_in(page, STAFF[0], STAFF[1])
        with rerun(page):
            uploader(page, 0).set_input_files(
                {"name": "budget_2026-11.csv", "mimeType": "text/csv", "buffer": november_file()}
            )
        sentence = "2026년 11월 32행을 새 파일의 행으로 바꾸고, 2020~2025년, 2026년 1~10·12월 1,576행은 그대로 둡니다."
        plan = page.get_by_test_id("stAlertContentInfo").get_by_role("paragraph").filter(has_text="그대로 둡니다")
        expect(plan).to_have_text(sentence, timeout=30_000)
        kept = page.get_by_test_id("stCaptionContainer").filter(has_text="2020~2025년, 2026년 1~10·12월")
        expect(kept).to_have_text("2020~2025년, 2026년 1~10·12월")
        main = page.get_by_test_id("stMain")
        expect(main.locator("del, s, strike")).to_have_count(0)
        expect(main.locator(".katex, a[href='x'], em, code")).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        plan.scroll_into_view_if_needed()
        page.screenshot(path=screenshot_dir / f"upload-ranges-{width}x{height}.png")
    finally:
        context.close()
