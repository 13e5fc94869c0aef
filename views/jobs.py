"""일자리: jobs created against the yearly target, headcount, local hires, top employers, job losses.

The page renders `present.jobs_view.JobsView`, built once per data version and selection for every viewer."""

from __future__ import annotations

from functools import cache

import pandas as pd
import streamlit as st

from auth.roles import Page
from metrics import jobs as m
from metrics.figures import Figure
from present import agreements_view, clock, jobs_page
from present import jobs_view as view_model
from present.jobs_view import JobsTable, JobsTile
from ui import filters
from ui.chart_export import chart_with_download
from ui.export import show_table
from ui.i18n import t
from ui.page import page_setup
from ui.provenance import CellFigure, by_column, source_button

ctx = page_setup("nav.jobs", Page.JOBS)
lang = ctx.lang
jobs = ctx.frame("jobs")
targets = ctx.frame("targets")
if jobs is None or jobs.empty:
    st.info(t("data.empty"))
    st.stop()


# Filters ------------------------------------------------------------------------------------------------------
choices = ctx.shared(view_model.jobs_filters, jobs, clock.today())
col_year, col_sector, col_company = st.columns([1, 2, 2])
year = filters.select_one(  # the year is shared with the other pages and kept in the URL (?year=)
    "year",
    list(choices.years),
    t("jobs.filter.year"),
    "jobs_year",
    default=choices.default_year,
    format_func=lambda y: t("jobs.year_value", year=y),
    container=col_year,
)
sectors: list[str] = col_sector.multiselect(
    t("jobs.filter.sectors"),
    list(choices.sectors),
    placeholder=t("jobs.filter.sectors_placeholder"),
    key="jobs_sectors",
)
company_options = list(ctx.shared(view_model.company_choices, jobs, tuple(sectors)))
if st.session_state.get("jobs_company") not in company_options:
    st.session_state["jobs_company"] = None
company: str | None = col_company.selectbox(
    t("jobs.filter.company"),
    company_options,
    index=None,
    placeholder=t("jobs.filter.company_placeholder"),
    key="jobs_company",
)
built = ctx.shared_view(jobs_page.build_jobs_page, jobs, targets, year, tuple(sectors), company, lang)
if built is None:
    st.info(t("jobs.no_rows"))
    st.stop()
assert built is not None  # st.stop() ends the run
view, specs = built.view, built.charts


@cache
def selected_rows() -> pd.DataFrame:
    """The selection's rows, for the figure behind a table cell (read only when a cell's source is opened)."""
    assert jobs is not None
    return m.filtered(jobs, sectors, company)


def cell_source(spec: JobsTable, measure: str = "") -> CellFigure:
    def figure(row: int, column: str) -> Figure:
        return view_model.cell_figure(view, selected_rows(), spec.key, row, column, measure)

    return by_column(spec.figure_columns, figure)


def table(spec: JobsTable, measure: str = "") -> None:
    """A table of this page with its Excel download (`ui.export.show_table`)."""
    show_table(
        spec.frame if spec.shown is None else spec.shown,
        key=spec.key,
        contains=("jobs",),
        sheet_name=spec.sheet,
        download_label=t("jobs.download"),
        export=spec.export,
        number_formats=spec.number_formats,
        right_aligned=spec.right_aligned,
        download_only=spec.download_only,
        signed_columns=spec.signed_columns,
        height=spec.height,
        cell_source=cell_source(spec, measure) if spec.figure_columns else None,
    )


def show_tile(tile: JobsTile) -> None:
    st.metric(
        tile.label,
        tile.value,
        tile.delta,
        delta_description=tile.delta_description,
        delta_color=tile.delta_color,
        delta_arrow=tile.delta_arrow,
        help=tile.help,
        border=True,
    )
    source_button(tile.source.figure, tile.source.key, tile.source.label)


# Headline -----------------------------------------------------------------------------------------------------
for column, tile in zip(st.columns(len(view.tiles)), view.tiles, strict=True):
    with column:
        show_tile(tile)
st.caption(view.notes)
if view.missing:
    st.warning(view.missing)

# Cumulative against target --------------------------------------------------------------------------------------
st.subheader(t("jobs.section.progress"))
chart_with_download(specs["cumulative"], key="jobs_cumulative_chart")

# Monthly by sector / by company ---------------------------------------------------------------------------------
st.subheader(t("jobs.section.monthly"))
tab_sector, tab_company = st.tabs([t("jobs.tab.by_sector"), t("jobs.tab.by_company")])
with tab_sector:
    left, right = st.columns(2)
    with left:
        chart_with_download(specs["new_hires"], key="jobs_new_hires_chart")
    with right:
        chart_with_download(specs["headcount"], key="jobs_headcount_chart")
    with st.expander(t("chart.table.by_sector")):  # the two charts' numbers (#17)
        table(view.sector_table)
    table(view.monthly_table)
with tab_company:
    measure = (
        st.segmented_control(
            t("jobs.company_table.measure"),
            list(view_model.MEASURES),
            default="new_hires",
            format_func=lambda x: t(f"jobs.measure.{x}"),
            key="jobs_company_measure",
        )
        or "new_hires"
    )
    table(view.company_tables[measure], measure)

# Local hires -----------------------------------------------------------------------------------------------------
st.subheader(t("jobs.section.local"))
if view.share_by_sector is None or view.local_table is None:
    st.caption(t("jobs.caption.local_not_reported"))
else:
    left, right = st.columns(2)
    with left:
        chart_with_download(specs["local_share"], key="jobs_local_share_chart")
    with right:
        table(view.local_table)

# Top employers --------------------------------------------------------------------------------------------------
st.subheader(view.top_title)
chart_with_download(specs["top"], key="jobs_top_employers_chart")
table(view.top_table)

# Job losses -----------------------------------------------------------------------------------------------------
st.subheader(t("jobs.section.losses", year=year))
st.caption(t("jobs.losses.caption"))
if view.losses_table is None:
    st.success(view.losses_text)
else:
    st.markdown(view.losses_text)
    table(view.losses_table)

# Jobs promised in investment agreements against the headcount (issue #35) ---------------------------------------
plan = ctx.shared_view(agreements_view.jobs_plan_view, ctx.frame("agreements"), jobs, lang)
if plan is not None:
    st.subheader(plan.title)
    st.caption(plan.caption)
    if plan.table.empty:
        st.info(t("agreements.jobs.none"))
    else:
        show_table(
            plan.table,
            key="jobs_agreement_plan",
            contains=("agreements.company", "agreements.planned_jobs", "agreements.hired", "jobs.headcount"),
            sheet_name=t("agreements.sheet.jobs"),
            download_label=t("agreements.download"),
            right_aligned=(t("agreements.col.jobs_gap"),),
            height=300,
        )
