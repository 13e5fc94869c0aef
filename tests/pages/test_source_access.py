"""Issue #36 on the pages (AppTest, a fresh store with the sample): a reader who is not signed in sees a figure's
version, time and formula but neither its rows nor its original file; signed-in staff see both; every opening is in
the 접속기록 with who opened what; an admin finds the 접속기록 download on the audit page."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from streamlit.testing.v1 import AppTest

from store.schema import access_log
from tests.support.apptest import no_exception

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 90
USERS = {
    "kim": {"password_hash": "", "email": "kim@example.org", "role": "staff", "display_name": "김담당"},
    "park": {"password_hash": "", "email": "park@example.org", "role": "admin", "display_name": "박관리"},
}


@pytest.fixture
def page(sample_store):
    def make(file: str, user: str | None = None) -> AppTest:
        at = AppTest.from_file(str(REPO / "views" / file), default_timeout=TIMEOUT)
        at.secrets["auth"] = {"users": USERS}
        if user:
            at.session_state["auth_signed_in"] = user
        return at.run()

    return make


def opened(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(access_log.c.username, access_log.c.action, access_log.c.dataset, access_log.c.file))
        found = [tuple(r) for r in rows]
    engine.dispose()
    return found


def source_rows_shown(at: AppTest) -> bool:
    return any("엑셀 행" in d.value.columns for d in at.dataframe)


def original_buttons(at: AppTest) -> list[str]:
    return [b.key for b in at.get("download_button") if (b.key or "").startswith("source_file_")]


def test_a_reader_not_signed_in_sees_the_formula_and_version_but_no_rows_or_original(page, sample_store):
    at = page("budget.py")
    at.button(key="source_budget_rate").click().run()
    no_exception(at)
    texts = [md.value for md in at.markdown]
    assert any(t.startswith("**집행률 =") for t in texts)  # the formula with its values
    assert any(t.startswith("**예산 집행** 버전 ") and t.endswith(" 올림") and "파일" not in t for t in texts)
    assert "출처의 행(엑셀 행 번호와 적힌 값)과 원본 파일은 로그인한 담당자에게만 보입니다." in [
        c.value for c in at.caption
    ]
    assert not source_rows_shown(at) and original_buttons(at) == []
    assert opened(sample_store) == [("-", "open_source", "budget", "집행률")]


def test_signed_in_staff_see_the_rows_and_the_original_and_the_opening_is_logged(page, sample_store):
    at = page("budget.py", "kim")
    at.button(key="source_budget_rate").click().run()
    no_exception(at)
    assert source_rows_shown(at)
    assert len(original_buttons(at)) == 2  # one per part of the rate (집행액, 예산액)
    assert opened(sample_store) == [("kim", "open_source", "budget", "집행률")]


def test_an_admin_finds_the_access_log_download_on_the_audit_page(page):
    at = page("audit.py", "park")
    no_exception(at)
    assert "audit_access_download" in [b.key for b in at.get("download_button")]
    assert any("접속기록" in md.value for md in at.markdown)
