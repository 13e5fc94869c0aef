"""The staff pages' tables: exact money, Korea time, "–" for empty cells, English labels."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from loaders.problems import Problem
from metrics.changes import compare_versions
from ui import data_admin as views


def test_korea_time_is_utc_plus_nine():
    assert views.korea_time(dt.datetime(2026, 11, 25, 9, 28, tzinfo=dt.UTC)) == "2026. 11. 25. 18:28"
    assert views.korea_time(dt.datetime(2026, 12, 31, 15, 5)) == "2027. 1. 1. 00:05"  # naive = UTC
    assert views.korea_time(dt.datetime(2026, 11, 25, 9, 28, tzinfo=dt.UTC), "en") == "25 Nov 2026 18:28"


def test_cell_text_is_exact_and_readable():
    assert views.cell_text("budget", "planned_krw", 161_937_000_000, "ko") == "161,937,000,000원"
    assert views.cell_text("budget", "planned_krw", 161_937_000_000, "en") == "KRW 161,937,000,000"
    assert views.cell_text("jobs", "month", pd.Timestamp("2026-03-01"), "ko") == "2026년 3월"
    assert views.cell_text("companies", "as_of", pd.Timestamp("2026-09-30"), "ko") == "2026. 9. 30."
    assert views.cell_text("budget", "month", pd.NA, "ko") == "–"
    assert views.cell_text("jobs", "headcount", 12345, "ko") == "12,345"


def test_rows_table_keeps_money_numeric_and_shows_dashes_for_empty_cells():
    frame = pd.DataFrame(
        {
            "year": pd.array([2024, 2025], dtype="Int64"),
            "month": pd.array([None, None], dtype="Int64"),
            "planned_krw": pd.array([3_339_000_000, 1], dtype="Int64"),
            "source_row": pd.array([5, 6], dtype="int64"),
        }
    )
    table, config = views.rows_table("budget", frame, "ko")
    assert list(table.columns) == ["연도", "월", "예산액", "엑셀 행"]
    assert table["월"].tolist() == ["–", "–"]
    assert table["예산액"].tolist() == [3_339_000_000, 1]
    assert config["예산액"]["type_config"]["format"] == "%,d원"
    english, _ = views.rows_table("budget", frame, "en")
    assert list(english.columns) == ["Year", "Month", "Planned", "Excel row"]


def test_problems_table_lists_file_problems_first_then_by_row():
    table = views.problems_table([Problem("b", 9, "월"), Problem("a"), Problem("c", 3, "집행액")], "ko")
    assert table.values.tolist() == [["", "", "a"], ["3", "집행액", "c"], ["9", "월", "b"]]


def test_totals_table_shows_signed_exact_differences():
    before = pd.DataFrame(
        {
            "year": pd.array([2025], dtype="Int64"),
            "program": ["가"],
            "source": ["국비"],
            "planned_krw": pd.array([1_000], dtype="Int64"),
            "executed_krw": pd.array([500], dtype="Int64"),
        }
    )
    after = before.assign(planned_krw=pd.array([900], dtype="Int64"), executed_krw=pd.array([500], dtype="Int64"))
    table = views.totals_table("budget", compare_versions("budget", before, after), "ko")
    assert table.values.tolist() == [
        ["예산액", "1,000원", "900원", "-100원"],
        ["집행액", "500원", "500원", "0원"],
        ["행 수", "1", "1", "0"],
    ]
    first = views.totals_table("budget", compare_versions("budget", None, after), "ko")
    assert first.values.tolist()[0] == ["예산액", "–", "900원", "+900원"]


def test_audit_details_in_a_line():
    assert views.detail_text({"filename": "a.xlsx", "rows": 1608, "sha256": "x"}, "ko") == "파일 a.xlsx · 1,608행"
    assert (
        views.detail_text({"reason": "unknown_user", "method": "local"}, "ko")
        == "사유: 없는 아이디 · 방식: 아이디·비밀번호"
    )
    assert views.detail_text({"restored": 1, "replaced": 2, "filename": "b.csv"}, "en") == (
        "content of version 1 (replacing 2) · file b.csv"
    )
    burst = {"method": "local", "reason": "wrong_password", "address": "203.0.113.9", "failures": 5, "refused": 26}
    assert views.detail_text(burst, "ko") == (
        "사유: 비밀번호 틀림 · 방식: 아이디·비밀번호 · 5회 실패 · 대기 중 26회 거절 · 주소 203.0.113.9"
    )
    assert views.detail_text({**burst, "refused": 0, "ended": "signed_in"}, "en") == (
        "reason: wrong password · method: username and password · 5 failures · then signed in · address 203.0.113.9"
    )


def test_spreadsheet_datasets_have_templates():
    from loaders.templates import template_xlsx

    names = views.spreadsheet_datasets()
    assert {"budget", "jobs", "companies", "sites", "targets", "events"} <= set(names)
    assert all(template_xlsx(name)[:2] == b"PK" for name in names)
