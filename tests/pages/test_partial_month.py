"""A month that has not ended is not closed (issue #37): a December file uploaded on 8 December (the clock set
through clock.py) is said to be partial in the preview, and the budget page counts 11 months and 8 days elapsed,
not 12, with a year-end range that is not a point."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from auth.accounts import hash_password
from present import format as fmt
from present.safe_text import unescape
from store import open_store
from tests.support.apptest import no_exception, texts

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60
MORNING = dt.datetime(2026, 12, 8, 8, 30, tzinfo=ZoneInfo("Asia/Seoul"))  # 7 December, 23:30 in UTC
LABELS = {
    "year": "연도",
    "month": "월",
    "phase": "단계",
    "strategy": "추진전략",
    "program": "세부사업명",
    "source": "재원",
    "planned_krw": "예산액(원)",
    "executed_krw": "집행액(원)",
}


@pytest.fixture
def staff_secrets() -> dict:
    return {"users": {"kim": {"password_hash": hash_password("pw"), "role": "staff", "display_name": "김담당"}}}


def december_file(store) -> tuple[bytes, int]:
    """The sample's 2026 December rows with 30% of each planned amount spent so far: (CSV bytes, executed)."""
    frame = store.frame(store.latest("budget"))
    december = frame[(frame["year"] == 2026) & (frame["month"] == 12)].copy()
    december["executed_krw"] = december["planned_krw"] * 3 // 10
    table = december[list(LABELS)].rename(columns=LABELS)
    return table.to_csv(index=False).encode("utf-8"), int(december["executed_krw"].sum())


def test_a_december_file_uploaded_on_8_december_is_a_partial_month(sample_store, staff_secrets, monkeypatch):
    monkeypatch.setattr("clock.now", lambda: MORNING)
    store = open_store(sample_store)
    data, _ = december_file(store)

    at = AppTest.from_file(str(REPO / "views" / "upload.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = staff_secrets
    at.session_state["auth_signed_in"] = "kim"
    at.run()
    at.file_uploader[0].set_value(("budget_2026-12.csv", data, "text/csv"))
    at.run()
    no_exception(at)
    assert texts(at.warning) == (
        "2026년 12월은 아직 끝나지 않은 달입니다(오늘 2026. 12. 8.). 이 파일의 그 달 금액은 2026. 12. 8.까지의 집행으로 "
        "보고, 경과율·진도·연말 예상도 2026. 12. 8. 기준(11개월 8일)으로 계산합니다. 달이 끝나면 그 달 전체 자료를 "
        "다시 올려 주세요."
    )
    at.button(key="upload_confirm").click().run()
    no_exception(at)
    latest = store.latest("budget")
    assert latest.filename == "budget_2026-12.csv"
    assert latest.created_at == dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC) and latest.uploaded_on == dt.date(
        2026, 12, 8
    )

    page = AppTest.from_file(str(REPO / "views" / "budget.py"), default_timeout=TIMEOUT).run()
    no_exception(page)
    share = Fraction(11 * 31 + 8, 31 * 12)  # 11 months and 8 of December's 31 days, of 12 months
    context = next(unescape(c.value) for c in page.caption if c.value.startswith("2026년 · 자료 기준"))
    assert context == (
        f"2026년 · 자료 기준 2026. 12. 8. · 연간 경과율 {fmt.percent(float(share))} (11개월 8일 ÷ 12개월) · "
        "2026년 12월은 아직 끝나지 않은 달로, 8일까지의 집행입니다"
    )
    assert fmt.percent(float(share)) == "93.8%"  # not 100.0%
    span = next(unescape(c.value) for c in page.caption if c.value.startswith("범위 "))
    low, high = (float(v) for v in re.fullmatch(r"범위 ([\d.]+)~([\d.]+)% \(80% 예측 구간\)", span).groups())
    assert low < high  # a range, not a point such as "88.4~88.4%"
    tiles = {unescape(m.label): unescape(m.value) for m in page.metric}
    point = float(tiles["연말 예상 집행률"].rstrip("%"))
    assert low <= point <= high
