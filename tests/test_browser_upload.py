"""The upload page in a real browser: a staffer signs in, uploads the e-호조 fixture through the page's own file
input, sees the check and the comparison, confirms, and sees the new version. Screenshots for a person to look at.

The app gets its accounts from a secrets file made for the test, outside the repo: Streamlit's `secrets.files`
option, set through the environment (STREAMLIT_SECRETS_FILES=<path>), replaces the default
.streamlit/secrets.toml lookup for that server only.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import REPO_ROOT, run_streamlit, wait_for_app
from playwright.sync_api import expect

from auth.accounts import upsert_user, hash_password

pytestmark = pytest.mark.browser

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "budget_ehojo_style.xlsx"
STAFF = ("kim", "staff-password-1", "staff", "김담당")
ADMIN = ("park", "admin-password-1", "admin", "박관리")

# Until app.py registers the staff pages, the test runs this stand-in (the same st.Page lines the lead is asked to add).
STAND_IN_APP = """
import streamlit as st
from auth.session import account_sidebar, page_visibility
from ui.i18n import t

st.set_page_config(page_title="AI 집적단지 대시보드", page_icon="🏙️", layout="wide")
REPO = {repo!r}


def page(path, title_key, icon, url_path, default=False):
    return st.Page(f"{{REPO}}/{{path}}", title=t(title_key), icon=icon, url_path=url_path, default=default,
                   visibility=page_visibility(url_path))


account_sidebar()
pages = {{
    t("nav.section.dashboards"): [page("views/overview.py", "nav.overview", ":material/dashboard:", "overview", default=True)],
    t("nav.section.data"): [
        page("views/upload.py", "nav.upload", ":material/upload_file:", "upload"),
        page("views/history.py", "nav.history", ":material/history:", "history"),
    ],
    t("nav.section.admin"): [
        page("views/audit.py", "nav.audit", ":material/fact_check:", "audit"),
        page("views/sign_in.py", "nav.sign_in", ":material/login:", "sign-in"),
    ],
}}
st.navigation(pages).run()
"""


def app_script(tmp_path: Path) -> str:
    """app.py when it already routes to the upload page, else a stand-in outside the repo."""
    if 'url_path="upload"' in (REPO_ROOT / "app.py").read_text(encoding="utf-8"):
        return "app.py"
    script = tmp_path / "app_with_staff_pages.py"
    script.write_text(textwrap.dedent(STAND_IN_APP.format(repo=str(REPO_ROOT))), encoding="utf-8")
    return str(script)


@pytest.fixture
def staff_app(tmp_path):
    secrets = tmp_path / "secrets.toml"
    text = "[auth]\nviewers_must_sign_in = false\n"
    for username, password, role, display in (STAFF, ADMIN):
        text = upsert_user(text, username, hash_password(password), role, display)
    secrets.write_text(text, encoding="utf-8")
    env = {"AICD_DATA_DIR": str(tmp_path / "data"), "STREAMLIT_SECRETS_FILES": str(secrets)}
    with run_streamlit(env=env, app=app_script(tmp_path)) as url:
        yield url


def tall_screenshot(page, path: Path, height: int = 2600) -> None:
    """The whole page in one picture: Streamlit scrolls inside its own container, so full_page alone stops at the
    viewport; a tall viewport shows everything (the layout is the same at this width)."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    wait_for_app(page)
    page.screenshot(path=path)
    page.set_viewport_size(size)
    wait_for_app(page)


def sign_in(page, username: str, password: str) -> None:
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()
    wait_for_app(page)


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
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(FIXTURE)
        expect(page.get_by_text("검사 통과: 예산 집행 36행")).to_be_visible(timeout=30_000)
        wait_for_app(page)
        expect(page.get_by_text("지금 버전: 버전 1")).to_be_visible()  # the comparison (tables draw on a canvas)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "upload-preview-1280x720.png", full_page=True)
        tall_screenshot(page, screenshot_dir / "upload-preview-1280-full.png")

        page.get_by_role("button", name="가져오기: 예산 집행 버전 2로 저장").click()
        wait_for_app(page)
        expect(page.get_by_text("예산 집행 버전 2을(를) 저장했습니다")).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "upload-1280x720.png", full_page=True)

        # A refused file: every problem with its row and column, and no import button.
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(FIXTURE.with_name("budget_missing_column.xlsx"))
        expect(page.get_by_text("이 파일은 가져올 수 없습니다")).to_be_visible(timeout=30_000)
        wait_for_app(page)
        expect(page.get_by_role("button", name="가져오기", exact=False)).to_have_count(0)
        page.screenshot(path=screenshot_dir / "upload-refused-1280x720.png", full_page=True)

        # The history page, reached through the menu (the sign-in lasts for this browser session).
        page.get_by_test_id("stSidebarNav").get_by_text("버전 기록").click()
        wait_for_app(page)
        expect(page.get_by_text("budget_ehojo_style.xlsx").first).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "history-1280x720.png", full_page=True)
        tall_screenshot(page, screenshot_dir / "history-1280-full.png", 1400)
        # A staffer does not see the admin page in the menu.
        expect(page.get_by_test_id("stSidebarNav").get_by_text("감사 기록")).to_have_count(0)

        # Roll back to the sample (version 1) through the confirm dialog: a new version 3.
        page.get_by_test_id("stSelectbox").nth(1).click()
        page.get_by_role("option", name="버전 1", exact=False).click()
        wait_for_app(page)
        page.get_by_role("button", name="이 버전으로 되돌리기").click()
        dialog = page.get_by_role("dialog")
        expect(dialog.get_by_text("버전 3이(가) 새로 만들어집니다")).to_be_visible()
        wait_for_app(page)
        page.screenshot(path=screenshot_dir / "history-rollback-1280x720.png")
        dialog.get_by_role("button", name="되돌리기", exact=True).click()
        wait_for_app(page)
        expect(page.get_by_text("버전 1의 내용으로 되돌렸습니다: 새 버전 3")).to_be_visible(timeout=30_000)
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
        page.get_by_test_id("stSidebarNav").get_by_text("감사 기록").click()
        wait_for_app(page)
        expect(page.get_by_text("로그인 실패").first).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / f"audit-{width}x{height}.png", full_page=True)
    finally:
        context.close()
