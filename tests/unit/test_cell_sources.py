"""Every number in an aggregated table offers its source: the figure behind a cell equals the cell, and the rows
it lists add up to it. Checked cell by cell on the sample data and on messy fixtures (title rows, unit notes,
소계/합계 rows, CP949)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from loaders import load_file
from metrics import budget as budget_m
from metrics import jobs as jobs_m
from metrics import pipeline as pipeline_m
from metrics.figures import COUNT, GIVEN, SUM, Figure, traced_sum
from metrics.selections import staged
from program import load_program

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _load(path: Path) -> pd.DataFrame:
    return load_file(path.read_bytes(), path.name).frame


def _same(shown: object, figure: Figure) -> bool:
    if pd.isna(shown):
        return figure.value is None or pd.isna(figure.value)
    return figure.value == shown  # exact: the same won, the same float from the same exact fraction


def _traces(figure: Figure, frame: pd.DataFrame) -> None:
    """Every summed or counted part of `figure` re-adds from its listed rows to its value."""
    if figure.kind in (SUM, COUNT):
        assert traced_sum(figure, frame) == figure.value
    elif figure.kind != GIVEN:
        for part in figure.parts:
            _traces(part, frame)


BUDGET_CASES = {
    "sample": (REPO / "data" / "budget.xlsx", 2026, dt.date(2026, 11, 30)),
    "ehojo": (FIXTURES / "budget_ehojo_style.xlsx", 2025, dt.date(2025, 12, 31)),
    "mid_year": (REPO / "data" / "budget.xlsx", 2026, dt.date(2026, 6, 15)),
}


@pytest.fixture(params=list(BUDGET_CASES), scope="module")
def budget_case(request):
    path, year, as_of = BUDGET_CASES[request.param]
    return budget_m.prepare(_load(path), load_program()), year, as_of


def test_programme_and_lagging_table_cells(budget_case):
    budget, year, as_of = budget_case
    rows = budget[budget["year"] == year]
    table = budget_m.rates_by(rows, ["strategy", "program"], year, as_of)
    assert len(table) > 0
    for _, shown in table.iterrows():
        group = budget_m.group_rows(rows, {"strategy": shown["strategy"], "program": shown["program"]})
        figures = budget_m.year_figures(group, year, as_of)
        for column in (
            "planned_krw",
            "executed_krw",
            "rate",
            "gap",
            "pace_krw",
            "shortfall_krw",
            "projected_krw",
            "projected_rate",
        ):
            assert _same(shown[column], figures[column]), (shown["program"], column)
            _traces(figures[column], budget)
        assert set(figures["executed_krw"].source_rows) == set(shown["source_rows"])


def test_headline_figures_equal_the_year_summary(budget_case):
    budget, year, as_of = budget_case
    summary = budget_m.summarise(budget, year, as_of)
    figures = budget_m.year_figures(budget, year, as_of)
    assert (figures["planned_krw"].value, figures["executed_krw"].value) == (summary.planned, summary.executed)
    assert (figures["rate"].value, figures["gap"].value) == (summary.rate, summary.gap)
    assert (figures["projected_krw"].value, figures["projected_rate"].value) == (
        summary.projected,
        summary.projected_rate,
    )


def test_phase_and_source_table_cells(budget_case):
    budget, _, _ = budget_case
    table = budget_m.phase_source_totals(budget, ("국비", "시비", "민자"))
    for _, shown in table.iterrows():
        figures = budget_m.total_figures(
            budget_m.group_rows(budget, {"phase": shown["phase"], "source": shown["source"]})
        )
        for column in ("planned_krw", "executed_krw", "rate"):
            assert _same(shown[column], figures[column]), (shown["phase"], shown["source"], column)
            _traces(figures[column], budget)


def test_monthly_curve_table_cells(budget_case):
    budget, year, as_of = budget_case
    curve = budget_m.monthly_curve(budget, year, as_of)
    for _, shown in curve.iterrows():
        for column in ("planned_krw", "executed_krw", "cum_planned_krw", "cum_executed_krw", "pace_krw"):
            figure = budget_m.curve_figure(budget, year, as_of, int(shown["month"]), column)
            if figure is None:  # a month after the as-of date has no cumulative executed
                assert pd.isna(shown[column]) and column == "cum_executed_krw"
                continue
            assert _same(shown[column], figure), (shown["month"], column)
            _traces(figure, budget)


def test_monthly_curve_usual_pace_cells_on_the_sample():
    """The usual-pace column of the monthly table: each cell is the year's planned × the profile's expected rate."""
    from loaders import load_file
    from metrics.pace import PaceBook
    from program import load_program

    program = load_program()
    frame = load_file((REPO / "data" / "budget.xlsx").read_bytes(), "budget.xlsx", dataset="budget").frame
    budget = budget_m.prepare(frame, program)
    as_of = dt.date(2026, 11, 30)
    profile = PaceBook(budget, 2026, program.pace).total()
    assert profile.learned
    curve = budget_m.monthly_curve(budget, 2026, as_of, profile)
    for _, shown in curve.iterrows():
        figure = budget_m.curve_figure(budget, 2026, as_of, int(shown["month"]), "expected_krw", profile)
        assert figure is not None and figure.value == shown["expected_krw"]
        annual, expected = figure.parts
        assert annual.value == budget.loc[budget["year"] == 2026, "planned_krw"].sum()
        assert expected.value == float(profile.expected_rate(int(shown["month"])))


def test_a_pace_figure_states_its_product():
    rows = pd.DataFrame(
        {
            "year": [2026, 2026],
            "month": [1, 2],
            "planned_krw": [600, 601],
            "executed_krw": [100, 0],
            "source_row": [4, 5],
        }
    )
    figures = budget_m.year_figures(rows, 2026, dt.date(2026, 3, 31))
    pace = figures["pace_krw"]
    assert pace.value == 300  # 1,201 × 3/12 = 300.25 → 300 won
    assert [p.value for p in pace.parts] == [1201, 0.25]
    assert figures["shortfall_krw"].value == 200 and [p.key for p in figures["shortfall_krw"].parts] == [
        "figure.pace_amount",
        "figure.executed_to_date",
    ]


JOBS_CASES = {"sample": REPO / "data" / "jobs.csv", "fixture": FIXTURES / "jobs_monthly.csv"}


@pytest.fixture(params=list(JOBS_CASES), scope="module")
def jobs_case(request):
    jobs = _load(JOBS_CASES[request.param])
    return jobs, int(jobs["month"].dt.year.max())


def test_jobs_monthly_table_cells(jobs_case):
    jobs, year = jobs_case
    for _, shown in jobs_m.monthly_totals(jobs, year).iterrows():
        for column in ("new_hires", "headcount", "local_hires", "cumulative_new_hires"):
            figure = jobs_m.monthly_figure(jobs, year, shown["month"], column)
            if pd.isna(shown[column]):  # no row of the month reports it: the figure sums nothing
                assert figure.value == 0 and column == "local_hires"
                continue
            assert figure.value == shown[column], (shown["month"], column)
            _traces(figure, jobs)


@pytest.mark.parametrize("measure", ["new_hires", "headcount"])
def test_jobs_company_month_table_cells(jobs_case, measure):
    jobs, year = jobs_case
    table = jobs_m.company_month_table(jobs, year, measure)
    months = [c for c in table.columns if isinstance(c, pd.Timestamp)]
    for _, shown in table.iterrows():
        for month in [*months, None] if measure == "new_hires" else months:
            figure = jobs_m.company_month_figure(jobs, year, shown["company"], month, measure)
            value = shown["total" if month is None else month]
            assert (figure.value == value) if not pd.isna(value) else not figure.source_rows, (shown["company"], month)
            _traces(figure, jobs)


def test_jobs_local_share_table_cells(jobs_case):
    jobs, year = jobs_case
    for _, shown in jobs_m.local_share_by_sector(jobs, year).iterrows():
        for column in ("new_hires", "local_hires", "share"):
            figure = jobs_m.local_share_figure(jobs, year, shown["sector"], column)
            if column == "share":
                assert figure.value == pytest.approx(shown["share"], rel=1e-15)
            else:
                assert figure.value == shown[column]
            _traces(figure, jobs)


def test_jobs_headcount_changes_of_top_employers_and_losses(jobs_case):
    jobs, year = jobs_case
    top = jobs_m.top_employers(jobs, year)
    for _, shown in top.iterrows():
        figure = jobs_m.headcount_change_figure(jobs, shown["company"], shown["month"])
        if pd.isna(shown["change"]):
            assert not figure.parts[1].source_rows  # no row the month before
        else:
            assert figure.value == shown["change"]
        _traces(figure, jobs)
    for _, shown in jobs_m.job_losses(jobs, year).iterrows():
        figure = jobs_m.headcount_change_figure(jobs, shown["company"], shown["month"])
        assert figure.value == shown["change"] < 0
        assert [p.source_rows for p in figure.parts] == [(shown["source_row"],), (shown["previous_source_row"],)]


COMPANY_CASES = {"sample": REPO / "data" / "companies.csv", "cp949": FIXTURES / "companies_cp949.csv"}


def _staged_companies(path: Path) -> pd.DataFrame:
    """A companies file staged by its K-Unicorn selections (#35): the sample's own, none for the fixture."""
    selections = _load(REPO / "data" / "selections.csv") if path.parent.name == "data" else None
    return staged(_load(path), selections)


@pytest.mark.parametrize("case", list(COMPANY_CASES))
def test_pipeline_sector_stage_table_cells(case):
    companies = _staged_companies(COMPANY_CASES[case])
    program = load_program()
    for as_of in pipeline_m.as_of_dates(companies):
        by_sector = pipeline_m.stage_by_sector(companies, as_of, program)
        for _, shown in by_sector.iterrows():
            figure = pipeline_m.stage_figure(companies, as_of, shown["sector"], shown["stage"])
            assert figure.value == shown["companies"]
            _traces(figure, companies)
        for sector, group in by_sector.groupby("sector"):
            assert pipeline_m.stage_figure(companies, as_of, sector, None).value == int(group["companies"].sum())


# --- in the app: a click on a cell opens its source ------------------------------------------------------------


STAFF = {"kim": {"password_hash": "", "email": "kim@example.org", "role": "staff", "display_name": "김담당"}}


def _as_staff(page: str) -> AppTest:
    """The page for signed-in staff: the rows behind a figure are shown to staff only (viewers see its version)."""
    app = AppTest.from_file(str(REPO / "views" / page), default_timeout=90)
    app.secrets["auth"] = {"users": STAFF}
    app.session_state["auth_signed_in"] = "kim"
    return app.run()


def _click_cell(app: AppTest, key: str, row: int, column: str) -> AppTest:
    """What a click on a table cell does in the browser: the dataframe's single-cell selection, then a rerun.
    `key` is the table's own key; the grid's key in use (content digest, sources opened) is looked up."""
    current = app.session_state[f"_{key}_current"]
    app.session_state[current] = {"selection": {"rows": [], "columns": [], "cells": [[row, column]]}}
    return app.run()


def _source_rows(app: AppTest) -> pd.DataFrame:
    return next(d.value for d in reversed(app.dataframe) if "엑셀 행" in d.value.columns)


def test_budget_phase_cell_opens_once_and_a_name_cell_has_no_source(sample_store):
    app = _as_staff("budget.py")
    table = next(d.value for d in app.dataframe if list(d.value.columns[:2]) == ["단계", "재원"])
    row = int(table.index[(table["재원"] == "국비")][0])
    _click_cell(app, "budget_phases_table", row, "예산액 (원)")
    assert not app.exception
    budget = _load(REPO / "data" / "budget.xlsx")
    phase = 1 if table.iloc[row]["단계"].startswith("1") else 2
    phase_years = budget["year"].between(2020, 2024) if phase == 1 else budget["year"].between(2025, 2029)
    mine = budget[phase_years & (budget["source"] == "국비")]
    rows = _source_rows(app)
    assert sorted(rows["엑셀 행"].astype(int)) == sorted(mine["source_row"])
    assert (
        int(rows["집계 값(원)"].astype("int64").sum())
        == int(mine["planned_krw"].sum())
        == int(table.iloc[row]["예산액 (원)"])
    )
    planned = int(mine["planned_krw"].sum())
    heading = f"**{table.iloc[row]['단계']} · 국비 · 예산액 (원)** — 예산액(전 연도) = {planned:,}원"
    assert heading in [m.value for m in app.markdown]
    shown_before = len(app.dataframe)
    app.run()  # closing the dialog reruns: the table is drawn afresh (a new key), no cell selected
    assert len(app.dataframe) == shown_before - 1
    _click_cell(app, "budget_phases_table", row, "예산액 (원)")  # the same cell again: its source again
    assert len(app.dataframe) == shown_before and heading in [m.value for m in app.markdown]
    app.run()
    assert len(app.dataframe) == shown_before - 1
    _click_cell(app, "budget_phases_table", row, "재원")
    assert not app.exception and any("출처가 없습니다" in toast.value for toast in app.toast)


def test_jobs_company_month_cell_opens_the_company_row(sample_store):
    app = _as_staff("jobs.py")
    table = next(d.value for d in app.dataframe if "합계" in d.value.columns and "기업명" in d.value.columns)
    row = 0
    _click_cell(app, "jobs_by_company", row, "합계")
    assert not app.exception
    rows = _source_rows(app)
    assert int(rows["집계 값(명)"].astype("int64").sum()) == int(table.iloc[row]["합계"])
    jobs = _load(REPO / "data" / "jobs.csv")
    mine = jobs[(jobs["company"] == table.iloc[row]["기업명"]) & (jobs["month"].dt.year == 2026)]
    assert sorted(rows["엑셀 행"].astype(int)) == sorted(mine["source_row"])


def test_pipeline_stage_cell_lists_the_companies_counted(sample_store):
    app = _as_staff("pipeline.py")
    table = next(d.value for d in app.dataframe if "예비유니콘" in d.value.columns)
    row = int(table["예비유니콘"].astype(int).idxmax())
    _click_cell(app, "pipeline_stages", row, "예비유니콘")
    assert not app.exception
    rows = _source_rows(app)
    assert len(rows) == int(table.iloc[row]["예비유니콘"]) > 0


def test_a_programme_table_cell_offers_rows_that_sum_to_it(sample_store):
    app = _as_staff("budget.py")
    table = next(d.value for d in app.dataframe if "연말 예상액 (원)" in d.value.columns)
    row = int(table.index[table["세부사업"] == "AX 실증 인프라"][0])
    _click_cell(app, "budget_programs_table", row, "집행액 (원)")
    assert not app.exception
    budget = _load(REPO / "data" / "budget.xlsx")
    mine = budget[(budget["year"] == 2026) & (budget["program"] == "AX 실증 인프라")]
    rows = _source_rows(app)
    assert sorted(rows["엑셀 행"].astype(int)) == sorted(mine["source_row"])
    assert (
        int(rows["집계 값(원)"].astype("int64").sum())
        == int(mine["executed_krw"].sum())
        == int(table.iloc[row]["집행액 (원)"])
    )


def test_a_clicked_cell_is_named_by_the_text_cells_left_of_it():
    from present.xlsx import row_label

    frame = pd.DataFrame(
        {"순위": [1], "기업명": ["<b>광주AI</b>"], "분야": ["에너지"], "재직자": [12], "비율": ["81%"]}
    )
    assert row_label(frame, 0, "재직자") == "<b>광주AI</b> · 에너지"  # the rank (a number) names nothing
    assert row_label(frame, 0, "비율") == "<b>광주AI</b> · 에너지"  # figures written as text are right of the names
    assert row_label(frame, 0, "기업명") == ""


# --- what changed: a difference cell lists the rows of both versions --------------------------------------------


def test_change_table_cells_trace_to_the_rows_of_each_version():
    from metrics.what_changed import change_figure, summarise

    before = _load(FIXTURES / "budget_ehojo_style.xlsx")
    after = before.copy()
    after.loc[after.index[0], "executed_krw"] += 1_000_000_000
    after = after.drop(after.index[1])
    summary = summarise("budget", before, after)
    for _, shown in summary.by_program.iterrows():
        for column in [c for c in summary.by_program.columns if c != "program"]:
            figure = change_figure("budget", before, after, (1, 2), "program", shown["program"], column)
            assert figure.value == shown[column], (shown["program"], column)
            leaves = figure.parts or (figure,)
            frames = {1: before, 2: after}  # a difference is after − before: its parts are (after, before)
            assert [leaf.version for leaf in leaves] == (
                [2, 1] if figure.parts else [1 if column.endswith("_before") else 2]
            )
            for leaf in leaves:
                assert traced_sum(leaf, frames[leaf.version]) == leaf.value

    jobs_before = _load(FIXTURES / "jobs_monthly.csv")
    jobs_after = jobs_before.copy()
    latest = jobs_after.index[jobs_after["month"] == jobs_after["month"].max()][0]
    jobs_after.loc[latest, "headcount"] -= 3
    by_sector = summarise("jobs", jobs_before, jobs_after).by_sector
    for _, shown in by_sector.iterrows():
        for column in [c for c in by_sector.columns if c != "sector"]:
            figure = change_figure("jobs", jobs_before, jobs_after, (4, 5), "sector", shown["sector"], column)
            assert figure.value == shown[column], (shown["sector"], column)


def test_changes_page_difference_cell_opens_rows_of_both_versions(sample_store):
    import streamlit as st

    from store import open_store

    app = _as_staff("changes.py")
    store = open_store()
    data = (REPO / "data" / "budget.xlsx").read_bytes()
    changed = load_file(data, "budget.xlsx")
    program = changed.frame.loc[0, "program"]
    changed.frame.loc[0, "executed_krw"] += 1_234_000
    sample = store.latest("budget")
    saved = store.save_version(changed, data, user="홍길동")
    st.cache_data.clear()
    app.segmented_control(key="changes_mode").set_value("versions").run()
    table = next(d.value for d in app.dataframe if "세부사업" in d.value.columns)
    row = list(table["세부사업"]).index(program)  # the position in the table (its index is the sort order)
    _click_cell(app, "changes_by_program", row, "집행액 · 차이 (원)")
    assert not app.exception
    text = [m.value for m in app.markdown]
    assert any(m.startswith("**차이 = 새 버전의 값 − 이전 버전의 값 =") and m.endswith("= 123만원**") for m in text)
    versions = [m for m in text if "버전" in m and "올림" in m]
    assert any(f"버전 {saved.number}" in m and "홍길동" in m for m in versions)
    assert any(f"버전 {sample.number}" in m for m in versions)


def test_jobs_and_pipeline_headline_figures_trace_on_sample_and_fixtures(jobs_case):
    jobs, year = jobs_case
    for figure in jobs_m.headline_figures(jobs, year).values():
        _traces(figure, jobs)
    assert jobs_m.headline_figures(jobs, year)["created"].value == jobs_m.jobs_created(jobs, year)
    for path in COMPANY_CASES.values():
        companies = _staged_companies(path)
        for as_of in pipeline_m.as_of_dates(companies):
            figures = pipeline_m.stage_figures(companies, as_of, load_program())
            assert figures["total"].value == len(pipeline_m.snapshot(companies, as_of))
            for figure in figures.values():
                _traces(figure, companies)
