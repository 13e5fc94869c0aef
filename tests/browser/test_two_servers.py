"""Two app servers (`streamlit run server.py`) on one PostgreSQL store, as behind a reverse proxy: an import through
one shows on the other's pages, and an account added on one signs in on the other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from auth.accounts import add_user
from tests.support.browser import rerun, session_cookie, sign_in_at, wait_for_app
from tests.support.server import run_streamlit

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "budget_ehojo_style.xlsx"

pytestmark = pytest.mark.postgres  # and `browser`, from this folder's conftest


@pytest.fixture
def two_servers(tmp_path, fresh_postgres_url):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[auth]\nviewers_must_sign_in = false\n", encoding="utf-8")
    add_user(secrets, "park", "park-password", "admin", "박관리")  # the bootstrap admin both servers read
    env = {"AICD_STORE_URL": fresh_postgres_url, "STREAMLIT_SECRETS_FILES": str(secrets)}
    with run_streamlit(env=env, app="server.py") as first, run_streamlit(env=env, app="server.py") as second:
        yield first, second


def sign_in(page, url: str, username: str, password: str) -> None:
    """Sign in, and wait for the cookie that makes the sign-in last across page loads (server.py's endpoint)."""
    sign_in_at(page, url, username, password)
    session_cookie(page.context)


def test_an_import_and_an_account_on_one_server_show_on_the_other(browser, two_servers):
    first, second = two_servers
    on_first = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    on_second = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    try:
        # The second server's budget page before: the sample data, version 3 (two earlier uploads in data/history/).
        reader = on_second.new_page()
        reader.goto(f"{second}/budget")
        wait_for_app(reader)
        # (the as-of statement names who uploaded; the version number itself is in the 출처 dialogs, issue #37)
        statement = reader.locator(".st-key-phone_asof")
        expect(statement).to_contain_text(re.compile(r"예산 집행 [^·]*기준 · [^·]* 샘플 데이터 올림"))

        # An import through the first server.
        admin = on_first.new_page()
        sign_in(admin, first, "park", "park-password")
        admin.goto(f"{first}/upload")
        wait_for_app(admin)
        uploader = admin.get_by_test_id("stFileUploaderDropzoneInput")
        expect(uploader).to_have_count(1)
        with rerun(admin):
            uploader.set_input_files(FIXTURE)
        expect(admin.get_by_text("검사 통과: 예산 집행 36행")).to_be_visible(timeout=30_000)
        with rerun(admin):
            admin.get_by_role("button", name="가져오기: 예산 집행 버전 4로 저장").click()
        expect(admin.get_by_text("예산 집행 버전 4을(를) 저장했습니다")).to_be_visible(timeout=30_000)

        # The second server's page shows it on its next run.
        reader.reload()
        wait_for_app(reader)
        expect(reader.locator(".st-key-phone_asof")).to_contain_text(
            re.compile(r"예산 집행 [^·]*기준 · [^·]* 박관리 \(park\) 올림")
        )

        # An account added on the first server's accounts page …
        admin.goto(f"{first}/accounts")
        wait_for_app(admin)
        for key, value in (
            ("username", "choi"),
            ("display_name", "최주무관"),
            ("password", "choi-password-1"),
            ("password_again", "choi-password-1"),
        ):
            admin.locator(f".st-key-accounts_add_{key} input").fill(value)
        with rerun(admin):  # the form's fields reran nothing; its submit does
            admin.locator(".st-key-accounts_add button").click()
        expect(admin.get_by_text("계정 choi을(를) 열람자(viewer) 권한으로 추가했습니다")).to_be_visible(timeout=15_000)

        # … signs in on the second.
        newcomer = on_second.new_page()
        sign_in(newcomer, second, "choi", "choi-password-1")
        expect(newcomer.get_by_text("최주무관(choi) 계정으로 로그인되어 있습니다", exact=False)).to_be_visible()
        expect(newcomer.get_by_test_id("stException")).to_have_count(0)
        expect(reader.get_by_test_id("stException")).to_have_count(0)
    finally:
        on_first.close()
        on_second.close()
