"""The accounts page (admin) in a real browser: the real app.py with its own store and a secrets file outside the
repo (STREAMLIT_SECRETS_FILES) holding the three starting accounts. (Moved here from tests/pages/test_page_accounts.py.)"""

from __future__ import annotations

import contextlib
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from auth.accounts import hash_password, upsert_user, verify
from auth.directory import Directory
from auth.roles import Role
from store import open_store
from tests.support.browser import rerun, sign_in_at, wait_for_app
from tests.support.server import run_streamlit

PASSWORDS = {"park": "admin-password", "kim": "staff-password", "lee": "viewer-password"}
ACCOUNTS = {"park": ("admin", "박관리"), "kim": ("staff", "김담당"), "lee": ("viewer", "이열람")}


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {name: hash_password(password) for name, password in PASSWORDS.items()}


def secrets_text(hashes: dict[str, str]) -> str:
    text = '# 테스트용 secrets\n[auth]\nviewers_must_sign_in = false\n\n[connections.other]\nurl = "x"\n'
    for name, (role, display) in ACCOUNTS.items():
        text = upsert_user(text, name, hashes[name], role, display)
    return text


def accounts(store_url: str, secrets_file: Path):
    """Who may sign in now: the store's accounts over the file's."""
    section = tomllib.loads(secrets_file.read_text(encoding="utf-8")).get("auth")
    return Directory(open_store(store_url).engine, section).users()


@contextlib.contextmanager
def _accounts_server(folder: Path, hashes: dict[str, str], seeded_store_file: Path) -> Iterator[tuple]:
    """The real app.py on a copy of the session's seeded sample store (tests/conftest.py) and a secrets file outside
    the repo (STREAMLIT_SECRETS_FILES): (url, secrets file, store URL)."""
    secrets = folder / "secrets.toml"
    secrets.write_text(secrets_text(hashes), encoding="utf-8")
    shutil.copyfile(seeded_store_file, folder / "store.sqlite")
    store_url = f"sqlite:///{folder}/store.sqlite"
    env = {"AICD_STORE_URL": store_url, "STREAMLIT_SECRETS_FILES": str(secrets)}
    with run_streamlit(env=env) as url:
        yield url, secrets, store_url


@pytest.fixture(scope="module")
def shared_accounts_app(tmp_path_factory, hashes, seeded_store_file) -> Iterator[tuple]:
    """One server for the tests that sign in and only look (each in its own browser context): a server's start and
    first pages cost seconds of CPU on a busy machine (#23)."""
    with _accounts_server(tmp_path_factory.mktemp("accounts-app"), hashes, seeded_store_file) as app:
        yield app


@pytest.fixture
def accounts_app(tmp_path, hashes, seeded_store_file) -> Iterator[tuple]:
    """A server of its own for a test that adds and removes accounts."""
    with _accounts_server(tmp_path, hashes, seeded_store_file) as app:
        yield app


@pytest.mark.parametrize("width,height,lang", [(1920, 1080, "ko"), (1280, 720, "ko"), (1280, 720, "en")])
def test_accounts_page_in_a_browser(browser, shared_accounts_app, screenshot_dir, width, height, lang):

    url, _, _ = shared_accounts_app
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ko-KR")
    page = context.new_page()
    try:
        sign_in_at(page, url, "park", PASSWORDS["park"], lang)
        with rerun(page):
            page.locator(".st-key-app_nav").get_by_text("계정" if lang == "ko" else "Accounts", exact=True).click()
        expect(page.get_by_test_id("stDataFrame")).to_be_visible()
        expect(page.get_by_role("tab", name="계정 추가" if lang == "ko" else "Add an account")).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        wait_for_app(page)
        name = f"accounts-{width}x{height}" if lang == "ko" else f"accounts-{lang}-{width}x{height}"
        page.screenshot(path=screenshot_dir / f"{name}.png")
    finally:
        context.close()


def test_admin_adds_a_user_in_the_browser_who_then_signs_in(browser, accounts_app, screenshot_dir):
    """Through the real page and server (file watching off, as in the tests' servers): the new account signs in
    without a restart; a staffer does not get the accounts page."""

    url, secrets, store_url = accounts_app
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="ko-KR")
    page = context.new_page()
    try:
        sign_in_at(page, url, "park", PASSWORDS["park"])
        with rerun(page):
            page.locator(".st-key-app_nav").get_by_text("계정", exact=True).click()
        for key, value in (
            ("username", "choi"),
            ("display_name", "최주무관"),
            ("password", "choi-password-1"),
            ("password_again", "choi-password-1"),
        ):
            page.locator(f".st-key-accounts_add_{key} input").fill(value)
        page.locator(".st-key-accounts_add_role__ko").click()
        page.get_by_role("option", name="담당자(staff)").click()
        with rerun(page):  # the form's fields and role reran nothing; its submit does
            page.locator(".st-key-accounts_add button").click()
        expect(page.get_by_text("계정 choi을(를) 담당자(staff) 권한으로 추가했습니다")).to_be_visible(timeout=15_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "accounts-added-1280x720.png")
        assert verify("choi", "choi-password-1", accounts(store_url, secrets)).role is Role.STAFF
        page.get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
        page.wait_for_function("document.querySelector('[data-testid=\"stMain\"]').scrollTop === 0")
        page.screenshot(path=screenshot_dir / "accounts-added-top-1280x720.png")

        # One's own account: the role cannot be changed.
        page.get_by_role("tab", name="계정 바꾸기").click()
        page.locator(".st-key-accounts_edit_user__ko").click()
        with rerun(page):
            page.get_by_role("option", name="park", exact=False).click()
        expect(page.get_by_text("자기 계정의 권한은 바꿀 수 없습니다").first).to_be_visible()
        page.screenshot(path=screenshot_dir / "accounts-edit-1280x720.png")

        # Remove lee through the confirm dialog.
        page.get_by_role("tab", name="계정 삭제").click()
        page.locator(".st-key-accounts_remove_user__ko").click()
        with rerun(page):
            page.get_by_role("option", name="lee", exact=False).click()
        with rerun(page):  # the button's run opens the dialog
            page.locator(".st-key-accounts_remove button").click()
        dialog = page.get_by_role("dialog")
        expect(dialog.get_by_text("계정을 지웁니다")).to_be_visible()
        page.screenshot(path=screenshot_dir / "accounts-remove-1280x720.png")
        with rerun(page):
            dialog.get_by_role("button", name="삭제", exact=True).click()
        expect(page.get_by_text("계정 lee을(를) 지웠습니다")).to_be_visible(timeout=15_000)
        assert "lee" not in accounts(store_url, secrets)

        # The new account signs in in a fresh browser session, and is refused the accounts page.
        other = context.browser.new_context(viewport={"width": 1280, "height": 720}, locale="ko-KR")
        try:
            staff = other.new_page()
            sign_in_at(staff, url, "choi", "choi-password-1")
            expect(staff.locator(".st-key-app_nav").get_by_text("데이터 올리기", exact=False)).to_be_visible()
            expect(staff.locator(".st-key-app_nav").get_by_text("계정", exact=True)).to_have_count(0)
        finally:
            other.close()
    finally:
        context.close()
