"""Sign-in that survives a reload and a new tab, in a real browser: the app through server.py (auth/web.py's
/api/session endpoints) and the HttpOnly cookie. (Moved here from tests/unit/test_sign_in_sessions.py.)"""

from __future__ import annotations

import shutil
import time

import pytest
from playwright.sync_api import expect

from auth.accounts import add_user
from auth.directory import Directory
from store import open_store
from tests.support.browser import (
    no_session_cookie,
    rerun,
    session_cookie,
    sign_in_at,
    signed_in_as,
    wait_for_app,
)
from tests.support.server import run_streamlit


@pytest.fixture
def lasting_app(tmp_path, seeded_store_file):
    """app through server.py on a copy of the seeded sample store (tests/conftest.py: no first-page import of every
    sample file), with an admin in the secrets file and a staffer in the store."""

    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[auth]\nviewers_must_sign_in = false\n", encoding="utf-8")
    add_user(secrets, "park", "park-password", "admin", "박관리")
    shutil.copyfile(seeded_store_file, tmp_path / "store.sqlite")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    Directory(store.engine).add("관리자", "kim", "kim-password", "kim-password", "staff", "김담당")
    env = {"AICD_STORE_URL": url, "STREAMLIT_SECRETS_FILES": str(secrets), "AICD_SESSION_HOURS": "2"}
    try:
        with run_streamlit(env=env, app="server.py") as app_url:
            yield app_url, store
    finally:
        store.close()


def test_sign_in_survives_reload_and_new_tab_and_sign_out_ends_it_everywhere(browser, lasting_app):

    url, store = lasting_app
    context = browser.new_context(locale="ko-KR")
    try:
        page = context.new_page()
        sign_in_at(page, url, "kim", "kim-password")
        cookie = session_cookie(context)
        assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert 2 * 3600 - 120 < cookie["expires"] - time.time() <= 2 * 3600  # AICD_SESSION_HOURS=2
        assert cookie["value"] not in page.url and "code" not in page.url
        assert page.evaluate("document.cookie").find("aicd_session") == -1  # not readable by scripts

        page.reload()
        wait_for_app(page)
        expect(signed_in_as(page, "kim")).to_be_visible()
        other = context.new_page()
        other.goto(f"{url}/budget")
        wait_for_app(other)
        expect(signed_in_as(other, "kim")).to_be_visible()
        expect(other.locator(".st-key-app_nav").get_by_text("데이터 올리기", exact=False)).to_be_visible()

        with rerun(page):
            page.locator(".st-key-auth_sign_out button").click()
        expect(signed_in_as(page, "kim")).to_have_count(0)
        no_session_cookie(context)
        # The other tab is signed out at its next step (the sign-in was revoked in the store).
        with rerun(other):
            other.locator(".st-key-app_nav").get_by_text("일자리", exact=False).first.click()
        expect(signed_in_as(other, "kim")).to_have_count(0)
        expect(other.locator(".st-key-app_nav").get_by_text("데이터 올리기", exact=False)).to_have_count(0)
        log = store.audit_log()
        assert log["action"].tolist()[:2] == ["logout", "login"]
    finally:
        context.close()


def test_a_removed_account_is_signed_out_at_its_next_step(browser, lasting_app):

    url, store = lasting_app
    context = browser.new_context(locale="ko-KR")
    try:
        page = context.new_page()
        sign_in_at(page, url, "kim", "kim-password")
        session_cookie(context)
        Directory(store.engine, {"users": {}}).remove("관리자", "", "kim")  # e.g. by an admin on another server
        with rerun(page):
            page.locator(".st-key-app_nav").get_by_text("일자리", exact=False).first.click()
        expect(signed_in_as(page, "kim")).to_have_count(0)
        page.reload()  # and the cookie does not bring it back
        wait_for_app(page)
        expect(signed_in_as(page, "kim")).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    finally:
        context.close()


def test_a_new_browser_is_not_signed_in(browser, lasting_app):

    url, _ = lasting_app
    first = browser.new_context(locale="ko-KR")
    second = browser.new_context(locale="ko-KR")
    try:
        sign_in_at(first.new_page(), url, "park", "park-password")  # a secrets-file (bootstrap) account lasts too
        session_cookie(first)
        page = second.new_page()
        page.goto(url)
        wait_for_app(page)
        expect(signed_in_as(page, "park")).to_have_count(0)
        page.goto(f"{url}/sign-in")
        wait_for_app(page)
        expect(page.get_by_text("2시간 동안 유지됩니다", exact=False)).to_be_visible()
    finally:
        first.close()
        second.close()
