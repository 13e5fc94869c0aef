"""The monthly routine (issue #11): each dataset's period rule, period imports and "replace everything", rollback
across a period import, the 기준일 of year-to-date exports, and provenance of a figure made of two uploads."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import clock
from loaders import load_file
from loaders.contract import DATASETS
from loaders.periods import (
    ANNUAL,
    EVERYTHING,
    MONTHLY,
    PERIODS,
    SNAPSHOT,
    Period,
    UnreadablePeriods,
    check_readable,
    describe_periods,
    describe_plan,
    plan_import,
)
from metrics.figures import traced_sum
from metrics.jobs import headline_figures
from present import format as fmt
from present.safe_text import markdown_escape
from store import open_store, row_refs
from tests.support.paths import REPO_ROOT

TODAY = dt.date(2026, 11, 30)


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def loaded(rows: list[list[object]], name: str = "file.xlsx", dataset: str | None = None, **options):
    data = xlsx(rows)
    result = load_file(data, name, dataset, **options)
    assert result.ok, [str(p) for p in result.errors]
    return result, data


# --- the rule of each dataset ---------------------------------------------------------------------------------


def test_every_dataset_names_its_period_and_registers_have_none():
    assert {name: d.period for name, d in DATASETS.items()} == {
        "budget": ("year", "month", "as_of"),
        "jobs": ("month",),
        "companies": ("as_of",),
        "sites": (),
        "targets": ("year",),
        "events": ("date",),
        "reasons": ("month",),
        "agreements": ("as_of",),
        "parcels": (),
        "selections": ("year",),
    }
    for dataset in DATASETS.values():
        assert set(dataset.period) <= {c.name for c in dataset.columns}


JOBS_HEADER = ["기준월", "기업명", "산업분야", "신규채용", "재직자수"]


def test_jobs_a_month_replaces_that_month_and_keeps_the_others():
    stored, _ = loaded(
        [
            JOBS_HEADER,
            ["2026-09", "가", "에너지", 1, 10],
            ["2026-10", "가", "에너지", 2, 12],
            ["2026-10", "나", "에너지", 1, 5],
        ]
    )
    incoming, _ = loaded([JOBS_HEADER, ["2026-10", "가", "에너지", 3, 13], ["2026-11", "가", "에너지", 1, 14]])
    plan = plan_import("jobs", stored.frame, incoming.frame)
    assert plan.keep == (True, False, False)
    assert (plan.replaced, plan.new, plan.kept) == (
        (Period("month", 2026, 10),),
        (Period("month", 2026, 11),),
        (Period("month", 2026, 9),),
    )
    assert (plan.replaced_rows, plan.kept_rows, plan.file_rows, plan.total_rows) == (2, 1, 2, 3)
    assert (
        describe_plan(plan)
        == "2026년 10월 2행을 새 파일의 행으로 바꾸고, 2026년 11월을 새로 더하고, 2026년 9월 1행은 그대로 둡니다."
    )
    assert describe_plan(plan, "en") == (
        "This import replaces the 2 stored rows of Oct 2026 with the file's rows and adds Nov 2026 (2 rows in the file), "
        "and keeps the 1 rows of Sep 2026 as they are."
    )


def test_companies_a_snapshot_replaces_only_its_own_date():
    header = ["기준일", "기업명", "산업분야", "기업가치(억원)"]
    stored, _ = loaded([header, ["2026-06-30", "가", "에너지", 100], ["2026-09-30", "가", "에너지", 120]])
    incoming, _ = loaded([header, ["2026-09-30", "가", "에너지", 130], ["2026-09-30", "나", "에너지", 90]])
    plan = plan_import("companies", stored.frame, incoming.frame)
    assert plan.keep == (True, False)
    assert describe_periods(plan.kept) == "2026. 6. 30. 기준"
    assert (
        describe_plan(plan) == "2026. 9. 30. 기준 1행을 새 파일의 행으로 바꾸고, 2026. 6. 30. 기준 1행은 그대로 둡니다."
    )


def test_targets_by_year_events_by_date_and_registers_whole():
    targets, _ = loaded([["지표", "연도", "목표"], ["jobs_created", 2025, 500], ["jobs_created", 2026, 600]])
    one_year, _ = loaded([["지표", "연도", "목표"], ["jobs_created", 2026, 650], ["companies", 2026, 40]])
    assert plan_import("targets", targets.frame, one_year.frame).keep == (True, False)

    events, _ = loaded([["일자", "내용"], ["2026-03-05", "개소"], ["2026-06-01", "협약"]])
    one_day, _ = loaded([["일자", "내용"], ["2026-06-01", "협약식"]])
    plan = plan_import("events", events.frame, one_day.frame)
    assert plan.keep == (True, False) and describe_periods(plan.kept) == "2026. 3. 5."

    header = ["시설명", "구분", "상태", "위도", "경도"]
    sites, _ = loaded([header, ["A", "데이터센터", "운영", 35.23, 126.84], ["B", "창업동", "공사중", 35.22, 126.85]])
    fewer, _ = loaded([header, ["A", "데이터센터", "운영", 35.23, 126.84]])
    plan = plan_import("sites", sites.frame, fewer.frame, PERIODS)
    assert plan.replace == EVERYTHING and plan.keep == (False, False)  # a register: the file is the register


BUDGET_HEADER = ["연도", "월", "세부사업명", "재원", "예산액(원)", "집행액(원)"]


def test_budget_months_years_and_year_to_date_snapshots():
    stored, _ = loaded(
        [
            BUDGET_HEADER,
            [2025, 12, "가", "국비", 100, 90],
            [2026, 9, "가", "국비", 100, 50],
            [2026, 10, "가", "국비", 100, 40],
        ]
    )
    october = [
        ["(기준일: 2026. 10. 31.)"],
        ["연도", "세부사업명", "재원", "예산현액(원)", "지출액(원)"],
        [2026, "가", "국비", 1200, 900],
    ]
    ytd, _ = loaded(october)
    assert ytd.frame["as_of"].tolist() == [pd.Timestamp("2026-10-31")]
    # A year-to-date export holds the year another way: all of 2026's monthly rows give way, 2025 stays.
    plan = plan_import("budget", stored.frame, ytd.frame)
    assert plan.keep == (True, False, False)
    assert plan.new == () and plan.covered == (Period(SNAPSHOT, 2026, day=dt.date(2026, 10, 31)),)
    assert describe_plan(plan) == "2026년 9~10월 2행을 새 파일의 행으로 바꾸고, 2025년 12월 1행은 그대로 둡니다."

    # The next month's export adds a point and keeps October's.
    after_october = pd.concat([stored.frame.iloc[:1], ytd.frame], ignore_index=True)
    november, _ = loaded([["2026. 11. 30. 기준"], *october[1:2], [2026, "가", "국비", 1200, 1000]])
    plan = plan_import("budget", after_october, november.frame)
    assert plan.keep == (True, True)
    assert plan.new == (Period(SNAPSHOT, 2026, day=dt.date(2026, 11, 30)),)
    assert (
        describe_plan(plan)
        == "2026년(2026. 11. 30. 기준)을 새로 더하고, 2025년 12월, 2026년(2026. 10. 31. 기준) 2행은 그대로 둡니다."
    )

    # A whole-year file (a settled past year) replaces that year, however it was held.
    settled, _ = loaded([["연도", "세부사업명", "재원", "예산액(원)", "집행액(원)"], [2025, "가", "국비", 100, 95]])
    plan = plan_import("budget", after_october, settled.frame)
    assert plan.keep == (False, True) and plan.replaced == (Period(MONTHLY, 2025, 12),)
    assert plan.covered == (Period(ANNUAL, 2025),)


def test_replace_everything_keeps_no_stored_row_but_the_history_keeps_the_versions(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    first, first_data = loaded([JOBS_HEADER, ["2026-09", "가", "에너지", 1, 10], ["2026-10", "가", "에너지", 2, 12]])
    one, one_data = loaded([JOBS_HEADER, ["2026-10", "가", "에너지", 3, 13]])
    v1 = store.save_version(first, first_data, user="kim")
    assert describe_plan(store.plan_import(one, EVERYTHING)) == (
        "저장된 2026년 9~10월 2행을 모두 새 파일의 2026년 10월 1행으로 바꿉니다. 이전 버전은 기록에 그대로 남습니다."
    )
    v2 = store.save_version(one, one_data, user="kim", replace=EVERYTHING)
    assert v2.row_count == 1 and store.frame(v2)["new_hires"].tolist() == [3]
    assert store.frame(v1)["new_hires"].tolist() == [1, 2]
    assert store.audit_log(1)["detail"][0]["replace"] == EVERYTHING


def test_a_budget_year_not_over_needs_a_month_or_a_date():
    annual, _ = loaded(
        [
            ["연도", "세부사업명", "재원", "예산액(원)", "집행액(원)"],
            [2026, "가", "국비", 100, 50],
            [2025, "가", "국비", 100, 95],
        ]
    )
    with pytest.raises(
        UnreadablePeriods, match=r"^2026년 금액에 월도 기준일도 없어 언제 기준의 금액인지 알 수 없습니다"
    ):
        check_readable("budget", annual.frame, TODAY)
    check_readable("budget", annual.frame[annual.frame["year"] == 2025], TODAY)  # a past year: the year's figures
    dated, _ = loaded(
        [["연도", "세부사업명", "재원", "예산액(원)", "집행액(원)"], [2026, "가", "국비", 100, 50]],
        as_of=dt.date(2026, 10, 31),
    )
    check_readable("budget", dated.frame, TODAY)
    assert dated.frame["as_of"].tolist() == [pd.Timestamp("2026-10-31")]


def test_a_companies_file_without_a_date_is_refused_and_a_chosen_date_reads_it():
    rows = [["기업명", "산업분야", "기업가치(억원)"], ["가", "에너지", 100]]
    refused = load_file(xlsx(rows), "c.xlsx", "companies")
    assert not refused.ok and [str(p) for p in refused.errors] == [
        "1행 '기준일' 열: 기준일을 알 수 없습니다. '기준일' 열을 넣거나, 표 위에 '(기준일: 2026. 9. 30.)'처럼 적거나, "
        "올릴 때 기준일을 골라 주세요."
    ]
    chosen, _ = loaded(rows, "c.xlsx", "companies", as_of=dt.date(2026, 9, 30))
    assert chosen.frame["as_of"].tolist() == [pd.Timestamp("2026-09-30")]
    titled, _ = loaded([["기업 현황 (2026년 9월 30일 현재)"], *rows], "c.xlsx", "companies")
    assert titled.frame["as_of"].tolist() == [pd.Timestamp("2026-09-30")]
    wrong = load_file(xlsx([["(기준일: 2026. 2. 30.)"], *rows]), "c.xlsx", "companies")
    assert not wrong.ok and "달력에 없는 날짜" in str(wrong.errors[0])


def test_the_command_line_refuses_an_undated_current_year_and_stores_nothing(tmp_path):
    path = tmp_path / "예산.xlsx"
    path.write_bytes(
        xlsx([["연도", "세부사업명", "재원", "예산액(원)", "집행액(원)"], [clock.today().year, "가", "국비", 100, 50]])
    )
    env = {"AICD_STORE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "loaders", "import", str(path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert (
        done.returncode == 1 and "월도 기준일도 없어" in done.stderr and "아무것도 저장하지 않았습니다" in done.stderr
    )
    assert open_store(env["AICD_STORE_URL"]).latest("budget") is None
    dated = subprocess.run(
        [sys.executable, "-m", "loaders", "import", str(path), "--as-of", "2026-10-31"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert dated.returncode == 0, dated.stderr
    assert dated.stdout.splitlines()[0].endswith("을 새로 더합니다 (새 파일 1행).")


def test_the_command_line_stores_where_url_says_as_every_command_line_does(tmp_path):
    """`--url`, else AICD_STORE_URL, else the secrets, else var/: store.settings.configured_url, as the app and the
    store, auth and briefing commands resolve it."""
    path = tmp_path / "예산.xlsx"
    path.write_bytes(
        xlsx([["연도", "월", "세부사업명", "재원", "예산액(원)", "집행액(원)"], [2026, 3, "가", "국비", 100, 50]])
    )
    chosen, other = f"sqlite:///{tmp_path / 'chosen.sqlite'}", f"sqlite:///{tmp_path / 'env.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-m", "loaders", "import", str(path), "--url", chosen],
        cwd=REPO_ROOT,
        env={"AICD_STORE_URL": other, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert open_store(chosen).latest("budget") is not None and open_store(other).latest("budget") is None


# --- versions built by period imports ---------------------------------------------------------------------------


@pytest.fixture
def two_uploads(tmp_path):
    """Jobs: September and October from one file, then October again and November from another."""
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    first, first_data = loaded(
        [
            JOBS_HEADER,
            ["2026-09", "가", "에너지", 1, 10],
            ["2026-10", "가", "에너지", 2, 12],
            ["2026-09", "나", "헬스케어", 4, 20],
        ],
        "jobs_2026-10.xlsx",
    )
    second, second_data = loaded(
        [JOBS_HEADER, ["2026-10", "가", "에너지", 5, 15], ["2026-11", "가", "에너지", 7, 22]], "jobs_2026-11.xlsx"
    )
    v1 = store.save_version(first, first_data, user="kim")
    v2 = store.save_version(second, second_data, user="lee")
    return store, v1, v2


def test_a_period_import_keeps_the_other_periods_with_their_files_rows(two_uploads):
    store, _v1, v2 = two_uploads
    frame = store.frame(v2)
    assert frame[["company", "new_hires"]].values.tolist() == [["가", 1], ["나", 4], ["가", 5], ["가", 7]]
    # Kept rows point at the first file's Excel rows; the new file's rows are its own Excel rows.
    assert frame["source_row"].tolist() == [row_refs.carried(2, 1), row_refs.carried(4, 1), 2, 3]
    assert [row_refs.origin(r) for r in frame["source_row"]] == [1, 1, None, None]
    assert (v2.row_count, v2.totals) == (4, {"new_hires": 17, "headcount": 67})
    detail = store.audit_log(1)["detail"][0]
    assert (detail["file_rows"], detail["kept_rows"], detail["replaced_rows"]) == (2, 2, 1)


def test_rollback_across_a_period_import_restores_each_version_exactly(two_uploads):
    store, v1, v2 = two_uploads
    v3 = store.rollback("jobs", 1, user="kim")
    pd.testing.assert_frame_equal(store.frame(v3), store.frame(v1), check_exact=True)
    v4 = store.rollback("jobs", 2, user="kim")
    pd.testing.assert_frame_equal(store.frame(v4), store.frame(v2), check_exact=True)
    pd.testing.assert_frame_equal(store.written_rows(v4), store.written_rows(v2))
    # A period import on top of a rollback still finds every file its rows came from.
    third, third_data = loaded([JOBS_HEADER, ["2026-12", "가", "에너지", 1, 23]], "jobs_2026-12.xlsx")
    v5 = store.save_version(third, third_data, user="kim")
    origins = {row_refs.origin(r) for r in store.frame(v5)["source_row"]}
    assert origins == {1, 4, None}
    assert {store.original_file(store.version("jobs", n))[0] for n in (1, 4)} == {
        "jobs_2026-10.xlsx",
        "jobs_2026-11.xlsx",
    }


def test_a_figure_made_of_two_uploads_re_adds_and_names_each_file(two_uploads, monkeypatch):
    store, v1, v2 = two_uploads
    frame = store.frame(v2)
    created = headline_figures(frame, 2026)["created"]
    assert created.value == 17 and traced_sum(created, frame) == 17
    assert {row_refs.origin(r) for r in created.source_rows} == {1, None}

    def dialog(figure):
        from ui.provenance import show_source

        show_source(figure)

    monkeypatch.setenv("AICD_STORE_URL", str(store.engine.url))
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(dialog, args=(created,), default_timeout=60)
    at.secrets["auth"] = {"users": {"kim": {"email": "kim@example.org", "role": "staff", "display_name": "kim"}}}
    at.session_state["auth_signed_in"] = "kim"  # the rows behind a figure are shown to signed-in staff
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    files = [m.value for m in at.markdown if m.value.startswith("**파일 ")]
    # Each file named (escaped: a file name is user data in markdown), oldest upload first.
    assert files == [
        f"**파일 {markdown_escape(v.filename)}** — 버전 {v.number}, {v.created_by}, {fmt.datetime_label(v.created_at, 'ko')} 올림 · 2행"
        for v in (v1, v2)
    ]
    assert markdown_escape("jobs_2026-10.xlsx") != "jobs_2026-10.xlsx"
    tables = [d.value for d in at.dataframe]
    assert [t["엑셀 행"].tolist() for t in tables] == [[2, 4], [2, 3]]
    assert [t["신규채용"].tolist() for t in tables] == [["1", "4"], ["5", "7"]]  # the cells as each file wrote them
    counted = next(c for c in tables[0].columns if c.startswith("집계 값"))
    assert sum(int(v) for t in tables for v in t[counted]) == created.value
    st.cache_data.clear()
    st.cache_resource.clear()


def test_overview_tiles_compare_a_year_to_date_point_with_the_previous_one_only():
    from metrics.overview import budget_tiles

    header = ["연도", "세부사업명", "재원", "예산현액(원)", "지출액(원)"]
    october, _ = loaded([["(기준일: 2026. 10. 31.)"], header, [2026, "가", "국비", 1200, 900]])
    november, _ = loaded([["(기준일: 2026. 11. 30.)"], header, [2026, "가", "국비", 1200, 1000]])
    one = budget_tiles(october.frame, 2026, 10, None)
    assert one["executed"].figure.value == 900 and one["executed"].previous is None and one["rate"].previous is None
    both = pd.concat([october.frame, november.frame], ignore_index=True)
    two = budget_tiles(both, 2026, 11, None)
    assert (two["planned"].figure.value, two["executed"].figure.value, two["executed"].previous.value) == (
        1200,
        1000,
        900,
    )
    assert two["executed"].figure.source_rows == (3,) and two["rate"].previous.value == 0.75


def test_a_budget_file_holding_a_year_by_month_and_in_one_row_is_a_monthly_file():
    """A monthly file may carry a row without a month (e.g. a plan not yet split by month): the year is still held
    by month, so only its months give way, with the year's earlier whole-year rows."""
    stored, _ = loaded(
        [
            BUDGET_HEADER,
            [2026, 9, "가", "국비", 100, 50],
            [2026, 10, "가", "국비", 100, 40],
            [2026, None, "나", "국비", 500, 0],
        ]
    )
    incoming, _ = loaded([BUDGET_HEADER, [2026, 10, "가", "국비", 100, 45], [2026, None, "다", "국비", 70, 0]])
    plan = plan_import("budget", stored.frame, incoming.frame)
    assert plan.keep == (True, False, False)
    assert describe_periods(plan.kept) == "2026년 9월"
