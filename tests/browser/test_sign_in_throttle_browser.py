"""Sign-in throttling on a real server, through the path production uses: the browser's address reaches the app as
X-Forwarded-For from a trusted proxy (the test connects from 127.0.0.1, which Streamlit's server, uvicorn, trusts by
default, as it trusts a proxy on the same machine), then st.context.ip_address, then auth.session.sign_in and the
store (store.sign_in_failures).

An attacker guessing the admin's password from one address is slowed, with a Korean message saying how long to wait,
and cannot keep the admin out: the admin, from another address, signs in. The wait outlives a restart of the server.
A spray over many accounts from one address is slowed too. Each burst is one audit entry with its count."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from auth.accounts import add_user
from store import open_store
from store.engine import SQLITE_FILE
from tests.support.accounts import ADMIN
from tests.support.browser import sign_in, signed_in_as, wait_for_app
from tests.support.server import run_streamlit

ATTACKER = "203.0.113.9"
OWNER = "10.20.30.40"
SPRAYER = "198.51.100.77"
WRONG = "not-the-password"
WAIT = re.compile(r"(\d+분 )?\d+초 뒤에 다시 시도해 주세요|\d+분 뒤에 다시 시도해 주세요")


@pytest.fixture
def setup(tmp_path, seeded_store_file):
    secrets = tmp_path / "secrets.toml"
    # A first wait of 10 minutes: the attacker's 25 further tries all fall in it, however slowly this machine runs.
    secrets.write_text("[auth]\nviewers_must_sign_in = false\nsign_in_first_wait_seconds = 600\n", encoding="utf-8")
    add_user(secrets, ADMIN[0], ADMIN[1], "admin", ADMIN[3])
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(seeded_store_file, data / SQLITE_FILE)
    return {"AICD_DATA_DIR": str(data), "STREAMLIT_SECRETS_FILES": str(secrets)}, data / SQLITE_FILE


def from_address(browser, url: str, address: str):
    """A browser whose requests (the page and its websocket) come through the proxy for `address`."""
    context = browser.new_context(locale="ko-KR", extra_http_headers={"X-Forwarded-For": address})
    page = context.new_page()
    page.goto(f"{url}/sign-in", wait_until="commit")
    wait_for_app(page)
    return context, page


def attempt(page, username: str, password: str) -> str:
    """Submit the sign-in form; the error it shows ("" when signed in)."""
    sign_in(page, username, password)
    alerts = page.get_by_test_id("stAlertContentError")
    return alerts.first.get_by_test_id("stMarkdownContainer").inner_text() if alerts.count() else ""


def test_an_attacker_is_slowed_and_the_owner_signs_in_from_elsewhere(browser, setup):
    env, store_file = setup
    with run_streamlit(env=env, app="server.py") as url:
        attacker, page = from_address(browser, url, ATTACKER)
        try:
            told = [attempt(page, ADMIN[0], WRONG) for _ in range(30)]
            assert told[:5] == ["아이디 또는 비밀번호가 맞지 않습니다. 다시 입력해 주세요."] * 5
            for message in told[5:]:  # the 6th try on: not checked, told to wait (up to 10 minutes)
                assert message.startswith("이 아이디의 로그인이 이 컴퓨터에서 여러 번 실패해 잠시 막았습니다."), message
                assert WAIT.search(message), message
            # The right password from the attacker's address waits too …
            assert WAIT.search(attempt(page, ADMIN[0], ADMIN[1]))
            expect(signed_in_as(page, ADMIN[0])).to_have_count(0)
        finally:
            attacker.close()
        # … but the admin, from an address with no failures, signs in at once.
        owner, page = from_address(browser, url, OWNER)
        try:
            sign_in(page, ADMIN[0], ADMIN[1])
            expect(signed_in_as(page, ADMIN[0])).to_be_visible()
        finally:
            owner.close()

    store = open_store(f"sqlite:///{store_file}")
    try:
        log = store.audit_log()
        bursts = log[log["action"] == "login_failed"]
        assert len(bursts) == 1  # 31 tries, one entry
        detail = bursts.iloc[0]["detail"]
        assert (bursts.iloc[0]["user"], detail["address"], detail["failures"], detail["refused"]) == (
            ADMIN[0],
            ATTACKER,
            5,
            26,
        )
        login = log[log["action"] == "login"].iloc[0]
        assert login["detail"]["address"] == OWNER
    finally:
        store.close()

    # A new server on the same store (a restart, or the other replica): the attacker still waits, the spray is slowed.
    with run_streamlit(env=env, app="server.py") as url:
        attacker, page = from_address(browser, url, ATTACKER)
        try:
            assert WAIT.search(attempt(page, ADMIN[0], WRONG))
        finally:
            attacker.close()
        sprayer, page = from_address(browser, url, SPRAYER)
        try:
            told = [attempt(page, f"guess{number:02d}", WRONG) for number in range(1, 14)]
            assert told[:10] == ["아이디 또는 비밀번호가 맞지 않습니다. 다시 입력해 주세요."] * 10
            for message in told[10:]:  # the 11th, 12th and 13th accounts: the whole address waits
                assert message.startswith("이 컴퓨터에서 여러 아이디의 로그인이 실패해 잠시 막았습니다."), message
                assert WAIT.search(message)
        finally:
            sprayer.close()
