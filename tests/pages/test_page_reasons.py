"""부진 사유와 대책 on the pages (issue #24), with AppTest on a fresh store seeded with the sample: the overview and
the budget page list each lagging programme's latest 사유·대책; staff write one in the form (a new version with its
audit record, rollback restores the earlier text); viewers never see the form; hostile text stays text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from auth.accounts import hash_password
from store import open_store, seed_sample_data
from tests.support.apptest import no_exception

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 90
TODAY = dt.date(2026, 11, 25)  # the sample's today
PASSWORDS = {"kim": "staff-password", "lee": "viewer-password"}
ROLES = {"kim": ("staff", "김담당"), "lee": ("viewer", "이열람")}


@pytest.fixture(scope="module")
def users() -> dict:
    return {
        name: {"password_hash": hash_password(PASSWORDS[name]), "role": role, "display_name": display}
        for name, (role, display) in ROLES.items()
    }


@pytest.fixture
def app(sample_store, users, monkeypatch):
    monkeypatch.setattr("clock.today", lambda: TODAY)

    def make(page: str, user: str | None = None) -> AppTest:
        at = AppTest.from_file(str(REPO / "views" / page), default_timeout=TIMEOUT)
        at.secrets["auth"] = {"users": users}
        if user:
            at.session_state["auth_signed_in"] = user
        return at.run()

    return make


def reasons_html(at: AppTest) -> str:
    return next(h.value for h in at.html if 'data-testid="reasons-list"' in h.value)


def item(html: str, program: str) -> str:
    start = html.index(f'data-program="{program}"')
    end = html.find('data-testid="reason-item"', start)
    return html[start : end if end > 0 else len(html)]


def test_overview_lists_reasons_for_a_viewer_without_the_form(app):
    at = app("overview.py", "lee")
    no_exception(at)
    html = reasons_html(at)
    first = item(html, "AI 지식산업센터 건립")
    assert "2026년 11월 사유: 시공사 선정 입찰 2회 유찰로 착공이 3개월 늦어짐" in first
    assert "담당: 인공지능산업과" in first
    assert "대책 완료 예정일(2026. 11. 20.) 지남" in item(html, "해외 진출 지원")
    assert len(re.findall('data-testid="reason-item"', html)) == 3  # the three behind their usual pace
    assert not at.get("form") and not at.text_area


def test_budget_page_lists_every_lagging_programme_with_missing_and_overdue(app):
    at = app("budget.py", "lee")
    no_exception(at)
    html = reasons_html(at)
    assert len(re.findall('data-testid="reason-item"', html)) == 3
    lacking = item(html, "문화콘텐츠 AI 실증")
    # November's text is missing: the badge says so, and October's text under it says it is October's (issue #37)
    assert ">2026년 11월 사유 미입력</span>" in lacking
    assert "2026년 10월 사유: 실증 참여기업 협약 지연(2개사 컨소시엄 재구성)" in lacking
    assert "부진 사업 3개 · 2026년 11월 사유 미입력 1개 · 기한 지난 대책 2개" in " ".join(c.value for c in at.caption)
    assert not at.text_area  # viewers never see the form


def test_staff_write_a_reason_which_becomes_a_version_and_rolls_back(app, sample_store):
    at = app("budget.py", "kim")
    no_exception(at)
    at.selectbox(key="budget_reasons_program").set_value("문화콘텐츠 AI 실증").run()  # a choice reruns: the form fills
    at.text_area(key="budget_reasons_reason").input("<b>투자사</b> 심사 지연 =SUM(A1) **굵게**")
    at.text_area(key="budget_reasons_action").input("12월 투자심의위원회 개최\n연내 1차 집행")
    at.text_input(key="budget_reasons_department").input("투자유치과")
    at.button(key="budget_reasons_save").click().run()
    no_exception(at)
    assert any(
        "문화콘텐츠 AI 실증의 2026년 11월 사유·대책을 저장했습니다 (부진 사유·대책 버전 3)" in s.value
        for s in at.success
    )
    html = item(reasons_html(at), "문화콘텐츠 AI 실증")
    assert "2026년 11월 사유: &lt;b&gt;투자사&lt;/b&gt; 심사 지연 =SUM(A1) **굵게**" in html
    assert "12월 투자심의위원회 개최\n연내 1차 집행" in html and "사유 미입력" not in html

    store = open_store(sample_store)
    version = store.latest("reasons")
    assert version.number == 3 and version.created_by.startswith("김담당")
    frame = store.frame(version)
    assert len(frame) == 3 + 3  # October's 3 rows kept; November's 2 and the new one
    audit = store.audit_log()
    assert audit.iloc[0]["action"] == "import" and audit.iloc[0]["dataset"] == "reasons"

    store.rollback("reasons", 2, user="김담당 (kim)")
    again = AppTest.from_file(str(REPO / "views" / "budget.py"), default_timeout=TIMEOUT)
    again.secrets["auth"] = at.secrets["auth"]
    again.session_state["auth_signed_in"] = "lee"
    again.run()
    assert "사유 미입력" in item(reasons_html(again), "문화콘텐츠 AI 실증")


def test_the_form_needs_both_reason_and_action(app, sample_store):
    at = app("budget.py", "kim")
    at.text_area(key="budget_reasons_reason").input("사유만")
    at.text_area(key="budget_reasons_action").input("")  # the form starts from the programme's stored 대책
    at.button(key="budget_reasons_save").click().run()
    assert "부진 사유와 향후 대책을 모두 적어 주세요." in [e.value for e in at.error]
    assert open_store(sample_store).latest("reasons").number == 2


def test_english_labels(app):
    at = AppTest.from_file(str(REPO / "views" / "budget.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    html = reasons_html(at)
    assert "No reason for Nov 2026" in html and "Action overdue (due 20 Nov 2026)" in html


def test_sample_seed_has_two_reason_versions(sample_store):
    store = open_store(sample_store)
    seed_sample_data(store, REPO / "data")
    assert [v.number for v in store.versions("reasons")] == [2, 1]


def test_the_form_starts_from_last_months_text_and_an_unchanged_save_makes_no_version(app, sample_store):
    """Issue #37: the form starts from the programme's latest text, saying whose month it is; saving this month's
    stored text again says so and stores nothing."""
    at = app("budget.py", "kim")
    no_exception(at)
    # 문화콘텐츠 AI 실증 has October's text only: the form starts from it and says so
    at.selectbox(key="budget_reasons_program").set_value("문화콘텐츠 AI 실증").run()
    assert at.text_area(key="budget_reasons_reason").value == "실증 참여기업 협약 지연(2개사 컨소시엄 재구성)"
    assert at.text_area(key="budget_reasons_action").value == "원인 파악 후 집행계획 재수립 중"
    assert at.text_input(key="budget_reasons_department").value == "문화콘텐츠과"
    assert at.date_input(key="budget_reasons_due").value == dt.date(2026, 10, 11)
    assert "2026년 10월에 적은 글로 채웠습니다. 2026년 11월에도 맞는지 확인하고 고쳐서 저장하세요." in [
        c.value for c in at.caption
    ]
    # AI 지식산업센터 건립 has November's text: saving it unchanged makes no version
    at.selectbox(key="budget_reasons_program").set_value("AI 지식산업센터 건립").run()
    assert at.text_area(key="budget_reasons_reason").value == "시공사 선정 입찰 2회 유찰로 착공이 3개월 늦어짐"
    assert "2026년 11월에 저장된 글입니다. 고쳐서 저장하면 새 버전이 됩니다." in [c.value for c in at.caption]
    at.button(key="budget_reasons_save").click().run()
    no_exception(at)
    assert [i.value for i in at.info] == [
        "AI 지식산업센터 건립의 2026년 11월 사유·대책이 저장된 내용과 같아 새 버전을 만들지 않았습니다 "
        "(부진 사유·대책 버전 2 그대로)."
    ]
    assert not at.success
    store = open_store(sample_store)
    assert [v.number for v in store.versions("reasons")] == [2, 1]
